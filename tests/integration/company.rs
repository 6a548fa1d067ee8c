//! Company configuration: product lines, the total, custom fields and their mapping,
//! approval, and the conversion report. Inputs are in `fixtures/products/` and
//! `fixtures/company/`; the figures asserted here were worked out by hand.

use contract_draft::{CompanySettings, Conversion, Converter, Envelope, Note};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::support::fixture;

/// Converts the fixture bundle with the fixture settings (default settings for `None`).
fn convert(bundle: &str, settings: Option<&str>) -> Conversion {
    let settings = settings.map_or_else(CompanySettings::default, |name| {
        CompanySettings::from_json(fixture(name).as_bytes()).expect("fixture settings are valid")
    });
    let converter = Converter::new(&settings).unwrap();
    converter.convert_json(fixture(bundle).as_bytes()).unwrap_or_else(|error| panic!("{error}"))
}

fn shipped(conversion: &Conversion) -> String {
    serde_json::to_string_pretty(&Envelope::new(&conversion.draft)).unwrap()
}

fn data(conversion: &Conversion) -> Value {
    serde_json::to_value(&conversion.draft).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn product_lines_are_offered_with_exact_totals() {
    let conversion = convert("products/bundle.json", None);
    let data = data(&conversion);
    assert_eq!(data["product_assets"], "3个产品");
    let lines = &data["product_assets_for_new_record"];
    assert_eq!(
        lines[0],
        json!({"id": null, "product_id": 1001, "name": "CRM集团版 授权", "product_no": "CRM-G-01",
            "product_attr_id": 31, "spec": "每用户每年", "sale_unit": "用户", "quantity": 3,
            "standard_unit_price": "8000.0", "recommended_unit_price": "6600.0",
            "total_price": "19800.0", "discount": "82.5", "remark": ""})
    );
    // A fractional quantity, no list price, the name given as product_name.
    assert_eq!(lines[1]["name"], "实施服务");
    assert_eq!(lines[1]["quantity"], "2.5");
    assert_eq!(lines[1]["standard_unit_price"], "");
    assert_eq!(lines[1]["total_price"], "3001.25");
    assert_eq!(lines[1]["discount"], "--");
    assert_eq!(lines[1]["product_attr_id"], Value::Null);
    assert_eq!(lines[2]["total_price"], "500.0");
    assert_eq!(lines[2]["discount"], "100.0");
    insta::assert_snapshot!(shipped(&conversion));
}

#[test]
fn by_default_the_total_is_the_opportunity_amount_and_the_report_gives_both() {
    let conversion = convert("products/bundle.json", None);
    assert_eq!(conversion.draft.total_amount, dec("19800"));
    assert_eq!(
        conversion.notes,
        [Note::TotalDiffersFromLines { expect_amount: dec("19800"), lines_sum: dec("23301.25") }]
    );
    assert_eq!(
        conversion.notes[0].to_string(),
        "the opportunity's expect_amount 19800.0 differs from the sum of its product lines 23301.25"
    );
}

#[test]
fn the_sum_of_lines_setting_takes_the_total_from_the_lines() {
    let conversion = convert("products/bundle.json", Some("products/settings-sum-of-lines.json"));
    let data = data(&conversion);
    assert_eq!(data["total_amount"], "23301.25");
    assert_eq!(data["unreceived_amount"], 23301.25);
    assert_eq!(data["unchecking_payments_amount"], 23301.25);
    assert_eq!(conversion.notes.len(), 1);
    insta::assert_snapshot!(shipped(&conversion));
}

#[test]
fn the_sum_of_lines_setting_without_lines_keeps_the_amount_and_says_so() {
    let conversion = convert("bundle.json", Some("products/settings-sum-of-lines.json"));
    assert_eq!(conversion.draft.total_amount, dec("19800"));
    assert_eq!(conversion.notes, [Note::NoLinesToSum]);
}

#[test]
fn a_template_with_every_kind_a_mapping_and_defaults() {
    let conversion = convert("company/bundle.json", Some("company/settings.json"));
    let text = shipped(&conversion);
    let tail = &text[text.find("\"custom_field_template\"").unwrap()..];
    assert_eq!(
        tail,
        r#""custom_field_template": {},
    "text_asset_1ca6ef": [
      "线上",
      "渠道"
    ],
    "text_asset_238a59": "按合同约定",
    "text_asset_90d3e6": "电汇",
    "numeric_asset_e0a85b": "150000.0",
    "text_area_asset_5b21c0": null,
    "datetime_asset_7d4e11": "2015-12-31",
    "file_asset_c3f9a2": [],
    "text_asset_4f6a7b": [
      "标准版",
      "年付"
    ],
    "text_asset_90d3e6_display": "电汇",
    "text_asset_1ca6ef_display": "线上,渠道",
    "text_asset_4f6a7b_display": "标准版, 年付"
  }
}"#
    );
    assert!(conversion.draft.need_hidden_dispose, "the company hides numbers");
    assert_eq!(
        conversion.notes,
        [
            Note::UnmappedCustomField { key: "text_asset_aabbcc".into() },
            Note::DefaultApplied { field: "text_asset_238a59".into() },
            Note::DefaultApplied { field: "text_asset_90d3e6".into() },
            Note::DefaultApplied { field: "text_asset_4f6a7b".into() },
        ]
    );
}

