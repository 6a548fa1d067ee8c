//! [`Percent`]: a percentage from 0 to 100, such as an opportunity's chance of signing.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::encoding::compact::{JsonOut, WriteCompact};
use crate::encoding::empty_is_none;
use crate::encoding::field::{Encoding, Form};
use crate::encoding::reader::invalid;
use crate::encoding::stack_text::serialize_display;
use crate::error::echo::{Excerpt, Quoted};
use crate::error::{Error, ErrorKind};

/// A whole percentage from 0 to 100, checked where it is made: written `"10%"`; read from
/// `"10%"`, `"10"` or `10`.
///
/// ```
/// use contract_draft::Percent;
///
/// assert_eq!(Percent::new(10)?.to_string(), "10%");
/// assert_eq!(Percent::new(101).unwrap_err().to_string(), "101% is above 100%");
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(u8);

impl Percent {
    /// `value` percent, or an [`ErrorKind::InvalidValue`] error above 100.
    pub fn new(value: u8) -> Result<Self, Error> {
        if value > 100 {
            return Err(Error::new(ErrorKind::InvalidValue, "", format_args!("{value}% is above 100%")));
        }
        Ok(Self(value))
    }

    /// The percentage, from 0 to 100.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Percent {
    type Error = Error;

    fn try_from(value: u8) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Percent> for u8 {
    fn from(percent: Percent) -> Self {
        percent.0
    }
}

impl fmt::Display for Percent {
    /// `10%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl Serialize for Percent {
    /// `"10%"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_display(serializer, self)
    }
}

impl WriteCompact for Percent {
    /// `"10%"`, as its `Serialize` writes it.
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        out.push(b'"');
        out.extend_from_slice(itoa::Buffer::new().format(self.0).as_bytes());
        out.extend_from_slice(b"%\"");
    }
}

impl<'de> Deserialize<'de> for Percent {
    /// `"10%"`, `"10"` or `10`, from 0 to 100.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PercentVisitor)
    }
}

/// A percentage that may be absent: `""` and `null` read as `None`, written `""`.
pub(crate) struct OptionalPercent;

impl Encoding for OptionalPercent {
    type Field = Option<Percent>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Percent>, D::Error> {
        empty_is_none::read(deserializer)
    }

    fn write<S: Serializer>(field: &Option<Percent>, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match field {
            Some(percent) => percent.serialize(serializer),
            None => serializer.serialize_str(""),
        }
    }

    fn write_compact(field: &Option<Percent>, _: Form, out: &mut JsonOut<'_>) {
        match field {
            Some(percent) => percent.write_compact(out),
            None => out.extend_from_slice(b"\"\""),
        }
    }
}

struct PercentVisitor;

impl de::Visitor<'_> for PercentVisitor {
    type Value = Percent;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a percentage from 0 to 100 (\"10%\" or 10)")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Percent, E> {
        match u8::try_from(value) {
            Ok(percent @ 0..=100) => Ok(Percent(percent)),
            _ => Err(invalid(ErrorKind::InvalidValue, format_args!("{value}% is above 100%"))),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Percent, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(invalid(ErrorKind::InvalidValue, format_args!("{value}% is below 0%"))),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Percent, E> {
        let digits = text.strip_suffix('%').unwrap_or(text);
        let negative = digits
            .strip_prefix('-')
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()) && rest.bytes().any(|b| b != b'0'));
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
            0..=3 => self.visit_u64(digits.parse().expect("digits of at most three significant ones")),
            _ => Err(invalid(ErrorKind::InvalidValue, format_args!("{}% is above 100%", Excerpt(digits)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_convert_both_ways_within_0_to_100() {
        let percent = Percent::try_from(42).unwrap();
        assert_eq!((percent.get(), u8::from(percent), percent.to_string()), (42, 42, "42%".to_owned()));
        assert_eq!(Percent::try_from(101).unwrap_err().kind(), ErrorKind::InvalidValue);
        assert_eq!(Percent::new(100).map(Percent::get), Ok(100));
    }

    #[test]
    fn a_wrong_type_says_what_a_percentage_is() {
        let error = serde_json::from_str::<Percent>("true").unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"invalid type: boolean `true`, expected a percentage from 0 to 100 ("10%" or 10) at line 1 column 4"#
        );
        assert_eq!(serde_json::from_str::<Percent>(r#""7%""#).unwrap().get(), 7);
    }
}
