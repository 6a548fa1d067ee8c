//! An address's `off_distance` (distance from the viewer): a JSON number, whole or
//! fractional, or `null`, which reads as `-1`, the API's "unknown". Written as an
//! integer when whole (`-1`, as documented addresses show it), else as Ruby writes the
//! Float (`1234.5`).

use std::fmt;

use serde::{Deserializer, Serialize, Serializer, de};

use super::float::RubyFloat;

/// The distance the API writes for "unknown".
pub(crate) const UNKNOWN: f64 = -1.0;

/// Whole distances below this are written as integers; the integer text of a larger
/// double would claim digits it does not have.
const WHOLE_LIMIT: f64 = 1e15;

pub(crate) fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < WHOLE_LIMIT {
        // Exact: a whole double below 10^15 is an i64.
        #[allow(clippy::cast_possible_truncation)]
        serializer.serialize_i64(*value as i64)
    } else {
        RubyFloat(*value).serialize(serializer)
    }
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer.deserialize_any(DistanceVisitor)
}

struct DistanceVisitor;

impl de::Visitor<'_> for DistanceVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a distance (a number) or null")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    // Distances are far below 2^53, where the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_unit<E: de::Error>(self) -> Result<f64, E> {
        Ok(UNKNOWN)
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
