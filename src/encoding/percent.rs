//! A percentage such as `sign_possibility`: read from `"10%"`, `"10"` or `10`, `""` or
//! `null` (absent). Values run from 0 to 100 (`records::Percent` writes them).

use std::fmt;

use serde::{Deserializer, de};

use crate::encoding::reader::invalid;
use crate::error::ErrorKind;
use crate::error::echo::{Excerpt, Quoted};

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
            _ => Err(invalid(ErrorKind::InvalidValue, format_args!("{value}% is above 100%"))),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(invalid(ErrorKind::InvalidValue, format_args!("{value}% is below 0%"))),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        let digits = text.strip_suffix('%').unwrap_or(text);
        let negative = digits
            .strip_prefix('-')
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
        if negative {
            return Err(invalid(ErrorKind::InvalidValue, format_args!("{}% is below 0%", Excerpt(digits))));
        }
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                ErrorKind::InvalidValue,
                format_args!("{} is not a percentage (\"10%\" or 10)", Quoted(text)),
            ));
        }
        match digits.trim_start_matches('0').len() {
            0..=3 => self.visit_u64(digits.parse().unwrap_or(u64::MAX)),
            _ => Err(invalid(ErrorKind::InvalidValue, format_args!("{}% is above 100%", Excerpt(digits)))),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
