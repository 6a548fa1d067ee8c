//! The program as its README runs it: `token` prints a token for a user of a database
//! it creates and seeds; `serve` answers with it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::support::{Database, authorization};

const PROGRAM: &str = env!("CARGO_BIN_EXE_contract-draft-service");

/// A running `serve`, killed when dropped.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_token_made_by_the_program_opens_the_sample() {
    let database = Database::new();
    let made = Command::new(PROGRAM)
        .args(["token", "--user", "364513", "--database"])
        .arg(&database.path)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let token = String::from_utf8(made.stdout).unwrap();
    let token = token.strip_suffix('\n').unwrap();
    assert_eq!(token.len(), 64);

    let mut child = Command::new(PROGRAM)
        .args(["serve", "--listen", "127.0.0.1:0", "--database"])
        .arg(&database.path)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let serving = Serving(child);
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let address = line
        .trim_end()
        .strip_prefix("contract-draft-service: listening on http://")
        .unwrap_or_else(|| panic!("{line}"));

    let reply = crate::support::request(
        address.parse().unwrap(),
        "GET",
        "/api/v2/contracts/new_from_opportunity?opportunity_id=576543",
        Some(&authorization(token)),
        b"",
    );
    let documented = include_str!("../../../fixtures/response.compact.json").trim_end();
    assert_eq!((reply.status, reply.body.as_str()), (200, documented));
    drop(serving);
}

#[test]
fn a_token_for_no_such_user_is_refused() {
    let database = Database::new();
    let made = Command::new(PROGRAM)
        .args(["token", "--user", "1", "--database"])
        .arg(&database.path)
        .output()
        .unwrap();
    assert_eq!(made.status.code(), Some(1));
    assert!(made.stdout.is_empty());
    let stderr = String::from_utf8(made.stderr).unwrap();
    assert!(
        stderr.starts_with("contract-draft-service: ") && stderr.ends_with(" has no user 1\n"),
        "{stderr}"
    );
}

#[test]
fn the_service_needs_its_options() {
    let made = Command::new(PROGRAM).args(["serve", "--listen", "nowhere"]).output().unwrap();
    assert_eq!(made.status.code(), Some(2));
    let stderr = String::from_utf8(made.stderr).unwrap();
    assert!(stderr.contains("invalid value 'nowhere' for '--listen <ADDR>'"), "{stderr}");
}
