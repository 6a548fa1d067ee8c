//! Points in time. The company works in China time (+08:00), so a time without an
//! offset is China time, and a time with another offset is converted to it.
//!
//! Read from `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` or RFC 3339
//! (`2019-02-25T13:30:28.000+08:00`); `""` and `null` read as absent, which is written
//! as `""`. [`Minutes`] writes the entity timestamp form `YYYY-MM-DD HH:MM`, dropping
//! seconds as the documented draft does; [`Rfc3339`] writes RFC 3339 with milliseconds.
//! The input form writes both in RFC 3339 with every digit, which reads back exactly.

use std::fmt;

use chrono::format::ParseErrorKind;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Timelike};
use serde::{Deserialize, Deserializer, Serializer};

use super::compact::{JsonOut, push_serialized};
use super::empty_is_none;
use super::field::{Encoding, Form, Write};
use super::parsed_text::{self, Parsed};
use crate::encoding::date::IsoDate;
use crate::encoding::stack_text::{OnStack, StackText, push_on_stack, serialize_display};
use crate::error::ErrorKind;

/// China Standard Time, the offset the company works in.
pub const CHINA_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("+08:00 is a valid offset"),
};

/// Parses any accepted timestamp form into an instant with its offset. RFC 3339 may
/// write its `T` and `Z` in lower case. The instant's year in China time must be 0001 to
/// 9999, the years the draft's four-digit forms can write.
pub(crate) fn parse(text: &str) -> Parsed<DateTime<FixedOffset>> {
    const FORMAT: &str = "is not a time in YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339 format";
    let (Some(day), Some(rest)) = (text.get(..10), text.get(10..)) else {
        return Err((ErrorKind::DateFormat, FORMAT));
    };
    let date = super::date::parse_any_year(day).map_err(|(kind, problem)| match kind {
        ErrorKind::DateFormat => (kind, FORMAT),
        _ => (kind, problem),
    })?;
    let instant = if rest.starts_with(['T', 't']) {
        DateTime::parse_from_rfc3339(text).map_err(|error| match error.kind() {
            ParseErrorKind::OutOfRange if offset_out_of_range(text) => {
                (ErrorKind::ImpossibleDate, "has an offset out of range (from -23:59 to +23:59)")
            }
            ParseErrorKind::OutOfRange => (ErrorKind::ImpossibleDate, "is not a time of the day"),
            _ => (ErrorKind::DateFormat, FORMAT),
        })?
    } else {
        china_time(date, rest).ok_or((ErrorKind::DateFormat, FORMAT))??
    };
    let instant = without_leap_second(instant);
    match instant.with_timezone(&CHINA_TIME).year() {
        1..=9999 => Ok(instant),
        _ => Err((ErrorKind::InvalidValue, "is outside the years 0001 to 9999 in China time")),
    }
}

/// A leap second (`23:59:60`, which chrono holds as 23:59:59 and a second's worth of
/// nanoseconds) as the next second, as Ruby's `Time` reads it.
fn without_leap_second(instant: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    const SECOND: u32 = 1_000_000_000;
    match instant.nanosecond().checked_sub(SECOND).and_then(|nanos| instant.with_nanosecond(nanos)) {
        Some(within) => within + chrono::TimeDelta::seconds(1),
        None => instant,
    }
}

/// Whether RFC 3339 `text` ends in a `±HH:MM` offset whose hours or minutes are out of
/// range.
fn offset_out_of_range(text: &str) -> bool {
    let Some(offset) = text.len().checked_sub(6).and_then(|start| text.get(start..)) else {
        return false;
    };
    let bytes = offset.as_bytes();
    let number = |at: usize| {
        bytes[at..at + 2]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| (bytes[at] - b'0') * 10 + (bytes[at + 1] - b'0'))
    };
    matches!(bytes[0], b'+' | b'-')
        && bytes[3] == b':'
        && matches!((number(1), number(4)), (Some(hours), Some(minutes)) if hours > 23 || minutes > 59)
}

