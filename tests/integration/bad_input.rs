//! Bad input through the library: each case's kind, path and message.

use contract_draft::{Converter, ErrorKind};
use serde_json::json;

use crate::bad_input_cases::{cases, change};
use crate::support::fixture;

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
    // `jsonl::a_line_over_the_limit_gets_its_envelope_and_the_stream_goes_on`), and so do
    // the kinds a service or a request check makes (`request`, `envelopes`); every other
    // kind must have a case.
    for &kind in ErrorKind::ALL {
        let elsewhere = [
            ErrorKind::InvalidSettings,
            ErrorKind::InputTooLarge,
            ErrorKind::InvalidParameter,
            ErrorKind::Unauthenticated,
            ErrorKind::NotFound,
            ErrorKind::Duplicate,
            ErrorKind::ServiceFailure,
        ];
        if !elsewhere.contains(&kind) {
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
        "opportunity.id: is a boolean, expected a record id (an integer from 0 to 9223372036854775807)"
    );
}

/// Messages say what was expected in the API's words: never a Rust type name, and never
/// the value of a field of the wrong type.
#[test]
fn messages_use_the_apis_words() {
    let converter = Converter::default();
    let message = |input: Vec<u8>| converter.convert_json(&input).unwrap_err().to_string();
    for (input, expected) in [
        (
            change("/opportunity/customer_id", json!(-5)),
            "opportunity.customer_id: -5 is not a record id (an integer from 0 to 9223372036854775807)",
        ),
        (
            change("/opportunity/customer_id", json!(1.5)),
            "opportunity.customer_id: is a number, expected a record id (an integer from 0 to 9223372036854775807)",
        ),
        (
            change("/opportunity/id", json!(null)),
            "opportunity.id: is null, but a record id (an integer from 0 to 9223372036854775807) is required",
        ),
        (
            change("/opportunity/expect_amount", json!(null)),
            "opportunity.expect_amount: is null, but an amount (a decimal string or a number) is required",
        ),
        (
            change("/opportunity/expect_amount", json!([1])),
            "opportunity.expect_amount: is a list, expected an amount (a decimal string or a number)",
        ),
        (change("/customer", json!([])), "customer: is a list, expected a record"),
        (change("/opportunity/title", json!(null)), "opportunity.title: is null, but a string is required"),
        (change("/user/name", json!(null)), "user.name: is null, but a string is required"),
        (change("/opportunity", json!("x")), "opportunity: is a string, expected an opportunity (a record)"),
        (
            change("/opportunity/customer_id", json!(9_223_372_036_854_775_808_u64)),
            "opportunity.customer_id: 9223372036854775808 is not a record id (an integer from 0 to 9223372036854775807)",
        ),
        (
            change("/user/id", json!("9223372036854775808")),
            "user.id: \"9223372036854775808\" is not a record id (an integer from 0 to 9223372036854775807)",
        ),
        (
            change("/user/organization_id", json!("49x")),
            "user.organization_id: \"49x\" is not a record id (an integer from 0 to 9223372036854775807)",
        ),
        (change("/customer/contacts", json!({})), "customer.contacts: is a record, expected a list"),
        (change("/customer/is_own", json!("yes")), "customer.is_own: is a string, expected true or false"),
        (
            change("/opportunity/sign_possibility", json!("101%")),
            "opportunity.sign_possibility: 101% is above 100%",
        ),
        (change("/opportunity/sign_possibility", json!(-3)), "opportunity.sign_possibility: -3% is below 0%"),
        (
            change("/opportunity/sign_possibility", json!("ten")),
            "opportunity.sign_possibility: \"ten\" is not a percentage (\"10%\" or 10)",
        ),
        (
            change("/customer/revisit_at", json!("2019-02-25T13:30:28+24:00")),
            "customer.revisit_at: \"2019-02-25T13:30:28+24:00\" has an offset out of range (from -23:59 to +23:59)",
        ),
        (
            change("/customer/address/lat", json!("north")),
            "customer.address.lat: \"north\" is not a coordinate (a number)",
        ),
    ] {
        assert_eq!(message(input), expected);
    }
}

