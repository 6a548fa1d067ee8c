//! Text that the API sometimes sends as `null` or, for option ids such as a stage
//! (`"3511"`), as a JSON integer. `null` reads as `""` and an integer as its decimal
//! text; the draft always writes a string.

use std::fmt;

use serde::{Deserializer, Serializer, de};

use super::compact::{JsonOut, push_str};
use super::field::{Encoding, Form};

/// A text field: `null` reads as `""`.
pub(crate) struct Text;

impl Encoding for Text {
    type Field = String;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        let mut text = String::new();
        Self::read_into(deserializer, &mut text)?;
        Ok(text)
    }

    fn read_into<'de, D: Deserializer<'de>>(deserializer: D, text: &mut String) -> Result<(), D::Error> {
        deserializer.deserialize_any(TextVisitor { text, null_is_empty: true })
    }

    fn reset(text: &mut String, default: String) {
        reset(text, default);
    }

    fn write<S: Serializer>(field: &String, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(field)
    }

    fn write_compact(field: &String, _: Form, out: &mut JsonOut<'_>) {
        push_str(out, field);
    }
}

/// A required text field (a title, a name): as [`Text`], but `null` is refused, since a
/// required value cannot be absent.
pub(crate) struct RequiredText;

impl Encoding for RequiredText {
    type Field = String;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        let mut text = String::new();
        Self::read_into(deserializer, &mut text)?;
        Ok(text)
    }

    fn read_into<'de, D: Deserializer<'de>>(deserializer: D, text: &mut String) -> Result<(), D::Error> {
        deserializer.deserialize_any(TextVisitor { text, null_is_empty: false })
    }

    // No `reset` of its own: a required text's key is a required key, never reset.

    fn write<S: Serializer>(field: &String, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(field)
    }

    fn write_compact(field: &String, _: Form, out: &mut JsonOut<'_>) {
        push_str(out, field);
    }
}

/// A text field set to its default, keeping its buffer when the default is empty.
fn reset(text: &mut String, default: String) {
    if default.is_empty() {
        text.clear();
    } else {
        *text = default;
    }
}

/// Reads text into `text`, replacing what it held and keeping its buffer.
struct TextVisitor<'a> {
    text: &'a mut String,
    null_is_empty: bool,
}

impl TextVisitor<'_> {
    fn set(self, value: &str) {
        self.text.clear();
        self.text.push_str(value);
    }
}

impl de::Visitor<'_> for TextVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.null_is_empty { "a string or null" } else { "a string" })
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.set(text);
        Ok(())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<(), E> {
        *self.text = text;
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        self.set(itoa::Buffer::new().format(value));
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        self.set(itoa::Buffer::new().format(value));
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.null_is_empty {
            self.set("");
            Ok(())
        } else {
            Err(E::invalid_type(de::Unexpected::Unit, &self))
        }
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
