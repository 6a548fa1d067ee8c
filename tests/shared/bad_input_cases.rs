//! Bad input: at least one case per error kind of the conversion, with the kind and the
//! JSON path of the field it must be reported at. Shared by the library's and the
//! program's tests.

use contract_draft::ErrorKind;
use serde_json::{Value, json};

use crate::support::fixture;

/// One bad input and the error it must give.
pub struct Case {
    pub name: &'static str,
    pub input: Vec<u8>,
    pub kind: ErrorKind,
    pub path: &'static str,
}

/// The sample bundle with the value at each JSON pointer replaced (`None` removes it).
fn sample_with(changes: &[(&str, Option<Value>)]) -> Vec<u8> {
    let mut bundle: Value = serde_json::from_str(&fixture("bundle.json")).unwrap();
    for (pointer, value) in changes {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent = bundle.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer}"));
        match (parent, value) {
            (Value::Object(map), Some(value)) => drop(map.insert(key.to_owned(), value.clone())),
            (Value::Object(map), None) => assert!(map.remove(key).is_some(), "{pointer}"),
            (Value::Array(items), Some(value)) => {
                items[key.parse::<usize>().unwrap()] = value.clone();
            }
            _ => panic!("{pointer}"),
        }
    }
    serde_json::to_vec(&bundle).unwrap()
}

fn case(name: &'static str, input: Vec<u8>, kind: ErrorKind, path: &'static str) -> Case {
    Case { name, input, kind, path }
}

pub fn change(pointer: &str, value: Value) -> Vec<u8> {
    sample_with(&[(pointer, Some(value))])
}

