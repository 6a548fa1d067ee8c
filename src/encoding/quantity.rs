//! A quantity: stored as a decimal, shown as an integer when whole (`2`), and as a Ruby
//! decimal string when fractional (`"1.5"`), so that it never passes through `f64`.

use rust_decimal::Decimal;
use serde::Serializer;

use crate::encoding::ruby_decimal::RubyDecimal;
use crate::encoding::stack_text::serialize_display;

pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let value = value.normalize();
    if value.scale() == 0 {
        serializer.serialize_i128(value.mantissa())
    } else {
        serialize_display(serializer, &RubyDecimal(value))
    }
}
