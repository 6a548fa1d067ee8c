//! Text that the API sometimes sends as `null` or, for option ids such as a stage
//! (`"3511"`), as a JSON integer. `null` reads as `""` and an integer as its decimal
//! text; the draft always writes a string.

use std::fmt;

use serde::{Deserializer, Serializer, de};

use super::compact::push_str;
use super::field::{Encoding, Form};

/// A text field: `null` reads as `""`.
pub(crate) struct Text;

impl Encoding for Text {
    type Field = String;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(TextVisitor { null_is_empty: true })
    }

    fn write<S: Serializer>(field: &String, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(field)
    }

    fn write_compact(field: &String, _: Form, out: &mut Vec<u8>) {
        push_str(out, field);
    }
}

/// A required text field (a title, a name): as [`Text`], but `null` is refused, since a
/// required value cannot be absent.
pub(crate) struct RequiredText;

impl Encoding for RequiredText {
    type Field = String;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(TextVisitor { null_is_empty: false })
    }

    fn write<S: Serializer>(field: &String, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(field)
    }

    fn write_compact(field: &String, _: Form, out: &mut Vec<u8>) {
        push_str(out, field);
    }
}

struct TextVisitor {
    null_is_empty: bool,
}

impl de::Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.null_is_empty { "a string or null" } else { "a string" })
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        if self.null_is_empty { Ok(String::new()) } else { Err(E::invalid_type(de::Unexpected::Unit, &self)) }
    }
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;
    use serde::de::value::Error;

    use super::*;

    /// What [`Text`] reads from a value as another deserializer than serde_json's
    /// gives it (an owned string, a negative integer).
    fn text<'de>(value: impl IntoDeserializer<'de, Error>) -> Result<String, Error> {
        Text::read(value.into_deserializer())
    }

    #[test]
    fn owned_strings_and_numbers_read_as_their_text() {
        assert_eq!(text(String::from("CRM集团版")).unwrap(), "CRM集团版");
        assert_eq!(text("向导").unwrap(), "向导");
        assert_eq!(text(-5_i64).unwrap(), "-5");
        assert_eq!(text(5_u64).unwrap(), "5");
        assert_eq!(text(()).unwrap(), "");
        assert!(RequiredText::read(().into_deserializer()).map_err(|_: Error| ()).is_err());
    }
}
