//! Company configuration: product lines, the total, custom fields and their mapping,
//! approval, and the conversion report. Inputs are in `fixtures/products/` and
//! `fixtures/company/`; the figures asserted here were worked out by hand.

use contract_draft::{CompanySettings, Conversion, Converter, Envelope, Note};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::support::{fixture, raw_at};

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

/// The compact JSON text of the draft, for `raw_at`.
fn data(conversion: &Conversion) -> String {
    serde_json::to_string(&conversion.draft).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn product_lines_are_offered_with_exact_totals() {
    let conversion = convert("products/bundle.json", None);
    let data = data(&conversion);
    let at = |pointer: &str| raw_at(&data, pointer);
    assert_eq!(at("/product_assets"), r#""3个产品""#);
    assert_eq!(
        at("/product_assets_for_new_record/0"),
        r#"{"id":null,"product_id":1001,"name":"CRM集团版 授权","product_no":"CRM-G-01","product_attr_id":31,"spec":"每用户每年","sale_unit":"用户","quantity":3,"standard_unit_price":"8000.0","recommended_unit_price":"6600.0","total_price":"19800.0","discount":"82.5","remark":""}"#
    );
    // A fractional quantity, no list price, the name given as product_name.
    let second = |key: &str| at(&format!("/product_assets_for_new_record/1/{key}"));
    assert_eq!(second("name"), r#""实施服务""#);
    assert_eq!(second("quantity"), r#""2.5""#);
    assert_eq!(second("standard_unit_price"), r#""""#);
    assert_eq!(second("total_price"), r#""3001.25""#);
    assert_eq!(second("discount"), r#""--""#);
    assert_eq!(second("product_attr_id"), "null");
    assert_eq!(at("/product_assets_for_new_record/2/total_price"), r#""500.0""#);
    assert_eq!(at("/product_assets_for_new_record/2/discount"), r#""100.0""#);
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
    assert_eq!(raw_at(&data, "/total_amount"), r#""23301.25""#);
    assert_eq!(raw_at(&data, "/unreceived_amount"), "23301.25");
    assert_eq!(raw_at(&data, "/unchecking_payments_amount"), "23301.25");
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
    let approval = |data: &str| {
        ["/can_approve", "/need_approve_step", "/step", "/step_can_approve"]
            .map(|pointer| raw_at(data, pointer))
    };
    let three = data(&convert("company/bundle.json", Some("company/settings.json")));
    assert_eq!(approval(&three), ["true", "3", "0", "false"]);
    let off = convert("bundle.json", Some("company/settings-no-approval.json"));
    assert_eq!(approval(&data(&off)), ["false", "0", "0", "false"]);
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
        "opportunity.numeric_asset_a1b2c3: is not a decimal number, so it cannot fill the contract field numeric_asset_e0a85b"
    );
    // The unchecked conversion goes on, leaving the field empty.
    let bundle = contract_draft::Bundle::from_json(bundle.as_bytes()).unwrap();
    let draft = converter.convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
    assert_eq!(draft.custom_fields.get("numeric_asset_e0a85b"), Some(&contract_draft::FieldValue::Null));
}

/// A converter for the settings `json`: read, then checked and prepared.
fn load(json: &str) -> Result<Converter, contract_draft::Error> {
    CompanySettings::from_json(json.as_bytes()).and_then(|settings| Converter::new(&settings))
}

/// The path and message of the settings error for `json`.
fn settings_problem(json: &str) -> (String, String) {
    let error = load(json).unwrap_err();
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
    assert_eq!(settings_problem(&companion_clash).0, "contract_fields[0].key", "a companion's ending");
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
            "a text field (text_asset_9) cannot fill the number field numeric_asset_1".into()
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

/// A line total beyond `decimal(24,6)`'s 18 integer digits is refused by the checked
/// conversion, as saving it would be, and offered as `null` by the trusting one; a total
/// with more than 6 fractional digits is offered as saving stores it.
#[test]
fn a_line_total_saving_would_refuse_is_refused() {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    bundle["opportunity"]["product_assets"] = json!([
        {"product_id": 1, "quantity": "850184981", "recommended_unit_price": "931893219097"},
        {"product_id": 2, "quantity": "105905.061", "recommended_unit_price": "0.089661"},
    ]);
    let json = serde_json::to_vec(&bundle).unwrap();
    let error = Converter::default().convert_json(&json).unwrap_err();
    assert_eq!(error.kind(), contract_draft::ErrorKind::Overflow);
    assert_eq!(error.path(), "opportunity.product_assets[0]");
    // 850184981 × 931893219097 = 792281618772011782157 (21 integer digits); 105905.061 ×
    // 0.089661 = 9495.553674321, saved as 9495.553674 (checked with Python's decimal module).
    let bundle = contract_draft::Bundle::from_json(&json).unwrap();
    let draft = Converter::default().convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
    let totals: Vec<_> = draft.product_assets_for_new_record.iter().map(|line| line.total_price).collect();
    assert_eq!(totals, [None, Some(dec("9495.553674"))]);
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
    let line =
        |index: usize, key: &str| raw_at(&data, &format!("/product_assets_for_new_record/{index}/{key}"));
    assert_eq!((line(0, "total_price"), line(0, "discount")), (r#""0.0""#.into(), r#""0.0""#.into()));
    assert_eq!(line(1, "total_price"), r#""0.0""#);
    assert_eq!(line(1, "quantity"), "0");
}

/// A sum of lines is the contract total only while it fits `decimal(24,6)`'s 18 integer
/// digits; beyond, it is an overflow, not a total no contract can store.
#[test]
fn a_sum_of_lines_beyond_the_stored_precision_is_an_overflow() {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    bundle["opportunity"]["product_assets"] = json!([
        {"product_id": 1, "quantity": "1", "recommended_unit_price": "999999999999999999.5"},
        {"product_id": 2, "quantity": "1", "recommended_unit_price": "0.5"},
    ]);
    let json = serde_json::to_vec(&bundle).unwrap();
    let sum_of_lines =
        CompanySettings::from_json(fixture("products/settings-sum-of-lines.json").as_bytes()).unwrap();
    let error = Converter::new(&sum_of_lines).unwrap().convert_json(&json).unwrap_err();
    assert_eq!(
        error.to_string(),
        "opportunity.product_assets: the sum of the lines, 1000000000000000000.0, has more than 18 integer digits, more than a contract total holds (decimal(24,6))"
    );
    assert_eq!(error.kind(), contract_draft::ErrorKind::Overflow);
    // With the opportunity's amount as the total, the lines are only offered.
    assert!(Converter::default().convert_json(&json).is_ok());
    // Just within: 18 integer digits.
    bundle["opportunity"]["product_assets"] = json!([
        {"product_id": 1, "quantity": "2", "recommended_unit_price": "499999999999999999.999999"},
        {"product_id": 2, "quantity": "0.5", "recommended_unit_price": "0.000001"},
    ]);
    let conversion =
        Converter::new(&sum_of_lines).unwrap().convert_json(&serde_json::to_vec(&bundle).unwrap()).unwrap();
    // 0.5 × 0.000001 = 0.0000005 is saved as 0.000001 (half up), and the total is the
    // sum of what is saved.
    assert_eq!(raw_at(&data(&conversion), "/total_amount"), r#""999999999999999999.999999""#);
}

#[test]
fn records_without_a_creator_are_refused_only_under_a_strict_company_check() {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    bundle["customer"].as_object_mut().unwrap().remove("creator");
    let json = serde_json::to_vec(&bundle).unwrap();
    let conversion = Converter::default().convert_json(&json).unwrap();
    assert_eq!(conversion.notes, [Note::CompanyUnverified { record: "customer" }]);
    let strict = CompanySettings::from_json(br#"{"version": 1, "company_check": "strict"}"#).unwrap();
    let error = Converter::new(&strict).unwrap().convert_json(&json).unwrap_err();
    assert_eq!((error.kind(), error.path()), (contract_draft::ErrorKind::MissingField, "customer.creator"));
    assert_eq!(settings_problem(r#"{"version": 1, "company_check": "lenient"}"#).0, "company_check");
}

#[test]
fn settings_check_whole_keys_defaults_item_by_item_and_every_level() {
    let mapping = |from: &str| {
        format!(
            r#"{{"version": 1, "contract_fields": [{{"key": "text_asset_1", "kind": "text"}}],
                "field_mapping": [{{"from": "{from}", "to": "text_asset_1"}}]}}"#
        )
    };
    for from in [
        "text_asset_b_display",
        "text_asset_<>&",
        "text_asset_b_hidden_result",
        "text_asset_",
        "x_text_asset_1",
    ] {
        assert_eq!(settings_problem(&mapping(from)).0, "field_mapping[0].from", "{from}");
    }
    assert!(load(&mapping("text_asset_B_2")).is_ok());
    let default = |default: &str| {
        format!(
            r#"{{"version": 1, "contract_fields": [{{"key": "text_asset_1", "kind": "multi_select", "default": {default}}}]}}"#
        )
    };
    assert_eq!(
        settings_problem(&default(r#"[{"x": 1}, 2]"#)),
        (
            "contract_fields[0].default".into(),
            "item 0 is not a string; a multi select's options are strings".into()
        )
    );
    assert!(load(&default(r#"["a", "b"]"#)).is_ok());
    for unknown in [
        r#"{"version": 1, "approval": {"steps": 1, "colour": 1}}"#,
        r#"{"version": 1, "contract_fields": [{"key": "text_asset_1", "kind": "text", "colour": 1}]}"#,
    ] {
        assert!(settings_problem(unknown).0.ends_with("colour"), "{unknown}");
    }
}

/// `null` in settings is the key's default, as an absent key is (and as `null` is in
/// records); it is never reported as malformed JSON.
#[test]
fn null_settings_are_their_defaults() {
    let nulls = br#"{"version": 1, "total": null, "approval": null, "contract_fields": null,
        "field_mapping": null, "hide_numbers": null, "company_check": null}"#;
    assert_eq!(CompanySettings::from_json(nulls).unwrap(), CompanySettings::default());
    assert_eq!(
        settings_problem(r#"{"version": null}"#),
        ("version".into(), "is null, but an integer from 0 to 4294967295 is required".into())
    );
}

/// Notes beyond the first `MAX_NOTES` are counted, not kept.
#[test]
fn a_conversion_keeps_the_first_notes_and_counts_the_rest() {
    let values: String = (0..1000).map(|index| format!(r#""text_asset_{index:04x}": "v", "#)).collect();
    let bundle = fixture("bundle.json").replacen("\"title_pinyin\"", &format!("{values}\"title_pinyin\""), 1);
    let conversion = Converter::default().convert_json(bundle.as_bytes()).unwrap();
    assert_eq!((conversion.notes.len(), conversion.omitted_notes), (contract_draft::MAX_NOTES, 980));
    assert_eq!(conversion.notes[0], Note::UnmappedCustomField { key: "text_asset_0000".into() });
}

/// A source that fills a phone field is a phone number: it may fill only phone fields,
/// or hiding would not cover its copies.
#[test]
fn a_phone_source_fills_only_phone_fields() {
    let settings = |other_kind: &str| {
        format!(
            r#"{{"version": 1, "contract_fields": [{{"key": "text_asset_p", "kind": "phone"}}, {{"key": "text_asset_o", "kind": "{other_kind}"}}],
            "field_mapping": [{{"from": "text_asset_src", "to": "text_asset_p"}}, {{"from": "text_asset_src", "to": "text_asset_o"}}]}}"#
        )
    };
    assert_eq!(
        settings_problem(&settings("text")),
        (
            "field_mapping[1]".into(),
            "text_asset_src fills a phone field, so it cannot also fill the text field text_asset_o, where hiding would not cover it".into()
        )
    );
    assert_eq!(settings_problem(&settings("single_select")).0, "field_mapping[1]");
    assert!(load(&settings("phone")).is_ok());
}

#[test]
fn keys_are_at_most_64_characters_and_approval_defaults_to_one_step() {
    let key =
        |key: &str| format!(r#"{{"version": 1, "contract_fields": [{{"key": "{key}", "kind": "text"}}]}}"#);
    let longest = format!("text_asset_{}", "a".repeat(64 - 11));
    assert!(load(&key(&longest)).is_ok());
    assert_eq!(settings_problem(&key(&format!("{longest}a"))).0, "contract_fields[0].key");
    for approval in ["{}", r#"{"steps": null}"#, "null"] {
        let settings =
            CompanySettings::from_json(format!(r#"{{"version": 1, "approval": {approval}}}"#).as_bytes())
                .unwrap();
        assert_eq!(settings.approval.steps, 1, "{approval}");
    }
}

/// A contract term in the settings ends the draft that many months after its start,
/// less a day; the documented draft (no term) keeps `end_at` empty.
#[test]
fn a_term_in_months_sets_the_end() {
    let with_term = |months: &str| load(&format!(r#"{{"version": 1, "term_months": {months}}}"#));
    let converter = with_term("12").unwrap();
    let json = data(&converter.convert_json(fixture("bundle.json").as_bytes()).unwrap());
    assert_eq!(raw_at(&json, "/end_at"), r#""2016-09-08""#);
    assert_eq!(raw_at(&json, "/times"), r#""2015-09-09 - 2016-09-08""#);
    assert_eq!(raw_at(&json, "/times_display"), r#""2015-09-09 - 2016-09-08""#);
    // Clamped to the month's end: a month from Jan 31 is Feb 28, less a day.
    let end_of = |start: &str, months: &str| {
        let bundle = fixture("bundle.json").replace("2015-09-09", start);
        let json = data(&with_term(months).unwrap().convert_json(bundle.as_bytes()).unwrap());
        raw_at(&json, "/end_at")
    };
    assert_eq!(end_of("2015-01-31", "1"), r#""2015-02-27""#);
    assert_eq!(end_of("2016-01-31", "1"), r#""2016-02-28""#);
    assert_eq!(end_of("2015-09-09", "1200"), r#""2115-09-08""#);
    // Without a start date there is no end.
    let no_start =
        fixture("bundle.json").replace(r#""expect_sign_date": "2015-09-09""#, r#""expect_sign_date": """#);
    let json = data(&converter.convert_json(no_start.as_bytes()).unwrap());
    assert_eq!((raw_at(&json, "/end_at"), raw_at(&json, "/times")), (r#""""#.into(), r#"" - ""#.into()));
    for months in ["0", "1201"] {
        assert_eq!(
            settings_problem(&format!(r#"{{"version": 1, "term_months": {months}}}"#)).0,
            "term_months"
        );
    }
    assert!(with_term("null").is_ok());
    // A term that would end after 9999-12-31 is refused by the checked path; the total
    // one leaves the end empty.
    let last = fixture("bundle.json").replace("2015-09-09", "9999-12-31");
    let error = converter.convert_json(last.as_bytes()).unwrap_err();
    assert_eq!(
        (error.kind(), error.path()),
        (contract_draft::ErrorKind::InvalidValue, "opportunity.expect_sign_date")
    );
    let bundle = contract_draft::Bundle::from_json(last.as_bytes()).unwrap();
    let draft = converter.convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
    assert_eq!(draft.end_at, None);
}
