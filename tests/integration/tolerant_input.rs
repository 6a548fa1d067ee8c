//! Real payloads in: every encoding the API is seen to send reads, and comes out in the
//! draft's documented encoding.

use contract_draft::{Bundle, Converter, Envelope, contract_from_opportunity};
use serde_json::{Value, json};

use crate::support::{compact, fixture, raw_at, sample_bundle};

/// The sample bundle as a JSON value, to change.
fn sample() -> Value {
    serde_json::from_str(&fixture("bundle.json")).unwrap()
}

/// The compact draft JSON text of a bundle, through the checked path.
fn draft_of(bundle: &[u8]) -> String {
    let conversion = Converter::default().convert_json(bundle).unwrap_or_else(|error| panic!("{error}"));
    serde_json::to_string(&conversion.draft).unwrap()
}

/// The sample with the value at `pointer` replaced by the JSON text `value`.
fn sample_with(pointer: &str, value: &str) -> Vec<u8> {
    let mut bundle = sample();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = bundle.pointer_mut(parent).unwrap();
    match parent {
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = json!("\u{0}"),
        _ => drop(parent.as_object_mut().unwrap().insert(key.to_owned(), json!("\u{0}"))),
    }
    serde_json::to_string(&bundle).unwrap().replacen(r#""\u0000""#, value, 1).into_bytes()
}

/// The JSON text at `pointer_out` of the draft of the sample with `pointer_in` set to the
/// JSON text `value`.
fn read_back(pointer_in: &str, value: &str, pointer_out: &str) -> String {
    raw_at(&draft_of(&sample_with(pointer_in, value)), pointer_out)
}

#[test]
fn amounts_in_every_encoding() {
    for (given, total, number) in [
        (r#""19800.0""#, r#""19800.0""#, "19800.0"),
        (r#""19800""#, r#""19800.0""#, "19800.0"),
        (r#""19800.50""#, r#""19800.5""#, "19800.5"),
        ("19800", r#""19800.0""#, "19800.0"),
        ("19800.0", r#""19800.0""#, "19800.0"),
        ("19800.5", r#""19800.5""#, "19800.5"),
        ("0.1", r#""0.1""#, "0.1"),
        ("1.98e4", r#""19800.0""#, "19800.0"),
        (r#""19800.000000000000000000000000000000""#, r#""19800.0""#, "19800.0"),
    ] {
        assert_eq!(read_back("/opportunity/expect_amount", given, "/total_amount"), total, "{given}");
        assert_eq!(read_back("/opportunity/expect_amount", given, "/opportunity/expect_amount"), total);
        assert_eq!(read_back("/opportunity/expect_amount", given, "/unreceived_amount"), number, "{given}");
    }
}

/// A JSON number is read from its text, so whole numbers of any size are exact and are
/// written as Ruby writes their Float.
#[test]
fn large_json_numbers_are_read_exactly_and_written_as_ruby_floats() {
    for (given, total, number) in [
        ("1e15", r#""1000000000000000.0""#, "1.0e+15"),
        ("2.0e17", r#""200000000000000000.0""#, "2.0e+17"),
        ("123456789012345678.9", r#""123456789012345678.9""#, "1.2345678901234568e+17"),
        ("999999999999999", r#""999999999999999.0""#, "999999999999999.0"),
        ("0.000099", r#""0.000099""#, "9.9e-05"),
    ] {
        assert_eq!(read_back("/opportunity/expect_amount", given, "/total_amount"), total, "{given}");
        assert_eq!(read_back("/opportunity/expect_amount", given, "/unreceived_amount"), number, "{given}");
        assert_eq!(read_back("/opportunity/expect_amount", given, "/unchecking_payments_amount"), number);
    }
}

#[test]
fn sign_possibility_as_text_or_integer() {
    for (given, shown) in [
        (r#""10%""#, r#""10%""#),
        ("100", r#""100%""#),
        (r#""30""#, r#""30%""#),
        ("null", r#""""#),
        (r#""""#, r#""""#),
    ] {
        assert_eq!(read_back("/opportunity/sign_possibility", given, "/opportunity/sign_possibility"), shown);
    }
}

#[test]
fn timestamps_in_every_form_become_china_time_minutes() {
    for given in [
        "2018-01-10 10:09",
        "2018-01-10 10:09:59",
        "2018-01-10T10:09:00.000+08:00",
        "2018-01-10T02:09:30Z",
        "2018-01-10t02:09:30z",
        "2018-01-10t10:09:00.000+08:00",
    ] {
        assert_eq!(
            read_back("/user/created_at", &format!("{given:?}"), "/user/created_at"),
            r#""2018-01-10 10:09""#,
            "{given}"
        );
    }
    assert_eq!(read_back("/user/created_at", "null", "/user/created_at"), r#""""#);
    assert_eq!(read_back("/opportunity/created_at", r#""""#, "/opportunity/created_at"), r#""""#);
}

#[test]
fn revisit_at_keeps_rfc_3339() {
    for (given, shown) in [
        ("2019-02-25T13:30:28.000+08:00", "2019-02-25T13:30:28.000+08:00"),
        ("2019-02-25T13:30:28+08:00", "2019-02-25T13:30:28.000+08:00"),
        ("2019-02-25T05:30:28.123Z", "2019-02-25T05:30:28.123+00:00"),
        ("2019-02-25t05:30:28.123z", "2019-02-25T05:30:28.123+00:00"),
        ("2019-02-25 13:30:28", "2019-02-25T13:30:28.000+08:00"),
        ("2019-02-25 13:30", "2019-02-25T13:30:00.000+08:00"),
        // The offset's minutes and its sign are kept.
        ("2019-02-25T11:00:28+05:30", "2019-02-25T11:00:28.000+05:30"),
        ("2019-02-25T01:30:28-03:45", "2019-02-25T01:30:28.000-03:45"),
    ] {
        assert_eq!(
            read_back("/customer/revisit_at", &format!("{given:?}"), "/customer/revisit_at"),
            format!("{shown:?}"),
            "{given}"
        );
    }
}

#[test]
fn null_where_text_is_usual_and_text_where_null_is() {
    let cases = [
        ("/opportunity/customer_requirement", "null", r#""""#),
        ("/user/phone", "null", r#""""#),
        ("/customer/address/phone", "null", r#""""#),
        ("/customer/approve_status_i18n", "null", "null"),
        ("/opportunity/stage", "3511", r#""3511""#),
    ];
    for (pointer, given, shown) in cases {
        assert_eq!(read_back(pointer, given, pointer), shown, "{pointer}");
    }
}

/// List endpoints send `null` for an empty list, number or flag; each reads as the empty
/// value the draft writes.
#[test]
fn null_lists_numbers_and_flags_read_as_their_empty_values() {
    let cases = [
        ("/customer/contacts", "[]"),
        ("/customer/user_id", "0"),
        ("/opportunity/user_id", "0"),
        ("/user/role_id", "0"),
        ("/customer/is_own", "false"),
        ("/opportunity/is_user_self", "false"),
        ("/customer/address/off_distance", "-1"),
        ("/customer/address/lat", "null"),
    ];
    for (pointer, shown) in cases {
        assert_eq!(read_back(pointer, "null", pointer), shown, "{pointer}");
    }
    assert_eq!(read_back("/opportunity/product_assets", "null", "/product_assets_for_new_record"), "[]");
    assert_eq!(read_back("/opportunity/product_assets", "null", "/product_assets"), r#""暂无产品""#);
}

#[test]
fn coordinates_as_numbers_strings_or_null() {
    for (given, shown) in [
        ("0.0", "0.0"),
        (r#""31.579004""#, "31.579004"),
        ("121", "121.0"),
        ("0.00001", "1.0e-05"),
        ("null", "null"),
        (r#""""#, "null"),
    ] {
        assert_eq!(read_back("/customer/address/lat", given, "/customer/address/lat"), shown, "{given}");
    }
}

#[test]
fn distances_whole_or_fractional() {
    for (given, shown) in
        [("-1", "-1"), ("1200", "1200"), ("1200.0", "1200"), ("12.5", "12.5"), ("null", "-1")]
    {
        let pointer = "/customer/address/off_distance";
        assert_eq!(read_back(pointer, given, pointer), shown, "{given}");
    }
}

#[test]
fn ids_as_integers_or_digit_strings() {
    assert_eq!(read_back("/opportunity/id", r#""576543""#, "/opportunity/id"), "576543");
    assert_eq!(
        read_back("/opportunity/customer_id", r#""23481906""#, "/opportunity/customer_id"),
        "23481906"
    );
}

#[test]
fn empty_records_are_braces() {
    assert_eq!(read_back("/customer/address", "null", "/customer/address"), "{}");
    assert_eq!(read_back("/customer/contacts/0/address", "{}", "/customer/contacts/0/address"), "{}");
}

/// The three address shapes of `shared/docs/ikcrm-api.md`, as the customer's address:
/// each reads, and is written in the draft's (display) shape.
#[test]
fn every_address_shape_reads() {
    let display = r#"{"id": 7, "tel": "010-62345678", "tel_hidden_result": "010-62345678",
        "phone": "13912345678", "phone_hidden_result": "13912345678", "qq": "", "email": "a@b.cn",
        "lng": 0.0, "lat": 0.0, "detail_address": "1号", "off_distance": -1, "url": "",
        "gaode_staticmap": "", "full_address": "中国 北京"}"#;
    let raw = r#"{"id": 7, "addressable_id": 23481906, "addressable_type": "Customer", "country_id": 1,
        "province_id": null, "city_id": 2, "district_id": null, "tel": null, "phone": "13912345678",
        "email": "a@b.cn", "qq": null, "fax": null, "wechat": null, "wangwang": null, "zip": "100000",
        "url": null, "detail_address": "1号", "created_at": "2018-10-19T14:04:43.000+08:00",
        "updated_at": "2018-10-21T11:52:17.000+08:00", "lat": "39.908722", "lng": null,
        "off_distance": null, "region_info": null, "snippet": "…", "organization_id": 49,
        "tel_hidden_result": null, "phone_hidden_result": "13912345678"}"#;
    let lead = r#"{"id": 7, "tel": "", "tel_hidden_result": "", "phone": "13912345678",
        "phone_hidden_result": "13912345678", "qq": "", "email": "a@b.cn", "lng": 0.0, "lat": 0.0,
        "detail_address": "1号", "off_distance": -1, "url": "", "gaode_staticmap": "",
        "full_address": "中国 北京", "country": {}, "province": {}, "city": {}, "district": {},
        "fax": "", "wechat": "", "wangwang": "", "zip": "", "distance": "未知", "region_info": null}"#;
    let written = [
        (
            display,
            r#"{"id":7,"tel":"010-62345678","tel_hidden_result":"010-62345678","phone":"13912345678","phone_hidden_result":"13912345678","qq":"","email":"a@b.cn","lng":0.0,"lat":0.0,"detail_address":"1号","off_distance":-1,"url":"","gaode_staticmap":"","full_address":"中国 北京"}"#,
        ),
        (
            raw,
            r#"{"id":7,"tel":"","tel_hidden_result":"","phone":"13912345678","phone_hidden_result":"13912345678","qq":"","email":"a@b.cn","lng":null,"lat":39.908722,"detail_address":"1号","off_distance":-1,"url":"","gaode_staticmap":"","full_address":""}"#,
        ),
        (
            lead,
            r#"{"id":7,"tel":"","tel_hidden_result":"","phone":"13912345678","phone_hidden_result":"13912345678","qq":"","email":"a@b.cn","lng":0.0,"lat":0.0,"detail_address":"1号","off_distance":-1,"url":"","gaode_staticmap":"","full_address":"中国 北京"}"#,
        ),
    ];
    for (shape, address) in written {
        assert_eq!(read_back("/customer/address", shape, "/customer/address"), address);
        assert_eq!(read_back("/customer/contacts/0/address", shape, "/customer/contacts/0/address"), address);
    }
}

/// Records from list endpoints: no creator, no contacts or address, extra keys, and the
/// company named by the record itself.
#[test]
fn records_of_list_endpoints_convert() {
    let mut bundle = sample();
    let customer = bundle["customer"].as_object_mut().unwrap();
    for key in ["creator", "contacts", "address"] {
        customer.remove(key);
    }
    customer.insert("labels".into(), json!([{"id": 1, "name": "VIP"}]));
    customer.insert("custom_field_template_id".into(), json!(12));
    customer.insert("wx_external_userid".into(), json!(null));
    customer.insert("organization_id".into(), json!(49));
    let opportunity = bundle["opportunity"].as_object_mut().unwrap();
    opportunity.remove("creator");
    let conversion = Converter::default().convert_json(&serde_json::to_vec(&bundle).unwrap()).unwrap();
    let notes: Vec<String> = conversion.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        ["opportunity: neither a creator nor an organization_id shows its company; taken to be the user's"]
    );
    let json = serde_json::to_string(&conversion.draft).unwrap();
    assert_eq!(raw_at(&json, "/customer/creator"), "{}");
    assert_eq!(raw_at(&json, "/customer/contacts"), "[]");
    assert!(
        !raw_at(&json, "/customer").contains("organization_id"),
        "not written: not in the documented shape"
    );
}

#[test]
fn a_byte_order_mark_before_the_bundle_is_skipped() {
    let with_mark = [b"\xEF\xBB\xBF".as_slice(), fixture("bundle.json").as_bytes()].concat();
    assert_eq!(Bundle::from_json(&with_mark), Ok(sample_bundle()));
    let twice = [b"\xEF\xBB\xBF".as_slice(), &with_mark].concat();
    assert!(Bundle::from_json(&twice).is_err(), "only one mark, at the start");
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
    let json = |bundle: &Value| draft_of(&serde_json::to_vec(bundle).unwrap());
    assert_eq!(json(&detailed), json(&sample()));
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
    let json = serde_json::to_string(&draft).unwrap();
    let written = format!(
        r#"{{"opportunity":{},"customer":{},"user":{}}}"#,
        raw_at(&json, "/opportunity"),
        raw_at(&json, "/customer"),
        raw_at(&json, "/user")
    );
    assert_eq!(written, compact(&fixture("bundle.json")));
}

/// What `Bundle::to_json` writes reads back as the same bundle, for every fixture and
/// for a bundle with all the fields the draft leaves out (product lines, custom values,
/// the hiding flag, records' own companies) and times finer than the draft shows.
#[test]
fn bundles_read_back_from_their_json() {
    let detailed = {
        let mut bundle = sample();
        let opportunity = &mut bundle["opportunity"];
        opportunity["created_at"] = "2015-09-09T10:00:30.123456789+08:00".into();
        opportunity["organization_id"] = 49.into();
        opportunity["product_assets"] = serde_json::json!([
            {"product_id": 7, "product_name": "CRM", "quantity": "1.5", "recommended_unit_price": 0.333333,
             "standard_unit_price": null, "product_attr_id": "12"}
        ]);
        opportunity["text_asset_90d3e6_display"] = "甲, 乙".into();
        bundle["customer"]["revisit_at"] = "2019-02-25T13:30:28.987654321-05:30".into();
        bundle["customer"]["organization_id"] = "49".into();
        bundle["user"]["enabled_number_hidden_dispose"] = true.into();
        // A number of more digits than a double holds, kept as its text.
        let json = serde_json::to_string(&bundle).unwrap();
        json.replacen(
            r#""title_pinyin""#,
            r#""numeric_asset_a1b2c3": 12345678901234567890.5, "title_pinyin""#,
            1,
        )
        .into_bytes()
    };
    let fixtures =
        ["bundle.json", "company/bundle.json", "products/bundle.json"].map(|name| fixture(name).into_bytes());
    for json in fixtures.iter().chain([&detailed]) {
        let bundle = Bundle::from_json(json).unwrap();
        let written = bundle.to_json();
        assert_eq!(Bundle::from_json(&written), Ok(bundle.clone()), "{}", String::from_utf8_lossy(&written));
        assert_eq!(Bundle::from_json(&written).unwrap().to_json(), written);
    }
    let written = String::from_utf8(Bundle::from_json(&detailed).unwrap().to_json()).unwrap();
    for kept in [
        r#""created_at":"2015-09-09T10:00:30.123456789+08:00""#,
        r#""revisit_at":"2019-02-25T13:30:28.987654321-05:30""#,
        r#""product_assets":[{"product_id":7,"name":"CRM","product_no":"","product_attr_id":12,"spec":"","sale_unit":"","quantity":"1.5","standard_unit_price":"","recommended_unit_price":"0.333333","remark":""}]"#,
        r#""numeric_asset_a1b2c3":12345678901234567890.5"#,
        r#""enabled_number_hidden_dispose":true"#,
        r#""organization_id":49}"#,
    ] {
        assert!(written.contains(kept), "{kept} not in {written}");
    }
}
