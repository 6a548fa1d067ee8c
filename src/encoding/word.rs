//! Enum-like values (`"sum_of_lines"`, `"approved"`, `"multi_select"`): the one way they
//! are read. Only the documented form is accepted, a JSON string naming a value; a
//! value of another JSON type (`null` where a word is required, `5`, serde's map form
//! `{"approved": null}`) is a `wrong_type` naming the field, an unknown word an
//! `invalid_value` listing the known ones. Text from elsewhere (a database row, a
//! command-line option) is read by the same words through `FromStr`.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{self, Visitor};

use crate::error::echo::Quoted;
use crate::error::{Error, ErrorKind};

/// A type whose values are written as words.
pub(crate) trait Word: Sized + Copy + 'static {
    /// The words, in the order of [`Word::VALUES`].
    const WORDS: &'static [&'static str];
    /// Every value.
    const VALUES: &'static [Self];
}

/// The value `word` names, or an `invalid_value` listing the words.
pub(crate) fn parse<T: Word>(word: &str) -> Result<T, Error> {
    T::WORDS.iter().position(|known| *known == word).map(|at| T::VALUES[at]).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidValue,
            "",
            format_args!("{} is not one of {}", Quoted(word), T::WORDS.join(", ")),
        )
    })
}

/// The word of `value`.
pub(crate) fn name<T: Word + PartialEq>(value: T) -> &'static str {
    let at =
        T::VALUES.iter().position(|known| *known == value).expect("every value of a word type is listed");
    T::WORDS[at]
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

/// `impl Deserialize` through [`read`] and `impl FromStr` through [`parse`] for a
/// [`Word`] type.
macro_rules! deserialize_as_word {
    ($type:ty) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::encoding::word::read(deserializer)
            }
        }

        impl std::str::FromStr for $type {
            type Err = $crate::Error;

            /// The value its word names (as [`name`](Self::name) gives it), as a database
            /// row or an option may hold it.
            fn from_str(word: &str) -> Result<Self, $crate::Error> {
                $crate::encoding::word::parse(word)
            }
        }
    };
}

pub(crate) use deserialize_as_word;

#[cfg(test)]
mod tests {
    use super::Word;
    use crate::{ApproveStatus, CompanyCheck, FieldKind, TotalSource};

    /// Each value's name reads back as the value, and the words are the names.
    fn names_read_back<T>(values: &[T], name: fn(T) -> &'static str)
    where
        T: super::Word + PartialEq + std::fmt::Debug + std::str::FromStr<Err = crate::Error>,
    {
        let names: Vec<&str> = values.iter().map(|value| name(*value)).collect();
        assert_eq!(names, T::WORDS);
        for value in values {
            assert_eq!(name(*value).parse::<T>().unwrap(), *value);
        }
    }

    #[test]
    fn every_word_type_reads_its_names_back() {
        names_read_back(ApproveStatus::VALUES, ApproveStatus::name);
        names_read_back(FieldKind::VALUES, FieldKind::name);
        names_read_back(CompanyCheck::VALUES, CompanyCheck::name);
        names_read_back(TotalSource::VALUES, TotalSource::name);
    }

    #[test]
    fn an_unknown_word_lists_the_known_ones() {
        let error = "Sum".parse::<TotalSource>().unwrap_err();
        assert_eq!(error.to_string(), r#""Sum" is not one of expect_amount, sum_of_lines"#);
        assert_eq!(error.kind(), crate::ErrorKind::InvalidValue);
        let error = "x".parse::<FieldKind>().unwrap_err();
        assert!(
            error.to_string().ends_with(
                "is not one of text, text_area, single_select, multi_select, number, date, file, phone"
            ),
            "{error}"
        );
    }
}
