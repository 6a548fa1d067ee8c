//! A JSON value kept as its text (`serde_json::value::RawValue`), told apart by its type
//! without building a `serde_json::Value`: amounts and custom values are read from the
//! text the sender wrote, so a number keeps every digit it was given.

use std::borrow::Cow;

use serde::Deserialize;

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

/// Whether a JSON value is blank: `null`, `""` or `[]`, what a sender gives for a value
/// it leaves blank (a custom field, a form's key).
pub(crate) fn is_blank(value: &serde_json::value::RawValue) -> bool {
    match RawJson::of(value.get()) {
        RawJson::Null => true,
        RawJson::Text(text) => text.is_empty(),
        // Valid JSON text: a list is empty when `]` follows `[` and whitespace. Decided
        // from the text, as no item needs reading (a long list costs nothing here).
        RawJson::List => value.get()[1..].trim_start().starts_with(']'),
        _ => false,
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

/// The name serde_json's deserializers recognize to hand over a value's text
/// (`serde_json::value::RawValue` asks for it the same way); any other deserializer sees
/// an ordinary newtype.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// A value as JSON text, from any deserializer: from serde_json's (text or
/// `serde_json::Value`), the text as given, every digit kept; from any other (a row
/// mapper, another format), the value it gives, written as JSON.
pub(crate) struct JsonText(pub(crate) Box<serde_json::value::RawValue>);

impl<'de> serde::Deserialize<'de> for JsonText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, JsonTextVisitor)
    }
}

struct JsonTextVisitor;

impl<'de> serde::de::Visitor<'de> for JsonTextVisitor {
    type Value = JsonText;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    /// serde_json's answer to the token: one entry, the token, then the value's text.
    /// Any other map is a value of its own.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<JsonText, A::Error> {
        let Some(key) = map.next_key::<Cow<'de, str>>()? else { return json(&serde_json::Map::new()) };
        if key == RAW_VALUE_TOKEN {
            let text: String = map.next_value()?;
            return serde_json::value::RawValue::from_string(text)
                .map(JsonText)
                .map_err(serde::de::Error::custom);
        }
        let mut object = serde_json::Map::new();
        object.insert(key.into_owned(), map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            object.insert(key, value);
        }
        json(&object)
    }

    /// Another deserializer's newtype: its value.
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<JsonText, D::Error> {
        json(&serde_json::Value::deserialize(deserializer)?)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<JsonText, A::Error> {
        json(&serde_json::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<JsonText, E> {
        json(text)
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<JsonText, E> {
        json(&value)
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<JsonText, E> {
        json(&value)
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<JsonText, E> {
        json(&value)
    }

    /// A double as its shortest text (a double that is not finite is `null`, as JSON
    /// has no such number).
    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<JsonText, E> {
        json(&value)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<JsonText, E> {
        json(&())
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<JsonText, E> {
        json(&())
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<JsonText, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A value another deserializer gave, written as JSON.
fn json<T: serde::Serialize + ?Sized, E: serde::de::Error>(value: &T) -> Result<JsonText, E> {
    serde_json::value::to_raw_value(value).map(JsonText).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `null`, `""` and `[]` are blank; any other value is not, however odd (a string
    /// with a lone surrogate, a deep list).
    #[test]
    fn only_null_empty_text_and_the_empty_list_are_blank() {
        let raw = |json: &str| serde_json::value::RawValue::from_string(json.to_owned()).unwrap();
        for blank in ["null", r#""""#, "[]"] {
            assert!(is_blank(&raw(blank)), "{blank}");
        }
        let deep = format!("[{}1{}]", "[".repeat(200), "]".repeat(200));
        for value in [r#"["a\ud800"]"#, deep.as_str(), "0", "false", "{}", r#"" ""#, "[null]"] {
            assert!(!is_blank(&raw(value)), "{value}");
        }
    }

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
