//! A draft's custom fields (自定义字段): the company's own contract fields, which end the
//! draft.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::encoding::date::IsoDate;
use crate::encoding::stack_text::serialize_display;
use crate::money::RubyDecimal;

/// The value of one custom field in a draft.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum FieldValue {
    /// No value: `null`.
    Null,
    /// Text, or a select's option: a JSON string.
    Text(String),
    /// A number: a Ruby decimal string (`"0.0"`), as Rails writes decimal columns.
    Number(Decimal),
    /// A date: `YYYY-MM-DD`.
    Date(NaiveDate),
    /// A multi select's options or a file field's attachments: an array, each item's
    /// JSON text as given (keys in their order, numbers with their digits), without
    /// whitespace between tokens.
    List(Vec<Box<RawValue>>),
}

impl PartialEq for FieldValue {
    /// The same value; list items compare by their JSON text.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Null, Self::Null) => true,
            (Self::Text(a), Self::Text(b)) => a == b,
            (Self::Number(a), Self::Number(b)) => a == b,
            (Self::Date(a), Self::Date(b)) => a == b,
            (Self::List(a), Self::List(b)) => {
                a.iter().map(|item| item.get()).eq(b.iter().map(|item| item.get()))
            }
            _ => false,
        }
    }
}

impl Serialize for FieldValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Text(text) => serializer.serialize_str(text),
            Self::Number(number) => serialize_display(serializer, &RubyDecimal(*number)),
            Self::Date(date) => serialize_display(serializer, &IsoDate(*date)),
            Self::List(items) => items.serialize(serializer),
        }
    }
}

/// The custom fields of a draft, in the order they are written: every field's value in
/// template order, then the display companions of single selects, then those of multi
/// selects, each in template order (the order of the documented sample).
///
/// Keys are shared with the settings they came from, so copying them costs no
/// allocation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomFields {
    entries: Vec<(Arc<str>, FieldValue)>,
}

impl CustomFields {
    /// The fields in output order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldValue)> {
        self.entries.iter().map(|(key, value)| (&**key, value))
    }

    /// The value of the field (or display companion) `key`.
    pub fn get(&self, key: &str) -> Option<&FieldValue> {
        self.iter().find(|(k, _)| *k == key).map(|(_, value)| value)
    }

    /// How many keys the fields add to the draft.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn from_entries(entries: Vec<(Arc<str>, FieldValue)>) -> Self {
        Self { entries }
    }
}

impl Serialize for CustomFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(&**key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use serde_json::value::to_raw_value;

    use super::{CustomFields, FieldValue};

    #[test]
    fn field_values_are_equal_only_to_the_same_value() {
        let list =
            |items: &[&str]| FieldValue::List(items.iter().map(|item| to_raw_value(item).unwrap()).collect());
        let values = [
            FieldValue::Null,
            FieldValue::Text("a".into()),
            FieldValue::Text("b".into()),
            FieldValue::Number(Decimal::ONE),
            FieldValue::Number(Decimal::TWO),
            FieldValue::Date(NaiveDate::from_ymd_opt(2015, 9, 9).unwrap()),
            FieldValue::Date(NaiveDate::from_ymd_opt(2015, 9, 10).unwrap()),
            list(&["a"]),
            list(&["a", "b"]),
        ];
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                assert_eq!(a == b, i == j, "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn fields_count_and_are_found_by_key() {
        assert!(CustomFields::default().is_empty());
        let fields = CustomFields::from_entries(vec![(Arc::from("text_asset_a"), FieldValue::Null)]);
        assert_eq!((fields.len(), fields.is_empty()), (1, false));
        assert_eq!(fields.get("text_asset_a"), Some(&FieldValue::Null));
        assert_eq!(fields.get("text_asset_b"), None);
    }
}
