//! Reading a record by hand, for records that keep keys no struct field names (an
//! opportunity's custom fields): each known key goes into its field through a reader
//! type of `crate::encoding`, custom-field keys are kept with their JSON text, and every
//! other key is skipped unread, so its depth or content never matters. Nothing is
//! buffered, and a known key given twice is refused, as derived readers refuse it.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A key of a record, borrowed from the input when it can be.
pub(crate) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    pub(crate) fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key))
    }
}

/// Which of a record's known keys were read, by their place in the reader's list.
#[derive(Default)]
pub(crate) struct Seen(u64);

impl Seen {
    /// Marks the key at `index`, refusing it if it was read before.
    pub(crate) fn first<E: de::Error>(&mut self, index: u32, name: &'static str) -> Result<(), E> {
        let bit = 1_u64 << index;
        if self.0 & bit != 0 {
            return Err(E::duplicate_field(name));
        }
        self.0 |= bit;
        Ok(())
    }

    /// Refuses a record that lacks one of its first `required.len()` known keys.
    pub(crate) fn require<E: de::Error>(&self, required: &[&'static str]) -> Result<(), E> {
        match required.iter().enumerate().find(|(index, _)| self.0 & (1 << index) == 0) {
            Some((_, name)) => Err(E::missing_field(name)),
            None => Ok(()),
        }
    }
}

/// Reads the value of `$key` into the field the list names for it, through its reader
/// type, and says whether the key was one of the list's. Required keys come first in the
/// list, so that [`Seen::require`] finds them by place.
macro_rules! read_known_key {
    ($map:ident, $key:expr, $seen:ident, [$($name:literal => $field:expr, $reader:ty;)*]) => {{
        let key: &str = $key;
        let mut index = 0_u32;
        let mut known = false;
        $(
            if !known && key == $name {
                $seen.first::<A::Error>(index, $name)?;
                $field = $map.next_value::<$reader>()?.0;
                known = true;
            }
            index += 1;
        )*
        let _ = index;
        known
    }};
}
pub(crate) use read_known_key;

/// `YYYY-MM-DD`, `""` or `null` (see `crate::encoding::date`).
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct OptionalDate(
    #[serde(deserialize_with = "crate::encoding::date::optional::deserialize")] pub(crate) Option<NaiveDate>,
);

/// A China-time timestamp (see `crate::encoding::timestamp::minutes`).
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct Minutes(
    #[serde(deserialize_with = "crate::encoding::timestamp::minutes::deserialize")]
    pub(crate)  Option<NaiveDateTime>,
);

/// A percentage (see `crate::encoding::percent`).
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct OptionalPercent(
    #[serde(deserialize_with = "super::percent::optional")] pub(crate) Option<super::Percent>,
);

/// A value read by its own `Deserialize`.
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct Plain<T>(pub(crate) T);

/// An embedded record, `{}` or `null` (see `crate::encoding::record`).
#[derive(serde::Deserialize)]
#[serde(transparent, bound = "T: Deserialize<'de>")]
pub(crate) struct Record<T>(
    #[serde(deserialize_with = "crate::encoding::record::deserialize")] pub(crate) Option<T>,
);
