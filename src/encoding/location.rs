//! Where an address is: its map coordinates (`lng`, `lat`) and its distance from the
//! viewer (`off_distance`). Neither is money, so `f64` is their natural type. Both are
//! read by one rule: a JSON number is read from its text by std's correctly rounded
//! parser (serde_json's own float parsing may be off in the last place), so the shortest
//! form of the double prints back the text it was read from; what `null` means is each
//! one's (below).
//!
//! A coordinate is also read from a numeric string (`"31.579004"`) or `""` (absent), and
//! is written as Ruby writes the Float, or `null` when absent. A distance is a number or
//! `null`, which reads as `-1`, the API's "unknown"; it is written as an integer when
//! whole (`-1`, as documented addresses show it), else as Ruby writes the Float
//! (`1234.5`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::compact::{JsonOut, WriteCompact};
use super::field::{Encoding, Form};
use super::float::RubyFloat;
use super::raw::RawJson;
use crate::encoding::reader::invalid;
use crate::error::ErrorKind;
use crate::error::echo::Quoted;

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

    fn write_compact(field: &Option<f64>, _: Form, out: &mut JsonOut<'_>) {
        match field {
            Some(value) => RubyFloat(*value).write_compact(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

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
        read_distance(deserializer)
    }

    fn write<S: Serializer>(field: &f64, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        write_distance(field, serializer)
    }

    fn write_compact(field: &f64, _: Form, out: &mut JsonOut<'_>) {
        match whole(*field) {
            Some(whole) => out.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes()),
            None => RubyFloat(*field).write_compact(out),
        }
    }
}

/// A distance as the integer it is written as, if it is whole and below
/// [`WHOLE_LIMIT`].
fn whole(value: f64) -> Option<i64> {
    // Exact: a whole double below 10^15 is an i64.
    #[allow(clippy::cast_possible_truncation)]
    (value.fract() == 0.0 && value.abs() < WHOLE_LIMIT).then_some(value as i64)
}

fn write_distance<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    match whole(*value) {
        Some(whole) => serializer.serialize_i64(whole),
        None => RubyFloat(*value).serialize(serializer),
    }
}

fn read_coordinate<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    read_double(
        deserializer,
        "coordinate",
        "a coordinate (a number, a numeric string or null)",
        Accepts::NumbersAndStrings,
    )
}

fn read_distance<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    read_double(deserializer, "distance", "a distance (a number) or null", Accepts::Numbers)
        .map(|distance| distance.unwrap_or(UNKNOWN))
}

/// What a double's JSON may be besides `null`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Accepts {
    /// A number.
    Numbers,
    /// A number, or a string of one (`""` for none).
    NumbersAndStrings,
}

/// A `what` (a coordinate, a distance): `None` for `null`; a number's double, which must
/// be finite; where it `accepts` strings, also a string's (plain decimal text, as
/// amounts are written: digits on both sides of a point, a sign allowed, no exponent),
/// `None` for `""`. Anything else is a type error that expected `expecting`.
fn read_double<'de, D: Deserializer<'de>>(
    deserializer: D,
    what: &str,
    expecting: &str,
    accepts: Accepts,
) -> Result<Option<f64>, D::Error> {
    let strings = accepts == Accepts::NumbersAndStrings;
    let raw = Box::<RawValue>::deserialize(deserializer)?;
    match RawJson::of(raw.get()) {
        RawJson::Null => Ok(None),
        RawJson::Text(text) if strings && text.is_empty() => Ok(None),
        RawJson::Text(text) if strings => {
            let digits = text.strip_prefix('-').unwrap_or(&text);
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
            let plain = [whole, fraction]
                .iter()
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            finite(&text).filter(|_| plain).map(Some).ok_or_else(|| {
                invalid(ErrorKind::InvalidValue, format_args!("{} is not a {what} (a number)", Quoted(&text)))
            })
        }
        RawJson::Number(text) => finite(text)
            .map(Some)
            .ok_or_else(|| invalid(ErrorKind::InvalidValue, format_args!("is beyond the range of a {what}"))),
        other => Err(D::Error::invalid_type(other.unexpected(), &expecting)),
    }
}

/// The double `text` denotes, if it is one and finite.
fn finite(text: &str) -> Option<f64> {
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

    #[derive(Serialize)]
    struct Distance(#[serde(serialize_with = "write_distance")] f64);

    #[test]
    fn distances_read_from_numbers_or_null() {
        #[derive(serde::Deserialize)]
        struct Distance(#[serde(deserialize_with = "read_distance")] f64);
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
