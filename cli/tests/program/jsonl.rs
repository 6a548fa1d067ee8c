//! `--jsonl`: one envelope per input line, in input order, whatever the number of jobs.

use crate::run;
use crate::support::{fixture, lines_broken_at, lines_every_seventh_broken, raw_at};

#[test]
fn each_line_gets_its_envelope_in_order() {
    let output = run(&["--jsonl"], lines_every_seventh_broken(500).as_bytes());
    assert_eq!(output.status.code(), Some(1), "some lines failed");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let envelopes: Vec<&str> = stdout.lines().collect();
    assert_eq!(envelopes.len(), 500);
    for (index, envelope) in envelopes.iter().enumerate() {
        let number = index + 1;
        if number % 7 == 0 {
            assert_eq!(
                *envelope,
                r#"{"code":100000,"message":"opportunity.id参数错误：不能为空","error":"invalid_app_error"}"#,
                "line {number}"
            );
        } else {
            assert!(envelope.starts_with(r#"{"code":0,"data":{"#), "line {number}");
            assert_eq!(raw_at(envelope, "/data/title"), format!("\"line {number}\""));
        }
    }
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "contract-draft: 429 converted, 71 failed (the first at line 7)\n",
        "a summary and no progress display: standard error is not a terminal here"
    );
}

#[test]
fn any_number_of_jobs_gives_the_same_output() {
    let input = lines_every_seventh_broken(1000);
    let one = run(&["--jsonl", "--jobs", "1"], input.as_bytes());
    for jobs in ["2", "3", "8"] {
        let many = run(&["--jsonl", "--jobs", jobs, "-"], input.as_bytes());
        assert_eq!(many.stdout, one.stdout, "--jobs {jobs}");
        assert_eq!(many.status.code(), Some(1));
    }
}

#[test]
fn all_good_lines_exit_0_and_blank_lines_are_errors() {
    let sample = fixture("bundle.json").replace('\n', "");
    let good = run(&["--jsonl", "--no-html-escape"], format!("{sample}\r\n{sample}").as_bytes());
    assert_eq!(good.status.code(), Some(0));
    assert_eq!(String::from_utf8(good.stdout).unwrap().lines().count(), 2);
    let blank = run(&["--jsonl"], format!("{sample}\n\n{sample}\n").as_bytes());
    assert_eq!(blank.status.code(), Some(1));
    let stdout = String::from_utf8(blank.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with(r#"{"code":100000,"message":"请求参数错误：不是有效的JSON""#)
    );
    let empty = run(&["--jsonl"], b"");
    assert_eq!((empty.status.code(), empty.stdout.len()), (Some(0), 0));
}

#[test]
fn a_line_of_invalid_utf8_fails_alone() {
    let sample = fixture("bundle.json").replace('\n', "");
    let mut input = format!("{sample}\n").into_bytes();
    input.extend_from_slice(&sample.as_bytes()[..40]);
    input.extend_from_slice(b"\xff\xfe\"}\n");
    input.extend_from_slice(format!("{sample}\n").as_bytes());
    let output = run(&["--jsonl", "--jobs", "2"], &input);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let codes: Vec<String> = stdout.lines().map(|line| raw_at(line, "/code")).collect();
    assert_eq!(codes, ["0", "100000", "0"]);
}

#[test]
fn an_unreadable_input_is_exit_status_2() {
    let output = run(&["--jsonl", env!("CARGO_MANIFEST_DIR")], b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("contract-draft: cannot read "), "{stderr}");
}

#[test]
fn no_html_escape_applies_to_json_lines() {
    let sample = fixture("bundle.json").replace('\n', "").replacen("CRM集团版", "<b>A & B</b>\u{2028}", 1);
    let input = format!("{sample}\n");
    let raw = run(&["--jsonl", "--no-html-escape"], input.as_bytes());
    assert!(String::from_utf8(raw.stdout).unwrap().contains("\"title\":\"<b>A & B</b>\u{2028}\""));
    let safe = run(&["--jsonl"], input.as_bytes());
    let safe = String::from_utf8(safe.stdout).unwrap();
    assert!(safe.contains(r#""title":"\u003cb\u003eA \u0026 B\u003c/b\u003e\u2028""#), "{safe}");
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_skipped() {
    let input = format!("\u{feff}{}", lines_broken_at(2, &[]));
    let output = run(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    // Each line is a bundle, so a mark before any line is skipped; within one, it is not JSON.
    let input = format!("{}\u{feff}{}", lines_broken_at(1, &[]), lines_broken_at(1, &[]));
    assert_eq!(run(&["--jsonl"], input.as_bytes()).status.code(), Some(0));
    let input = "{\u{feff}\"opportunity\": {}}\n";
    assert_eq!(run(&["--jsonl"], input.as_bytes()).status.code(), Some(1));
}

/// The summary names the first failed line by its place in the stream (300, past the
/// first batch of at most 256 lines), not in its batch.
#[test]
fn the_summary_names_the_first_failed_line_of_the_stream() {
    let input = lines_broken_at(700, &[300, 650]);
    for jobs in ["1", "2"] {
        let output = run(&["--jsonl", "--jobs", jobs], input.as_bytes());
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            "contract-draft: 698 converted, 2 failed (the first at line 300)\n"
        );
    }
}