/// `date` at `rest`, " HH:MM" or " HH:MM:SS" in China time; `None` when `rest` has
/// another shape. Read digit by digit: a strftime parser costs more than the rest of
/// the record.
fn china_time(date: NaiveDate, rest: &str) -> Option<Parsed<DateTime<FixedOffset>>> {
    let bytes = rest.as_bytes();
    let shaped = matches!(bytes.len(), 6 | 9)
        && bytes.iter().enumerate().all(|(i, b)| match i {
            0 => *b == b' ',
            3 | 6 => *b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let number = |at: usize| u32::from(bytes[at] - b'0') * 10 + u32::from(bytes[at + 1] - b'0');
    let second = if bytes.len() == 9 { number(7) } else { 0 };
    let impossible = (ErrorKind::ImpossibleDate, "is not a time of the day");
    let time = NaiveTime::from_hms_opt(number(1), number(4), second).ok_or(impossible);
    Some(time.and_then(|time| date.and_time(time).and_local_timezone(CHINA_TIME).single().ok_or(impossible)))
}

/// An instant as its own value, for [`empty_is_none`].
struct Instant(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_text::read(
            deserializer,
            "a time in YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339 format",
            parse,
        )
        .map(Instant)
    }
}

/// Reads an instant, `""` and `null` being none.
fn read_instant<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    empty_is_none::read::<D, Instant>(deserializer).map(|instant| instant.map(|instant| instant.0))
}

/// `at` in RFC 3339 with every fractional digit it has, which reads back as the same
/// instant with the same offset: the input form of a time.
fn serialize_exact<S: Serializer>(at: DateTime<FixedOffset>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, false))
}

/// A time in China time (`Option<NaiveDateTime>`), written `YYYY-MM-DD HH:MM` in the
/// embedded form, as the documented draft writes entity timestamps.
pub(crate) struct Minutes;

impl Encoding for Minutes {
    type Field = Option<NaiveDateTime>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDateTime>, D::Error> {
        Ok(read_instant(deserializer)?.map(|at| at.with_timezone(&CHINA_TIME).naive_local()))
    }

    fn write<S: Serializer>(
        field: &Option<NaiveDateTime>,
        form: Form,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let exact = match form {
            Form::Input => field.and_then(|time| time.and_local_timezone(CHINA_TIME).single()),
            Form::Embedded => None,
        };
        match exact {
            Some(at) => serialize_exact(at, serializer),
            None => minutes::serialize(field, serializer),
        }
    }

    fn write_compact(field: &Option<NaiveDateTime>, form: Form, out: &mut JsonOut<'_>) {
        match form {
            Form::Embedded => minutes::write_compact(field, out),
            Form::Input => push_serialized(out, &Write::<Self>(field, form)),
        }
    }
}

/// `Option<NaiveDateTime>` in China time, written `YYYY-MM-DD HH:MM`.
pub(crate) mod minutes {
    use super::{
        IsoDate, JsonOut, NaiveDateTime, OnStack, StackText, Timelike, fmt, push_on_stack, serialize_display,
    };
    use serde::Serializer;

    struct Minutes(NaiveDateTime);

    impl OnStack for Minutes {
        fn on_stack(&self) -> Result<StackText, fmt::Error> {
            let mut text = StackText::new();
            IsoDate(self.0.date()).push_to(&mut text)?;
            text.push_bytes(b" ")?;
            text.push_number(self.0.hour(), 2)?;
            text.push_bytes(b":")?;
            text.push_number(self.0.minute(), 2)?;
            Ok(text)
        }
    }

    impl fmt::Display for Minutes {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.on_stack()?.as_str())
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<NaiveDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(time) => serialize_display(serializer, &Minutes(*time)),
            None => serializer.serialize_str(""),
        }
    }

    /// [`serialize`], appended as compact JSON.
    pub(crate) fn write_compact(value: &Option<NaiveDateTime>, out: &mut JsonOut<'_>) {
        match value {
            Some(time) => push_on_stack(out, &Minutes(*time)),
            None => out.extend_from_slice(b"\"\""),
        }
    }
}

/// A time with the offset it was given (`Option<DateTime<FixedOffset>>`), written in
/// RFC 3339 with milliseconds (`2019-02-25T13:30:28.000+08:00`) in the embedded form.
pub(crate) struct Rfc3339;

impl Encoding for Rfc3339 {
    type Field = Option<DateTime<FixedOffset>>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        read_instant(deserializer)
    }

    fn write<S: Serializer>(
        field: &Option<DateTime<FixedOffset>>,
        form: Form,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match (form, field) {
            (Form::Input, Some(at)) => serialize_exact(*at, serializer),
            (Form::Embedded, Some(at)) => serialize_display(serializer, &Milliseconds(*at)),
            (_, None) => serializer.serialize_str(""),
        }
    }

    fn write_compact(field: &Option<DateTime<FixedOffset>>, form: Form, out: &mut JsonOut<'_>) {
        match (form, field) {
            (Form::Input, Some(_)) => push_serialized(out, &Write::<Self>(field, form)),
            (Form::Embedded, Some(at)) => push_on_stack(out, &Milliseconds(*at)),
            (_, None) => out.extend_from_slice(b"\"\""),
        }
    }
}

