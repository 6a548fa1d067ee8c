//! The command-line program, run as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::support::fixture;

fn fixture_path(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `contract-draft` with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contract-draft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let mut input = child.stdin.take().unwrap();
    // Feed standard input from another thread, so that a child writing much output
    // before it has read all its input cannot block on a full pipe.
    std::thread::scope(|scope| {
        scope.spawn(move || input.write_all(stdin));
        child.wait_with_output().unwrap()
    })
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

#[test]
fn without_arguments_it_prints_the_documented_response() {
    let output = run(&[], b"");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), fixture("response.json"));
    assert!(output.stderr.is_empty());
}

#[test]
fn the_sample_bundle_with_the_sample_settings_gives_the_same() {
    let output = run(&[&fixture_path("bundle.json"), "--settings", &fixture_path("settings.json")], b"");
    assert_eq!(stdout(&output), fixture("response.json"));
    let compact = run(
        &["-", "--compact", "--settings", &fixture_path("settings.json")],
        fixture("bundle.json").as_bytes(),
    );
    assert_eq!(stdout(&compact), fixture("response.compact.json"));
}

#[test]
fn without_settings_there_are_no_custom_fields() {
    let output = run(&[&fixture_path("bundle.json"), "--compact"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).ends_with("\"custom_field_template\":{}}}\n"));
}

#[test]
fn invalid_input_prints_the_error_envelope_and_exits_1() {
    let output = run(&["-", "--compact"], br#"{"opportunity": {"id": 1}}"#);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "{\"code\":100000,\"message\":\"opportunity.title: is required\",\"error\":\"invalid_app_error\"}\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "contract-draft: opportunity.title: is required\n");
}

#[test]
fn invalid_settings_are_their_own_error() {
    let settings =
        std::env::temp_dir().join(format!("contract-draft-bad-settings-{}.json", std::process::id()));
    std::fs::write(&settings, r#"{"version": 9}"#).unwrap();
    let output =
        run(&[&fixture_path("bundle.json"), "--compact", "--settings", settings.to_str().unwrap()], b"");
    std::fs::remove_file(&settings).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with(r#"{"code":190001,"message":"version: version 9 is not supported"#));
}

#[test]
fn wrong_usage_exits_2_with_help() {
    for args in [&["--colour"][..], &["a.json", "b.json"], &["--settings"]] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).contains("Usage: contract-draft"));
    }
    let missing = run(&["/nonexistent/bundle.json"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/bundle.json"));
}

#[test]
fn help_and_version() {
    assert!(stdout(&run(&["--help"], b"")).starts_with("Usage: contract-draft"));
    assert_eq!(stdout(&run(&["-V"], b"")), format!("contract-draft {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn every_bad_input_gives_the_error_envelope_a_message_and_status_1() {
    use contract_draft::{Converter, ErrorEnvelope, JsonStyle, Layout};
    for case in crate::bad_input::cases() {
        let output = run(&["-", "--compact"], &case.input);
        assert_eq!(output.status.code(), Some(1), "{}", case.name);
        // The library's error, in the program's encoding (compact, HTML-safe).
        let error = Converter::default().convert_json(&case.input).unwrap_err();
        let mut envelope = Vec::new();
        JsonStyle { layout: Layout::Compact, html_safe: true }
            .write(&mut envelope, &ErrorEnvelope::from(&error))
            .unwrap();
        envelope.push(b'\n');
        assert_eq!(stdout(&output), String::from_utf8(envelope).unwrap(), "{}", case.name);
        let code = format!(r#"{{"code":{},"message":"{}"#, case.kind.code(), case.path);
        assert!(stdout(&output).starts_with(&code), "{}: {}", case.name, stdout(&output));
        assert!(stdout(&output).ends_with(&format!("\",\"error\":\"{}\"}}\n", case.kind.error_key())));
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            format!("contract-draft: {error}\n"),
            "{}",
            case.name
        );
    }
}

#[test]
fn output_is_html_safe_unless_asked_otherwise() {
    let bundle = fixture("bundle.json").replace("CRM集团版", "<script>alert('x & y')</script>\u{2028}");
    let safe = run(&["-", "--compact"], bundle.as_bytes());
    let text = stdout(&safe);
    assert!(
        text.contains(r#""title":"\u003cscript\u003ealert('x \u0026 y')\u003c/script\u003e\u2028""#),
        "{text}"
    );
    assert!(!text.contains('<') && !text.contains('&') && !text.contains('\u{2028}'));
    let raw = run(&["-", "--compact", "--no-html-escape"], bundle.as_bytes());
    assert!(stdout(&raw).contains("\"title\":\"<script>alert('x & y')</script>\u{2028}\""));
}

#[test]
fn a_record_without_company_evidence_converts_with_a_note() {
    let bundle = fixture("bundle.json").replacen(r#""creator": {"#, r#""no_creator": {"#, 1);
    let output = run(&["-", "--compact"], bundle.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "contract-draft: note: opportunity: neither a creator nor an organization_id shows its company; taken to be the user's\n"
    );
}

#[test]
fn a_byte_order_mark_before_a_settings_file_is_skipped() {
    let settings =
        std::env::temp_dir().join(format!("contract-draft-bom-settings-{}.json", std::process::id()));
    std::fs::write(&settings, [b"\xEF\xBB\xBF".as_slice(), fixture("settings.json").as_bytes()].concat())
        .unwrap();
    let output = run(&[&fixture_path("bundle.json"), "--settings", settings.to_str().unwrap()], b"");
    std::fs::remove_file(&settings).unwrap();
    assert_eq!(stdout(&output), fixture("response.json"));
}
