//! Values written as text and read through a parser (dates, times): the parser's
//! problem becomes an error of its kind, quoting the text.

use std::fmt;

use serde::{Deserializer, de};

use crate::encoding::reader::invalid;
use crate::error::ErrorKind;
use crate::error::echo::Quoted;

/// What a text parser returns: the value, or the kind and wording of its problem.
pub(crate) type Parsed<T> = Result<T, (ErrorKind, &'static str)>;

/// Reads a string and parses it with `parse`; `expecting` says what the text should be,
/// for serde's "expected …" messages.
pub(crate) fn read<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Parsed<T>,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(ParsedText { expecting, parse })
}

struct ParsedText<T> {
    expecting: &'static str,
    parse: fn(&str) -> Parsed<T>,
}

impl<T> de::Visitor<'_> for ParsedText<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.parse)(text)
            .map_err(|(kind, problem)| invalid(kind, format_args!("{} {problem}", Quoted(text))))
    }
}