/// RFC 3339 with milliseconds.
struct Milliseconds(DateTime<FixedOffset>);

impl OnStack for Milliseconds {
    fn on_stack(&self) -> Result<StackText, fmt::Error> {
        let at = self.0;
        let offset = at.offset().local_minus_utc();
        let offset_minutes = offset.unsigned_abs() / 60;
        let mut text = StackText::new();
        IsoDate(at.date_naive()).push_to(&mut text)?;
        for (separator, value, width) in [
            (b"T", at.hour(), 2),
            (b":", at.minute(), 2),
            (b":", at.second(), 2),
            (b".", at.timestamp_subsec_millis().min(999), 3),
            (if offset < 0 { b"-" } else { b"+" }, offset_minutes / 60, 2),
            (b":", offset_minutes % 60, 2),
        ] {
            text.push_bytes(separator)?;
            text.push_number(value, width)?;
        }
        Ok(text)
    }
}

impl fmt::Display for Milliseconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.on_stack()?.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> String {
        let at = parse(text).unwrap().with_timezone(&CHINA_TIME).naive_local();
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    }

    #[test]
    fn a_date_of_another_form_is_told_as_a_time_of_another_form() {
        let format = (
            ErrorKind::DateFormat,
            "is not a time in YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339 format",
        );
        assert_eq!(parse("2015/09/09 10:30"), Err(format));
        assert_eq!(parse("2015-09"), Err(format));
        assert_eq!(parse("2015-02-30 10:30").unwrap_err().0, ErrorKind::ImpossibleDate);
    }

    #[test]
    fn every_accepted_form_is_read_in_china_time() {
        assert_eq!(minutes("2018-01-10 10:09"), "2018-01-10 10:09:00");
        assert_eq!(minutes("2018-01-10 10:09:59"), "2018-01-10 10:09:59");
        assert_eq!(minutes("2019-02-25T13:30:28.000+08:00"), "2019-02-25 13:30:28");
        assert_eq!(minutes("2019-02-25T05:30:28Z"), "2019-02-25 13:30:28");
        assert_eq!(minutes("2019-02-24T21:30:28-08:00"), "2019-02-25 13:30:28");
        assert_eq!(minutes("2019-02-25t05:30:28z"), "2019-02-25 13:30:28");
        assert_eq!(minutes("2019-02-25t13:30:28.5+08:00"), "2019-02-25 13:30:28");
        // A leap second is the next second; year 0000 can be year 0001 in China time.
        assert_eq!(minutes("2019-02-25T15:59:60Z"), "2019-02-26 00:00:00");
        assert_eq!(minutes("0000-12-31T16:00:00Z"), "0001-01-01 00:00:00");
    }

    #[test]
    fn years_outside_four_digits_in_china_time_are_refused() {
        assert_eq!(minutes("9999-12-31T15:59:59Z"), "9999-12-31 23:59:59");
        assert_eq!(minutes("0001-01-01 00:00"), "0001-01-01 00:00:00");
        for outside in [
            "9999-12-31T23:59:59-12:00",
            "9999-12-31T16:00:00Z",
            "0000-12-31 23:59",
            "0001-01-01T00:00:00+09:00",
        ] {
            assert_eq!(parse(outside).unwrap_err().0, ErrorKind::InvalidValue, "{outside}");
        }
    }

    #[test]
    fn foreign_and_impossible_times_are_refused() {
        for foreign in
            ["2018-01-10", "2018/01/10 10:09", "2018-01-10 10:9", "2018-01-10T10:09", "2018-01-10 10:09:00.5"]
        {
            assert_eq!(parse(foreign).unwrap_err().0, ErrorKind::DateFormat, "{foreign}");
        }
        for impossible in
            ["2018-02-30 10:09", "2018-01-10 24:00", "2018-01-10 10:60", "2019-02-25T25:30:28.000+08:00"]
        {
            assert_eq!(parse(impossible).unwrap_err().0, ErrorKind::ImpossibleDate, "{impossible}");
        }
        for (offset, problem) in [
            ("+24:00", "has an offset out of range (from -23:59 to +23:59)"),
            ("-25:00", "has an offset out of range (from -23:59 to +23:59)"),
            ("+05:60", "has an offset out of range (from -23:59 to +23:59)"),
        ] {
            assert_eq!(
                parse(&format!("2019-02-25T13:30:28{offset}")),
                Err((ErrorKind::ImpossibleDate, problem))
            );
        }
        assert_eq!(parse("2019-02-25T25:30:28+05:00").unwrap_err().1, "is not a time of the day");
    }
}
