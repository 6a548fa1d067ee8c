//! A value of the create request as it is written, and reading one from a form's JSON:
//! what the contract's keys and the product lines' keys are made of.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::draft::ApproveStatus;
use crate::encoding::field::{Encoding, Form, Write};
use crate::encoding::id::OptionalId;
use crate::encoding::reader::read_json;
use crate::error::Error;

/// A value of the request, as it is written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Text(String),
    Id(u64),
    OptionalId(Option<u64>),
    Amount(Decimal),
    Date(Option<NaiveDate>),
    Status(ApproveStatus),
    Json(Box<RawValueText>),
    Bool(bool),
}

/// A JSON value re-encoded as Rails writes it (attachments), compared by its text.
#[derive(Debug, Clone)]
pub(super) struct RawValueText(pub(super) Box<RawValue>);

impl PartialEq for RawValueText {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

/// Reads `raw` with `E`'s reader, an error naming `path`.
pub(super) fn read<E: Encoding>(raw: &RawValue, path: &str) -> Result<E::Field, Error> {
    read_json::<Through<E>>(raw.get().as_bytes()).map(|through| through.0).map_err(|error| error.within(path))
}

/// A value read through an encoding, for [`read`].
struct Through<E: Encoding>(E::Field);

impl<'de, E: Encoding> serde::Deserialize<'de> for Through<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        E::read(deserializer).map(Through)
    }
}

/// Reads `raw` as a `T` with its own reader, an error naming `path`.
pub(super) fn read_plain<T: DeserializeOwned>(raw: &RawValue, path: &str) -> Result<T, Error> {
    read_json::<T>(raw.get().as_bytes()).map_err(|error| error.within(path))
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Id(id) => serializer.serialize_u64(*id),
            Self::OptionalId(id) => Write::<OptionalId>(id, Form::Input).serialize(serializer),
            Self::Amount(amount) => crate::encoding::amount::serialize(amount, serializer),
            Self::Date(date) => crate::encoding::date::serialize_optional(date, serializer),
            Self::Status(status) => serializer.serialize_str(status.name()),
            Self::Json(raw) => raw.0.serialize(serializer),
            Self::Bool(flag) => serializer.serialize_bool(*flag),
        }
    }
}
