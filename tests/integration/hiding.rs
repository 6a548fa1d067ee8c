//! Phone-number hiding: with hiding on, no raw customer number appears anywhere in the
//! draft; with it off, all of them appear unchanged.

use contract_draft::{Bundle, CompanySettings, Converter, Envelope};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{fixture, raw_at};

/// A mobile number (11 digits starting 19) or a landline with an area code; neither can
/// occur by chance in the sample's other values.
fn number() -> impl Strategy<Value = String> {
    prop_oneof!["19[0-9]{9}".prop_map(String::from), "0[1-9][0-9]{1,2}-[2-8][0-9]{7}".prop_map(String::from),]
}

fn address(tel: &str, phone: &str) -> Value {
    json!({"id": 1, "tel": tel, "tel_hidden_result": tel, "phone": phone, "phone_hidden_result": phone})
}

/// The sample bundle whose customer has this address and these contacts' numbers.
fn bundle(numbers: &[(String, String)], hidden_for_user: bool) -> Bundle {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    let (first, rest) = numbers.split_first().unwrap();
    bundle["customer"]["address"] = address(&first.0, &first.1);
    bundle["customer"]["contacts"] = rest
        .iter()
        .enumerate()
        .map(|(index, (tel, phone))| json!({"id": index, "name": "联系人", "address": address(tel, phone)}))
        .collect();
    bundle["user"]["enabled_number_hidden_dispose"] = json!(hidden_for_user);
    Bundle::from_json(&serde_json::to_vec(&bundle).unwrap()).unwrap()
}

fn shipped(converter: &Converter, bundle: &Bundle) -> String {
    let conversion = converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user).unwrap();
    serde_json::to_string(&Envelope::new(&conversion.draft)).unwrap()
}

fn hiding_company() -> Converter {
    let settings = CompanySettings::from_json(br#"{"version": 1, "hide_numbers": true}"#).unwrap();
    Converter::new(&settings).unwrap()
}

#[test]
fn hidden_numbers_are_masked_everywhere_and_flagged() {
    let numbers =
        [("010-12345678".to_owned(), "13912345678".to_owned()), (String::new(), "13800138000".to_owned())];
    let bundle = bundle(&numbers, false);
    let draft = hiding_company().convert_unchecked(&bundle.opportunity, &bundle.customer, &bundle.user);
    let data = serde_json::to_string(&draft).unwrap();
    assert_eq!(raw_at(&data, "/need_hidden_dispose"), "true");
    let address = |key: &str| raw_at(&data, &format!("/customer/address/{key}"));
    assert_eq!(address("tel"), r#""010-****5678""#);
    assert_eq!(address("tel_hidden_result"), r#""010-****5678""#);
    assert_eq!(address("phone"), r#""139****5678""#);
    assert_eq!(address("phone_hidden_result"), r#""139****5678""#);
    assert_eq!(address("need_hidden_dispose"), "true");
    let contact = |key: &str| raw_at(&data, &format!("/customer/contacts/0/address/{key}"));
    assert_eq!((contact("tel"), contact("phone")), (r#""""#.to_owned(), r#""138****8000""#.to_owned()));
}

/// A `phone` contract field, filled like text, is masked with its `_hidden_result`
/// companion when hiding is in force, and shown as it is otherwise.
#[test]
fn phone_custom_fields_are_masked_with_their_companion() {
    let settings = |hide: bool| {
        CompanySettings::from_json(
            format!(
                r#"{{"version": 1, "hide_numbers": {hide},
                "contract_fields": [{{"key": "text_asset_aa11", "kind": "phone"}}, {{"key": "text_asset_bb22", "kind": "single_select"}}],
                "field_mapping": [{{"from": "text_asset_cc33", "to": "text_asset_aa11"}}]}}"#
            )
            .as_bytes(),
        )
        .unwrap()
    };
    let bundle = fixture("bundle.json").replacen(
        r#""title_pinyin""#,
        r#""text_asset_cc33": "0571-62345678", "title_pinyin""#,
        1,
    );
    let tail = |hide| {
        let conversion = Converter::new(&settings(hide)).unwrap().convert_json(bundle.as_bytes()).unwrap();
        let json = serde_json::to_string(&conversion.draft).unwrap();
        json[json.find(r#""text_asset_aa11""#).unwrap()..].to_owned()
    };
    assert_eq!(
        tail(true),
        r#""text_asset_aa11":"057*-****5678","text_asset_bb22":null,"text_asset_bb22_display":null,"text_asset_aa11_hidden_result":"057*-****5678"}"#
    );
    assert_eq!(
        tail(false),
        r#""text_asset_aa11":"0571-62345678","text_asset_bb22":null,"text_asset_bb22_display":null,"text_asset_aa11_hidden_result":"0571-62345678"}"#
    );
}

/// A number sent where text is expected is refused without being quoted: it may be one
/// that hiding covers.
#[test]
fn a_refused_number_is_not_quoted() {
    let bundle = fixture("bundle.json").replacen(r#""phone": "","#, r#""phone": 13912345678.0,"#, 1);
    let error = Converter::default().convert_json(bundle.as_bytes()).unwrap_err();
    assert_eq!(error.to_string(), "customer.contacts[0].address.phone: is a number, expected a string");
}

#[test]
fn the_user_flag_hides_numbers_without_the_company_setting() {
    let numbers = [("010-12345678".to_owned(), "13912345678".to_owned())];
    let hidden = bundle(&numbers, true);
    let text = shipped(&Converter::default(), &hidden);
    assert!(!text.contains("13912345678") && text.contains("139****5678"));
    assert!(!text.contains("enabled_number_hidden_dispose"));
}

proptest! {
    #[test]
    fn no_raw_number_appears_when_hidden_and_all_appear_when_not(
        numbers in proptest::collection::vec((number(), number()), 1..5),
        hidden_for_user in any::<bool>(),
    ) {
        let bundle = bundle(&numbers, hidden_for_user);
        let raw = numbers.iter().flat_map(|(tel, phone)| [tel, phone]);
        let hidden = shipped(&hiding_company(), &bundle);
        for number in raw.clone() {
            prop_assert!(!hidden.contains(number.as_str()), "{} in {}", number, hidden);
        }
        let shown = shipped(&Converter::default(), &bundle);
        for number in raw {
            let as_value = format!(r#""tel":"{number}""#);
            let as_phone = format!(r#""phone":"{number}""#);
            if hidden_for_user {
                prop_assert!(!shown.contains(number.as_str()));
            } else {
                prop_assert!(shown.contains(&as_value) || shown.contains(&as_phone), "{}", number);
            }
        }
    }
}

/// An address's own `need_hidden_dispose` (set where a record was hidden before) is
/// read as given: `true` is kept and written back, `false` and `null` read as unset.
#[test]
fn an_addresss_own_hiding_flag_is_read_as_given() {
    let with = |flag: &str| {
        let json = crate::support::fixture("bundle.json").replacen(
            r#""full_address": "中国 辽宁 抚顺市 顺城区 ""#,
            &format!(r#""full_address": "", "need_hidden_dispose": {flag}"#),
            1,
        );
        contract_draft::Bundle::from_json(json.as_bytes()).unwrap()
    };
    let flag = |bundle: &contract_draft::Bundle| {
        bundle.customer.contacts[0].address.as_ref().unwrap().need_hidden_dispose
    };
    assert!(flag(&with("true")));
    assert!(!flag(&with("false")) && !flag(&with("null")));
    let written = String::from_utf8(with("true").to_json()).unwrap();
    assert!(written.contains(r#""need_hidden_dispose":true"#), "{written}");
}
