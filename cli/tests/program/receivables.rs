//! `contract-draft receivables`.

use crate::run;

#[test]
fn the_subcommand_prints_the_contract_detail_encodings() {
    let input =
        br#"{"total_amount": 200000, "received_payment_plans": [{"amount": "120000"}, {"amount": 80000.0}],
        "received_payments": [{"amount": "1000.0", "approve_status": "approved"},
                              {"amount": "2500.5", "approve_status": "applying"},
                              {"amount": "9.0", "approve_status": "rejected"}]}"#;
    let output = run(&["receivables", "-", "--compact"], input);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        concat!(
            r#"{"code":0,"data":{"received_payments_plan_count":2,"received_payments_plan_amount":"200000.0","#,
            r#""received_payments_amount":"1000.0","unreceived_amount":199000.0,"#,
            r#""unchecking_payments_amount":197499.5,"checking_payments_amount":"2500.5"}}"#,
            "\n"
        )
    );
}

#[test]
fn large_and_negative_differences_are_written_as_ruby_writes_them() {
    let input = br#"{"total_amount": 1, "received_payment_plans": null,
        "received_payments": [{"amount": "1000000000000001", "approve_status": "approved"},
                              {"amount": 0.0001, "approve_status": "applying"}]}"#;
    let output = run(&["receivables", "-", "--compact"], input);
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        concat!(
            r#"{"code":0,"data":{"received_payments_plan_count":0,"received_payments_plan_amount":"0.0","#,
            r#""received_payments_amount":"1000000000000001.0","unreceived_amount":-1.0e+15,"#,
            r#""unchecking_payments_amount":0.9999,"checking_payments_amount":"0.0001"}}"#,
            "\n"
        )
    );
}

#[test]
fn the_subcommand_refuses_bad_input_with_the_error_envelope() {
    let output = run(
        &["receivables", "-", "--compact", "--language", "en"],
        br#"{"total_amount": "1", "received_payments": [{"amount": "5", "approve_status": "paid"}]}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    let envelope = String::from_utf8(output.stdout).unwrap();
    assert!(
        envelope.starts_with(
            r#"{"code":100000,"message":"received_payments[0].approve_status: \"paid\" is not one of draft, applying, approved, rejected""#
        ),
        "{envelope}"
    );
    let output = run(&["receivables", "-"], br#"{"total_amount": "-1"}"#);
    assert_eq!(output.status.code(), Some(1));
}
