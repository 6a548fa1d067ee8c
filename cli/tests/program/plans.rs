//! `contract-draft plans`.

use crate::run;

#[test]
fn the_subcommand_prints_the_schedule_html_safe_and_compact() {
    let input = br#"{"total_amount": "100", "start": "2026-01-31", "today": "2026-02-28",
        "terms": {"equal": 3, "every_months": 1}}"#;
    let output = run(&["plans", "-", "--compact"], input);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with(
            r#"{"code":0,"data":{"received_payment_plans":[{"id":null,"title":"第1期回款计划","#
        ),
        "{text}"
    );
    assert!(text.contains(r#""amount":"33.34","note":"","receive_date":"2026-01-31""#), "{text}");
    assert!(text.contains(r#""receive_date":"2026-02-28","received_types":"0","paid_up":false,"received_amount":"0.0","received_types_mapped":"","invoice_amount":"0.0","status":"due_today","status_i18n":"今日到期""#), "{text}");
    assert!(text.ends_with("\"total_count\":3}}\n"), "{text}");
}

#[test]
fn a_refused_request_exits_1_with_the_error_envelope() {
    let input = br#"{"total_amount": "100", "start": "2026-01-31", "terms": [{"percent": "30"}]}"#;
    let output = run(&["plans", "-", "--language", "en"], input);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "{\n  \"code\": 100000,\n  \"message\": \"terms: percentages need a last term with \\\"balance\\\": true\",\n  \"error\": \"invalid_app_error\"\n}\n"
    );
    let output = run(&["plans"], b"");
    assert_eq!(output.status.code(), Some(2), "the request is required");
}
