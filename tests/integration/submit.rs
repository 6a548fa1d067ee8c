//! The create request: a form made from the sample draft, every problem found at once,
//! and the values normalized as ikcrm takes them.

use contract_draft::limits::MAX_PRODUCT_LINES;
use contract_draft::submit::ContractForm;
use contract_draft::{Bundle, CompanySettings, Converter, ErrorEnvelope, ErrorKind, Language};
use proptest::prelude::*;
use serde_json::value::{RawValue, to_raw_value};

use crate::support::{fixture, raw_at, sample_converter};

fn raw(json: &str) -> Box<RawValue> {
    RawValue::from_string(json.to_owned()).unwrap()
}

/// The sample's draft as a form, with the contract number and end date filled in.
fn sample_form(converter: &Converter) -> ContractForm {
    let bundle = Bundle::from_json(fixture("bundle.json").as_bytes()).unwrap();
    let draft = converter.convert_owned(bundle.opportunity, bundle.customer, bundle.user).unwrap().draft;
    let mut form = ContractForm::from_draft(&draft);
    form.set("sn", to_raw_value("HT-2015-001").unwrap());
    form.set("end_at", to_raw_value("2016-09-08").unwrap());
    form
}

#[test]
fn the_sample_draft_becomes_a_create_request() {
    let converter = sample_converter();
    let json = serde_json::to_string(&converter.create_request(&sample_form(&converter)).unwrap()).unwrap();
    assert_eq!(
        json.split(r#","product_assets_attributes""#).next().unwrap(),
        r#"{"contract":{"title":"CRM集团版","sn":"HT-2015-001","approve_status":"applying","user_id":364513,"custom_field_template_id":null,"opportunity_id":576543,"customer_id":23481906,"total_amount":"19800.0","start_at":"2015-09-09","end_at":"2016-09-08","category":"","payment_type":"","status":"","customer_signer":"","our_signer":"","sign_date":"","special_terms":"0","want_department_id":null,"attachments_attributes":[]"#
    );
    assert_eq!(raw_at(&json, "/contract/product_assets_attributes"), "[]");
    assert_eq!(raw_at(&json, "/contract_action_name"), r#""turn_to_contract""#);
    // The sample company's custom fields, as the draft filled them, in template order,
    // each followed by its companion.
    assert!(
        json.ends_with(r#""product_assets_attributes":[],"text_asset_1ca6ef":[],"text_asset_1ca6ef_display":"","text_asset_238a59":null,"text_asset_90d3e6":null,"text_asset_90d3e6_display":null,"numeric_asset_e0a85b":null},"contract_action_name":"turn_to_contract"}"#),
        "{json}"
    );
    // Read back from its JSON, the form makes the same request.
    let form = sample_form(&converter);
    let again = ContractForm::from_json(serde_json::to_string(&form).unwrap().as_bytes()).unwrap();
    assert_eq!(again, form);
}

#[test]
fn approval_decides_the_status_and_lines_their_totals() {
    let settings = CompanySettings::from_json(br#"{"version": 1, "approval": {"steps": 0}}"#).unwrap();
    let converter = Converter::new(&settings).unwrap();
    let mut form = sample_form(&converter);
    form.set("approve_status", to_raw_value("rejected").unwrap());
    form.set(
        "product_assets_attributes",
        raw(r#"[{"product_id": "7", "quantity": 1.5, "recommended_unit_price": "0.33333", "total_price": "999"},
                {"id": 12, "destroy": true, "product_id": 8, "quantity": "1", "recommended_unit_price": "5"}]"#),
    );
    let json = serde_json::to_string(&converter.create_request(&form).unwrap()).unwrap();
    assert_eq!(raw_at(&json, "/contract/approve_status"), r#""approved""#);
    assert_eq!(
        raw_at(&json, "/contract/product_assets_attributes/0"),
        r#"{"id":null,"destroy":false,"product_id":7,"product_name":"","product_attr_id":null,"product_no":"","quantity":"1.5","recommended_unit_price":"0.33333","total_price":"0.499995","sale_unit":"","spec":"","remark":""}"#
    );
    assert_eq!(raw_at(&json, "/contract/product_assets_attributes/1/total_price"), r#""5.0""#);
    // A product of more than 6 fractional digits is saved as decimal(24,6) saves it:
    // rounded half up, the total the draft offered for the line.
    form.set(
        "product_assets_attributes",
        raw(r#"[{"product_id": 7, "quantity": 1.75, "recommended_unit_price": "83.33333"}]"#),
    );
    let json = serde_json::to_string(&converter.create_request(&form).unwrap()).unwrap();
    assert_eq!(raw_at(&json, "/contract/product_assets_attributes/0/total_price"), r#""145.833328""#);
    // A line being deleted needs only its id.
    form.set("product_assets_attributes", raw(r#"[{"id": 12, "destroy": true}]"#));
    let json = serde_json::to_string(&converter.create_request(&form).unwrap()).unwrap();
    assert_eq!(
        raw_at(&json, "/contract/product_assets_attributes/0"),
        r#"{"id":12,"destroy":true,"product_id":"","product_name":"","product_attr_id":null,"product_no":"","quantity":"","recommended_unit_price":"","total_price":"","sale_unit":"","spec":"","remark":""}"#
    );
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let settings =
        CompanySettings::from_json(fixture("products/settings-sum-of-lines.json").as_bytes()).unwrap();
    let converter = Converter::new(&settings).unwrap();
    let form = ContractForm::from_json(
        br#"{"contract": {"title": " ", "customer_id": 0, "start_at": "2026-02-01", "end_at": "2026-01-31",
            "total_amount": "10", "sign_date": "2026/01/01", "colour": "red", "text_asset_nope": "x",
            "product_assets_attributes": [{"product_id": 1, "quantity": "2", "recommended_unit_price": "3"},
                                          {"quantity": "-1", "price": 1}]}}"#,
    )
    .unwrap();
    let error = converter.create_request(&form).unwrap_err();
    let paths: Vec<(ErrorKind, &str)> =
        error.problems().iter().map(|problem| (problem.kind(), problem.path())).collect();
    assert_eq!(
        paths,
        [
            (ErrorKind::MissingField, "contract.title"),
            (ErrorKind::MissingField, "contract.sn"),
            (ErrorKind::MissingField, "contract.customer_id"),
            (ErrorKind::DateFormat, "contract.sign_date"),
            (ErrorKind::InvalidValue, "contract.end_at"),
            (ErrorKind::InvalidValue, "contract.product_assets_attributes[1].price"),
            (ErrorKind::MissingField, "contract.product_assets_attributes[1].product_id"),
            (ErrorKind::InvalidAmount, "contract.product_assets_attributes[1].quantity"),
            (ErrorKind::MissingField, "contract.product_assets_attributes[1].recommended_unit_price"),
            (ErrorKind::InvalidValue, "contract.text_asset_nope"),
            (ErrorKind::InvalidValue, "contract.colour"),
        ]
    );
    let envelope = serde_json::to_string(&ErrorEnvelope::new(&error, Language::English)).unwrap();
    assert!(
        envelope.starts_with(
            r#"{"code":100000,"message":"contract.title: is required; contract.sn: is required; "#
        ),
        "{envelope}"
    );
    assert_eq!(
        raw_at(&envelope, "/errors/0"),
        r#"{"path":"contract.title","message":"contract.title: is required"}"#
    );
    let envelope = serde_json::to_string(&ErrorEnvelope::from(&error)).unwrap();
    assert!(
        envelope.starts_with(r#"{"code":100000,"message":"合同标题参数错误：不能为空；合同编号参数错误：不能为空；客户参数错误：不能为空；签约日期参数错误：日期格式错误；"#),
        "{envelope}"
    );
    assert_eq!(
        raw_at(&envelope, "/errors/0"),
        r#"{"path":"contract.title","message":"合同标题参数错误：不能为空"}"#
    );
    assert_eq!(raw_at(&envelope, "/error"), r#""invalid_app_error""#);
    // With valid lines, a total that is not their sum is refused under sum_of_lines.
    let form = ContractForm::from_json(
        br#"{"contract": {"title": "T", "sn": "1", "customer_id": 2, "start_at": "2026-01-01", "end_at": "2026-12-31",
            "total_amount": "10", "product_assets_attributes": [{"product_id": 1, "quantity": "2", "recommended_unit_price": "3"}]}}"#,
    )
    .unwrap();
    let error = converter.create_request(&form).unwrap_err();
    assert_eq!(
        (error.kind(), error.to_string()),
        (
            ErrorKind::InvalidValue,
            "contract.total_amount: 10.0 is not the sum of the product lines (6.0), which the company's total is".into()
        )
    );
}

/// The defects a form can have, each with the path its problem names.
const DEFECTS: [(&str, &str, &str); 6] = [
    ("title", "\"\"", "contract.title"),
    ("sn", "null", "contract.sn"),
    ("customer_id", "\"x\"", "contract.customer_id"),
    ("total_amount", "\"1e3\"", "contract.total_amount"),
    ("sign_date", "\"2026-02-30\"", "contract.sign_date"),
    ("unknown_key", "1", "contract.unknown_key"),
];

proptest! {
    #[test]
    fn every_defect_is_found_whatever_the_others(defects in proptest::collection::vec(any::<bool>(), DEFECTS.len())) {
        let converter = sample_converter();
        let mut form = sample_form(&converter);
        let mut expected = Vec::new();
        for ((key, value, path), defective) in DEFECTS.iter().zip(&defects) {
            if *defective {
                form.set(*key, raw(value));
                expected.push(*path);
            }
        }
        match converter.create_request(&form) {
            Ok(_) => prop_assert!(expected.is_empty()),
            Err(error) => {
                let mut found: Vec<&str> = error.problems().iter().map(contract_draft::Error::path).collect();
                found.sort_unstable();
                expected.sort_unstable();
                prop_assert_eq!(found, expected);
            }
        }
    }
}

/// Found by an attack on the create request.
#[test]
fn a_form_cannot_slip_past_the_checks() {
    let sum_of_lines = Converter::new(
        &CompanySettings::from_json(fixture("products/settings-sum-of-lines.json").as_bytes()).unwrap(),
    )
    .unwrap();
    let form = |contract: &str| {
        ContractForm::from_json(
            format!(r#"{{"contract": {{"title": "T", "sn": "S1", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31"{contract}}}}}"#)
                .as_bytes(),
        )
    };
    let problems = |converter: &Converter, contract: &str| -> Vec<String> {
        match converter.create_request(&form(contract).unwrap()) {
            Ok(_) => Vec::new(),
            Err(error) => error.problems().iter().map(ToString::to_string).collect(),
        }
    };
    // A sum beyond decimal(24,6) is an overflow, not a reason to skip the total's check.
    let line = r#"{"product_id": 1, "quantity": 6, "recommended_unit_price": "100000000000000000"}"#;
    let huge = format!(r#", "total_amount": "5", "product_assets_attributes": [{line}, {line}]"#);
    assert_eq!(
        problems(&sum_of_lines, &huge),
        [
            "contract.product_assets_attributes: the sum of the lines, 1200000000000000000.0, is beyond decimal(24,6)"
        ]
    );
    // Left out, the total is the lines' sum; without lines, the form's total stands.
    let lines =
        r#", "product_assets_attributes": [{"product_id": 1, "quantity": 2, "recommended_unit_price": "3"}]"#;
    let json = serde_json::to_string(&sum_of_lines.create_request(&form(lines).unwrap()).unwrap()).unwrap();
    assert_eq!(raw_at(&json, "/contract/total_amount"), r#""6.0""#);
    assert!(problems(&sum_of_lines, r#", "total_amount": "19800""#).is_empty());
    // One problem is listed too, and every unknown key of a line is named.
    let one = Converter::default().create_request(
        &ContractForm::from_json(
            br#"{"contract": {"title": "T", "sn": "S1", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2025-12-31"}}"#,
        )
        .unwrap(),
    );
    assert_eq!(one.unwrap_err().problems().len(), 1);
    let unknown = r#", "product_assets_attributes": [{"product_id": 0, "quantity": 1, "recommended_unit_price": 1, "qty": 1, "bar": 2}]"#;
    assert_eq!(
        problems(&Converter::default(), unknown),
        [
            "contract.product_assets_attributes[0].qty: is not a key of a product line",
            "contract.product_assets_attributes[0].bar: is not a key of a product line",
            "contract.product_assets_attributes[0].product_id: is required",
        ]
    );
    assert_eq!(
        problems(&Converter::default(), r#", "attachments_attributes": "junk""#),
        ["contract.attachments_attributes: is a string, expected a list"]
    );
    // Keys beside "contract" are reported with the contract's problems.
    let beside = ContractForm::from_json(br#"{"contract": {"sn": "1"}, "foo": 1}"#).unwrap();
    let error = Converter::default().create_request(&beside).unwrap_err();
    let paths: Vec<&str> = error.problems().iter().map(contract_draft::Error::path).collect();
    assert_eq!(
        paths,
        ["contract.title", "contract.customer_id", "contract.start_at", "contract.end_at", "foo"]
    );
    // Many bad lines cost bounded problems.
    let lines = |count| format!(r#", "product_assets_attributes": [{}{{}}]"#, "{}, ".repeat(count - 1));
    let error = Converter::default().create_request(&form(&lines(MAX_PRODUCT_LINES)).unwrap()).unwrap_err();
    assert_eq!(error.problems().len(), contract_draft::MAX_PROBLEMS);
    assert!(error.detail().ends_with("…") || error.detail().contains("more"), "{}", error.detail());
    // More lines than the limit are refused as too many, before any is checked.
    let error =
        Converter::default().create_request(&form(&lines(MAX_PRODUCT_LINES + 1)).unwrap()).unwrap_err();
    assert_eq!(
        error.problems().iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["contract.product_assets_attributes: has more than 1000 items (the limit)"]
    );
    assert_eq!(error.problems()[0].kind(), ErrorKind::InputTooLarge);
}

/// The template's fields are always written, absent ones at their empty values, and a
/// masked phone number is not taken for the number.
#[test]
fn custom_fields_have_one_shape_and_masks_are_not_numbers() {
    let converter = sample_converter();
    let form = ContractForm::from_json(
        br#"{"contract": {"title": "T", "sn": "S1", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31"}}"#,
    )
    .unwrap();
    let json = serde_json::to_string(&converter.create_request(&form).unwrap()).unwrap();
    assert!(
        json.ends_with(r#""text_asset_1ca6ef":[],"text_asset_1ca6ef_display":"","text_asset_238a59":null,"text_asset_90d3e6":null,"text_asset_90d3e6_display":null,"numeric_asset_e0a85b":null},"contract_action_name":"turn_to_contract"}"#),
        "{json}"
    );
    let phone = Converter::new(
        &CompanySettings::from_json(
            br#"{"version": 1, "hide_numbers": true, "contract_fields": [{"key": "text_asset_ab0001", "kind": "phone"}],
                 "field_mapping": [{"from": "text_asset_fe0001", "to": "text_asset_ab0001"}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let bundle = fixture("bundle.json").replacen(
        r#""title_pinyin""#,
        r#""text_asset_fe0001": "13812345678", "title_pinyin""#,
        1,
    );
    let bundle = Bundle::from_json(bundle.as_bytes()).unwrap();
    let draft = phone.convert_owned(bundle.opportunity, bundle.customer, bundle.user).unwrap().draft;
    let mut form = ContractForm::from_draft(&draft);
    assert_eq!(form.get("text_asset_ab0001").map(RawValue::get), Some("null"));
    form.set("sn", to_raw_value("S1").unwrap());
    form.set("end_at", to_raw_value("2016-09-08").unwrap());
    assert!(phone.create_request(&form).is_ok());
    form.set("text_asset_ab0001", to_raw_value("13812345678").unwrap());
    assert!(phone.create_request(&form).is_ok(), "the number itself is taken");
    form.set("text_asset_ab0001", to_raw_value("138****5678").unwrap());
    let error = phone.create_request(&form).unwrap_err();
    assert_eq!(error.problems()[0].path(), "contract.text_asset_ab0001");
}

/// The edges of the checks: a one-day contract, a total equal to the lines' sum, and
/// requests compared by what they hold.
#[test]
fn the_edges_pass_and_requests_compare_by_content() {
    let form = |extra: &str| {
        ContractForm::from_json(
            format!(r#"{{"contract": {{"title": "T", "sn": "S1", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-01-01"{extra}}}}}"#)
                .as_bytes(),
        )
        .unwrap()
    };
    let converter = Converter::default();
    assert!(converter.create_request(&form("")).is_ok(), "a contract may end the day it starts");
    let sum_of_lines = Converter::new(
        &CompanySettings::from_json(fixture("products/settings-sum-of-lines.json").as_bytes()).unwrap(),
    )
    .unwrap();
    let lines = r#", "total_amount": "6.00", "product_assets_attributes": [{"product_id": 1, "quantity": 2, "recommended_unit_price": "3"}]"#;
    assert!(sum_of_lines.create_request(&form(lines)).is_ok());
    let with = |attachments: &str| {
        converter.create_request(&form(&format!(r#", "attachments_attributes": {attachments}"#))).unwrap()
    };
    assert_eq!(with(r#"[{"id": 1}]"#), with(r#"[{"id": 1}]"#));
    assert_ne!(with(r#"[{"id": 1}]"#), with(r#"[{"id": 2}]"#));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The lifecycle closes: a draft's form, with only what a client must fill (`sn`;
    /// `end_at`, as no term is set; `title` and `start_at` where the draft has none), is
    /// accepted whatever the company (either total, custom fields of every kind, phone
    /// fields with hiding on and off) and the lines (fractional quantities, 6-digit
    /// prices), and the request saves what the draft showed.
    #[test]
    fn a_drafts_form_posted_back_saves_what_the_draft_showed(
        mut settings in contract_draft::strategy::settings(),
        mut bundle in contract_draft::strategy::bundle(),
        lines in proptest::collection::vec(contract_draft::strategy::product_line(), 0..5),
    ) {
        bundle.opportunity.product_assets = lines;
        // A strict check refuses records without a creator, which the strategies make.
        settings.company_check = contract_draft::CompanyCheck::Evidence;
        let converter = Converter::new(&settings).unwrap();
        let draft = converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user).unwrap().draft;
        let mut form = ContractForm::from_draft(&draft);
        form.set("sn", to_raw_value("HT-1").unwrap());
        if draft.title.trim().is_empty() {
            form.set("title", to_raw_value("合同").unwrap());
        }
        let start = draft.start_at.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        form.set("start_at", to_raw_value(&start.to_string()).unwrap());
        form.set("end_at", to_raw_value(&start.to_string()).unwrap());
        let request = converter.create_request(&form);
        prop_assert!(request.is_ok(), "{:?}", request.unwrap_err().to_string());
        let request = serde_json::to_string(&request.unwrap()).unwrap();
        let shown = serde_json::to_string(&draft).unwrap();
        let saved = |key: &str| raw_at(&request, &format!("/contract/{key}"));
        if !draft.title.trim().is_empty() {
            prop_assert_eq!(saved("title"), raw_at(&shown, "/title"));
        }
        prop_assert_eq!(saved("total_amount"), raw_at(&shown, "/total_amount"));
        prop_assert_eq!(saved("customer_id"), raw_at(&shown, "/customer/id"));
        prop_assert_eq!(saved("opportunity_id"), raw_at(&shown, "/opportunity/id"));
        prop_assert_eq!(saved("user_id"), raw_at(&shown, "/user/id"));
        if draft.start_at.is_some() {
            prop_assert_eq!(saved("start_at"), raw_at(&shown, "/start_at"));
        }
        for index in 0..draft.product_assets_for_new_record.len() {
            let line = |json: &str, key: &str| raw_at(json, &format!("/product_assets_for_new_record/{index}/{key}"));
            let saved_line = |key: &str| saved(&format!("product_assets_attributes/{index}/{key}"));
            prop_assert_eq!(saved_line("total_price"), line(&shown, "total_price"));
            prop_assert_eq!(saved_line("recommended_unit_price"), line(&shown, "recommended_unit_price"));
            prop_assert_eq!(saved_line("product_id"), line(&shown, "product_id"));
        }
        for (key, _) in draft.custom_fields.iter() {
            let phone = settings.contract_fields.iter().any(|field| {
                field.kind == contract_draft::FieldKind::Phone && key.starts_with(field.key.as_str())
            });
            if !(phone && draft.need_hidden_dispose) {
                prop_assert_eq!(saved(key), raw_at(&shown, &format!("/{key}")), "{}", key);
            }
        }
    }
}

/// Every check runs whatever else failed: a total that disagrees with the lines is
/// reported beside a missing `sn`, and a key beside `contract` beside both.
#[test]
fn problems_are_reported_together_whatever_else_failed() {
    let sum_of_lines = Converter::new(
        &CompanySettings::from_json(fixture("products/settings-sum-of-lines.json").as_bytes()).unwrap(),
    )
    .unwrap();
    let form = ContractForm::from_json(
        br#"{"contract": {"title": "T", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31", "total_amount": "10",
            "product_assets_attributes": [{"product_id": 1, "quantity": "2", "recommended_unit_price": "3"}]}, "contract_id": 9}"#,
    )
    .unwrap();
    let error = sum_of_lines.create_request(&form).unwrap_err();
    let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "contract.sn: is required",
            "contract.total_amount: 10.0 is not the sum of the product lines (6.0), which the company's total is",
            "contract_id: is not a key of the form, which holds only contract",
        ]
    );
}

/// A line's id stands once in a request: a line kept and deleted at once is refused,
/// and a deleted line counts in no total.
#[test]
fn a_line_is_kept_or_deleted_not_both() {
    let sum_of_lines = Converter::new(
        &CompanySettings::from_json(fixture("products/settings-sum-of-lines.json").as_bytes()).unwrap(),
    )
    .unwrap();
    let form = |lines: &str| valid_form_with(&format!(r#""product_assets_attributes": {lines}"#));
    let both = form(
        r#"[{"id": 12, "product_id": 1, "quantity": "1", "recommended_unit_price": "5"}, {"id": 12, "destroy": true}]"#,
    );
    let error = sum_of_lines.create_request(&both).unwrap_err();
    assert_eq!(
        error.to_string(),
        "contract.product_assets_attributes[1].id: line 12 is also at [0]: a line is kept or deleted once"
    );
    let deleted = form(
        r#"[{"id": 12, "product_id": 1, "quantity": "1", "recommended_unit_price": "5"}, {"id": 13, "destroy": true, "product_id": 2, "quantity": "9", "recommended_unit_price": "9"}]"#,
    );
    let json = serde_json::to_string(&sum_of_lines.create_request(&deleted).unwrap()).unwrap();
    assert_eq!(raw_at(&json, "/contract/total_amount"), r#""5.0""#);
}

/// A phone field's `_hidden_result` is the server's: computed from the number (masked
/// when hiding is in force), never taken from the form.
#[test]
fn a_phones_hidden_result_is_computed_never_taken_from_the_form() {
    let company = |hide: bool| {
        Converter::new(
            &CompanySettings::from_json(
                format!(r#"{{"version": 1, "hide_numbers": {hide}, "contract_fields": [{{"key": "text_asset_aa11", "kind": "phone"}}]}}"#)
                    .as_bytes(),
            )
            .unwrap(),
        )
        .unwrap()
    };
    let form = |extra: &str| valid_form_with(&format!(r#""text_asset_aa11": "13912345678"{extra}"#));
    for (hide, shown) in [(true, r#""139****5678""#), (false, r#""13912345678""#)] {
        let json = serde_json::to_string(&company(hide).create_request(&form("")).unwrap()).unwrap();
        assert_eq!(raw_at(&json, "/contract/text_asset_aa11"), r#""13912345678""#);
        assert_eq!(raw_at(&json, "/contract/text_asset_aa11_hidden_result"), shown);
    }
    let error = company(true)
        .create_request(&form(r#", "text_asset_aa11_hidden_result": "13912345678""#))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "contract.text_asset_aa11_hidden_result: is computed from the phone field's value (masked when hiding is in force); leave it out"
    );
    // The value shown, given back as it was shown, is accepted (a form made from a draft
    // carries it).
    for (hide, shown) in [(true, "139****5678"), (false, "13912345678")] {
        let echoed = form(&format!(r#", "text_asset_aa11_hidden_result": "{shown}""#));
        assert!(company(hide).create_request(&echoed).is_ok(), "{shown}");
    }
    for mask in ["139＊＊＊＊5678", "139••••5678"] {
        let masked = valid_form_with(&format!(r#""text_asset_aa11": "{mask}""#));
        assert!(company(false).create_request(&masked).is_err(), "{mask}");
    }
    // A masked number given back with its shown companion, as a draft made with hiding
    // carries them, is one problem: the number's.
    let from_draft = valid_form_with(
        r#""text_asset_aa11": "139****5678", "text_asset_aa11_hidden_result": "139****5678""#,
    );
    let error = company(true).create_request(&from_draft).unwrap_err();
    let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("contract.text_asset_aa11: "), "{problems:?}");
}

/// Attachments are written as Rails writes the JSON it parsed: compact, strings decoded,
/// numbers as Ruby writes them; what Ruby's parser refuses is refused.
#[test]
fn attachments_are_normalized_as_rails_writes_them() {
    let form = |attachments: &str| valid_form_with(&format!(r#""attachments_attributes": {attachments}"#));
    let request = Converter::default()
        .create_request(&form("[ {\"name\" : \"\\u00e9\\/\",\n \"size\": 1.50, \"pages\": 1E2, \"id\": 7} ]"))
        .unwrap();
    let mut json = Vec::new();
    contract_draft::JsonStyle::new(contract_draft::Layout::Compact, true)
        .append(&mut json, &request)
        .unwrap();
    let json = String::from_utf8(json).unwrap();
    assert_eq!(
        raw_at(&json, "/contract/attachments_attributes"),
        r#"[{"name":"é/","size":1.5,"pages":100.0,"id":7}]"#
    );
    assert!(!json.contains('\n'));
    let deep = format!("{}{}", "[".repeat(101), "]".repeat(101));
    let error = Converter::default().create_request(&form(&deep)).unwrap_err();
    assert!(error.to_string().contains("nests deeper than 100 levels"), "{error}");
    let error = Converter::default().create_request(&form(r#"[{"a": 1, "a": 2}]"#)).unwrap_err();
    assert_eq!(error.to_string(), r#"contract.attachments_attributes[0]: has the key "a" twice"#);
}

/// Checks go on past a line's other problems: a repeated id beside a bad `product_id`,
/// a bad `destroy` beside bad amounts, keys beside a missing `contract`.
#[test]
fn a_lines_problems_do_not_hide_each_other() {
    let form = |lines: &str| valid_form_with(&format!(r#""product_assets_attributes": {lines}"#));
    let paths = |lines: &str| -> Vec<String> {
        let error = Converter::default().create_request(&form(lines)).unwrap_err();
        error.problems().iter().map(|problem| problem.path().to_owned()).collect()
    };
    assert_eq!(
        paths(
            r#"[{"id": 5, "product_id": "x", "quantity": 1, "recommended_unit_price": 1}, {"id": 5, "destroy": true}]"#
        ),
        ["contract.product_assets_attributes[0].product_id", "contract.product_assets_attributes[1].id"]
    );
    assert_eq!(
        paths(r#"[{"destroy": "yes", "product_id": "x", "quantity": "-1", "recommended_unit_price": 1}]"#),
        [
            "contract.product_assets_attributes[0].destroy",
            "contract.product_assets_attributes[0].product_id",
            "contract.product_assets_attributes[0].quantity"
        ]
    );
    let error = ContractForm::from_json(br#"{"x": 1}"#).unwrap_err();
    let paths: Vec<&str> = error.problems().iter().map(contract_draft::Error::path).collect();
    assert_eq!(paths, ["contract", "x"]);
    // A product of more digits than a decimal holds is still saved as Rails saves it.
    let request = Converter::default()
        .create_request(&form(r#"[{"product_id": 1, "quantity": "300000000.000001", "recommended_unit_price": "300000000.000001"}]"#))
        .unwrap();
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(
        raw_at(&json, "/contract/product_assets_attributes/0/total_price"),
        r#""90000000000000600.0""#
    );
}

/// A form with every required key valid, and `members` (JSON members, `"key": value`)
/// besides.
fn valid_form_with(members: &str) -> ContractForm {
    let json = format!(
        r#"{{"contract": {{"title": "T", "sn": "S", "customer_id": 5, "start_at": "2026-01-01", "end_at": "2026-12-31", {members}}}}}"#
    );
    ContractForm::from_json(json.as_bytes()).unwrap()
}

/// An empty text (`""`, as a draft shows some empty values) given for a field that holds
/// no text is that field's empty value; a companion's `""` is kept as the text it is.
#[test]
fn an_empty_text_for_a_field_of_another_kind_is_its_empty_value() {
    let settings = br#"{"version": 1, "contract_fields": [
        {"key": "numeric_asset_n1", "kind": "number"}, {"key": "datetime_asset_d1", "kind": "date"},
        {"key": "text_asset_m1", "kind": "multi_select"}, {"key": "file_asset_f1", "kind": "file"}]}"#;
    let converter = Converter::new(&CompanySettings::from_json(settings).unwrap()).unwrap();
    let form = valid_form_with(
        r#""numeric_asset_n1": "", "datetime_asset_d1": "", "text_asset_m1": "", "text_asset_m1_display": "", "file_asset_f1": """#,
    );
    let json = serde_json::to_string(&converter.create_request(&form).unwrap()).unwrap();
    let custom = &json[json.find(r#""numeric_asset_n1""#).unwrap()..];
    assert_eq!(
        custom,
        r#""numeric_asset_n1":null,"datetime_asset_d1":null,"text_asset_m1":[],"text_asset_m1_display":"","file_asset_f1":[]},"contract_action_name":"turn_to_contract"}"#
    );
}

/// What a service reads of a request is what the form gave, key by key: each accessor
/// its own key's value (the keys are given distinct values, so one read under another
/// key shows), the custom fields in template order with their companions.
#[test]
fn a_requests_values_are_read_by_their_keys() {
    let converter = Converter::new(
        &CompanySettings::from_json(
            br#"{"version": 1, "contract_fields": [{"key": "text_asset_t1", "kind": "text"}, {"key": "text_asset_s1", "kind": "single_select"}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let form = valid_form_with(
        r#""user_id": 7, "opportunity_id": 8, "want_department_id": 9, "custom_field_template_id": 10,
           "total_amount": "19800.0", "sign_date": "2026-02-03", "text_asset_t1": "note",
           "text_asset_s1": "a", "text_asset_s1_display": "A",
           "product_assets_attributes": [{"product_id": 11, "quantity": "2", "recommended_unit_price": "3.5"}]"#,
    );
    let request = converter.create_request(&form).unwrap();
    assert_eq!((request.title(), request.sn()), ("T", "S"));
    assert_eq!(
        (
            request.user_id(),
            request.opportunity_id(),
            request.want_department_id(),
            request.custom_field_template_id()
        ),
        (Some(7), Some(8), Some(9), Some(10))
    );
    assert_eq!(request.customer_id(), 5);
    let ruby = |amount: Option<rust_decimal::Decimal>| {
        amount.map(|amount| contract_draft::RubyDecimal(amount).to_string())
    };
    assert_eq!(ruby(request.total_amount()), Some("19800.0".to_owned()));
    let day = |text: &str| contract_draft::parse_date(text).unwrap();
    assert_eq!((request.start_at(), request.end_at()), (day("2026-01-01"), day("2026-12-31")));
    assert_eq!(request.sign_date(), Some(day("2026-02-03")));
    let fields: Vec<String> = request
        .custom_fields()
        .map(|(key, value)| format!("{key}={}", serde_json::to_string(value).unwrap()))
        .collect();
    assert_eq!(fields, [r#"text_asset_t1="note""#, r#"text_asset_s1="a""#, r#"text_asset_s1_display="A""#]);
    let line = request.product_lines().next().unwrap();
    assert_eq!((line.product_id(), line.is_deleted()), (Some(11), false));
    assert_eq!(ruby(line.total_price()), Some("7.0".to_owned()));
    assert_eq!(ruby(line.quantity()), Some("2.0".to_owned()));
}
