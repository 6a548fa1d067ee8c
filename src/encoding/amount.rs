//! An amount: read from a Ruby decimal string (`"19800.0"`), plain decimal text
//! (`"19800"`), a JSON integer or a JSON float; checked against the stored precision;
//! written as a Ruby decimal string.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserializer, Serializer, de};

use crate::error::{ErrorKind, invalid};
use crate::money::{self, AmountProblem, RubyDecimal};

pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&RubyDecimal(*value))
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(AmountVisitor)
}

/// Reads any accepted amount encoding and checks the decimal it denotes.
pub(crate) struct AmountVisitor;

fn checked<E: de::Error>(parsed: Result<Decimal, AmountProblem>) -> Result<Decimal, E> {
    parsed.and_then(money::check_amount).map_err(|problem| {
        invalid(
            ErrorKind::InvalidAmount,
            format_args!("the amount {problem}"),
        )
    })
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
        checked(money::decimal_from_f64(value))
    }
}
