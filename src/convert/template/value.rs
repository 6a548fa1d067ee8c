//! A template field's value from the JSON a sender gave: the rule each kind reads by,
//! for the opportunity's custom values, the template's defaults and a posted form alike.

use serde_json::value::RawValue;

use super::Filled;
use crate::convert::hiding::is_masked_number;
use crate::draft::FieldValue;
use crate::encoding::bounded::AtMost;
use crate::encoding::raw::RawJson;
use crate::encoding::reader::read_json;
use crate::encoding::ruby_json::normalized;
use crate::error::ErrorKind;
use crate::limits::MAX_LIST_ITEMS;
use crate::money::{check_precision, parse_decimal_text, parse_json_number};
use crate::settings::FieldKind;

/// The items of a JSON array's text, each kept as its own JSON text, without whitespace.
/// An item must be readable JSON: nested at most 128 deep (as serde_json reads), its
/// strings made of characters.
fn list(value: &RawValue) -> Result<Vec<Box<RawValue>>, String> {
    let items = match read_json::<AtMost<Box<RawValue>, MAX_LIST_ITEMS>>(value.get().as_bytes()) {
        Ok(items) => items.0,
        Err(error) if error.kind() == ErrorKind::InputTooLarge => {
            return Err(format!("has more than {MAX_LIST_ITEMS} items (the limit)"));
        }
        Err(_) => return Err("is not a list".to_owned()),
    };
    // Each item as Rails writes the value it parsed (`"\u00e9"` is `"é"`, `1.50` is
    // `1.5`), checked and re-encoded in one pass over its text, no value tree built.
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            normalized(item, "").map_err(|_| {
                format!("item {index} is nested too deeply, holds an escape that is not a character, or a key twice")
            })
        })
        .collect()
}

/// A template default: the value, and for selects its display (the option text, or
/// the texts joined by ", ").
pub(super) fn default_of(kind: FieldKind, value: &RawValue) -> Result<Filled, String> {
    let value = value_of(kind, value)?;
    let text = |item: &RawValue| match RawJson::of(item.get()) {
        RawJson::Text(text) => Ok(text.into_owned()),
        _ => Err(()),
    };
    let companion = match (&value, kind.empty_display()) {
        (_, None) => None,
        (FieldValue::List(items), Some(_)) => {
            let mut options = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let option = text(item).map_err(|()| {
                    format!("item {index} is not a string; a multi select's options are strings")
                })?;
                options.push(option);
            }
            Some(FieldValue::Text(options.join(", ")))
        }
        (other, Some(_)) => Some(other.clone()),
    };
    Ok(Filled { value, companion })
}

