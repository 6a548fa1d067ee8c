//! The crate's one error type.
//!
//! An [`Error`] says what kind of problem it is ([`ErrorKind`]), where (the JSON path of
//! the field, such as `customer.contacts[0].address.lat`) and what exactly was wrong, in
//! words a person can act on. The kind decides the `code` and `error` keys of the error
//! envelope, reusing ikcrm's codes where one fits; the path and detail make its message.
//!
//! Problems found while reading JSON travel through serde as text; [`invalid`] tags
//! them with their kind so that [`Error::from_json`] can restore it.

use std::fmt::{self, Write as _};

use crate::echo::{Excerpt, Quoted};

/// What kind of problem an [`Error`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON: a syntax error or a truncated document.
    MalformedJson,
    /// A string is not valid UTF-8 (or holds a lone surrogate escape).
    InvalidUtf8,
    /// A required key is missing.
    MissingField,
    /// A value has the wrong JSON type, such as a string where an id is expected.
    WrongType,
    /// A date or time is not in an accepted format, such as `2015/09/09`.
    DateFormat,
    /// A date or time is well formed but does not exist, such as `2015-02-30`.
    ImpossibleDate,
    /// An amount is not a number, negative, not finite, or beyond the stored precision
    /// (18 integer and 6 fractional digits).
    InvalidAmount,
    /// Any other value outside its field's domain, such as a percentage above 100.
    InvalidValue,
    /// The customer is not the opportunity's customer.
    CustomerMismatch,
    /// A record belongs to another company than the user who creates the draft.
    OrganizationMismatch,
    /// A computed amount does not fit a decimal.
    Overflow,
    /// The company settings are invalid.
    InvalidSettings,
    /// The input (a file, a JSON Lines line) is longer than the limit set for it.
    InputTooLarge,
}

