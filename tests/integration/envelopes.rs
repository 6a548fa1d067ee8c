//! What an error envelope tells the caller of a service: the kind's code and key, the
//! path, and a detail that never names another company's id nor tells its record from
//! a missing one (the full detail stays in the error's `Display`, for logs), nor quotes
//! a phone number hiding would cover. Asserted on the serialized text, as the caller
//! receives it.

use contract_draft::lines::{LinesOptions, convert_lines};
use contract_draft::{CompanySettings, Converter, Error, ErrorEnvelope, ErrorKind, Language};
use serde_json::{Value, json};

use crate::bad_input_cases::change;
use crate::support::fixture;

/// The English envelope of `error` as serde_json writes it.
fn shipped(error: &Error) -> String {
    serde_json::to_string(&ErrorEnvelope::new(error, Language::English)).unwrap()
}

/// The envelope of `error` in the API's language as serde_json writes it, made from the
/// error by reference and by value alike.
fn shipped_in_chinese(error: Error) -> String {
    let borrowed = serde_json::to_string(&ErrorEnvelope::from(&error)).unwrap();
    assert_eq!(borrowed, serde_json::to_string(&ErrorEnvelope::new(&error, Language::Chinese)).unwrap());
    let owned = serde_json::to_string(&ErrorEnvelope::from(error)).unwrap();
    assert_eq!(borrowed, owned);
    owned
}

/// ikcrm's one answer for a record the user may not see or that does not exist.
const NOT_FOUND: &str = r#"{"code":100100,"message":"您没有权限查看该对象或该对象不存在。","error":"active_record/record_not_found"}"#;

/// The sample bundle, its opportunity without a creator and of company 50 by its own
/// `organization_id` (the user is of company 49).
fn opportunity_of_company_50_by_its_own_word() -> Vec<u8> {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    let opportunity = bundle["opportunity"].as_object_mut().unwrap();
    opportunity.remove("creator");
    opportunity.insert("organization_id".into(), json!(50));
    serde_json::to_vec(&bundle).unwrap()
}

/// Another company's opportunity (by its creator, or by its own word) or customer, and
/// an id a service does not have: identical bytes, so a caller cannot tell them apart.
#[test]
fn a_record_of_another_company_reads_as_one_that_does_not_exist() {
    let english = shipped(&Error::not_found("no opportunity 576544"));
    assert_eq!(shipped_in_chinese(Error::not_found("no opportunity 576544")), NOT_FOUND);
    for (input, path, logged) in [
        (
            change("/opportunity/creator/organization_id", json!(50)),
            "opportunity.creator.organization_id",
            "the opportunity belongs to company 50, not to the user's company 49",
        ),
        (
            change("/customer/creator/organization_id", json!(50)),
            "customer.creator.organization_id",
            "the customer belongs to company 50, not to the user's company 49",
        ),
        (
            opportunity_of_company_50_by_its_own_word(),
            "opportunity.organization_id",
            "the opportunity belongs to company 50, not to the user's company 49",
        ),
    ] {
        let error = Converter::default().convert_json(&input).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OrganizationMismatch);
        assert_eq!(error.kind().http_status(), 404);
        // The log keeps the full detail; the caller reads "not found", whatever the path.
        assert_eq!(error.to_string(), format!("{path}: {logged}"));
        assert_eq!(shipped(&error), english);
        assert_eq!(shipped_in_chinese(error), NOT_FOUND);
    }
}

/// A customer that is not the opportunity's: the opportunity's `customer_id` is not for
/// the caller (and another company's opportunity is refused as not found before this).
#[test]
fn a_customer_mismatch_names_neither_customer() {
    let error = Converter::default().convert_json(&change("/customer/id", json!(1))).unwrap_err();
    assert_eq!(error.kind().http_status(), 404);
    assert_eq!(error.to_string(), "customer.id: customer 1 is not the opportunity's customer (23481906)");
    assert_eq!(
        shipped(&error),
        r#"{"code":100000,"message":"customer.id: the customer is not the opportunity's customer","error":"invalid_app_error"}"#
    );
    assert_eq!(
        shipped_in_chinese(error),
        r#"{"code":100000,"message":"customer.id参数错误：客户不是该商机的客户","error":"invalid_app_error"}"#
    );
    let mut other_company = serde_json::from_slice::<Value>(&change("/customer/id", json!(1))).unwrap();
    other_company["opportunity"]["creator"]["organization_id"] = json!(50);
    let error = Converter::default().convert_json(&serde_json::to_vec(&other_company).unwrap()).unwrap_err();
    assert_eq!(shipped_in_chinese(error), NOT_FOUND);
}

/// JSON Lines writes the same envelope as the caller gets from the library.
#[test]
fn json_lines_withhold_the_other_company_too() {
    let line = String::from_utf8(change("/customer/creator/organization_id", json!(50))).unwrap();
    let mut output = Vec::new();
    let mut options = LinesOptions::default();
    options.html_safe = false;
    convert_lines(&Converter::default(), format!("{line}\n").as_bytes(), &mut output, options, |_| {})
        .unwrap();
    assert_eq!(String::from_utf8(output).unwrap(), format!("{NOT_FOUND}\n"));
}

/// A company that hides numbers, with a phone contract field filled from the
/// opportunity's `text_asset_cc33`.
fn hiding_company_with_a_phone_field() -> Converter {
    let settings = CompanySettings::from_json(
        br#"{"version": 1, "hide_numbers": true,
            "contract_fields": [{"key": "text_asset_aa11", "kind": "phone"}],
            "field_mapping": [{"from": "text_asset_cc33", "to": "text_asset_aa11"}]}"#,
    )
    .unwrap();
    Converter::new(&settings).unwrap()
}