/// Keys that are not read are skipped unread under every record, so their depth or
/// content never matters: 300 levels of nesting or a lone surrogate are ignored alike.
#[test]
fn unknown_keys_are_ignored_alike_under_every_record() {
    let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    let bundle = crate::support::fixture("bundle.json");
    for record in ["opportunity", "customer", "user"] {
        for extra in [deep.as_str(), r#""\ud800""#, r#"{"a": {"b": [null, "\udfff"]}}"#] {
            let input = bundle.replacen(
                &format!("\"{record}\": {{"),
                &format!("\"{record}\": {{\"extra_key\": {extra}, "),
                1,
            );
            assert!(
                Converter::default().convert_json(input.as_bytes()).is_ok(),
                "{record}: {}",
                &extra[..extra.len().min(20)]
            );
        }
    }
}

/// A record is a JSON object: serde's derived readers would take a list too, its items
/// by position, which no endpoint sends.
#[test]
fn records_written_as_lists_are_refused() {
    let converter = Converter::default();
    let bundle = crate::support::fixture("bundle.json");
    for (input, path) in [
        (
            bundle.replacen(r#""user": {"#, r#""user": [364513, "e@x", null, "Bob", 49], "no_user": {"#, 1),
            "user",
        ),
        (bundle.replacen(r#""contacts": ["#, r#""contacts": [[6123784, "c"], "#, 1), "customer.contacts[0]"),
        ("[{}, {}, {}]".to_owned(), ""),
    ] {
        let error = converter.convert_json(input.as_bytes()).unwrap_err();
        assert_eq!((error.kind(), error.path()), (ErrorKind::WrongType, path), "{error}");
    }
    let error = contract_draft::receivables::ContractPayments::from_json(b"[1]").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::WrongType);
    let error = contract_draft::CompanySettings::from_json(b"[1]").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidSettings);
}

/// Each record reads on its own, with errors as a bundle's (kind and path), and plain
/// serde shows the kind's name, never a control character.
#[test]
fn records_read_on_their_own() {
    let opportunity = contract_draft::Opportunity::from_json(fixture("opportunity.json").as_bytes()).unwrap();
    assert_eq!(opportunity.title, "CRM集团版");
    assert_eq!(
        contract_draft::Customer::from_json(fixture("customer.json").as_bytes()).unwrap().id,
        23481906
    );
    assert_eq!(contract_draft::User::from_json(fixture("user.json").as_bytes()).unwrap().organization_id, 49);
    let error = contract_draft::Opportunity::from_json(br#"{"id": 1, "expect_amount": "-1"}"#).unwrap_err();
    assert_eq!(
        (error.kind(), error.path(), error.detail()),
        (ErrorKind::InvalidAmount, "expect_amount", "the amount is negative")
    );
    let error = contract_draft::User::from_json(b"[1]").unwrap_err();
    assert_eq!(
        (error.kind(), error.to_string()),
        (ErrorKind::WrongType, "is a list, expected a record".into())
    );
    let plain = serde_json::from_str::<contract_draft::Opportunity>(r#"{"id": 1, "expect_amount": "-1"}"#);
    assert_eq!(plain.unwrap_err().to_string(), "invalid_amount: the amount is negative at line 1 column 32");
}

/// A service's own errors: built with a path, or given one after the fact.
#[test]
fn errors_can_be_made_and_placed_by_a_service() {
    use contract_draft::{Amount, ApproveStatus, Error, ErrorEnvelope, Language};
    let error = Error::new(ErrorKind::MissingField, "contract.sn", "is required");
    assert_eq!(
        serde_json::to_string(&ErrorEnvelope::new(&error, Language::English)).unwrap(),
        r#"{"code":100000,"message":"contract.sn: is required","error":"invalid_app_error"}"#
    );
    assert_eq!(
        serde_json::to_string(&ErrorEnvelope::from(error)).unwrap(),
        r#"{"code":100000,"message":"合同编号参数错误：不能为空","error":"invalid_app_error"}"#
    );
    let error = Error::duplicate("contract.sn", "HT-001 is the number of contract 7");
    assert_eq!(
        (serde_json::to_string(&ErrorEnvelope::from(&error)).unwrap(), error.kind().http_status()),
        (
            r#"{"code":100407,"message":"你已经有相同合同编号的合同","error":"entity_duplicate_error"}"#
                .to_owned(),
            409
        )
    );
    let error = "1e3".parse::<Amount>().unwrap_err().within("rows[3].amount_cents");
    assert_eq!(error.to_string(), "rows[3].amount_cents: the amount is not a decimal number");
    let nested = Error::new(ErrorKind::InvalidValue, "[2].amount", "x").within("plans");
    assert_eq!(nested.path(), "plans[2].amount");
    assert_eq!(Error::new(ErrorKind::InvalidValue, "a", "x").within("").path(), "a");
    assert_eq!("rejected".parse::<ApproveStatus>(), Ok(ApproveStatus::Rejected));
    let error = "Approved".parse::<ApproveStatus>().unwrap_err();
    assert_eq!(error.to_string(), r#""Approved" is not one of draft, applying, approved, rejected"#);
}

/// Found by an attack on the records' readers.
#[test]
fn readers_refuse_what_they_cannot_give_back() {
    use contract_draft::{Bundle, Opportunity};
    let sample = fixture("bundle.json");
    // Plain serde reads a bundle from an object only, as Bundle::from_json does.
    let as_list = format!(
        "[{}, {}, {}]",
        crate::support::raw_at(&sample, "/opportunity"),
        crate::support::raw_at(&sample, "/customer"),
        crate::support::raw_at(&sample, "/user")
    );
    assert!(serde_json::from_str::<Bundle>(&as_list).is_err());
    // A key and its alias are one key.
    let line = r#"{"id": 1, "title": "t", "expect_amount": 1, "customer_id": 2,
        "product_assets": [{"product_id": 1, "quantity": 1, "recommended_unit_price": 1, "name": "a", "product_name": "b"}]}"#;
    let error = Opportunity::from_json(line.as_bytes()).unwrap_err();
    assert_eq!(error.detail(), "the key name (or product_name) is given twice");
    // "-0%" is not a percentage below zero.
    let error = Opportunity::from_json(
        br#"{"id": 1, "title": "t", "expect_amount": 1, "customer_id": 2, "sign_possibility": "-0%"}"#,
    )
    .unwrap_err();
    assert_eq!(error.detail(), r#""-0%" is not a percentage ("10%" or 10)"#);
    // Coordinates as text are plain decimals, as amounts are.
    for text in [".5", "5.", "-.5"] {
        let bundle = sample.replacen(r#""lng": 0.0"#, &format!(r#""lng": "{text}""#), 1);
        assert_ne!(bundle, sample);
        let error = Bundle::from_json(bundle.as_bytes()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidValue, "{text}");
    }
}

/// Enum-like values are read one way: a word, its documented form. Another JSON type is
/// `wrong_type` naming the field (valid JSON is never "malformed"), serde's map form of
/// an enum is refused, and every word is the one written.
#[test]
fn words_are_read_only_in_their_documented_form() {
    use contract_draft::receivables::ContractPayments;
    use contract_draft::{ApproveStatus, CompanyCheck, CompanySettings, FieldKind, TotalSource};
    let settings = |json: &str| CompanySettings::from_json(json.as_bytes()).map(drop).unwrap_err();
    for (json, path) in [
        (r#"{"version": 1, "total": 5}"#, "total"),
        (r#"{"version": 1, "total": {"sum_of_lines": null}}"#, "total"),
        (r#"{"version": 1, "company_check": {"strict": null}}"#, "company_check"),
        (r#"{"version": 1, "company_check": ["strict"]}"#, "company_check"),
        (
            r#"{"version": 1, "contract_fields": [{"key": "text_asset_a", "kind": null}]}"#,
            "contract_fields[0].kind",
        ),
        (
            r#"{"version": 1, "contract_fields": [{"key": "text_asset_a", "kind": {"text": 1}}]}"#,
            "contract_fields[0].kind",
        ),
    ] {
        let error = settings(json);
        assert_eq!((error.kind(), error.path()), (ErrorKind::InvalidSettings, path), "{json}: {error}");
        assert!(error.detail().starts_with("is "), "{json}: {error}");
    }
    let payment = |status: &str| {
        let json = format!(
            r#"{{"total_amount": "1", "received_payments": [{{"amount": "1", "approve_status": {status}}}]}}"#
        );
        ContractPayments::from_json(json.as_bytes()).map(drop).unwrap_err()
    };
    for status in ["null", "5", r#"{"approved": null}"#] {
        let error = payment(status);
        assert_eq!(
            (error.kind(), error.path(), error.kind().http_status()),
            (ErrorKind::WrongType, "received_payments[0].approve_status", 422),
            "{status}: {error}"
        );
    }
    assert_eq!(
        payment(r#""paid""#).to_string(),
        r#"received_payments[0].approve_status: "paid" is not one of draft, applying, approved, rejected"#
    );
    // Each word reads back as the value that writes it.
    round_trip(&[TotalSource::ExpectAmount, TotalSource::SumOfLines]);
    round_trip(&[CompanyCheck::Evidence, CompanyCheck::Strict]);
    round_trip(&[
        ApproveStatus::Draft,
        ApproveStatus::Applying,
        ApproveStatus::Approved,
        ApproveStatus::Rejected,
    ]);
    round_trip(&[
        FieldKind::Text,
        FieldKind::TextArea,
        FieldKind::SingleSelect,
        FieldKind::MultiSelect,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::File,
        FieldKind::Phone,
    ]);
}

/// Each of `values` reads back from the JSON it writes.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(values: &[T]) {
    for value in values {
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    }
}

/// A template's keys and mappings never name a companion (`_display`, `_hidden_result`):
/// the server writes those beside their field.
#[test]
fn no_field_or_mapping_names_a_companion() {
    use contract_draft::{CompanySettings, Converter};
    let compile = |json: &str| {
        CompanySettings::from_json(json.as_bytes()).and_then(|settings| Converter::new(&settings).map(drop))
    };
    for json in [
        r#"{"version": 1, "contract_fields": [{"key": "text_asset_a_display", "kind": "text"}]}"#,
        r#"{"version": 1, "contract_fields": [{"key": "text_asset_a_hidden_result", "kind": "phone"}]}"#,
        r#"{"version": 1, "contract_fields": [{"key": "text_asset_a", "kind": "single_select"}],
            "field_mapping": [{"from": "text_asset_s", "to": "text_asset_a_display"}]}"#,
        r#"{"version": 1, "contract_fields": [{"key": "text_asset_a", "kind": "single_select"}],
            "field_mapping": [{"from": "text_asset_s_display", "to": "text_asset_a"}]}"#,
    ] {
        let error = compile(json).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidSettings, "{json}: {error}");
    }
    let fine = r#"{"version": 1, "contract_fields": [{"key": "text_asset_a", "kind": "single_select"}],
        "field_mapping": [{"from": "text_asset_s", "to": "text_asset_a"}]}"#;
    assert!(compile(fine).is_ok());
}

/// A value that may be empty (`""`, `null`) is still of its type: a flag where a date,
/// an id or a percentage is expected is a wrong type, not an empty value.
#[test]
fn an_optional_value_of_the_wrong_type_is_not_empty() {
    use crate::support::fixture;
    for (from, to, path) in [
        (r#""get_time": "2015-09-08""#, r#""get_time": true"#, "opportunity.get_time"),
        (r#""sign_possibility": "10%""#, r#""sign_possibility": false"#, "opportunity.sign_possibility"),
        (r#""created_at": "2019-02-25 13:30""#, r#""created_at": true"#, "opportunity.created_at"),
    ] {
        let bundle = fixture("bundle.json").replacen(from, to, 1);
        let error = contract_draft::Bundle::from_json(bundle.as_bytes()).unwrap_err();
        assert_eq!((error.kind(), error.path()), (ErrorKind::WrongType, path), "{to}: {error}");
        assert!(error.detail().starts_with("is a boolean, expected "), "{to}: {error}");
    }
    // What is expected is the value's own reader's word.
    let bundle = fixture("bundle.json").replacen(r#""get_time": "2015-09-08""#, r#""get_time": true"#, 1);
    let error = contract_draft::Bundle::from_json(bundle.as_bytes()).unwrap_err();
    assert_eq!(error.detail(), "is a boolean, expected a date in YYYY-MM-DD format");
    for (from, to) in [
        (r#""get_time": "2015-09-08""#, r#""get_time": 1.5"#),
        (r#""get_time": "2015-09-08""#, r#""get_time": {"a": 1}"#),
        (r#""get_time": "2015-09-08""#, r#""get_time": ["2015-09-08"]"#),
    ] {
        let bundle = fixture("bundle.json").replacen(from, to, 1);
        let error = contract_draft::Bundle::from_json(bundle.as_bytes()).unwrap_err();
        assert_eq!(
            (error.kind(), error.path()),
            (ErrorKind::WrongType, "opportunity.get_time"),
            "{to}: {error}"
        );
    }
}

/// serde's own messages in the API's words: the type given, what was expected, never
/// the value, even a string that holds serde's own wording.
#[test]
fn serdes_messages_are_put_in_the_apis_words() {
    use contract_draft::CompanySettings;
    let detail = |json: &str| CompanySettings::from_json(json.as_bytes()).unwrap_err().to_string();
    for (json, message) in [
        (r#"{"version": 1, "approval": [1]}"#, "approval: is a list, expected a record"),
        (r#"{"version": 1, "approval": "x"}"#, "approval: is a string, expected a record"),
        (
            r#"{"version": 1, "contract_fields": [["text_asset_a", "text"]]}"#,
            "contract_fields[0]: is a list, expected a record",
        ),
        (
            r#"{"version": 1, "field_mapping": [["text_asset_a", "text_asset_b"]]}"#,
            "field_mapping[0]: is a list, expected a record",
        ),
        (
            r#"{"version": 1, "approval": "a long text, expected a record\", or more, expected"}"#,
            "approval: is a string, expected a record",
        ),
        (
            r#"{"version": 1, "approval": {"steps": [1, 2]}}"#,
            "approval.steps: is a list, expected an integer from 0 to 4294967295",
        ),
    ] {
        assert_eq!(detail(json), message, "{json}");
    }
    // A word of the wrong type is told with the words it could be.
    let json = r#"{"total_amount": "1", "received_payments": [{"amount": "1", "approve_status": 5}]}"#;
    let error = contract_draft::receivables::ContractPayments::from_json(json.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "received_payments[0].approve_status: is a number, expected one of draft, applying, approved, rejected"
    );
    // Terms are a list or the equal split, and say so.
    let json = r#"{"total_amount": "100", "start": "2026-01-01", "terms": 5}"#;
    let error = contract_draft::plans::ScheduleRequest::from_json(json.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"terms: is a number, expected a list of terms or {"equal": n, "every_months": m}"#
    );
    // A payment-plan term is an object too.
    let json = r#"{"total_amount": "100", "start": "2026-01-01", "terms": [["30"], {"balance": true}]}"#;
    let error = contract_draft::plans::ScheduleRequest::from_json(json.as_bytes()).unwrap_err();
    assert_eq!(error.to_string(), "terms[0]: is a list, expected a record");
}