impl ErrorKind {
    /// Every kind, in the order of the README's error table.
    pub const ALL: &'static [ErrorKind] = &[
        Self::MalformedJson,
        Self::InvalidUtf8,
        Self::MissingField,
        Self::WrongType,
        Self::DateFormat,
        Self::ImpossibleDate,
        Self::InvalidAmount,
        Self::InvalidValue,
        Self::CustomerMismatch,
        Self::OrganizationMismatch,
        Self::Overflow,
        Self::InvalidSettings,
        Self::InputTooLarge,
    ];

    /// The envelope's `code`: ikcrm's 100000 for invalid input, 100100 for a record the
    /// user may not see, and 190001 (the crate's own) for invalid company settings.
    pub const fn code(self) -> u32 {
        match self {
            Self::OrganizationMismatch => 100_100,
            Self::InvalidSettings => 190_001,
            _ => 100_000,
        }
    }

    /// The envelope's `error` key, paired with [`ErrorKind::code`].
    pub const fn error_key(self) -> &'static str {
        match self {
            Self::OrganizationMismatch => "active_record/record_not_found",
            Self::InvalidSettings => "invalid_settings_error",
            _ => "invalid_app_error",
        }
    }

    /// A stable `snake_case` name for the kind, used to carry it through serde.
    pub const fn name(self) -> &'static str {
        match self {
            Self::MalformedJson => "malformed_json",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::MissingField => "missing_field",
            Self::WrongType => "wrong_type",
            Self::DateFormat => "date_format",
            Self::ImpossibleDate => "impossible_date",
            Self::InvalidAmount => "invalid_amount",
            Self::InvalidValue => "invalid_value",
            Self::CustomerMismatch => "customer_mismatch",
            Self::OrganizationMismatch => "organization_mismatch",
            Self::Overflow => "overflow",
            Self::InvalidSettings => "invalid_settings",
            Self::InputTooLarge => "input_too_large",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A problem with the input, found while reading or checking it.
///
/// ```
/// use contract_draft::{Bundle, ErrorKind};
///
/// let error = Bundle::from_json(br#"{"opportunity": {"expect_amount": "-1"}}"#).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::InvalidAmount);
/// assert_eq!(error.path(), "opportunity.expect_amount");
/// assert_eq!(error.to_string(), "opportunity.expect_amount: the amount is negative");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{detail}", self.path, if self.path.is_empty() { "" } else { ": " })]
pub struct Error {
    kind: ErrorKind,
    path: String,
    detail: String,
}

impl Error {
    /// An error of `kind` about the field at `path` (empty for the whole input).
    ///
    /// However a message was made, its path and detail are cut to [`MAX_PATH`] and
    /// [`MAX_DETAIL`] characters, so that no input makes an error (or its envelope) large.
    pub(crate) fn new(kind: ErrorKind, path: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self { kind, path: bounded(path.into(), MAX_PATH), detail: bounded(detail.to_string(), MAX_DETAIL) }
    }

    /// The error for an input (a file, a request body) longer than the `limit` in bytes
    /// its reader set: [`ErrorKind::InputTooLarge`].
    ///
    /// ```
    /// use contract_draft::{Error, ErrorKind};
    ///
    /// let error = Error::input_too_large(1024);
    /// assert_eq!(error.kind(), ErrorKind::InputTooLarge);
    /// assert_eq!(error.to_string(), "the input is longer than the limit of 1024 bytes");
    /// ```
    pub fn input_too_large(limit: usize) -> Self {
        Self::new(
            ErrorKind::InputTooLarge,
            "",
            format_args!("the input is longer than the limit of {limit} bytes"),
        )
    }

    /// The error for line `number` of a JSON Lines stream, longer than `limit` bytes.
    pub(crate) fn line_too_long(number: u64, limit: usize) -> Self {
        Self::new(
            ErrorKind::InputTooLarge,
            "",
            format_args!("line {number} is longer than the limit of {limit} bytes"),
        )
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The JSON path of the field concerned (`opportunity.expect_sign_date`,
    /// `customer.contacts[1].address.lng`), or `""` when the error is about the input
    /// as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong, without the path.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// Reads `T` from JSON bytes, turning any failure into an [`Error`] with its path.
    ///
    /// Good input is read once, at full speed: its UTF-8 checked in one pass, then parsed
    /// as text. Only input that fails is read again with its path tracked (which costs
    /// about as much again), to name the field.
    ///
    /// A UTF-8 byte order mark before the JSON, as some tools write, is skipped.
    pub(crate) fn from_json<'de, T: serde::Deserialize<'de>>(json: &'de [u8]) -> Result<T, Self> {
        let json = json.strip_prefix(BYTE_ORDER_MARK).unwrap_or(json);
        let plain = match std::str::from_utf8(json).map(serde_json::from_str) {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => Some(error),
            Err(_) => None,
        };
        let mut deserializer = serde_json::Deserializer::from_slice(json);
        let tracked = serde_path_to_error::deserialize::<_, T>(&mut deserializer)
            .map_err(|error| Self::from_serde(&error))
            .and_then(|_| deserializer.end().map_err(|error| Self::from_json_error(&error, String::new())));
        // Reading the same bytes again fails the same way; should it not, the first
        // error stands, without a path.
        Err(match (tracked, plain) {
            (Err(error), _) => error,
            (Ok(()), Some(error)) => Self::from_json_error(&error, String::new()),
            (Ok(()), None) => Self::new(ErrorKind::InvalidUtf8, "", "the input is not valid UTF-8"),
        })
    }

    fn from_serde(error: &serde_path_to_error::Error<serde_json::Error>) -> Self {
        Self::from_json_error(error.inner(), json_path(error.path()))
    }

    fn from_json_error(error: &serde_json::Error, mut path: String) -> Self {
        let full = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        let message = full.strip_suffix(&position).unwrap_or(&full);
        if !error.is_data() {
            let kind = if message.starts_with("number out of range") {
                ErrorKind::InvalidValue
            } else if message.starts_with("invalid unicode code point")
                || message.starts_with("lone leading surrogate")
                || message.contains("unexpected end of hex escape")
            {
                ErrorKind::InvalidUtf8
            } else {
                ErrorKind::MalformedJson
            };
            return Self::new(kind, path, format_args!("{message}{position}"));
        }
        if let Some((kind, detail)) = untag(message) {
            return Self::new(kind, path, detail);
        }
        if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
            if !path.is_empty() {
                path.push('.');
            }
            write!(path, "{}", Excerpt(field)).ok();
            return Self::new(ErrorKind::MissingField, path, "is required");
        }
        let (kind, detail) = in_api_words(message);
        Self::new(kind, path, detail)
    }
}

/// A JSON path as the crate writes it (`customer.contacts[0].address.lat`), each key
/// bounded like any echoed input. The path's own text writes the root as
/// `.` and a key not read yet as `?`, which are left out.
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => write!(text, "[{index}]").ok(),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                let dot = if text.is_empty() { "" } else { "." };
                write!(text, "{dot}{}", Excerpt(key)).ok()
            }
            Segment::Unknown => None,
        };
    }
    text
}

