//! A record id: a JSON integer, or the same digits as a string (`"23481906"`), as some
//! endpoints send foreign keys. Written as an integer.

use std::fmt;

use serde::{Deserialize, Deserializer, de};

/// A required id as read.
pub(crate) struct Id(pub(crate) u64);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor).map(Id)
    }
}

/// An id that may be absent: `null` and `""` read as `None`.
pub(crate) struct OptionalId(pub(crate) Option<u64>);

impl<'de> Deserialize<'de> for OptionalId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OptionalIdVisitor).map(OptionalId)
    }
}

/// An id where `0` means "none" (the draft's own `"id": 0`): `null` and `""` read as 0.
pub(crate) struct IdOrZero(pub(crate) u64);

impl<'de> Deserialize<'de> for IdOrZero {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        OptionalId::deserialize(deserializer).map(|id| IdOrZero(id.0.unwrap_or_default()))
    }
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    Id::deserialize(deserializer).map(|id| id.0)
}

pub(crate) fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    OptionalId::deserialize(deserializer).map(|id| id.0)
}

pub(crate) fn or_zero<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    IdOrZero::deserialize(deserializer).map(|id| id.0)
}

struct IdVisitor;

impl de::Visitor<'_> for IdVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record id (a non-negative integer)")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
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
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

struct OptionalIdVisitor;

impl de::Visitor<'_> for OptionalIdVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record id (a non-negative integer) or null")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        IdVisitor.visit_i64(value).map(Some)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        IdVisitor.visit_str(text).map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
