//! Bad input through the library: each case's kind, path and message.

use contract_draft::{Converter, ErrorKind};
use serde_json::json;

use crate::bad_input_cases::{cases, change};

#[test]
fn every_bad_input_gives_its_kind_and_path() {
    let converter = Converter::default();
    for case in cases() {
        let error = converter.convert_json(&case.input).expect_err(case.name);
        assert_eq!((error.kind(), error.path()), (case.kind, case.path), "{}: {error}", case.name);
        assert!(error.to_string().starts_with(case.path), "{}: {error}", case.name);
    }
}

#[test]
fn every_error_kind_of_the_input_is_covered() {
    let covered: std::collections::HashSet<_> = cases().iter().map(|case| case.kind).collect();
    // Settings and input sizes have their own tests (`company::settings_are_checked_on_load`,
    // `jsonl::a_line_over_the_limit_gets_its_envelope_and_the_stream_goes_on`); every other
    // kind must have a case.
    for &kind in ErrorKind::ALL {
        if !matches!(kind, ErrorKind::InvalidSettings | ErrorKind::InputTooLarge) {
            assert!(covered.contains(&kind), "no case for {kind}");
        }
    }
}

#[test]
fn messages_name_the_field_and_the_problem() {
    let converter = Converter::default();
    let message = |input: Vec<u8>| converter.convert_json(&input).unwrap_err().to_string();
    assert_eq!(
        message(change("/opportunity/expect_sign_date", json!("2015-02-30"))),
        r#"opportunity.expect_sign_date: "2015-02-30" is not a day of the calendar"#
    );
    assert_eq!(
        message(change("/opportunity/expect_amount", json!("0.1234567"))),
        "opportunity.expect_amount: the amount has more than 6 fractional digits (the stored precision)"
    );
    assert_eq!(
        message(change("/customer/id", json!(1))),
        "customer.id: customer 1 is not the opportunity's customer (23481906)"
    );
    assert_eq!(
        message(change("/opportunity/id", json!(true))),
        "opportunity.id: is a boolean, expected a record id (a non-negative integer)"
    );
}
