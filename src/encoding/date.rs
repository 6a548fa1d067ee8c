//! A calendar date, `YYYY-MM-DD`. An absent date is `""` in the draft; `""` and `null`
//! read as absent.

use std::fmt;

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

use super::compact::JsonOut;
use super::empty_is_none;
use super::field::{Encoding, Form};
use super::parsed_text::{self, Parsed};
use crate::encoding::stack_text::{OnStack, StackText, push_on_stack, serialize_display};
use crate::error::ErrorKind;

/// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day) into a date
/// that exists, in the years 0001 to 9999.
pub(crate) fn parse(text: &str) -> Parsed<NaiveDate> {
    let date = parse_any_year(text)?;
    if date.year() == 0 {
        return Err((ErrorKind::InvalidValue, "is outside the years 0001 to 9999"));
    }
    Ok(date)
}

/// Parses exactly `YYYY-MM-DD` into a date that exists, year 0000 included (a time of
/// that day may still fall in year 0001 in China time).
pub(crate) fn parse_any_year(text: &str) -> Parsed<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err((ErrorKind::DateFormat, "is not a date in YYYY-MM-DD format"));
    }
    let number =
        |range: std::ops::Range<usize>| text[range].bytes().fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'));
    let year = i32::try_from(number(0..4)).unwrap_or(i32::MAX);
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
        .ok_or((ErrorKind::ImpossibleDate, "is not a day of the calendar"))
}

/// A date written `YYYY-MM-DD` (years outside 0 to 9999 as chrono writes them).
#[derive(Debug, Clone, Copy)]
pub(crate) struct IsoDate(pub(crate) NaiveDate);

impl IsoDate {
    /// Appends the date to `text`.
    pub(crate) fn push_to(self, text: &mut StackText) -> fmt::Result {
        let date = self.0;
        match u32::try_from(date.year()) {
            Ok(year @ 0..=9999) => {
                text.push_number(year, 4)?;
                text.push_bytes(b"-")?;
                text.push_number(date.month(), 2)?;
                text.push_bytes(b"-")?;
                text.push_number(date.day(), 2)
            }
            _ => write!(text, "{date}"),
        }
    }
}

impl OnStack for IsoDate {
    fn on_stack(&self) -> Result<StackText, fmt::Error> {
        let mut text = StackText::new();
        self.push_to(&mut text)?;
        Ok(text)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.on_stack()?.as_str())
    }
}

/// A date that may be absent: `""` and `null` read as `None`, written `""`.
pub(crate) struct OptionalDate;

impl Encoding for OptionalDate {
    type Field = Option<NaiveDate>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
        empty_is_none::read::<D, DateValue>(deserializer).map(|date| date.map(|date| date.0))
    }

    fn write<S: Serializer>(field: &Option<NaiveDate>, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_optional(field, serializer)
    }

    fn write_compact(field: &Option<NaiveDate>, _: Form, out: &mut JsonOut<'_>) {
        write_optional_compact(field, out);
    }
}

/// A required date, `YYYY-MM-DD` (for derived readers).
pub(crate) fn required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    DateValue::deserialize(deserializer).map(|date| date.0)
}

/// A date that may be absent (for derived readers): `""` and `null` read as `None`.
pub(crate) fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    OptionalDate::read(deserializer)
}

/// A date as its own value, for [`empty_is_none`].
struct DateValue(NaiveDate);

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_text::read(deserializer, "a date in YYYY-MM-DD format", parse).map(DateValue)
    }
}

/// `Option<NaiveDate>` written `YYYY-MM-DD`, or `""` when absent.
pub(crate) fn serialize_optional<S: Serializer>(
    value: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(date) => serialize_display(serializer, &IsoDate(*date)),
        None => serializer.serialize_str(""),
    }
}

/// [`serialize_optional`], appended as compact JSON.
pub(crate) fn write_optional_compact(value: &Option<NaiveDate>, out: &mut JsonOut<'_>) {
    match value {
        Some(date) => push_on_stack(out, &IsoDate(*date)),
        None => out.extend_from_slice(b"\"\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_iso_form() {
        for (year, text) in [(2015, "2015-09-09"), (5, "0005-09-09"), (12345, "+12345-09-09")] {
            let date = NaiveDate::from_ymd_opt(year, 9, 9).unwrap();
            assert_eq!(IsoDate(date).to_string(), text);
        }
    }

    #[test]
    fn only_real_days_in_iso_form_parse() {
        assert_eq!(parse("2015-09-09"), Ok(NaiveDate::from_ymd_opt(2015, 9, 9).unwrap()));
        assert_eq!(parse("2016-02-29").map(|d| d.to_string()), Ok("2016-02-29".into()));
        for impossible in ["2015-02-30", "2015-13-01", "2015-00-10", "2015-02-29"] {
            assert_eq!(parse(impossible).unwrap_err().0, ErrorKind::ImpossibleDate, "{impossible}");
        }
        assert_eq!(parse("0000-01-01").unwrap_err().0, ErrorKind::InvalidValue);
        assert_eq!(parse("0001-01-01").map(|d| d.to_string()), Ok("0001-01-01".into()));
        for foreign in ["2015/09/09", "2015-9-9", "09-09-2015", "2015-09-09 10:00", "２０１５-09-09", ""]
        {
            assert_eq!(parse(foreign).unwrap_err().0, ErrorKind::DateFormat, "{foreign}");
        }
    }
}
