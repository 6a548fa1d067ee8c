//! Records read from any serde deserializer: serde_json's text (the exact digits of a
//! number kept), a `serde_json::Value`, and a row mapper's plain values (serde's own
//! value deserializers stand for one here).

use contract_draft::receivables::PaymentPlan;
use contract_draft::{Bundle, Opportunity, User};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error, MapDeserializer};

use crate::support::fixture;

#[test]
fn a_value_reads_as_the_text_does() {
    let text = fixture("bundle.json");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(Bundle::deserialize(&value).unwrap(), Bundle::from_json(text.as_bytes()).unwrap());
    assert_eq!(Bundle::deserialize(value).unwrap(), Bundle::from_json(text.as_bytes()).unwrap());
}

#[test]
fn the_texts_digits_are_kept_where_a_value_would_round_them() {
    let json = br#"{"id": 1, "title": "t", "customer_id": 2, "expect_amount": 12345678901234567.89,
        "numeric_asset_a1": 1.50}"#;
    let opportunity = Opportunity::from_json(json).unwrap();
    assert_eq!(opportunity.expect_amount.to_string(), "12345678901234567.89");
    assert_eq!(
        opportunity.custom_fields.get("numeric_asset_a1").map(serde_json::value::RawValue::get),
        Some("1.50")
    );
}

/// A row as a row mapper gives it: column names and plain values.
fn row<'a, V: IntoDeserializer<'a, Error> + 'a>(
    columns: Vec<(&'a str, V)>,
) -> MapDeserializer<'a, std::vec::IntoIter<(&'a str, V)>, Error> {
    MapDeserializer::new(columns.into_iter())
}

#[test]
fn a_row_mappers_values_read_as_records() {
    let opportunity = Opportunity::deserialize(row(vec![
        ("id", "576543"),
        ("title", "CRM集团版"),
        ("expect_amount", "19800.0"),
        ("expect_sign_date", "2015-09-09"),
        ("customer_id", "23481906"),
        ("text_asset_1ca6ef", "选项"),
    ]))
    .unwrap();
    assert_eq!((opportunity.id, opportunity.customer_id), (576_543, 23_481_906));
    assert_eq!(opportunity.expect_amount.to_string(), "19800.0");
    assert_eq!(opportunity.expect_sign_date.map(|date| date.to_string()).as_deref(), Some("2015-09-09"));
    assert_eq!(
        opportunity.custom_fields.get("text_asset_1ca6ef").map(serde_json::value::RawValue::get),
        Some(r#""选项""#)
    );

    // Numbers as numbers: a double amount is read from its shortest digits.
    let amount = |value: f64| {
        PaymentPlan::deserialize(row(vec![("amount", value)])).map(|plan| plan.amount.to_string())
    };
    assert_eq!(amount(19800.5).unwrap(), "19800.5");
    assert_eq!(amount(0.1).unwrap(), "0.1");
    assert!(amount(-1.0).is_err());
    let whole = PaymentPlan::deserialize(row(vec![("amount", 200_000_u64)])).unwrap();
    assert_eq!(whole.amount.to_string(), "200000.0");
    let user =
        User::deserialize(row(vec![("id", "364513"), ("name", "个比唠忘"), ("organization_id", "49")]))
            .unwrap();
    assert_eq!((user.id, user.organization_id), (364_513, 49));
}
