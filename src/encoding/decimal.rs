//! Decimals of the draft in the forms Rails writes them: a quantity (an integer when
//! whole, `2`; a Ruby decimal string when fractional, `"1.5"`, so that it never passes
//! through `f64`) and a sum as `relation.sum(:amount)` gives it (the Integer `0` when
//! zero, Ruby's sum over no rows; otherwise a BigDecimal string, `"200000.0"`).

use rust_decimal::Decimal;
use serde::Serializer;

use crate::encoding::compact::JsonOut;
use crate::encoding::stack_text::{push_on_stack, serialize_display};
use crate::money::RubyDecimal;

/// A quantity: an integer when whole, else its Ruby decimal text.
pub(crate) fn serialize_quantity<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let value = value.normalize();
    if value.scale() == 0 {
        serializer.serialize_i128(value.mantissa())
    } else {
        serialize_display(serializer, &RubyDecimal(value))
    }
}

/// A sum: `0` when zero, else its Ruby decimal text.
pub(crate) fn serialize_sum<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_zero() {
        serializer.serialize_u8(0)
    } else {
        serialize_display(serializer, &RubyDecimal(*value))
    }
}

/// [`serialize_sum`], appended as compact JSON.
pub(crate) fn write_sum_compact(value: &Decimal, out: &mut JsonOut<'_>) {
    if value.is_zero() {
        out.push(b'0');
    } else {
        push_on_stack(out, &RubyDecimal(*value));
    }
}
