//! The visitor of values written as text that may be absent (dates, times): `""` and
//! `null` read as `None`; any other text goes through the value's parser, whose problem
//! becomes an error of its kind.

use std::fmt;

use serde::de;

use crate::encoding::reader::invalid;
use crate::error::ErrorKind;
use crate::error::echo::Quoted;

/// What a text parser returns: the value, or the kind and wording of its problem.
pub(crate) type Parsed<T> = Result<T, (ErrorKind, &'static str)>;

pub(crate) struct OptionalText<T> {
    /// What the value is, for serde's "expected …" messages.
    pub(crate) expecting: &'static str,
    pub(crate) parse: fn(&str) -> Parsed<T>,
}

impl<T> de::Visitor<'_> for OptionalText<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, \"\" or null", self.expecting)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        (self.parse)(text)
            .map(Some)
            .map_err(|(kind, problem)| invalid(kind, format_args!("{} {problem}", Quoted(text))))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
