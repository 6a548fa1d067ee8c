//! Free-form JSON (a contract's attachments) as Rails writes it after parsing it: compact,
//! strings decoded and re-escaped (`"\u00e9\/"` is written `"é/"`), integers as
//! integers and other numbers as Ruby Floats (`1.50` is `1.5`, `1E2` is `100.0`), keys
//! in their order. Written straight into text, one token at a time, so memory stays
//! that of the text however the value is shaped.
//!
//! What Ruby's parser refuses is refused: nesting deeper than [`MAX_NESTING`] levels
//! (`JSON.parse`'s `max_nesting`), lone surrogates (serde_json's reader); and a key
//! given twice in one object, which Ruby would silently collapse.

use std::collections::HashSet;
use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::encoding::float::RubyFloat;
use crate::encoding::reader::{invalid, read_json};
use crate::error::echo::Quoted;
use crate::error::{Error, ErrorKind};

/// The deepest nesting Ruby's `JSON.parse` takes by default.
pub(crate) const MAX_NESTING: usize = 100;

/// `raw` re-encoded as Rails writes the value it parses (see the module docs); an error
/// naming `path` where Ruby would not parse it.
pub(crate) fn normalized(raw: &RawValue, path: &str) -> Result<Box<RawValue>, Error> {
    let text = read_json::<RubyJson>(raw.get().as_bytes()).map_err(|error| error.within(path))?.0;
    // The text is JSON by construction: each token was written by its own rule.
    RawValue::from_string(text).map_err(|error| Error::new(ErrorKind::MalformedJson, path, error))
}

/// The text of a JSON value as Rails writes it.
struct RubyJson(String);

impl<'de> serde::Deserialize<'de> for RubyJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut text = String::new();
        Token { out: &mut text, depth: 0 }.deserialize(deserializer)?;
        Ok(Self(text))
    }
}

/// One value, written to `out`, `depth` levels in.
struct Token<'a> {
    out: &'a mut String,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Token<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Token<'_> {
    fn string<E: de::Error>(&mut self, text: &str) -> Result<(), E> {
        serde_json::to_string(text).map(|quoted| self.out.push_str(&quoted)).map_err(E::custom)
    }

    /// The token for a value nested in this one.
    fn inner<E: de::Error>(&mut self) -> Result<Token<'_>, E> {
        if self.depth >= MAX_NESTING {
            return Err(invalid(
                ErrorKind::InvalidValue,
                format_args!("nests deeper than {MAX_NESTING} levels, which Ruby's JSON parser refuses"),
            ));
        }
        Ok(Token { out: self.out, depth: self.depth + 1 })
    }
}

impl<'de> Visitor<'de> for Token<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.push_str("null");
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        write!(self.out, "{value}").map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        write!(self.out, "{value}").map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        write!(self.out, "{}", RubyFloat(value)).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(mut self, value: &str) -> Result<(), E> {
        self.string(value)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.inner()?;
        inner.out.push('[');
        let mut empty = true;
        // Each element is followed by a comma; the last one's is taken back.
        while seq.next_element_seed(Token { out: inner.out, depth: inner.depth })?.is_some() {
            empty = false;
            inner.out.push(',');
        }
        if !empty {
            inner.out.pop();
        }
        inner.out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut inner = self.inner()?;
        inner.out.push('{');
        let mut keys = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(invalid(
                    ErrorKind::InvalidValue,
                    format_args!("has the key {} twice", Quoted(&key)),
                ));
            }
            inner.string(&key)?;
            keys.insert(key);
            inner.out.push(':');
            map.next_value_seed(Token { out: inner.out, depth: inner.depth })?;
            inner.out.push(',');
        }
        if !keys.is_empty() {
            inner.out.pop();
        }
        inner.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(json: &str) -> Result<String, String> {
        let raw: Box<RawValue> = serde_json::from_str(json).map_err(|error| error.to_string())?;
        normalized(&raw, "contract.attachments_attributes")
            .map(|raw| raw.get().to_owned())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn values_are_written_as_rails_writes_what_it_parsed() {
        assert_eq!(
            normal(r#"[ "\u00e9\/", 1.50, 1E2, -0.0, 7, -3, 1e-5, null, true ]"#).unwrap(),
            r#"["é/",1.5,100.0,-0.0,7,-3,1.0e-05,null,true]"#
        );
        assert_eq!(
            normal(r#"{ "b" : {"x": []}, "a": "\n\u0001" }"#).unwrap(),
            r#"{"b":{"x":[]},"a":"\n\u0001"}"#
        );
        assert_eq!(normal("[]").unwrap(), "[]");
        assert_eq!(normal("{}").unwrap(), "{}");
        assert_eq!(normal("[[],{}]").unwrap(), "[[],{}]");
    }

    #[test]
    fn what_ruby_would_not_parse_is_refused() {
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(normal(&deep(MAX_NESTING)).unwrap(), deep(MAX_NESTING));
        assert!(normal(&deep(MAX_NESTING + 1)).unwrap_err().contains("nests deeper than 100 levels"));
        let error = normal(r#"[{"a": 1, "a": 2}]"#).unwrap_err();
        assert_eq!(error, r#"contract.attachments_attributes[0]: has the key "a" twice"#);
    }
}