/// Every kind of bad input the crate refuses, found at the field it is about.
#[allow(clippy::too_many_lines)] // one table, one line a case
pub fn cases() -> Vec<Case> {
    use ErrorKind::*;
    let mut invalid_utf8 = fixture("bundle.json").into_bytes();
    let at = invalid_utf8.windows(5).position(|w| w == b"CRM\xe9\x9b").unwrap();
    invalid_utf8[at + 3] = 0xff;
    vec![
        case("truncated", br#"{"opportunity": {"id": 1"#.to_vec(), MalformedJson, "opportunity"),
        case("not json", b"opportunity=1".to_vec(), MalformedJson, ""),
        case("trailing text", [fixture("bundle.json").as_bytes(), b"}"].concat(), MalformedJson, ""),
        case("invalid utf-8", invalid_utf8, InvalidUtf8, "opportunity.title"),
        case(
            "lone surrogate",
            change("/customer/name", json!("\u{fffd}")).replace_bytes("\u{fffd}", r"\ud800"),
            InvalidUtf8,
            "customer.name",
        ),
        case(
            "missing title",
            sample_with(&[("/opportunity/title", None)]),
            MissingField,
            "opportunity.title",
        ),
        case(
            "missing company",
            sample_with(&[("/user/organization_id", None)]),
            MissingField,
            "user.organization_id",
        ),
        case("missing record", sample_with(&[("/customer", None)]), MissingField, "customer"),
        case("id of the wrong type", change("/opportunity/id", json!(true)), WrongType, "opportunity.id"),
        case("contacts not a list", change("/customer/contacts", json!({})), WrongType, "customer.contacts"),
        case("record not an object", change("/user", json!("364513")), WrongType, "user"),
        case(
            "impossible date",
            change("/opportunity/expect_sign_date", json!("2015-02-30")),
            ImpossibleDate,
            "opportunity.expect_sign_date",
        ),
        case(
            "foreign date format",
            change("/opportunity/expect_sign_date", json!("2015/09/09")),
            DateFormat,
            "opportunity.expect_sign_date",
        ),
        case(
            "foreign time format",
            change("/user/created_at", json!("2018/01/10 10:09")),
            DateFormat,
            "user.created_at",
        ),
        case(
            "impossible time",
            change("/customer/revisit_at", json!("2019-02-25T25:30:28.000+08:00")),
            ImpossibleDate,
            "customer.revisit_at",
        ),
        case(
            "amount not a number",
            change("/opportunity/expect_amount", json!("19,800")),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "negative amount",
            change("/opportunity/expect_amount", json!("-1.0")),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "negative amount number",
            change("/opportunity/expect_amount", json!(-1)),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "NaN amount",
            change("/opportunity/expect_amount", json!("NaN")),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "infinite amount",
            change("/opportunity/expect_amount", json!("Infinity")),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "19 integer digits",
            change("/opportunity/expect_amount", json!("1000000000000000000.0")),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "7 fractional digits",
            change("/opportunity/expect_amount", json!("0.1234567")),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "exponent beyond the stored precision",
            br#"{"opportunity": {"expect_amount": 1e400}}"#.to_vec(),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "float with more digits than the stored precision",
            br#"{"opportunity": {"expect_amount": 19800.00000000000001}}"#.to_vec(),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "float with more digits than a double",
            br#"{"opportunity": {"expect_amount": 0.30000000000000001}}"#.to_vec(),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "float below the stored precision",
            br#"{"opportunity": {"expect_amount": 1e-400}}"#.to_vec(),
            InvalidAmount,
            "opportunity.expect_amount",
        ),
        case(
            "time beyond year 9999 in China time",
            change("/user/created_at", json!("9999-12-31T23:59:59-12:00")),
            InvalidValue,
            "user.created_at",
        ),
        case(
            "year 0",
            change("/opportunity/get_time", json!("0000-01-01")),
            InvalidValue,
            "opportunity.get_time",
        ),
        case(
            "year 0 in a timestamp",
            change("/opportunity/created_at", json!("0000-01-01 10:00")),
            InvalidValue,
            "opportunity.created_at",
        ),
        case("id with a sign", change("/opportunity/id", json!("+5")), InvalidValue, "opportunity.id"),
        case("id with a minus sign", change("/customer/id", json!("-5")), InvalidValue, "customer.id"),
        case("id with leading space", change("/user/id", json!(" 5")), InvalidValue, "user.id"),
        case(
            "opportunity of another company by its own word",
            sample_with(&[("/opportunity/creator", None), ("/opportunity/organization_id", Some(json!(50)))]),
            OrganizationMismatch,
            "opportunity.organization_id",
        ),
        case(
            "percentage above 100",
            change("/opportunity/sign_possibility", json!("101%")),
            InvalidValue,
            "opportunity.sign_possibility",
        ),
        case(
            "coordinate not a number",
            change("/customer/contacts/1/address/lat", json!("north")),
            InvalidValue,
            "customer.contacts[1].address.lat",
        ),
        case(
            "id not digits",
            change("/opportunity/customer_id", json!("23481906a")),
            InvalidValue,
            "opportunity.customer_id",
        ),
        case("another customer", change("/customer/id", json!(1)), CustomerMismatch, "customer.id"),
        case(
            "opportunity of another company",
            change("/opportunity/creator/organization_id", json!(50)),
            OrganizationMismatch,
            "opportunity.creator.organization_id",
        ),
        case(
            "customer of another company",
            change("/customer/creator/organization_id", json!(50)),
            OrganizationMismatch,
            "customer.creator.organization_id",
        ),
        case(
            "custom field given twice",
            fixture("bundle.json")
                .replacen(r#""title_pinyin""#, r#""text_asset_1": 1, "text_asset_1": 2, "title_pinyin""#, 1)
                .into_bytes(),
            InvalidValue,
            "opportunity",
        ),
        case(
            "product beyond a decimal",
            sample_with(&[(
                "/opportunity/product_assets",
                Some(
                    json!([{"product_id": 1, "quantity": "999999999999999999", "recommended_unit_price": "999999999999"}]),
                ),
            )]),
            Overflow,
            "opportunity.product_assets[0]",
        ),
    ]
}

/// `replace` for the bytes of a JSON text.
trait ReplaceBytes {
    fn replace_bytes(self, from: &str, to: &str) -> Vec<u8>;
}

impl ReplaceBytes for Vec<u8> {
    fn replace_bytes(self, from: &str, to: &str) -> Vec<u8> {
        String::from_utf8(self).unwrap().replace(from, to).into_bytes()
    }
}
