//! The program's tests, one binary: `contract-draft` spawned as pipelines and people run
//! it, its exit status and the exact bytes it writes asserted.

// Ids and amounts are written as the documented sample writes them.
#![allow(clippy::unreadable_literal)]
// Test inputs are built for clarity, not speed.
#![allow(clippy::format_collect)]

mod convert;
mod jsonl;
mod pipes;
mod plans;
mod receivables;
mod submit;

#[path = "../../../tests/shared/bad_input_cases.rs"]
mod bad_input_cases;
#[path = "../../../tests/shared/support.rs"]
mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `contract-draft` with `args`, feeding `stdin`.
pub(crate) fn run(args: &[&str], stdin: &[u8]) -> Output {
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

/// Standard output as text.
pub(crate) fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}
