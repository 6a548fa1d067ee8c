//! How each kind of value is read from and written to the API's JSON, one module per
//! encoding. A record's field names its encoding, a type implementing
//! [`field::Encoding`] (the technique of jiff's `fmt::serde`, made two-way): reading,
//! and writing in either form, follow from it.
//!
//! Reading is tolerant: each encoding accepts every form the ikcrm API is seen to send
//! for that kind of value (see docs/ENCODINGS.md, "Accepted input"). Writing the draft always
//! uses the one encoding of the documented draft. Problems are reported through
//! [`reader::invalid`], which marks them with their [`crate::ErrorKind`].

pub(crate) mod amount;
pub(crate) mod bounded;
pub(crate) mod compact;
pub(crate) mod date;
pub(crate) mod decimal;
pub(crate) mod empty_is_none;
pub(crate) mod field;
pub(crate) mod float;
pub(crate) mod html;
pub(crate) mod id;
pub(crate) mod key;
pub(crate) mod location;
pub(crate) mod or_default;
pub(crate) mod parsed_text;
pub(crate) mod raw;
pub(crate) mod reader;
pub(crate) mod record;
pub(crate) mod ruby_json;
pub(crate) mod stack_text;
pub(crate) mod text;
pub(crate) mod timestamp;
pub(crate) mod word;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::error::Error;
use crate::error::echo::Quoted;

/// Reads a date as the API writes it, exactly `YYYY-MM-DD`, a day of the calendar in
/// the years 0001 to 9999: the reading every date field of the records uses. An absent
/// date is `""` in the API, which a record reads as `None` and this function refuses:
/// tell emptiness first.
///
/// ```
/// use contract_draft::{ErrorKind, parse_date};
///
/// assert_eq!(parse_date("2015-09-09")?.to_string(), "2015-09-09");
/// assert_eq!(parse_date("2015-9-9").unwrap_err().kind(), ErrorKind::DateFormat);
/// assert_eq!(parse_date("2015-02-30").unwrap_err().to_string(), r#""2015-02-30" is not a day of the calendar"#);
/// # Ok::<(), contract_draft::Error>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    date::parse(text)
        .map_err(|(kind, problem)| Error::new(kind, "", format_args!("{} {problem}", Quoted(text))))
}

/// Reads a time as the API writes it: `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` in
/// China time ([`CHINA_TIME`](crate::CHINA_TIME)), or RFC 3339 with any offset
/// (`2019-02-25T13:30:28.000+08:00`), in the years 0001 to 9999 in China time: the
/// reading every time field of the records uses. The instant keeps its offset.
///
/// ```
/// use contract_draft::parse_time;
///
/// assert_eq!(parse_time("2015-09-09 10:30")?.to_rfc3339(), "2015-09-09T10:30:00+08:00");
/// assert_eq!(parse_time("2019-02-25T05:30:28Z")?.to_rfc3339(), "2019-02-25T05:30:28+00:00");
/// assert!(parse_time("2015-09-09").is_err());
/// # Ok::<(), contract_draft::Error>(())
/// ```
pub fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, Error> {
    timestamp::parse(text)
        .map_err(|(kind, problem)| Error::new(kind, "", format_args!("{} {problem}", Quoted(text))))
}