/// A phone number sent with the wrong type, wherever a number is hidden (an address's
/// `tel`, `phone` and their `_hidden_result`, a contact, a phone contract field), is
/// refused by its type and never quoted, in the envelope or in the log.
#[test]
fn a_phone_number_of_the_wrong_type_is_not_quoted() {
    const NUMBER: &str = "13912345678";
    let converter = hiding_company_with_a_phone_field();
    let invalid =
        |message: &str| format!(r#"{{"code":100000,"message":"{message}","error":"invalid_app_error"}}"#);
    let custom = |value: &str| {
        fixture("bundle.json")
            .replacen(r#""title_pinyin""#, &format!(r#""text_asset_cc33": {value}, "title_pinyin""#), 1)
            .into_bytes()
    };
    for (input, envelope) in [
        (
            change("/customer/address/phone", json!(13912345678.0)),
            invalid("customer.address.phone: is a number, expected a string"),
        ),
        (
            change("/customer/address/tel", json!([NUMBER])),
            invalid("customer.address.tel: is a list, expected a string"),
        ),
        (
            change("/customer/address/phone_hidden_result", json!({"mobile": NUMBER})),
            invalid("customer.address.phone_hidden_result: is a record, expected a string"),
        ),
        (
            change("/customer/contacts/1/address/tel_hidden_result", json!(1.3912345678e10)),
            invalid("customer.contacts[1].address.tel_hidden_result: is a number, expected a string"),
        ),
        (
            change("/customer/contacts/0/address", json!(NUMBER)),
            invalid("customer.contacts[0].address: is a string, expected a record, {} or null"),
        ),
        (
            change("/customer/contacts/0", json!(NUMBER)),
            invalid("customer.contacts[0]: is a string, expected a record"),
        ),
        (
            custom(&format!(r#"["{NUMBER}"]"#)),
            invalid(
                "opportunity.text_asset_cc33: is a list, not a value for a phone field, so it cannot fill the contract field text_asset_aa11",
            ),
        ),
        (
            custom(&format!(r#"{{"mobile": {NUMBER}}}"#)),
            invalid(
                "opportunity.text_asset_cc33: is a record, not a value for a phone field, so it cannot fill the contract field text_asset_aa11",
            ),
        ),
    ] {
        let error = converter.convert_json(&input).unwrap_err();
        assert!(!error.to_string().contains("912345678"), "{error}");
        let shipped = shipped(&error);
        assert!(!shipped.contains("912345678"), "{shipped}");
        assert_eq!(shipped, envelope);
    }
}

proptest::proptest! {
    /// Every kind has a message in both languages: Chinese in the envelope (ikcrm's
    /// clients show it as it is), English in `Display` (for logs), whatever the path and
    /// detail.
    #[test]
    fn every_kind_answers_in_chinese_and_logs_in_english(
        kind in proptest::sample::select(ErrorKind::ALL),
        path in "(contract\\.(sn|title|product_assets_attributes\\[[0-9]\\]\\.quantity)|opportunity\\.[a-z_]{1,12}|)",
        detail in "[A-Z]{3}[a-z ]{0,30}",
    ) {
        let error = Error::new(kind, path.clone(), &detail);
        let chinese = ErrorEnvelope::from(&error).message;
        proptest::prop_assert!(chinese.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", chinese);
        proptest::prop_assert!(!chinese.contains(&detail), "{}", chinese);
        let logged = error.to_string();
        proptest::prop_assert!(logged.is_ascii() && logged.ends_with(&detail), "{}", logged);
        let english = ErrorEnvelope::new(&error, Language::English).message;
        proptest::prop_assert!(english.is_ascii() && !english.is_empty(), "{}", english);
    }
}

/// Another company's record is not found even when its other fields do not read: the
/// caller learns nothing of it from them.
#[test]
fn another_companys_record_is_not_found_whatever_else_is_wrong() {
    let other = |path: &str, value: Value, company_path: &str| {
        let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
        *bundle.pointer_mut(path).unwrap() = value;
        *bundle.pointer_mut(company_path).unwrap() = json!(50);
        serde_json::to_vec(&bundle).unwrap()
    };
    for input in [
        other("/opportunity/expect_sign_date", json!("2015/09/09"), "/opportunity/creator/organization_id"),
        other("/opportunity/expect_amount", json!("-1"), "/opportunity/creator/organization_id"),
        other(
            "/opportunity/creator/created_at",
            json!("2015-13-01 00:00"),
            "/opportunity/creator/organization_id",
        ),
        other("/customer/created_at", json!("2015-02-30 10:00"), "/customer/creator/organization_id"),
        other("/opportunity/id", json!([]), "/customer/creator/organization_id"),
        // The company's id written as its digits, as the records' reader takes it too.
        String::from_utf8(other("/opportunity/id", json!([]), "/customer/creator/organization_id"))
            .unwrap()
            .replace(r#""organization_id":50"#, r#""organization_id":"50""#)
            .into_bytes(),
    ] {
        let error = Converter::default().convert_json(&input).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OrganizationMismatch, "{error}");
        assert_eq!(shipped_in_chinese(error), NOT_FOUND);
    }
    // Without evidence of another company, the reading error stands.
    let error =
        Converter::default().convert_json(&change("/opportunity/expect_amount", json!("-1"))).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidAmount);
}
