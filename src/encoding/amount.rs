//! An amount: read from a Ruby decimal string (`"19800.0"`), plain decimal text
//! (`"19800"`), a JSON integer or a JSON float; checked against the stored precision;
//! written as a Ruby decimal string.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserializer, Serializer, de};

use crate::error::{ErrorKind, invalid};
use crate::money::{self, AmountProblem, RubyDecimal};
use crate::stack_text::serialize_display;

pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serialize_display(serializer, &RubyDecimal(*value))
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(AmountVisitor)
}

/// An amount that may be absent: `""` and `null` read as `None`.
pub(crate) fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    deserializer.deserialize_any(OptionalAmountVisitor)
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

/// Reads any accepted amount encoding and checks the decimal it denotes.
struct AmountVisitor;

fn checked<E: de::Error>(parsed: Result<Decimal, AmountProblem>) -> Result<Decimal, E> {
    parsed
        .and_then(money::check_amount)
        .map_err(|problem| invalid(ErrorKind::InvalidAmount, format_args!("the amount {problem}")))
}

impl de::Visitor<'_> for AmountVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount (a decimal string or a number)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        checked(money::parse_decimal_text(text))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        checked(Ok(Decimal::from(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        checked(Ok(Decimal::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        checked(money::decimal_from_json_float(value))
    }
}

struct OptionalAmountVisitor;

impl de::Visitor<'_> for OptionalAmountVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount (a decimal string or a number), \"\" or null")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if text.is_empty() {
            return Ok(None);
        }
        AmountVisitor.visit_str(text).map(Some)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        AmountVisitor.visit_u64(value).map(Some)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        AmountVisitor.visit_i64(value).map(Some)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        AmountVisitor.visit_f64(value).map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}
