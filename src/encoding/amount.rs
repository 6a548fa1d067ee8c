//! An amount: read from a Ruby decimal string (`"19800.0"`), plain decimal text
//! (`"19800"`), a JSON integer or a JSON float, and checked against the stored
//! precision (an [`Amount`]); written as a Ruby decimal string.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::compact::{JsonOut, WriteCompact};
use super::field::{Encoding, Form};
use super::raw::{JsonText, RawJson};
use crate::encoding::reader::invalid;
use crate::encoding::stack_text::{OnStack, StackText, push_on_stack, serialize_display};
use crate::error::ErrorKind;
use crate::money::RubyDecimal;
use crate::money::{self, Amount};

/// A decimal written as a Ruby decimal string (`"19800.0"`).
pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serialize_display(serializer, &RubyDecimal(*value))
}

/// [`serialize`], appended as compact JSON.
pub(crate) fn write_compact(value: &Decimal, out: &mut JsonOut<'_>) {
    push_on_stack(out, &RubyDecimal(*value));
}

impl OnStack for RubyDecimal {
    /// The digits of the normalized mantissa, the point put `scale` digits from their
    /// end (`0.` and zeros before them when there are fewer), `.0` when there is no
    /// fraction: what the decimal's `Display` writes, without `fmt`.
    fn on_stack(&self) -> Result<StackText, fmt::Error> {
        let value = self.0.normalize();
        let mut text = StackText::new();
        if value.is_sign_negative() && !value.is_zero() {
            text.push_bytes(b"-")?;
        }
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(value.mantissa().unsigned_abs()).as_bytes();
        let scale = value.scale() as usize;
        match digits.len().checked_sub(scale) {
            _ if scale == 0 => {
                text.push_bytes(digits)?;
                text.push_bytes(b".0")?;
            }
            Some(whole) if whole > 0 => {
                let (whole, fraction) = digits.split_at(whole);
                for part in [whole, b".", fraction] {
                    text.push_bytes(part)?;
                }
            }
            _ => {
                text.push_bytes(b"0.")?;
                for _ in digits.len()..scale {
                    text.push_bytes(b"0")?;
                }
                text.push_bytes(digits)?;
            }
        }
        Ok(text)
    }
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

impl WriteCompact for Amount {
    /// `"19800.0"`, as its `Serialize` writes it.
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        write_compact(&self.get(), out);
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

    fn write_compact(field: &Option<Amount>, _: Form, out: &mut JsonOut<'_>) {
        match field {
            Some(amount) => amount.write_compact(out),
            None => out.extend_from_slice(b"\"\""),
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn on_stack(value: Decimal) -> String {
        RubyDecimal(value).on_stack().unwrap().as_str().to_owned()
    }

    #[test]
    fn the_point_goes_where_the_scale_says() {
        for (lo, negative, scale, text) in [
            (1_980_000, false, 2, "19800.0"),
            (198_005, false, 1, "19800.5"),
            (5, true, 3, "-0.005"),
            (0, true, 4, "0.0"),
            (0, false, 0, "0.0"),
            (1_234, false, 4, "0.1234"),
            (u32::MAX, true, 28, "-0.0000000000000000004294967295"),
        ] {
            assert_eq!(on_stack(Decimal::from_parts(lo, 0, 0, negative, scale)), text);
        }
        assert_eq!(on_stack(Decimal::MAX), "79228162514264337593543950335.0");
    }

    proptest! {
        /// The text made on the stack is the decimal's `Display`, Ruby's form.
        #[test]
        fn the_text_on_the_stack_is_the_display(
            lo in any::<u32>(),
            mid in prop_oneof![Just(0), any::<u32>()],
            hi in prop_oneof![Just(0), any::<u32>()],
            negative in any::<bool>(),
            scale in 0_u32..=28,
        ) {
            let value = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(on_stack(value), RubyDecimal(value).to_string());
        }
    }
}
