//! The one reader of values that the API sends as `""` or `null` when there is none
//! (ids, dates, times, percentages): `""` and `null` read as `None`, any other value as
//! the value's own reader reads it, its errors included.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Reads `Option<T>`: `""` and `null` are `None`.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_any(EmptyIsNone(PhantomData))
}

struct EmptyIsNone<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for EmptyIsNone<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, \"\" or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        T::deserialize(text.into_deserializer()).map(Some)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Some)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that takes only text, to see what reaches it.
    #[derive(Debug, PartialEq)]
    struct Word(String);

    impl<'de> Deserialize<'de> for Word {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            String::deserialize(deserializer).map(Word)
        }
    }

    fn word(json: &str) -> Result<Option<Word>, String> {
        read(&mut serde_json::Deserializer::from_str(json)).map_err(|error| error.to_string())
    }

    #[test]
    fn empty_and_null_are_none_and_the_rest_goes_to_the_reader() {
        assert_eq!(word("null"), Ok(None));
        assert_eq!(word(r#""""#), Ok(None));
        assert_eq!(word(r#""a""#), Ok(Some(Word("a".into()))));
        assert_eq!(
            word("12"),
            Err("invalid type: integer `12`, expected a string at line 1 column 2".into())
        );
        assert_eq!(word("[1]"), Err("invalid type: sequence, expected a string at line 1 column 1".into()));
    }
}
