//! Reading a value from JSON bytes, every failure an [`Error`] with its kind and the
//! JSON path of its field.
//!
//! The encodings report problems through serde, whose errors carry only text: each
//! tags its message with its [`ErrorKind`] ([`invalid`]), and the reader restores the
//! kind. serde's own messages (`invalid type: string "x", expected u32`) are put in the
//! API's words here.

use std::fmt::{self, Write as _};

use crate::error::echo::{Excerpt, Quoted};
use crate::error::{Error, ErrorKind};

/// Reads `T` from JSON bytes, turning any failure into an [`Error`] with its path.
///
/// Good input is read once, at full speed: its UTF-8 checked in one pass, then parsed
/// as text. Only input that fails is read again with its path tracked (which costs
/// about as much again), to name the field.
///
/// A UTF-8 byte order mark before the JSON, as some tools write, is skipped.
pub(crate) fn read_json<'de, T: serde::Deserialize<'de>>(json: &'de [u8]) -> Result<T, Error> {
    let json = json.strip_prefix(BYTE_ORDER_MARK).unwrap_or(json);
    let plain = match simdutf8::basic::from_utf8(json).map(serde_json::from_str) {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(error)) => Some(error),
        Err(_) => None,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let tracked = serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map_err(|error| from_serde(&error))
        .and_then(|_| deserializer.end().map_err(|error| from_json_error(&error, String::new())));
    // Reading the same bytes again fails the same way; should it not, the first
    // error stands, without a path.
    Err(match (tracked, plain) {
        (Err(error), _) => error,
        (Ok(()), Some(error)) => from_json_error(&error, String::new()),
        (Ok(()), None) => Error::new(ErrorKind::InvalidUtf8, "", "the input is not valid UTF-8"),
    })
}

/// [`read_json`] into `place`, reusing what it holds (its strings' buffers, its
/// records): for the batch path, which reads line after line into the same records.
/// The outcome is [`read_json`]'s: input that does not read this way is read again by
/// it, for its error (or, should it read there, its value).
pub(crate) fn read_json_into<'de, T: serde::Deserialize<'de>>(
    json: &'de [u8],
    place: &mut T,
) -> Result<(), Error> {
    let text = json.strip_prefix(BYTE_ORDER_MARK).unwrap_or(json);
    if let Ok(text) = simdutf8::basic::from_utf8(text) {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        if T::deserialize_in_place(&mut deserializer, place).and_then(|()| deserializer.end()).is_ok() {
            return Ok(());
        }
    }
    *place = read_json(json)?;
    Ok(())
}

fn from_serde(error: &serde_path_to_error::Error<serde_json::Error>) -> Error {
    from_json_error(error.inner(), json_path(error.path()))
}

fn from_json_error(error: &serde_json::Error, mut path: String) -> Error {
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
        return Error::new(kind, path, format_args!("{message}{position}"));
    }
    if let Some((kind, detail)) = untag(message) {
        return Error::new(kind, path, detail);
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
        if !path.is_empty() {
            path.push('.');
        }
        write!(path, "{}", Excerpt(field)).ok();
        return Error::new(ErrorKind::MissingField, path, "is required");
    }
    let (kind, detail) = in_api_words(message);
    Error::new(kind, path, detail)
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
/// [`ECHO_LIMIT`](crate::error::echo::ECHO_LIMIT)
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

/// What a visitor expects, in the API's words: serde's names of the types it reads for
/// the crate (`u32`, `a boolean`, `a string`) become the API's; the crate's own wording
/// is kept. Records, lists and words have readers of their own, whose expectations are
/// already in the API's words (`tests/integration/wrong_types.rs` puts every type at
/// every documented value and finds no Rust word in any message).
fn expected_in_api_words(expected: &str) -> String {
    let words = match expected {
        // The one integer type serde reads for the crate (steps, precision, months):
        // ids, amounts and coordinates have readers of their own.
        "u32" => "an integer from 0 to 4294967295",
        "a boolean" => "true or false",
        "a string" | "a borrowed string" | "a character" | "a string or null" => "a string",
        _ => return Excerpt(expected).to_string(),
    };
    words.to_owned()
}

/// The UTF-8 byte order mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// A serde error of `kind` with a human `detail`: `invalid_amount: the amount is
/// negative`. [`read_json`] restores the kind from the name before the first `": "`;
/// plain serde users read the kind's name and the detail.
///
/// serde's own messages about data start with fixed words (`invalid type`, `missing
/// field`, …), never with a kind's `snake_case` name, so the input cannot pass for a kind.
pub(crate) fn invalid<E: serde::de::Error>(kind: ErrorKind, detail: impl fmt::Display) -> E {
    E::custom(Problem(kind, detail))
}

/// A problem of a kind, written as [`invalid`] writes it: for serde's `try_from`
/// conversions, whose errors serde turns into messages itself.
pub(crate) struct Problem<T>(pub(crate) ErrorKind, pub(crate) T);

impl<T: fmt::Display> fmt::Display for Problem<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.name(), self.1)
    }
}

/// The kind and detail of a message made by [`invalid`].
fn untag(message: &str) -> Option<(ErrorKind, &str)> {
    let (name, detail) = message.split_once(": ")?;
    let kind = ErrorKind::ALL.iter().copied().find(|kind| kind.name() == name)?;
    Some((kind, detail))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// serde's message for reading `json` as a `T`, as this serde version words it.
    fn serde_says<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let error = serde_json::from_str::<T>(json).unwrap_err();
        let message = error.to_string();
        // serde_json adds the position; the reader is given serde's own message.
        message.rsplit_once(" at line ").map_or(message.clone(), |(text, _)| text.to_owned())
    }

    /// Every message the reader translates, made by serde itself: a serde upgrade that
    /// words one differently fails here, not in a user's error envelope.
    #[test]
    fn every_serde_message_the_reader_translates() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Steps {
            steps: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        enum Word {
            #[serde(rename = "draft")]
            Draft,
            #[serde(rename = "applying")]
            Applying,
            #[serde(rename = "approved")]
            Approved,
        }
        let cases = [
            (
                serde_says::<u32>(r#""x""#),
                ErrorKind::WrongType,
                "is a string, expected an integer from 0 to 4294967295",
            ),
            (
                serde_says::<u32>("null"),
                ErrorKind::WrongType,
                "is null, but an integer from 0 to 4294967295 is required",
            ),
            (serde_says::<bool>("[1]"), ErrorKind::WrongType, "is a list, expected true or false"),
            (serde_says::<String>("{}"), ErrorKind::WrongType, "is a record, expected a string"),
            (serde_says::<String>("5"), ErrorKind::WrongType, "is a number, expected a string"),
            (serde_says::<u32>("-1"), ErrorKind::InvalidValue, "-1 is not an integer from 0 to 4294967295"),
            (
                serde_says::<Steps>(r#"{"steps": 1, "x": 2}"#),
                ErrorKind::InvalidValue,
                "is not a known key (known: steps)",
            ),
            (
                serde_says::<Steps>(r#"{"steps": 1, "steps": 2}"#),
                ErrorKind::InvalidValue,
                "the key steps is given twice",
            ),
            (
                serde_says::<Word>(r#""done""#),
                ErrorKind::InvalidValue,
                r#""done" is not one of draft, applying, approved"#,
            ),
        ];
        for (message, kind, detail) in cases {
            assert_eq!(in_api_words(&message), (kind, detail.to_owned()), "{message}");
        }
    }
}
