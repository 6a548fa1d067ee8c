//! A map coordinate (`lng`, `lat`): a JSON number, a numeric string (`"31.579004"`),
//! `""` or `null`. Written as a number, or `null` when absent. Coordinates are not money,
//! so `f64` is their natural type; the shortest form of a double prints back the text
//! it was read from.

use std::fmt;

use serde::{Deserializer, de};

use crate::echo::Quoted;
use crate::error::{ErrorKind, invalid};

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    deserializer.deserialize_any(CoordinateVisitor)
}

struct CoordinateVisitor;

impl de::Visitor<'_> for CoordinateVisitor {
    type Value = Option<f64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a coordinate (a number, a numeric string or null)")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    // Whole degrees are at most 180, so the conversions are exact for coordinates;
    // larger integers become the nearest double.
    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Some(value as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(value as f64))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        let plain = text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        match text.parse::<f64>() {
            Ok(value) if plain && value.is_finite() => Ok(Some(value)),
            _ => Err(invalid(
                ErrorKind::InvalidValue,
                format_args!("{} is not a coordinate (a number)", Quoted(text)),
            )),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
