//! A map coordinate (`lng`, `lat`): a JSON number, a numeric string (`"31.579004"`),
//! `""` or `null`. Written as Ruby writes the Float, or `null` when absent. Coordinates
//! are not money, so `f64` is their natural type. A number is read from its JSON text by
//! std's correctly rounded parser (serde_json's own float parsing may be off in the last
//! place), so the shortest form of the double prints back the text it was read from.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::field::{Encoding, Form};
use super::float::RubyFloat;
use super::raw::RawJson;
use crate::encoding::reader::invalid;
use crate::error::ErrorKind;
use crate::error::echo::Quoted;

const EXPECTING: &str = "a coordinate (a number, a numeric string or null)";

/// A coordinate that may be absent (`""`, `null`), written `null` then.
pub(crate) struct Coordinate;

impl Encoding for Coordinate {
    type Field = Option<f64>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
        read_coordinate(deserializer)
    }

    fn write<S: Serializer>(field: &Option<f64>, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match field {
            Some(value) => RubyFloat(*value).serialize(serializer),
            None => serializer.serialize_unit(),
        }
    }
}

fn read_coordinate<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    match RawJson::of(raw.get()) {
        RawJson::Null => Ok(None),
        RawJson::Text(text) if text.is_empty() => Ok(None),
        RawJson::Text(text) => {
            // Plain decimal text, as amounts are written: digits on both sides of a point.
            let digits = text.strip_prefix('-').unwrap_or(&text);
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
            let plain = [whole, fraction]
                .iter()
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            finite(&text).filter(|_| plain).map(Some).ok_or_else(|| {
                invalid(
                    ErrorKind::InvalidValue,
                    format_args!("{} is not a coordinate (a number)", Quoted(&text)),
                )
            })
        }
        RawJson::Number(text) => finite(text)
            .map(Some)
            .ok_or_else(|| invalid(ErrorKind::InvalidValue, "is beyond the range of a coordinate")),
        other => Err(D::Error::invalid_type(other.unexpected(), &EXPECTING)),
    }
}

/// The double `text` denotes, if it is one and finite.
pub(crate) fn finite(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Coordinate(#[serde(deserialize_with = "read_coordinate")] Option<f64>);

    fn read(json: &str) -> Result<Option<u64>, String> {
        serde_json::from_str::<Coordinate>(json).map(|c| c.0.map(f64::to_bits)).map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_are_read_from_their_text() {
        // serde_json's fast float parser reads this one place off; std's does not.
        assert_eq!(read("1.6993682743907925"), Ok(Some(1.699_368_274_390_792_5_f64.to_bits())));
        assert_eq!(read(r#""31.579004""#), Ok(Some(31.579_004_f64.to_bits())));
        assert_eq!(read("121"), Ok(Some(121.0_f64.to_bits())));
        assert_eq!(read("null"), Ok(None));
        assert_eq!(read(r#""""#), Ok(None));
        assert!(read("1e400").is_err());
        assert!(read(r#""north""#).is_err());
        // A string is plain decimal text, a sign allowed, no exponent.
        assert_eq!(read(r#""-31.5""#), Ok(Some((-31.5_f64).to_bits())));
        assert!(read(r#""1e5""#).is_err());
        assert!(read("[1]").is_err());
    }
}
