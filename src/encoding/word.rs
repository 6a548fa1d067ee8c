//! Enum-like values (`"sum_of_lines"`, `"approved"`, `"multi_select"`): the one way they
//! are read. Only the documented form is accepted, a JSON string naming a value; a
//! value of another JSON type (`null` where a word is required, `5`, serde's map form
//! `{"approved": null}`) is a `wrong_type` naming the field, an unknown word an
//! `invalid_value` listing the known ones.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// A type whose values are written as words.
pub(crate) trait Word: Sized + Copy + 'static {
    /// The words, in the order of [`Word::VALUES`].
    const WORDS: &'static [&'static str];
    /// Every value.
    const VALUES: &'static [Self];
}

/// Reads a [`Word`] (see the module docs).
pub(crate) fn read<'de, D: Deserializer<'de>, T: Word>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_str(WordVisitor(PhantomData))
}

struct WordVisitor<T>(PhantomData<T>);

impl<T: Word> Visitor<'_> for WordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        f.write_str(&T::WORDS.join(", "))
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<T, E> {
        T::WORDS
            .iter()
            .position(|known| *known == word)
            .map(|at| T::VALUES[at])
            .ok_or_else(|| E::unknown_variant(word, T::WORDS))
    }
}

/// `impl Deserialize` through [`read`] for a [`Word`] type.
macro_rules! deserialize_as_word {
    ($type:ty) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::encoding::word::read(deserializer)
            }
        }
    };
}

pub(crate) use deserialize_as_word;