#[test]
fn approval_in_three_steps_and_approval_off() {
    let three = data(&convert("company/bundle.json", Some("company/settings.json")));
    assert_eq!((three["can_approve"].clone(), three["need_approve_step"].clone()), (json!(true), json!(3)));
    assert_eq!((three["step"].clone(), three["step_can_approve"].clone()), (json!(0), json!(false)));
    let off = convert("bundle.json", Some("company/settings-no-approval.json"));
    let data = data(&off);
    assert_eq!((data["can_approve"].clone(), data["need_approve_step"].clone()), (json!(false), json!(0)));
    insta::assert_snapshot!(shipped(&off));
}

#[test]
fn a_mapped_value_that_does_not_suit_its_field_is_refused() {
    let settings = CompanySettings::from_json(fixture("company/settings.json").as_bytes()).unwrap();
    let converter = Converter::new(&settings).unwrap();
    let bundle = fixture("company/bundle.json").replace(r#""150000.0""#, r#""lots""#);
    let error = converter.convert_json(bundle.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), contract_draft::ErrorKind::InvalidValue);
    assert_eq!(
        error.to_string(),
        "opportunity.numeric_asset_a1b2c3: the number \"lots\" is not a decimal number, so it cannot fill the contract field numeric_asset_e0a85b"
    );
    // The unchecked conversion goes on, leaving the field empty.
    let bundle = contract_draft::Bundle::from_json(bundle.as_bytes()).unwrap();
    let draft = converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user);
    assert_eq!(draft.custom_fields.get("numeric_asset_e0a85b"), Some(&contract_draft::FieldValue::Null));
}

/// The path and message of the settings error for `json`.
fn settings_problem(json: &str) -> (String, String) {
    let error = CompanySettings::from_json(json.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), contract_draft::ErrorKind::InvalidSettings, "{error}");
    (error.path().to_owned(), error.detail().to_owned())
}

