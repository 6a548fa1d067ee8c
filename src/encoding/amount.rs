//! An amount: read from a Ruby decimal string (`"19800.0"`), plain decimal text
//! (`"19800"`), a JSON integer or a JSON float, and checked against the stored
//! precision (an [`Amount`]); written as a Ruby decimal string.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::field::{Encoding, Form};
use super::raw::{JsonText, RawJson};
use crate::encoding::reader::invalid;
use crate::encoding::stack_text::{push_display, serialize_display};
use crate::error::ErrorKind;
use crate::money::RubyDecimal;
use crate::money::{self, Amount};

/// A decimal written as a Ruby decimal string (`"19800.0"`).
pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serialize_display(serializer, &RubyDecimal(*value))
}

/// [`serialize`], appended as compact JSON.
pub(crate) fn write_compact(value: &Decimal, out: &mut Vec<u8>) {
    push_display(out, &RubyDecimal(*value));
}

/// `Option<Decimal>` written as a Ruby decimal string, or `""` when absent.
pub(crate) fn serialize_optional<S: Serializer>(
    value: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize(value, serializer),
        None => serializer.serialize_str(""),
    }
}

impl Serialize for Amount {
    /// A Ruby decimal string (`"19800.0"`), as the API writes amounts.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_display(serializer, self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// Any accepted encoding: `"19800.0"`, `"19800"`, `19800`, `19800.0`; `null` is
    /// refused.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match read(deserializer, false)? {
            Some(amount) => Ok(amount),
            None => Err(de::Error::invalid_type(de::Unexpected::Unit, &EXPECTING)),
        }
    }
}

/// An amount that may be absent: `""` and `null` read as `None`, written `""`.
pub(crate) struct OptionalAmount;

impl Encoding for OptionalAmount {
    type Field = Option<Amount>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Amount>, D::Error> {
        read(deserializer, true)
    }

    fn write<S: Serializer>(field: &Option<Amount>, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match field {
            Some(amount) => amount.serialize(serializer),
            None => serializer.serialize_str(""),
        }
    }
}

const EXPECTING: &str = "an amount (a decimal string or a number)";

/// Reads any accepted amount encoding from the value's JSON text and checks the
/// decimal it denotes; `null` (and `""`, if `optional`) is `None`.
///
/// The text is what makes the decimal exact: a JSON number is read digit by digit, never
/// through the double serde_json would make of it (see
/// [`parse_json_number`](money::parse_json_number)).
fn read<'de, D: Deserializer<'de>>(deserializer: D, optional: bool) -> Result<Option<Amount>, D::Error> {
    let raw = JsonText::deserialize(deserializer)?.0;
    let parsed = match RawJson::of(raw.get()) {
        RawJson::Null => return Ok(None),
        RawJson::Text(text) if optional && text.is_empty() => return Ok(None),
        RawJson::Text(text) => money::parse_decimal_text(&text),
        RawJson::Number(text) => money::parse_json_number(text),
        other => return Err(de::Error::invalid_type(other.unexpected(), &EXPECTING)),
    };
    parsed
        .and_then(Amount::checked)
        .map(Some)
        .map_err(|problem| invalid(ErrorKind::InvalidAmount, format_args!("the amount {problem}")))
}
