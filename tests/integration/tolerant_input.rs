//! Real payloads in: every encoding the API is seen to send reads, and comes out in the
//! draft's documented encoding.

use contract_draft::{Bundle, Converter, Envelope, contract_from_opportunity};
use serde_json::{Value, json};

use crate::support::{fixture, sample_bundle};

/// The sample bundle as a JSON value, to change.
fn sample() -> Value {
    serde_json::from_str(&fixture("bundle.json")).unwrap()
}

/// The compact draft JSON (as a value) of a bundle, through the checked path.
fn draft_of(bundle: &Value) -> Value {
    let conversion = Converter::default()
        .convert_json(&serde_json::to_vec(bundle).unwrap())
        .unwrap_or_else(|error| panic!("{error}"));
    serde_json::to_value(&conversion.draft).unwrap()
}

/// The value at `pointer` of the draft of the sample with `pointer_in` set to `value`.
fn read_back(pointer_in: &str, value: Value, pointer_out: &str) -> Value {
    let mut bundle = sample();
    *bundle.pointer_mut(pointer_in).unwrap() = value;
    draft_of(&bundle).pointer(pointer_out).unwrap().clone()
}

#[test]
fn amounts_in_every_encoding() {
    for (given, total, number) in [
        (json!("19800.0"), "19800.0", 19800.0),
        (json!("19800"), "19800.0", 19800.0),
        (json!("19800.50"), "19800.5", 19800.5),
        (json!(19800), "19800.0", 19800.0),
        (json!(19800.0), "19800.0", 19800.0),
        (json!(19800.5), "19800.5", 19800.5),
        (json!(0.1), "0.1", 0.1),
    ] {
        assert_eq!(
            read_back("/opportunity/expect_amount", given.clone(), "/total_amount"),
            json!(total),
            "{given}"
        );
        assert_eq!(
            read_back("/opportunity/expect_amount", given.clone(), "/opportunity/expect_amount"),
            json!(total)
        );
        assert_eq!(read_back("/opportunity/expect_amount", given, "/unreceived_amount"), json!(number));
    }
}

#[test]
fn sign_possibility_as_text_or_integer() {
    for (given, shown) in [
        (json!("10%"), "10%"),
        (json!(100), "100%"),
        (json!("30"), "30%"),
        (json!(null), ""),
        (json!(""), ""),
    ] {
        assert_eq!(
            read_back("/opportunity/sign_possibility", given, "/opportunity/sign_possibility"),
            json!(shown)
        );
    }
}

#[test]
fn timestamps_in_every_form_become_china_time_minutes() {
    for given in
        ["2018-01-10 10:09", "2018-01-10 10:09:59", "2018-01-10T10:09:00.000+08:00", "2018-01-10T02:09:30Z"]
    {
        assert_eq!(
            read_back("/user/created_at", json!(given), "/user/created_at"),
            json!("2018-01-10 10:09"),
            "{given}"
        );
    }
    assert_eq!(read_back("/user/created_at", json!(null), "/user/created_at"), json!(""));
    assert_eq!(read_back("/opportunity/created_at", json!(""), "/opportunity/created_at"), json!(""));
}

#[test]
fn revisit_at_keeps_rfc_3339() {
    for (given, shown) in [
        ("2019-02-25T13:30:28.000+08:00", "2019-02-25T13:30:28.000+08:00"),
        ("2019-02-25T13:30:28+08:00", "2019-02-25T13:30:28.000+08:00"),
        ("2019-02-25T05:30:28.123Z", "2019-02-25T05:30:28.123+00:00"),
        ("2019-02-25 13:30:28", "2019-02-25T13:30:28.000+08:00"),
        ("2019-02-25 13:30", "2019-02-25T13:30:00.000+08:00"),
    ] {
        assert_eq!(
            read_back("/customer/revisit_at", json!(given), "/customer/revisit_at"),
            json!(shown),
            "{given}"
        );
    }
}

#[test]
fn null_where_text_is_usual_and_text_where_null_is() {
    assert_eq!(
        read_back("/opportunity/customer_requirement", json!(null), "/opportunity/customer_requirement"),
        json!("")
    );
    assert_eq!(read_back("/user/phone", json!(null), "/user/phone"), json!(""));
    assert_eq!(read_back("/customer/address/phone", json!(null), "/customer/address/phone"), json!(""));
    assert_eq!(
        read_back("/customer/approve_status_i18n", json!(null), "/customer/approve_status_i18n"),
        json!(null)
    );
    assert_eq!(read_back("/opportunity/stage", json!(3511), "/opportunity/stage"), json!("3511"));
}

#[test]
fn coordinates_as_numbers_strings_or_null() {
    for (given, shown) in [
        (json!(0.0), json!(0.0)),
        (json!("31.579004"), json!(31.579004)),
        (json!(121), json!(121.0)),
        (json!(null), json!(null)),
        (json!(""), json!(null)),
    ] {
        assert_eq!(
            read_back("/customer/address/lat", given.clone(), "/customer/address/lat"),
            shown,
            "{given}"
        );
    }
}

#[test]
fn ids_as_integers_or_digit_strings() {
    assert_eq!(read_back("/opportunity/id", json!("576543"), "/opportunity/id"), json!(576543));
    assert_eq!(
        read_back("/opportunity/customer_id", json!("23481906"), "/opportunity/customer_id"),
        json!(23481906)
    );
}

#[test]
fn empty_records_are_braces() {
    assert_eq!(read_back("/customer/address", json!(null), "/customer/address"), json!({}));
    assert_eq!(
        read_back("/customer/contacts/0/address", json!({}), "/customer/contacts/0/address"),
        json!({})
    );
}

#[test]
fn extra_keys_of_detail_endpoints_change_nothing() {
    let mut detailed = sample();
    let extras = [
        (
            "/opportunity",
            json!({"approve_status": "approved", "updated_at": "2019-02-26 10:00", "real_revisit_at": null,
            "sign_possibility_display": "10%", "text_asset_aaaaaa": ["1"], "product_assets": []}),
        ),
        (
            "/customer",
            json!({"tags": [], "text_area_asset_bbbbbb": "note", "assist_user_ids": [1, 2], "address": null}),
        ),
        ("/user", json!({"gender": "female", "role": {"id": 169, "name": "boss"}, "department_id": 7})),
    ];
    for (pointer, extra) in extras {
        let record = detailed.pointer_mut(pointer).unwrap().as_object_mut().unwrap();
        for (key, value) in extra.as_object().unwrap() {
            record.entry(key.clone()).or_insert(value.clone());
        }
    }
    assert_eq!(draft_of(&detailed), draft_of(&sample()));
}

#[test]
fn a_minimal_bundle_takes_the_documented_empty_values() {
    let minimal = br#"{
        "opportunity": {"id": 1, "title": "T", "expect_amount": "5", "customer_id": 2},
        "customer": {"id": 2, "name": "C"},
        "user": {"id": 3, "name": "U", "organization_id": 4}
    }"#;
    let bundle = Bundle::from_json(minimal).unwrap();
    let draft = contract_from_opportunity(&bundle.opportunity, &bundle.customer, &bundle.user);
    insta::assert_snapshot!(serde_json::to_string_pretty(&Envelope::new(&draft)).unwrap());
}

#[test]
fn the_sample_reads_back_to_itself() {
    let bundle = sample_bundle();
    let draft = contract_from_opportunity(&bundle.opportunity, &bundle.customer, &bundle.user);
    let json = serde_json::to_value(&draft).unwrap();
    let written =
        json!({"opportunity": json["opportunity"], "customer": json["customer"], "user": json["user"]});
    assert_eq!(written, sample());
}