#[test]
fn settings_are_checked_on_load() {
    assert_eq!(CompanySettings::from_json(br#"{"version": 1}"#).unwrap(), CompanySettings::default());
    assert_eq!(settings_problem(r#"{"version": 2}"#).0, "version");
    assert_eq!(settings_problem("{}").0, "version");
    assert_eq!(settings_problem(r#"{"version": 1, "colour": 1}"#).0, "colour");
    assert_eq!(settings_problem(r#"{"version": 1, "total": "max"}"#).0, "total");
    let field = |fields: &str| format!(r#"{{"version": 1, "contract_fields": [{fields}]}}"#);
    assert_eq!(
        settings_problem(&field(r#"{"key": "text_asset_1", "kind": "colour"}"#)).0,
        "contract_fields[0].kind"
    );
    assert_eq!(
        settings_problem(&field(
            r#"{"key": "text_asset_1", "kind": "text"}, {"key": "text_asset_1", "kind": "text"}"#
        )),
        ("contract_fields[1].key".into(), "the key \"text_asset_1\" is used twice".into())
    );
    let companion_clash = field(
        r#"{"key": "text_asset_1_display", "kind": "text"}, {"key": "text_asset_1", "kind": "single_select"}"#,
    );
    assert_eq!(settings_problem(&companion_clash).0, "contract_fields[1].key");
    assert_eq!(
        settings_problem(&field(r#"{"key": "text_asset_1", "kind": "number"}"#)).0,
        "contract_fields[0].key"
    );
    assert_eq!(
        settings_problem(&field(r#"{"key": "numeric_asset_1", "kind": "number", "default": "many"}"#)).0,
        "contract_fields[0].default"
    );
    assert_eq!(
        settings_problem(&field(r#"{"key": "file_asset_1", "kind": "file", "default": []}"#)).1,
        "file fields take no default"
    );
}

#[test]
fn mappings_are_checked_on_load() {
    let mapping = |mapping: &str| {
        format!(
            r#"{{"version": 1, "contract_fields": [{{"key": "numeric_asset_1", "kind": "number"}},
                {{"key": "datetime_asset_2", "kind": "date"}}], "field_mapping": [{mapping}]}}"#
        )
    };
    assert_eq!(
        settings_problem(&mapping(r#"{"from": "numeric_asset_9", "to": "numeric_asset_3"}"#)),
        ("field_mapping[0].to".into(), "\"numeric_asset_3\" is not a field of the contract template".into())
    );
    assert_eq!(
        settings_problem(&mapping(r#"{"from": "title", "to": "numeric_asset_1"}"#)).0,
        "field_mapping[0].from"
    );
    assert_eq!(
        settings_problem(&mapping(r#"{"from": "text_asset_9", "to": "numeric_asset_1"}"#)),
        (
            "field_mapping[0]".into(),
            "a Text field (text_asset_9) cannot fill the Number field numeric_asset_1".into()
        )
    );
    assert_eq!(
        settings_problem(&mapping(r#"{"from": "numeric_asset_9", "to": "datetime_asset_2"}"#)).0,
        "field_mapping[0]"
    );
    let twice = mapping(
        r#"{"from": "numeric_asset_8", "to": "numeric_asset_1"}, {"from": "numeric_asset_9", "to": "numeric_asset_1"}"#,
    );
    assert_eq!(settings_problem(&twice).0, "field_mapping[1].to");
    assert_eq!(
        settings_problem(&mapping(r#"{"from": "numeric_asset_9", "to": "numeric_asset_1", "x": 1}"#)).0,
        "field_mapping[0].x"
    );
}

/// Found by `properties::line_totals_are_exact_and_add_up_to_the_total`: a sum of line
/// totals with 30 significant digits used to be a candidate for silent rounding.
#[test]
fn a_sum_beyond_a_decimal_is_refused_not_rounded() {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    bundle["opportunity"]["product_assets"] = json!([
        {"product_id": 1, "quantity": "850184981", "recommended_unit_price": "931893219097"},
        {"product_id": 2, "quantity": "105905.061", "recommended_unit_price": "0.089661"},
    ]);
    let json = serde_json::to_vec(&bundle).unwrap();
    let error = Converter::default().convert_json(&json).unwrap_err();
    assert_eq!(error.kind(), contract_draft::ErrorKind::Overflow);
    assert_eq!(error.path(), "opportunity.product_assets[1]");
    // Each line on its own is exact (checked with Python's decimal module).
    let bundle = contract_draft::Bundle::from_json(&json).unwrap();
    let draft = Converter::default().convert(&bundle.opportunity, &bundle.customer, &bundle.user);
    let totals: Vec<_> = draft.product_assets_for_new_record.iter().map(|line| line.total_price).collect();
    assert_eq!(totals, [Some(dec("792281618772011782157")), Some(dec("9495.553674321"))]);
}

/// Found in review: a zero operand came back from `rust_decimal` with scale 0, which the
/// exactness check took for rounding, so a free line was an overflow.
#[test]
fn free_lines_and_zero_quantities_total_zero() {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    bundle["opportunity"]["product_assets"] = json!([
        {"product_id": 1, "quantity": "2.5", "recommended_unit_price": "0", "standard_unit_price": "100"},
        {"product_id": 2, "quantity": "0.000", "recommended_unit_price": "6600.5"},
    ]);
    let conversion = Converter::default().convert_json(&serde_json::to_vec(&bundle).unwrap()).unwrap();
    let data = data(&conversion);
    let lines = &data["product_assets_for_new_record"];
    assert_eq!((lines[0]["total_price"].clone(), lines[0]["discount"].clone()), (json!("0.0"), json!("0.0")));
    assert_eq!(lines[1]["total_price"], "0.0");
    assert_eq!(lines[1]["quantity"], 0);
}