/// serde's standard messages about data (`invalid type: string "x", expected u32`), in
/// the API's words and without repeating more of the input than
/// [`ECHO_LIMIT`](crate::echo::ECHO_LIMIT)
/// characters; a type mismatch does not quote the value at all, which may be a number
/// that hiding covers.
fn in_api_words(message: &str) -> (ErrorKind, String) {
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = split_found(rest);
        let expected = expected_in_api_words(expected.unwrap_or("another type"));
        return match type_in_api_words(found) {
            "null" => (ErrorKind::WrongType, format!("is null, but {expected} is required")),
            found => (ErrorKind::WrongType, format!("is {found}, expected {expected}")),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = split_found(rest);
        let expected = expected_in_api_words(expected.unwrap_or("another value"));
        return (ErrorKind::InvalidValue, format!("{} is not {expected}", value_of(found)));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (length, expected) = rest.split_once(", expected ").unwrap_or((rest, "another length"));
        let expected = expected_in_api_words(expected);
        // A record read from a list (serde reads structs from arrays too) is a wrong type.
        if expected == "a record" {
            return (ErrorKind::WrongType, "is a list, expected a record".to_owned());
        }
        return (
            ErrorKind::WrongType,
            format!("is a list of {} items, expected {expected}", Excerpt(length)),
        );
    }
    // Names come between backticks, as given: the last "`, expected " ends the name
    // (the list of known names after it is the crate's own).
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let known = rest.rsplit_once("`, expected ").map_or("", |(_, known)| known);
        let known = known.strip_prefix("one of ").unwrap_or(known).replace('`', "");
        let detail = if known.is_empty() {
            "is not a known key".to_owned()
        } else {
            format!("is not a known key (known: {known})")
        };
        return (ErrorKind::InvalidValue, detail);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, known) = rest.rsplit_once("`, expected ").unwrap_or((rest, ""));
        let known = known.strip_prefix("one of ").unwrap_or(known).replace('`', "");
        return (ErrorKind::InvalidValue, format!("{} is not one of {known}", Quoted(variant)));
    }
    if let Some(field) = message.strip_prefix("duplicate field `") {
        let field = field.strip_suffix('`').unwrap_or(field);
        return (ErrorKind::InvalidValue, format!("the key {} is given twice", Excerpt(field)));
    }
    (ErrorKind::InvalidValue, Excerpt(message).to_string())
}

/// Splits serde's `<unexpected>, expected <expected>` where the unexpected part may be a
/// string of the input (`string "…"`, in Rust's quoted form, which may itself hold
/// ", expected "): the string is read to its closing quote first.
fn split_found(rest: &str) -> (&str, Option<&str>) {
    let quoted_end = rest.strip_prefix("string \"").map(|string| {
        let mut escaped = false;
        let close = string.char_indices().find(|&(_, c)| {
            let closes = !escaped && c == '"';
            escaped = !escaped && c == '\\';
            closes
        });
        close.map_or(rest.len(), |(at, _)| "string \"".len() + at + 1)
    });
    let (found, after) = rest.split_at(quoted_end.unwrap_or(0));
    match after.split_once(", expected ") {
        Some((tail, expected)) => (&rest[..found.len() + tail.len()], Some(expected)),
        None => (rest, None),
    }
}

/// What serde's `Unexpected` text (`string "x"`, ``integer `5` ``, `sequence`) names, in
/// the API's words, without the value.
fn type_in_api_words(found: &str) -> &'static str {
    match found.split_once(' ').map_or(found, |(first, _)| first) {
        "string" | "character" => "a string",
        "integer" | "floating" => "a number",
        "boolean" => "a boolean",
        "null" | "unit" | "Option" => "null",
        "sequence" | "byte" | "tuple" => "a list",
        "map" | "struct" | "newtype" => "a record",
        _ => "another type",
    }
}

/// The value serde's `Unexpected` text quotes, bounded: `string "x"` gives `"x"`,
/// ``integer `5` `` gives `5`.
fn value_of(found: &str) -> String {
    let (_, value) = found.split_once(' ').unwrap_or(("", found));
    let value = value.strip_prefix("point ").unwrap_or(value);
    Excerpt(value.trim_matches('`')).to_string()
}

