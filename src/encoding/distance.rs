//! An address's `off_distance` (distance from the viewer): a JSON number, whole or
//! fractional (read from its text, as coordinates are), or `null`, which reads as `-1`,
//! the API's "unknown". Written as an
//! integer when whole (`-1`, as documented addresses show it), else as Ruby writes the
//! Float (`1234.5`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::coordinate::finite;
use super::field::{Encoding, Form};
use super::float::RubyFloat;
use super::raw::RawJson;
use crate::encoding::reader::invalid;
use crate::error::ErrorKind;

/// The distance the API writes for "unknown".
pub(crate) const UNKNOWN: f64 = -1.0;

/// Whole distances below this are written as integers; the integer text of a larger
/// double would claim digits it does not have.
const WHOLE_LIMIT: f64 = 1e15;

/// A distance, `-1` when unknown.
pub(crate) struct Distance;

impl Encoding for Distance {
    type Field = f64;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserialize(deserializer)
    }

    fn write<S: Serializer>(field: &f64, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(field, serializer)
    }
}

fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < WHOLE_LIMIT {
        // Exact: a whole double below 10^15 is an i64.
        #[allow(clippy::cast_possible_truncation)]
        serializer.serialize_i64(*value as i64)
    } else {
        RubyFloat(*value).serialize(serializer)
    }
}

fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    match RawJson::of(raw.get()) {
        RawJson::Null => Ok(UNKNOWN),
        RawJson::Number(text) => {
            finite(text).ok_or_else(|| invalid(ErrorKind::InvalidValue, "is beyond the range of a distance"))
        }
        other => Err(D::Error::invalid_type(other.unexpected(), &"a distance (a number) or null")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Distance(#[serde(serialize_with = "serialize")] f64);

    #[test]
    fn distances_read_from_numbers_or_null() {
        #[derive(serde::Deserialize)]
        struct Distance(#[serde(deserialize_with = "deserialize")] f64);
        // Compared by their bits: the values must be exactly these.
        let read = |json: &str| serde_json::from_str::<Distance>(json).map(|distance| distance.0.to_bits());
        assert_eq!(read("-5").unwrap(), (-5.0_f64).to_bits());
        assert_eq!(read("1200").unwrap(), 1200.0_f64.to_bits());
        assert_eq!(read("12.5").unwrap(), 12.5_f64.to_bits());
        assert_eq!(read("null").unwrap(), UNKNOWN.to_bits());
        assert_eq!(read("1234.5678901234567").unwrap(), 1_234.567_890_123_456_7_f64.to_bits());
        let error = read(r#""far""#).unwrap_err().to_string();
        assert!(
            error.starts_with(r#"invalid type: string "far", expected a distance (a number) or null"#),
            "{error}"
        );
    }

    #[test]
    fn whole_distances_are_integers_others_ruby_floats() {
        for (value, text) in [(-1.0, "-1"), (0.0, "0"), (1200.0, "1200"), (12.5, "12.5"), (1e15, "1.0e+15")] {
            assert_eq!(serde_json::to_string(&Distance(value)).unwrap(), text);
        }
    }
}
