//! Every value of every documented input, replaced by a value of each other JSON type:
//! each entry point refuses or reads it, and no message names a Rust type, a serde
//! term or the value itself where its type was wrong ("Bad input gets a clear error").

use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::ContractPayments;
use contract_draft::submit::ContractForm;
use contract_draft::{CompanySettings, Converter, Error, Language};
use serde_json::{Value, json};

use crate::support::fixture;

/// Every JSON pointer of `value`'s values, the root aside.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(here.clone());
                pointers(value, &here, out);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                let here = format!("{at}/{index}");
                out.push(here.clone());
                pointers(value, &here, out);
            }
        }
        _ => {}
    }
}

/// Words of Rust and serde that a message in the API's words never holds.
const RUST_WORDS: [&str; 14] = [
    "sequence",
    "struct",
    "enum",
    "identifier",
    "map",
    "unit",
    "u32",
    "u64",
    "i64",
    "f64",
    "Option",
    "newtype",
    "tuple",
    "variant",
];

/// Each value of `input` replaced by values of the other types, read by `read`; every
/// message checked.
fn check_every_value(name: &str, input: &Value, read: impl Fn(&[u8]) -> Result<(), Error>) -> usize {
    let mut at = Vec::new();
    pointers(input, "", &mut at);
    let replacements = [json!(null), json!(true), json!(17.5), json!("x"), json!([1]), json!({"k": 1})];
    let mut refused = 0;
    for pointer in &at {
        for replacement in &replacements {
            let mut changed = input.clone();
            *changed.pointer_mut(pointer).unwrap() = replacement.clone();
            let Err(error) = read(&serde_json::to_vec(&changed).unwrap()) else { continue };
            refused += 1;
            let messages =
                [error.to_string(), error.message(Language::Chinese), error.message(Language::English)];
            for message in messages {
                let named = message
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .find(|word| RUST_WORDS.contains(word));
                assert_eq!(named, None, "{name} {pointer} = {replacement}: {message:?}");
            }
        }
    }
    refused
}

#[test]
fn no_wrong_type_anywhere_is_told_in_rusts_words() {
    let bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    let converter = Converter::default();
    let refused = check_every_value("bundle", &bundle, |json| converter.convert_json(json).map(drop));
    assert!(refused > 300, "{refused} refused");

    let settings: Value = serde_json::from_str(&fixture("company/settings.json")).unwrap();
    let refused = check_every_value("settings", &settings, |json| {
        Converter::new(&CompanySettings::from_json(json)?).map(drop)
    });
    assert!(refused > 50, "{refused} refused");

    let schedule = json!({"total_amount": "100", "start": "2026-01-31", "today": "2026-02-01", "precision": 2,
        "terms": [{"percent": "30", "after_months": 1}, {"balance": true, "after_days": 40}]});
    let refused = check_every_value("schedule", &schedule, |json| {
        ScheduleRequest::from_json(json)?.schedule().map(drop)
    });
    assert!(refused > 20, "{refused} refused");

    let payments = json!({"total_amount": "200000.0", "received_payment_plans": [{"amount": "200000.0"}],
        "received_payments": [{"amount": 1000, "approve_status": "approved"}]});
    let refused = check_every_value("payments", &payments, |json| {
        ContractPayments::from_json(json)?.receivables().map(drop)
    });
    assert!(refused > 10, "{refused} refused");

    let draft = converter.convert_json(fixture("bundle.json").as_bytes()).unwrap().draft;
    let mut form = serde_json::to_value(ContractForm::from_draft(&draft)).unwrap();
    form["contract"]["sn"] = json!("HT-1");
    form["contract"]["end_at"] = json!("2016-09-08");
    let refused = check_every_value("form", &form, |json| {
        converter.create_request(&ContractForm::from_json(json)?).map(drop)
    });
    assert!(refused > 50, "{refused} refused");
}
