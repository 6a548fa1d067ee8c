//! A record id: a JSON integer, or the same digits as a string (`"23481906"`), as some
//! endpoints send foreign keys, from 0 to [`MAX_ID`] (a `bigint`). Written as an
//! integer.

use std::fmt;

use serde::{Deserialize, Deserializer, Serializer, de};

use super::compact::{JsonOut, WriteCompact};
use super::empty_is_none;
use super::field::{Encoding, Form};
use crate::limits::MAX_ID;

/// A required id.
pub(crate) struct Id;

impl Encoding for Id {
    type Field = u64;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_any(IdVisitor)
    }

    fn write<S: Serializer>(field: &u64, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(*field)
    }

    fn write_compact(field: &u64, _: Form, out: &mut JsonOut<'_>) {
        field.write_compact(out);
    }
}

/// An id that may be absent: `null` and `""` read as `None`, written `null`.
pub(crate) struct OptionalId;

impl Encoding for OptionalId {
    type Field = Option<u64>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
        empty_is_none::read::<D, IdValue>(deserializer).map(|id| id.map(|id| id.0))
    }

    fn write<S: Serializer>(field: &Option<u64>, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match field {
            Some(id) => serializer.serialize_u64(*id),
            None => serializer.serialize_unit(),
        }
    }

    fn write_compact(field: &Option<u64>, _: Form, out: &mut JsonOut<'_>) {
        field.write_compact(out);
    }
}

/// An id where `0` means "none" (the draft's own `"id": 0`): `null` and `""` read as 0.
pub(crate) struct IdOrZero;

impl Encoding for IdOrZero {
    type Field = u64;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        OptionalId::read(deserializer).map(Option::unwrap_or_default)
    }

    fn write<S: Serializer>(field: &u64, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(*field)
    }

    fn write_compact(field: &u64, _: Form, out: &mut JsonOut<'_>) {
        field.write_compact(out);
    }
}

/// An id as its own value, for [`empty_is_none`].
struct IdValue(u64);

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor).map(IdValue)
    }
}

struct IdVisitor;

impl de::Visitor<'_> for IdVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record id (an integer from 0 to 9223372036854775807)")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
        if value > MAX_ID {
            return Err(E::invalid_value(de::Unexpected::Unsigned(value), &self));
        }
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<u64, E> {
        u64::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<u64, E> {
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        digits
            .then(|| text.parse().ok())
            .flatten()
            .filter(|id| *id <= MAX_ID)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}
