//! A decimal written as a JSON number (`19800.0`), for the receivable fields the
//! documented draft computes in Ruby. See [`crate::money::decimal_to_f64`] for the range
//! that is exact.

use rust_decimal::Decimal;
use serde::Serializer;

use crate::money::decimal_to_f64;

pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(decimal_to_f64(*value))
}