/// What a visitor expects, in the API's words: Rust's names of types (`u32`, `struct
/// Customer`, `a sequence`) become `an integer`, `a record`, `a list`; the crate's own
/// wording is kept.
fn expected_in_api_words(expected: &str) -> String {
    let words = match expected {
        "u8" => "an integer from 0 to 255",
        "u16" => "an integer from 0 to 65535",
        "u32" => "an integer from 0 to 4294967295",
        "u64" | "usize" => "a non-negative integer",
        "i8" | "i16" | "i32" | "i64" | "isize" => "an integer",
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a string" | "a borrowed string" | "a character" | "a string or null" => "a string",
        "a sequence" => "a list",
        "a map" | "unit" => "a record",
        _ if expected.starts_with("struct ") || expected.starts_with("tuple struct ") => "a record",
        _ if expected.starts_with("enum ") || expected == "variant identifier" => "one of the known values",
        _ if expected == "field identifier" => "a known key",
        _ => return Excerpt(expected).to_string(),
    };
    words.to_owned()
}

/// The most characters of an error's path: a few nested keys of at most
/// [`ECHO_LIMIT`](crate::echo::ECHO_LIMIT) characters each.
const MAX_PATH: usize = 256;

/// The most characters of an error's detail.
const MAX_DETAIL: usize = 512;

/// `text`, cut to `most` characters with `…` after them.
fn bounded(mut text: String, most: usize) -> String {
    if let Some((end, _)) = text.char_indices().nth(most) {
        text.truncate(end);
        text.push('…');
    }
    text
}

/// The UTF-8 byte order mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Marks the start of a kind's name in a serde error message.
const TAG: &str = "\u{1}";

/// A serde error of `kind` with a human `detail`; [`Error::from_json`] restores the kind.
pub(crate) fn invalid<E: serde::de::Error>(kind: ErrorKind, detail: impl fmt::Display) -> E {
    E::custom(format_args!("{TAG}{}{TAG}{detail}", kind.name()))
}

fn untag(message: &str) -> Option<(ErrorKind, &str)> {
    let (name, detail) = message.strip_prefix(TAG)?.split_once(TAG)?;
    let kind = ErrorKind::ALL.iter().copied().find(|kind| kind.name() == name)?;
    Some((kind, detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique() {
        for (i, a) in ErrorKind::ALL.iter().enumerate() {
            for b in &ErrorKind::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
            }
        }
    }

    #[test]
    fn tagged_messages_give_back_their_kind() {
        let error: serde_json::Error = invalid(ErrorKind::ImpossibleDate, "\"2015-02-30\" is not a day");
        assert_eq!(
            untag(&error.to_string()),
            Some((ErrorKind::ImpossibleDate, "\"2015-02-30\" is not a day"))
        );
    }

    #[test]
    fn serde_messages_cannot_be_steered_by_the_input() {
        // A value that holds ", expected " is still one value, named by its type only.
        let (_, detail) = in_api_words(
            r#"invalid type: string "13912345678, expected 13912345678YYYY", expected true or false"#,
        );
        assert_eq!(detail, "is a string, expected true or false");
        let (_, detail) = in_api_words(r#"invalid value: string "a\", expected b", expected a record id"#);
        assert_eq!(detail, r#""a\", expected b" is not a record id"#);
        let long = "Z".repeat(1000);
        let (_, detail) = in_api_words(&format!(
            "unknown variant `x, expected {long}`, expected one of `draft`, `applying`"
        ));
        assert_eq!(detail, format!(r#""x, expected {}"… is not one of draft, applying"#, &long[..52]));
        let (_, detail) = in_api_words(&format!("unknown field `a, expected {long}`, expected `version`"));
        assert_eq!(detail, "is not a known key (known: version)");
    }

    #[test]
    fn errors_are_bounded_however_they_are_made() {
        let error = Error::new(ErrorKind::InvalidValue, "p".repeat(1000), "d".repeat(10_000));
        assert_eq!(error.path().chars().count(), MAX_PATH + 1);
        assert_eq!(error.detail().chars().count(), MAX_DETAIL + 1);
        assert!(error.detail().ends_with('…'));
    }

    #[test]
    fn display_joins_path_and_detail() {
        let error = Error::new(ErrorKind::MissingField, "opportunity.id", "is required");
        assert_eq!(error.to_string(), "opportunity.id: is required");
        let error = Error::new(ErrorKind::MalformedJson, "", "EOF while parsing");
        assert_eq!(error.to_string(), "EOF while parsing");
    }
}
