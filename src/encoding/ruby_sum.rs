//! A sum as Rails writes `relation.sum(:amount)`: the Integer `0` when it is zero (Ruby's
//! sum over no rows), otherwise a BigDecimal string (`"200000.0"`).

use rust_decimal::Decimal;
use serde::Serializer;

use crate::encoding::ruby_decimal::RubyDecimal;
use crate::encoding::stack_text::serialize_display;

pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    if value.is_zero() {
        serializer.serialize_u8(0)
    } else {
        serialize_display(serializer, &RubyDecimal(*value))
    }
}
