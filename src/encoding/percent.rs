//! A percentage such as `sign_possibility`: read from `"10%"`, `"10"` or `10`, `""` or
//! `null` (absent); written `"10%"`, or `""` when absent. Values run from 0 to 100.

use std::fmt;

use crate::stack_text::serialize_display;
use serde::{Deserializer, Serializer, de};

pub(crate) fn serialize<S: Serializer>(value: &Option<u8>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(percent) => serialize_display(serializer, &format_args!("{percent}%")),
        None => serializer.serialize_str(""),
    }
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    deserializer.deserialize_any(PercentVisitor)
}

struct PercentVisitor;

impl de::Visitor<'_> for PercentVisitor {
    type Value = Option<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a percentage from 0 to 100 (\"10%\" or 10)")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        match u8::try_from(value) {
            Ok(percent @ 0..=100) => Ok(Some(percent)),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(value), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        let digits = text.strip_suffix('%').unwrap_or(text);
        match digits.parse::<u64>() {
            Ok(value) if digits.bytes().all(|b| b.is_ascii_digit()) => self.visit_u64(value),
            _ => Err(E::invalid_value(de::Unexpected::Str(text), &self)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
