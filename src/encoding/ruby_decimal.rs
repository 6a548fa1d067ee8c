//! Ruby's BigDecimal text form, in which Rails writes `decimal` columns (`"19800.0"`).

use std::fmt;

use rust_decimal::Decimal;

/// A `Decimal` in Ruby's BigDecimal text form, as Rails writes `decimal` columns:
/// no trailing zeros and at least one fractional digit.
///
/// ```
/// use contract_draft::RubyDecimal;
/// use contract_draft::rust_decimal::Decimal;
///
/// assert_eq!(RubyDecimal(Decimal::new(1980000, 2)).to_string(), "19800.0");
/// assert_eq!(RubyDecimal(Decimal::new(198005, 1)).to_string(), "19800.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RubyDecimal(pub Decimal);

impl fmt::Display for RubyDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0.normalize();
        if value.scale() == 0 { write!(f, "{value}.0") } else { write!(f, "{value}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn ruby_form_has_one_fractional_digit_at_least() {
        for (value, ruby) in [
            ("19800", "19800.0"),
            ("19800.00", "19800.0"),
            ("19800.50", "19800.5"),
            ("0", "0.0"),
            ("0.000", "0.0"),
            ("-5", "-5.0"),
            ("123456789012.34", "123456789012.34"),
        ] {
            assert_eq!(RubyDecimal(dec(value)).to_string(), ruby, "{value}");
        }
    }

    #[test]
    fn negative_zero_prints_as_zero() {
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        assert!(negative_zero.is_sign_negative());
        assert_eq!(RubyDecimal(negative_zero).to_string(), "0.0");
    }
}
