//! Points in time. The company works in China time (+08:00), so a time without an
//! offset is China time, and a time with another offset is converted to it.
//!
//! Read from `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` or RFC 3339
//! (`2019-02-25T13:30:28.000+08:00`); `""` and `null` read as absent, which is written
//! as `""`. [`minutes`] writes the entity timestamp form `YYYY-MM-DD HH:MM`, dropping
//! seconds as the documented draft does; [`rfc3339`] writes RFC 3339 with milliseconds.

use std::fmt;

use chrono::format::ParseErrorKind;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, NaiveTime, Timelike};
use serde::de;

use crate::error::{ErrorKind, invalid};

/// China Standard Time, the offset the company works in.
pub const CHINA_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("+08:00 is a valid offset"),
};

/// Parses any accepted timestamp form into an instant with its offset.
fn parse(text: &str) -> Result<DateTime<FixedOffset>, (ErrorKind, &'static str)> {
    const FORMAT: &str = "is not a time in YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339 format";
    let (Some(day), Some(rest)) = (text.get(..10), text.get(10..)) else {
        return Err((ErrorKind::DateFormat, FORMAT));
    };
    let date = super::date::parse(day).map_err(|(kind, _)| match kind {
        ErrorKind::ImpossibleDate => (kind, "is not a day of the calendar"),
        _ => (kind, FORMAT),
    })?;
    if rest.starts_with('T') {
        return DateTime::parse_from_rfc3339(text).map_err(|error| match error.kind() {
            ParseErrorKind::OutOfRange => (ErrorKind::ImpossibleDate, "is not a time of the day"),
            _ => (ErrorKind::DateFormat, FORMAT),
        });
    }
    let time_format = match rest.len() {
        6 => " %H:%M",
        9 => " %H:%M:%S",
        _ => return Err((ErrorKind::DateFormat, FORMAT)),
    };
    let shaped = rest.bytes().enumerate().all(|(i, b)| match i {
        0 => b == b' ',
        3 | 6 => b == b':',
        _ => b.is_ascii_digit(),
    });
    if !shaped {
        return Err((ErrorKind::DateFormat, FORMAT));
    }
    let time = NaiveTime::parse_from_str(rest, time_format)
        .map_err(|_| (ErrorKind::ImpossibleDate, "is not a time of the day"))?;
    date.and_time(time)
        .and_local_timezone(CHINA_TIME)
        .single()
        .ok_or((ErrorKind::ImpossibleDate, "is not a time of the day"))
}

/// The visitor shared by both forms: text or null in, an instant out.
struct InstantVisitor;

impl de::Visitor<'_> for InstantVisitor {
    type Value = Option<DateTime<FixedOffset>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp string, \"\" or null")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        parse(text).map(Some).map_err(|(kind, problem)| invalid(kind, format_args!("{text:?} {problem}")))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `Option<NaiveDateTime>` in China time, written `YYYY-MM-DD HH:MM`.
pub(crate) mod minutes {
    use super::{CHINA_TIME, Datelike, InstantVisitor, NaiveDateTime, Timelike, fmt};
    use serde::{Deserializer, Serializer};

    struct Minutes(NaiveDateTime);

    impl fmt::Display for Minutes {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let (date, time) = (self.0.date(), self.0.time());
            write!(
                f,
                "{:04}-{:02}-{:02} {:02}:{:02}",
                date.year(),
                date.month(),
                date.day(),
                time.hour(),
                time.minute()
            )
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<NaiveDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(time) => serializer.collect_str(&Minutes(*time)),
            None => serializer.serialize_str(""),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDateTime>, D::Error> {
        let instant = deserializer.deserialize_any(InstantVisitor)?;
        Ok(instant.map(|at| at.with_timezone(&CHINA_TIME).naive_local()))
    }
}

/// `Option<DateTime<FixedOffset>>`, written in RFC 3339 with milliseconds
/// (`2019-02-25T13:30:28.000+08:00`), keeping the offset it was given.
pub(crate) mod rfc3339 {
    use super::{DateTime, Datelike, FixedOffset, InstantVisitor, Timelike, fmt};
    use serde::{Deserializer, Serializer};

    struct Rfc3339(DateTime<FixedOffset>);

    impl fmt::Display for Rfc3339 {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let at = self.0;
            let offset = at.offset().local_minus_utc();
            let sign = if offset < 0 { '-' } else { '+' };
            let offset = offset.unsigned_abs() / 60;
            write!(
                f,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{sign}{:02}:{:02}",
                at.year(),
                at.month(),
                at.day(),
                at.hour(),
                at.minute(),
                at.second(),
                at.timestamp_subsec_millis().min(999),
                offset / 60,
                offset % 60
            )
        }
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<DateTime<FixedOffset>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(at) => serializer.collect_str(&Rfc3339(*at)),
            None => serializer.serialize_str(""),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        deserializer.deserialize_any(InstantVisitor)
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
    fn every_accepted_form_is_read_in_china_time() {
        assert_eq!(minutes("2018-01-10 10:09"), "2018-01-10 10:09:00");
        assert_eq!(minutes("2018-01-10 10:09:59"), "2018-01-10 10:09:59");
        assert_eq!(minutes("2019-02-25T13:30:28.000+08:00"), "2019-02-25 13:30:28");
        assert_eq!(minutes("2019-02-25T05:30:28Z"), "2019-02-25 13:30:28");
        assert_eq!(minutes("2019-02-24T21:30:28-08:00"), "2019-02-25 13:30:28");
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
    }
}
