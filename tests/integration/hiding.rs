//! Phone-number hiding: with hiding on, no raw customer number appears anywhere in the
//! draft; with it off, all of them appear unchanged.

use contract_draft::{Bundle, CompanySettings, Converter, Envelope};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::fixture;

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
    let conversion = converter.convert_checked(&bundle.opportunity, &bundle.customer, &bundle.user).unwrap();
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
    let draft = hiding_company().convert(&bundle.opportunity, &bundle.customer, &bundle.user);
    let data = serde_json::to_value(&draft).unwrap();
    assert_eq!(data["need_hidden_dispose"], true);
    let address = &data["customer"]["address"];
    assert_eq!(address["tel"], "010*****5678");
    assert_eq!(address["tel_hidden_result"], "010*****5678");
    assert_eq!(address["phone"], "139****5678");
    assert_eq!(address["phone_hidden_result"], "139****5678");
    assert_eq!(address["need_hidden_dispose"], true);
    let contact = &data["customer"]["contacts"][0]["address"];
    assert_eq!((contact["tel"].clone(), contact["phone"].clone()), (json!(""), json!("138****8000")));
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
