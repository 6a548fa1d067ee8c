//! The command-line program, run as a user runs it.

use crate::support::{compact, fixture, fixture_path};
use crate::{run, stdout};

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
        "{\"code\":100000,\"message\":\"opportunity.title参数错误：不能为空\",\"error\":\"invalid_app_error\"}\n"
    );
    // Standard error is for the person at the terminal or the log: English, always.
    assert_eq!(String::from_utf8_lossy(&output.stderr), "contract-draft: opportunity.title: is required\n");
    let output = run(&["-", "--compact", "--language", "en"], br#"{"opportunity": {"id": 1}}"#);
    assert_eq!(
        stdout(&output),
        "{\"code\":100000,\"message\":\"opportunity.title: is required\",\"error\":\"invalid_app_error\"}\n"
    );
}

#[test]
fn invalid_settings_are_their_own_error() {
    let settings =
        std::env::temp_dir().join(format!("contract-draft-bad-settings-{}.json", std::process::id()));
    std::fs::write(&settings, r#"{"version": 9}"#).unwrap();
    let output = run(
        &[
            &fixture_path("bundle.json"),
            "--compact",
            "--language=en",
            "--settings",
            settings.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with(r#"{"code":190001,"message":"version: version 9 is not supported"#));
    // With --jsonl no envelope could stand for every line: status 2, nothing on stdout.
    let lines = format!("{}\n{}\n", compact(&fixture("bundle.json")), compact(&fixture("bundle.json")));
    let output = run(&["--jsonl", "--settings", settings.to_str().unwrap()], lines.as_bytes());
    std::fs::remove_file(&settings).unwrap();
    assert_eq!((output.status.code(), stdout(&output)), (Some(2), ""));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "contract-draft: invalid settings: version: version 9 is not supported (this crate reads version 1)\n"
    );
}

#[test]
fn wrong_usage_exits_2_with_a_message() {
    for (args, message) in [
        (&["--colour"][..], "error: unexpected argument '--colour' found"),
        (&["a.json", "b.json"], "error: give at most one FILE (or - for standard input)"),
        (&["--settings"], "error: a value is required for '--settings <FILE>' but none was supplied"),
        (
            &["--jsnl"],
            "error: unexpected argument '--jsnl' found\n\n  tip: a similar argument exists: '--jsonl'",
        ),
        (
            &["--jsonl", "--jobs", "18446744073709551615"],
            "error: invalid value '18446744073709551615' for '--jobs <N>'",
        ),
        (
            &["--jsonl", "--jobs", "100000000"],
            "error: invalid value '100000000' for '--jobs <N>': 100000000 is not in 1..=256",
        ),
        (&["--max-line-bytes", "0"], "error: invalid value '0' for '--max-line-bytes <N>'"),
        (
            &["--compact", "receivables", "x"],
            "error: options go after the subcommand: contract-draft receivables",
        ),
    ] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with(message), "{args:?}: {stderr}");
    }
    let missing = run(&["/nonexistent/bundle.json"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/bundle.json"));
}

#[test]
fn help_and_version() {
    let help = run(&["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains(
        "Usage: contract-draft [OPTIONS] [FILE|-]\n       contract-draft --jsonl [OPTIONS] [FILE|-]\n"
    ));
    assert!(stdout(&help).contains("  -j, --jobs <N>"));
    assert_eq!(stdout(&run(&["-V"], b"")), format!("contract-draft {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn every_bad_input_gives_the_error_envelope_a_message_and_status_1() {
    use contract_draft::{Converter, ErrorEnvelope, JsonStyle, Layout};
    for case in crate::bad_input_cases::cases() {
        let output = run(&["-", "--compact"], &case.input);
        assert_eq!(output.status.code(), Some(1), "{}", case.name);
        // The library's error, in the program's encoding (compact, HTML-safe).
        let error = Converter::default().convert_json(&case.input).unwrap_err();
        let mut envelope = Vec::new();
        JsonStyle::new(Layout::Compact, true).write(&mut envelope, &ErrorEnvelope::from(&error)).unwrap();
        envelope.push(b'\n');
        assert_eq!(stdout(&output), String::from_utf8(envelope).unwrap(), "{}", case.name);
        assert!(error.to_string().starts_with(case.path), "{}: {error}", case.name);
        let code = format!(r#"{{"code":{},"message":""#, case.kind.code());
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

/// `--settings -` reads the settings from standard input, when the bundle comes from a
/// file; both from standard input is wrong usage.
#[test]
fn settings_may_come_from_standard_input() {
    let settings = crate::support::fixture("settings.json");
    let from_stdin =
        run(&[&fixture_path("bundle.json"), "--settings", "-", "--compact"], settings.as_bytes());
    let from_file =
        run(&[&fixture_path("bundle.json"), "--settings", &fixture_path("settings.json"), "--compact"], b"");
    assert_eq!(from_stdin.status.code(), Some(0));
    assert_eq!(stdout(&from_stdin), stdout(&from_file));
    for args in [
        vec!["-", "--settings", "-"],
        vec!["--jsonl", "--settings", "-"],
        vec!["submit", "--settings", "-", "-"],
    ] {
        let output = run(&args, settings.as_bytes());
        assert_eq!((output.status.code(), stdout(&output)), (Some(2), ""), "{args:?}");
        assert!(
            String::from_utf8(output.stderr).unwrap().contains("cannot both be standard input"),
            "{args:?}"
        );
    }
}