/// The value a field of `kind` takes from the JSON `value` (its text as given), or what
/// is wrong with it. The value itself is never quoted: it may be a number that hiding
/// covers, and it may be long.
pub(super) fn value_of(kind: FieldKind, value: &RawValue) -> Result<FieldValue, String> {
    use FieldKind::{Date, File, MultiSelect, Number, Phone, SingleSelect, Text, TextArea};
    match (kind, RawJson::of(value.get())) {
        (Phone, RawJson::Text(text)) if is_masked_number(&text) => {
            Err("is a masked number, not the number; a phone field takes the number itself".to_owned())
        }
        (Text | TextArea | SingleSelect | Phone, RawJson::Text(text)) => {
            Ok(FieldValue::Text(text.into_owned()))
        }
        (Text | TextArea | SingleSelect | Phone, RawJson::Number(number)) => {
            Ok(FieldValue::Text(number.to_owned()))
        }
        (MultiSelect | File, RawJson::List) => list(value).map(FieldValue::List),
        (MultiSelect, RawJson::Text(_)) => Ok(FieldValue::List(vec![value.to_owned()])),
        (Number, RawJson::Text(text)) => parse_decimal_text(&text)
            .and_then(check_precision)
            .map(FieldValue::Number)
            .map_err(|problem| problem.to_string()),
        (Number, RawJson::Number(number)) => {
            parse_json_number(number).map(FieldValue::Number).map_err(|problem| problem.to_string())
        }
        (Date, RawJson::Text(text)) => crate::encoding::date::parse(&text)
            .map(FieldValue::Date)
            .map_err(|(_, problem)| problem.to_owned()),
        (kind, given) => Err(format!("is {}, not a value for a {} field", given.in_words(), kind.name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn a_list_beyond_the_limit_or_too_deep_is_told_apart() {
        let long = serde_json::value::to_raw_value(&vec![1; MAX_LIST_ITEMS + 1]).unwrap();
        assert_eq!(list(&long).unwrap_err(), format!("has more than {MAX_LIST_ITEMS} items (the limit)"));
        let not_a_list = serde_json::value::to_raw_value(&json!({"a": 1})).unwrap();
        assert_eq!(list(&not_a_list).unwrap_err(), "is not a list");
        let at_limit = serde_json::value::to_raw_value(&vec![1; MAX_LIST_ITEMS]).unwrap();
        assert_eq!(list(&at_limit).unwrap().len(), MAX_LIST_ITEMS);
    }

    #[test]
    fn masks_of_any_star_or_dot_are_not_numbers() {
        for mask in ["138****5678", "138＊＊＊＊5678", "138••••5678", "***-*234", "*"] {
            assert!(is_masked_number(mask), "{mask}");
            assert!(value(FieldKind::Phone, &json!(mask)).is_err(), "{mask}");
            assert!(value(FieldKind::Text, &json!(mask)).is_ok(), "{mask}");
        }
        for number in ["13812345678", "010-1234 5678", "+86 (10) 1234", ""] {
            assert!(!is_masked_number(number), "{number}");
        }
    }

    fn value(kind: FieldKind, given: &Value) -> Result<FieldValue, String> {
        value_of(kind, &serde_json::value::to_raw_value(given).unwrap())
    }

    #[test]
    fn values_convert_between_compatible_kinds() {
        assert_eq!(
            value(FieldKind::Number, &json!("12.50")),
            Ok(FieldValue::Number("12.5".parse().unwrap()))
        );
        assert_eq!(value(FieldKind::Number, &json!(3)), Ok(FieldValue::Number(3.into())));
        assert_eq!(value(FieldKind::Number, &json!(-2.5)), Ok(FieldValue::Number("-2.5".parse().unwrap())));
        assert_eq!(value(FieldKind::Text, &json!(12.5)), Ok(FieldValue::Text("12.5".into())));
        let raw = |json: &str| serde_json::value::RawValue::from_string(json.to_owned()).unwrap();
        assert_eq!(value(FieldKind::MultiSelect, &json!("a")), Ok(FieldValue::List(vec![raw(r#""a""#)])));
        assert_eq!(
            value(FieldKind::Date, &json!("2015-09-09")),
            Ok(FieldValue::Date(chrono::NaiveDate::from_ymd_opt(2015, 9, 9).unwrap()))
        );
    }

    /// List items are written as Rails writes what it parsed: key order and an integer's
    /// digits kept, other numbers as Ruby Floats, no whitespace between tokens; items Ruby
    /// could not read are refused.
    #[test]
    fn list_items_are_written_as_rails_writes_them() {
        let given: Box<RawValue> =
            serde_json::from_str(r#"[{"url": "a", "name": "b", "size": 12345678901234567890123, "w": 1E2}]"#)
                .unwrap();
        let Ok(FieldValue::List(items)) = value_of(FieldKind::File, &given) else { panic!() };
        assert_eq!(items[0].get(), r#"{"url":"a","name":"b","size":12345678901234567890123,"w":100.0}"#);
        let given: Box<RawValue> = serde_json::from_str(r#"["\u00e9\/", 1.50, 1E2]"#).unwrap();
        let Ok(FieldValue::List(items)) = value_of(FieldKind::MultiSelect, &given) else { panic!() };
        let written: Vec<&str> = items.iter().map(|item| item.get()).collect();
        assert_eq!(written, [r#""é/""#, "1.5", "100.0"]);
        let deep: Box<RawValue> =
            serde_json::from_str(&format!("[{}1{}]", "[".repeat(200), "]".repeat(200))).unwrap();
        assert!(value_of(FieldKind::File, &deep).is_err());
        let surrogate: Box<RawValue> = serde_json::from_str(r#"["a\ud800"]"#).unwrap();
        assert!(value_of(FieldKind::MultiSelect, &surrogate).is_err());
        let text: Box<RawValue> = serde_json::from_str(r#""a\ud800""#).unwrap();
        assert_eq!(
            value_of(FieldKind::Text, &text),
            Err("is a string with an escape that is not a character, not a value for a text field".into())
        );
    }

    #[test]
    fn values_that_do_not_suit_their_field_are_refused() {
        assert!(value(FieldKind::Number, &json!("many")).is_err());
        assert!(value(FieldKind::Number, &json!("1e5")).is_err());
        assert!(value(FieldKind::Date, &json!("2015-02-30")).is_err());
        assert!(value(FieldKind::SingleSelect, &json!(["a", "b"])).is_err());
        assert!(value(FieldKind::Text, &json!({"a": 1})).is_err());
        assert!(value(FieldKind::File, &json!("a.pdf")).is_err());
    }
}
