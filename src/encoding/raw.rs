//! A JSON value kept as its text (`serde_json::value::RawValue`), told apart by its type
//! without building a `serde_json::Value`: amounts and custom values are read from the
//! text the sender wrote, so a number keeps every digit it was given.

use std::borrow::Cow;

/// A JSON value's text, by its type.
#[derive(Debug, PartialEq)]
pub(crate) enum RawJson<'a> {
    Null,
    Bool(bool),
    /// A number's text, as given (`19800.50`, `1e15`).
    Number(&'a str),
    /// A string's text, unescaped.
    Text(Cow<'a, str>),
    /// An array; its text is the whole value.
    List,
    /// An object.
    Record,
    /// A string whose escapes are not characters (a lone surrogate, `"\ud800"`), which
    /// serde_json delimits but cannot decode.
    Invalid,
}

impl<'a> RawJson<'a> {
    /// Tells the type of `text`, a whole JSON value as serde_json delimited it.
    pub(crate) fn of(text: &'a str) -> Self {
        match text.as_bytes().first() {
            Some(b'n') => Self::Null,
            Some(b't') => Self::Bool(true),
            Some(b'f') => Self::Bool(false),
            Some(b'"') => json_string(text).map_or(Self::Invalid, Self::Text),
            Some(b'[') => Self::List,
            Some(b'{') => Self::Record,
            _ => Self::Number(text),
        }
    }

    /// The type in the API's words, without the value (`a number`, `a list`).
    pub(crate) fn in_words(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "true or false",
            Self::Number(_) => "a number",
            Self::Text(_) => "a string",
            Self::List => "a list",
            Self::Record => "a record",
            Self::Invalid => "a string with an escape that is not a character",
        }
    }

    /// The type in the words serde uses for "invalid type" messages.
    pub(crate) fn unexpected(&self) -> serde::de::Unexpected<'_> {
        use serde::de::Unexpected;
        match self {
            Self::Null => Unexpected::Unit,
            Self::Bool(value) => Unexpected::Bool(*value),
            Self::Number(text) => Unexpected::Other(text),
            Self::Text(text) => Unexpected::Str(text),
            Self::List => Unexpected::Seq,
            Self::Record => Unexpected::Map,
            Self::Invalid => Unexpected::Other("a string with an escape that is not a character"),
        }
    }
}

/// The text of a JSON string literal, unescaped only when it has escapes; `None` when
/// an escape is not a character. The literal came through serde_json, so it is
/// otherwise well formed.
fn json_string(literal: &str) -> Option<Cow<'_, str>> {
    match literal.get(1..literal.len() - 1) {
        Some(inner) if !inner.contains('\\') => Some(Cow::Borrowed(inner)),
        _ => serde_json::from_str::<String>(literal).ok().map(Cow::Owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_told_apart() {
        assert_eq!(RawJson::of("null"), RawJson::Null);
        assert_eq!(RawJson::of("true"), RawJson::Bool(true));
        assert_eq!(RawJson::of("false"), RawJson::Bool(false));
        assert_eq!(RawJson::of("-1.50e3"), RawJson::Number("-1.50e3"));
        assert_eq!(RawJson::of(r#""a\"b""#), RawJson::Text(Cow::Owned("a\"b".into())));
        // Without escapes the text is borrowed, not decoded again.
        assert!(matches!(RawJson::of(r#""19800.0""#), RawJson::Text(Cow::Borrowed("19800.0"))));
        assert!(matches!(RawJson::of(r#""a\u0062""#), RawJson::Text(Cow::Owned(text)) if text == "ab"));
        assert_eq!(RawJson::of("[1, 2]"), RawJson::List);
        assert_eq!(RawJson::of("{}"), RawJson::Record);
        assert_eq!(RawJson::of(r#""a\ud800""#), RawJson::Invalid);
    }
}
