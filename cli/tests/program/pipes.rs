//! The program as pipelines meet it: closed pipes, huge and endless input, stalled
//! producers, and hostile values whose echo must stay small.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{fixture, fixture_path, lines_broken_at};
use crate::{run, stdout};

/// A pipe whose reading end is already closed: writing to it fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

/// Runs the program with `args` and `stdin`, standard output and standard error as
/// given; returns its exit status and what was captured.
fn run_with(args: &[&str], stdin: &[u8], stdout: Stdio, stderr: Stdio) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contract-draft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    std::thread::scope(|scope| {
        // The program may stop reading early; a failed write here is expected then.
        scope.spawn(move || input.write_all(stdin));
        let output = child.wait_with_output().unwrap();
        (output.status.code(), output.stdout, output.stderr)
    })
}

/// With standard error closed, the draft (or the error envelope) still reaches standard
/// output, with the usual status, for notes, messages and the `--jsonl` summary alike.
#[test]
fn a_closed_standard_error_loses_nothing() {
    let no_creator = fixture("bundle.json").replacen(r#""creator": {"#, r#""no_creator": {"#, 1);
    let (status, out, _) = run_with(&["-"], no_creator.as_bytes(), Stdio::piped(), closed_pipe());
    assert_eq!(status, Some(0), "a note is written to standard error first");
    assert!(out.starts_with(b"{\n  \"code\": 0,"));
    let (status, out, _) = run_with(&["-", "--compact"], b"{", Stdio::piped(), closed_pipe());
    assert_eq!(status, Some(1));
    assert!(out.starts_with(r#"{"code":100000,"message":"请求参数错误：不是有效的JSON""#.as_bytes()));
    let lines = lines_broken_at(3, &[2]);
    let (status, out, _) = run_with(&["--jsonl"], lines.as_bytes(), Stdio::piped(), closed_pipe());
    assert_eq!((status, String::from_utf8(out).unwrap().lines().count()), (Some(1), 3));
    let (status, out, _) = run_with(&["--colour"], b"", Stdio::piped(), closed_pipe());
    assert_eq!((status, out.len()), (Some(2), 0));
}

/// Output that cannot be written is exit status 2, whether the input was good or not.
#[test]
fn a_closed_standard_output_is_status_2() {
    let bundle = fixture("bundle.json");
    for (args, input) in [
        (&["-"][..], bundle.as_bytes()),
        (&["-"], b"not json".as_slice()),
        (&["--jsonl"], lines_broken_at(500, &[]).as_bytes()),
        (&["--jsonl"], lines_broken_at(500, &[3]).as_bytes()),
        (&["--jsonl", "-j", "2"], lines_broken_at(500, &[3]).as_bytes()),
        (&["receivables", "-"], br#"{"total_amount": "1"}"#.as_slice()),
        (&["--help"], b"".as_slice()),
    ] {
        let (status, _, stderr) = run_with(args, input, closed_pipe(), Stdio::piped());
        assert_eq!(status, Some(2), "{args:?}: {}", String::from_utf8_lossy(&stderr));
        assert!(!String::from_utf8_lossy(&stderr).contains("panicked"), "{args:?}");
    }
}

/// The peak resident memory of a running process, in KiB (Linux).
fn peak_memory_kib(child: &Child) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The program with `args`, its standard input and output piped, standard error ignored.
fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_contract-draft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A 200 MB line between good ones gets one `input_too_large` envelope, is skipped
/// without being held, and the lines after it convert; memory stays far below the line.
#[test]
fn a_line_over_the_limit_gets_its_envelope_and_the_stream_goes_on() {
    let mut child = spawn(&["--jsonl", "--jobs", "2", "--max-line-bytes", "1048576"]);
    let mut input = child.stdin.take().unwrap();
    let good = lines_broken_at(1, &[]);
    input.write_all(good.as_bytes()).unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..200 {
        input.write_all(&chunk).unwrap();
    }
    input.write_all(b"\n").unwrap();
    input.write_all(good.as_bytes()).unwrap();
    input.flush().unwrap();
    // The third envelope comes out while the input stays open (see the flush test).
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..3 {
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        lines.push(line);
    }
    let peak = peak_memory_kib(&child);
    drop(input);
    assert_eq!(child.wait().unwrap().code(), Some(1));
    assert!(lines[0].starts_with(r#"{"code":0,"data":{"#));
    assert_eq!(
        lines[1],
        "{\"code\":100000,\"message\":\"请求参数错误：内容超过长度限制\",\"error\":\"invalid_app_error\"}\n"
    );
    assert_eq!(lines[2], lines[0]);
    assert!(peak < 64 * 1024, "peak memory {peak} KiB for a 200 MiB line");
}

/// An endless line (`/dev/zero`) is read in bounded memory: nothing of it is kept past
/// the limit.
#[test]
#[cfg(target_os = "linux")]
fn an_endless_line_is_read_in_bounded_memory() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contract-draft"))
        .args(["--jsonl", "/dev/zero", "--max-line-bytes", "1048576"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let peak = peak_memory_kib(&child);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(peak < 64 * 1024, "peak memory {peak} KiB reading /dev/zero");
}

/// A single bundle over the limit is an `input_too_large` error envelope, status 1.
#[test]
fn a_file_over_the_limit_is_refused() {
    let output = run(
        &["-", "--compact", "--max-line-bytes", "1000", "--language", "en"],
        fixture("bundle.json").as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "{\"code\":100000,\"message\":\"the input is longer than the limit of 1000 bytes\",\"error\":\"invalid_app_error\"}\n"
    );
    // A settings file over the limit is not invalid input but a file the program will not
    // read: status 2, naming it.
    let settings = fixture_path("settings.json");
    let output = run(&["-", "--settings", &settings, "--max-line-bytes", "100"], b"{}");
    assert_eq!((output.status.code(), output.stdout.len()), (Some(2), 0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!("contract-draft: the settings file {settings} is longer than 100 bytes (--max-line-bytes)\n")
    );
    let limit = fixture("bundle.json").len().to_string();
    assert_eq!(
        run(&["-", "--max-line-bytes", &limit], fixture("bundle.json").as_bytes()).status.code(),
        Some(0)
    );
}

/// With a producer that writes a line and waits, the line's envelope appears at once,
/// not when the input ends.
#[test]
fn each_envelope_appears_while_the_producer_waits() {
    for jobs in ["1", "2"] {
        let mut child = spawn(&["--jsonl", "--jobs", jobs]);
        let mut input = child.stdin.take().unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        let (lines, received) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            while output.read_line(&mut line).is_ok_and(|read| read > 0) {
                let _ = lines.send(std::mem::take(&mut line));
            }
        });
        let line = lines_broken_at(1, &[]);
        // Each line arrives with the first bytes of the next: a part of a line must not
        // hold back the whole one before it.
        input.write_all(&line.as_bytes()[..10]).unwrap();
        for number in 1..=3 {
            input.write_all(&line.as_bytes()[10..]).unwrap();
            input.write_all(&line.as_bytes()[..10]).unwrap();
            input.flush().unwrap();
            let line = received.recv_timeout(Duration::from_secs(20));
            assert!(line.is_ok_and(|line| line.starts_with(r#"{"code":0,"#)), "--jobs {jobs}: line {number}");
        }
        input.write_all(&line.as_bytes()[10..]).unwrap();
        drop(input);
        assert_eq!(child.wait().unwrap().code(), Some(0));
    }
}

/// However long a bad value, key or setting, the messages quote at most 64 characters
/// of it, so the error envelope and standard error stay small.
#[test]
fn messages_quote_at_most_64_characters_of_any_input() {
    let huge = "9".repeat(10 << 20);
    let huge_text = "x".repeat(10 << 20);
    let bundle = fixture("bundle.json");
    let cases = [
        bundle.replacen("\"id\": 576543", &format!("\"id\": \"{huge}a\""), 1),
        bundle.replacen("\"2015-09-09\"", &format!("\"{huge_text}\""), 1),
        bundle.replacen("\"2018-01-10 10:09\"", &format!("\"{huge_text}\""), 1),
        bundle.replacen("\"lat\": 0.0", &format!("\"lat\": \"{huge_text}\""), 1),
        bundle.replacen("\"19800.0\"", &format!("\"{huge_text}\""), 1),
        bundle.replacen("\"10%\"", &format!("\"{huge_text}\""), 1),
        bundle.replacen("\"title_pinyin\"", &format!("\"text_asset_{huge_text}\": 1, \"title_pinyin\""), 1),
        bundle.replacen(
            "\"title_pinyin\"",
            &format!("\"{huge_text}\": 1, \"{huge_text}\": 2, \"title_pinyin\""),
            1,
        ),
    ];
    for (index, case) in cases.iter().enumerate() {
        let output = run(&["-", "--compact", "--max-line-bytes", "100000000"], case.as_bytes());
        // An error envelope, or (for the custom key) the draft of the sample and a note.
        let most = if output.status.code() == Some(0) { 8 << 10 } else { 600 };
        assert!(output.stdout.len() < most, "case {index}: {} bytes of output", output.stdout.len());
        assert!(output.stderr.len() < 600, "case {index}: {} bytes on standard error", output.stderr.len());
    }
    let settings_file =
        std::env::temp_dir().join(format!("contract-draft-huge-settings-{}.json", std::process::id()));
    for settings in [
        format!(r#"{{"version": 1, "{huge_text}": 1}}"#),
        format!(r#"{{"version": 1, "contract_fields": [{{"key": "{huge_text}", "kind": "text"}}]}}"#),
        format!(r#"{{"version": 1, "total": "{huge_text}"}}"#),
    ] {
        std::fs::write(&settings_file, settings).unwrap();
        let path = settings_file.to_str().unwrap();
        let output =
            run(&[&fixture_path("bundle.json"), "--settings", path, "--max-line-bytes", "100000000"], b"");
        assert_eq!(output.status.code(), Some(1));
        assert!(
            output.stdout.len() < 600 && output.stderr.len() < 600,
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    std::fs::remove_file(&settings_file).unwrap();
    // Data that looks like the message's own wording is quoted as data, and cut.
    let steering = format!(
        r#"{{"total_amount": "1", "received_payments": [{{"amount": "1", "approve_status": "x, expected {huge_text}"}}]}}"#
    );
    let output = run(&["receivables", "-", "--max-line-bytes", "100000000"], steering.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.len() < 600 && output.stderr.len() < 600,
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let option = format!("--max-line-bytes={}", "9".repeat(5000));
    let output = run(&[&option], b"");
    assert_eq!((output.status.code(), output.stdout.len()), (Some(2), 0));
    assert!(output.stderr.len() < 600, "{} bytes", output.stderr.len());
}

/// Notes are counted past the first 20: as many unmapped custom fields as a record
/// may hold (1 000) give a short report.
#[test]
fn notes_are_capped() {
    let values: String = (0..1000).map(|index| format!(r#""text_asset_{index:x}": "v", "#)).collect();
    let bundle = fixture("bundle.json").replacen("\"title_pinyin\"", &format!("{values}\"title_pinyin\""), 1);
    let output = run(&["-", "--compact", "--settings", &fixture_path("settings.json")], bundle.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 21, "{stderr}");
    assert!(stderr.ends_with("contract-draft: note: and 980 more notes\n"), "{stderr}");
}

/// Reads all of `reader`, for the property below.
fn text(mut reader: impl Read) -> String {
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    text
}

mod mask_property {
    use proptest::prelude::*;

    use super::*;

    /// The longest run of consecutive digits of a number that its mask shows: the last
    /// 4 of a long number (its first 3 are shown apart from them), at most half of a
    /// short one's.
    fn shown_run(digits: usize) -> usize {
        if digits >= 11 { 4 } else { (digits / 2).min(4) }
    }

    /// Runs of `window` consecutive digits of `number`.
    fn windows(number: &str, window: usize) -> Vec<String> {
        let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
        digits.windows(window).map(|run| run.iter().collect()).collect()
    }

    /// Any text's digit runs with separators removed: what a reader of the output could
    /// piece together.
    fn digit_runs(text: &str) -> String {
        text.split(|c: char| !(c.is_ascii_digit() || " -+()".contains(c)))
            .map(|run| run.chars().filter(char::is_ascii_digit).collect::<String>())
            .collect::<Vec<_>>()
            .join("|")
    }

    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            "1[3-9][0-9]{9}",
            "0[1-9][0-9]{1,2}-[2-8][0-9]{6,7}",
            r"\+86 1[3-9][0-9] [0-9]{4} [0-9]{4}",
            "[2-8][0-9]{4,9}",
            r"\(0[1-9][0-9]\) [2-8][0-9]{3}-[0-9]{4}",
        ]
    }

    /// The sample bundle with these numbers in the customer's and its contacts'
    /// addresses and in a custom phone field, hidden by the company's settings.
    fn bundle(numbers: &[String]) -> String {
        let address = |number: &str| {
            format!(
                r#"{{"id": 1, "tel": "{number}", "tel_hidden_result": "{number}", "phone": "{number}", "phone_hidden_result": "{number}"}}"#
            )
        };
        let contacts: Vec<String> = numbers
            .iter()
            .map(|number| format!(r#"{{"id": 2, "name": "联系人", "address": {}}}"#, address(number)))
            .collect();
        let mut bundle: serde_json::Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
        bundle["customer"]["address"] = serde_json::from_str(&address(&numbers[0])).unwrap();
        bundle["customer"]["contacts"] = serde_json::from_str(&format!("[{}]", contacts.join(","))).unwrap();
        bundle["opportunity"]["text_asset_fe0001"] = numbers[0].clone().into();
        serde_json::to_string(&bundle).unwrap()
    }

    const SETTINGS: &str = r#"{"version": 1, "hide_numbers": true,
        "contract_fields": [{"key": "text_asset_ab0001", "kind": "phone"}],
        "field_mapping": [{"from": "text_asset_fe0001", "to": "text_asset_ab0001"}]}"#;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// No run of a hidden number's digits longer than its mask shows appears anywhere
        /// the program writes, unless the same run is in the output without the number
        /// (a digit run of the sample's own ids and dates).
        #[test]
        fn no_hidden_number_survives_in_the_output(numbers in proptest::collection::vec(number(), 1..4)) {
            let settings = std::env::temp_dir().join(format!("contract-draft-mask-{}.json", std::process::id()));
            std::fs::write(&settings, SETTINGS).unwrap();
            let settings = settings.to_str().unwrap().to_owned();
            let shipped = |bundle: &str| {
                let output = run(&["-", "--compact", "--settings", &settings], bundle.as_bytes());
                (output.status.code(), format!("{}{}", text(&output.stdout[..]), text(&output.stderr[..])))
            };
            let (status, written) = shipped(&bundle(&numbers));
            prop_assert_eq!(status, Some(0));
            let baseline = digit_runs(&shipped(&bundle(&vec![String::new(); numbers.len()])).1);
            let written = digit_runs(&written);
            for (index, number) in numbers.iter().enumerate() {
                // What the other numbers' masks show may hold the same run by chance
                // ("861" of 28610 in "+86 13…").
                let others: Vec<String> = numbers.iter().enumerate()
                    .filter(|&(other, _)| other != index)
                    .map(|(_, other)| digit_runs(&contract_draft::mask_number(other)))
                    .collect();
                let digits = number.chars().filter(char::is_ascii_digit).count();
                for window in windows(number, shown_run(digits) + 1) {
                    let by_chance = baseline.contains(&window) || others.iter().any(|shown| shown.contains(&window));
                    prop_assert!(!written.contains(&window) || by_chance, "{} shows {}", number, window);
                }
            }
            // Sent as a JSON number, a hidden number is refused without being quoted.
            let digits: String = numbers[0].chars().filter(char::is_ascii_digit).collect();
            let as_number = fixture("bundle.json").replacen(r#""phone": "","#, &format!(r#""phone": {digits}.0,"#), 1);
            let (status, refused) = shipped(&as_number);
            prop_assert_eq!(status, Some(1));
            prop_assert!(!refused.contains(&digits), "{}", refused);
        }
    }
}

/// A hostile option or file name reaches standard error as visible text, never as a
/// terminal command (ESC, BEL, C1 controls and bidi overrides are escapes there).
#[test]
fn hostile_arguments_reach_standard_error_as_text() {
    for args in [
        vec!["--x\u{1b}]0;pwned\u{7}"],
        vec!["/nonexistent/\u{1b}[2J\u{202e}file"],
        vec!["submit", "/nonexistent/\u{9b}31m"],
    ] {
        let output = crate::run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!stderr.is_empty());
        let hostile = |c: char| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(!stderr.chars().any(hostile), "{args:?}: {stderr:?}");
        assert!(stderr.contains(r"\u{"), "{stderr:?}");
    }
}

/// A file name is quoted as any input is: at most 64 characters of it.
#[test]
fn a_long_file_name_is_quoted_in_part() {
    let long = format!("/nonexistent/{}", "X".repeat(100_000));
    for args in [vec![long.as_str()], vec!["submit", long.as_str()], vec!["--settings", long.as_str(), "-"]] {
        let output = crate::run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.len() < 300, "{} bytes: {}", stderr.len(), &stderr[..200]);
        assert!(stderr.contains(&format!("{}…", &long[..64])), "{stderr}");
    }
}

/// A usage error quotes an argument as any input is quoted: at most 64 characters.
#[test]
fn usage_errors_quote_arguments_in_part() {
    let long = "X".repeat(300);
    for args in [
        vec!["--language".to_owned(), long.clone()],
        vec![format!("--{long}")],
        vec![format!("--jobs={long}")],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = crate::run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!stderr.contains(&"X".repeat(65)), "{stderr}");
        assert!(stderr.contains(&format!("{}…", "X".repeat(60))), "{stderr}");
    }
}
