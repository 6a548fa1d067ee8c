//! Lists read up to a count limit ([`crate::limits`]): the item after the last allowed
//! one is skipped unread and the list refused, so an input beyond a limit costs no more
//! memory than one at it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::reader::invalid;
use crate::error::ErrorKind;

/// A JSON list of at most `MAX` items.
pub(crate) struct AtMost<T, const MAX: usize>(pub(crate) Vec<T>);

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for AtMost<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(AtMostVisitor::<T, MAX>(PhantomData)).map(AtMost)
    }
}

/// The error of a list or an object of more than `max` items.
pub(crate) fn too_many<E: de::Error>(max: usize, what: &str) -> E {
    invalid(ErrorKind::InputTooLarge, format_args!("has more than {max} {what} (the limit)"))
}

struct AtMostVisitor<T, const MAX: usize>(PhantomData<T>);

impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for AtMostVisitor<T, MAX> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX).min(64));
        while items.len() < MAX {
            match seq.next_element()? {
                Some(item) => items.push(item),
                None => return Ok(items),
            }
        }
        match seq.next_element::<IgnoredAny>()? {
            Some(_) => Err(too_many(MAX, "items")),
            None => Ok(items),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Vec<u8>, String> {
        serde_json::from_str::<AtMost<u8, 3>>(json).map(|list| list.0).map_err(|error| error.to_string())
    }

    #[test]
    fn a_list_at_the_limit_reads_and_one_beyond_it_does_not() {
        assert_eq!(read("[]"), Ok(vec![]));
        assert_eq!(read("[1, 2, 3]"), Ok(vec![1, 2, 3]));
        let error = read("[1, 2, 3, 4]").unwrap_err();
        assert!(error.starts_with("input_too_large: has more than 3 items (the limit)"), "{error}");
        // The item beyond the limit is not read as an item: its type does not matter.
        assert!(read(r#"[1, 2, 3, "x"]"#).unwrap_err().starts_with("input_too_large"));
    }
}
