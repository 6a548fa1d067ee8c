//! [`Amount`]: a decimal that fits an ikcrm amount column, checked when it is made.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{AmountProblem, check_amount, parse_decimal_text};
use crate::error::{Error, ErrorKind};

/// An amount as ikcrm stores it (`decimal(24,6)`): not negative, at most 18 integer and
/// 6 fractional digits. Prices, quantities, totals and payments are amounts.
///
/// An `Amount` holds only such values: it is checked where it is made (by
/// [`Amount::new`], [`str::parse`] or the JSON reader), so a record built in Rust cannot
/// hold what the JSON reader refuses, and nothing checks it again. Trailing fractional
/// zeros are dropped (`19800.50` is `19800.5`); the value is otherwise kept exactly.
///
/// Its `Deserialize` reads JSON (with serde_json) from the number's text, so that no
/// digit is lost to a double; other serde formats cannot feed it. Its `Serialize`
/// writes the Ruby decimal string.
///
/// ```
/// use contract_draft::Amount;
/// use contract_draft::rust_decimal::Decimal;
///
/// let amount = Amount::new(Decimal::new(1_980_050, 2))?;
/// assert_eq!(amount.get(), Decimal::new(198_005, 1));
/// assert_eq!(amount.to_string(), "19800.5");
/// assert_eq!("19800".parse::<Amount>()?.to_string(), "19800.0");
///
/// let error = Amount::new(Decimal::new(-1, 0)).unwrap_err();
/// assert_eq!(error.to_string(), "the amount is negative");
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Amount(Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Self = Self(Decimal::ZERO);

    /// `value` as an amount, or an [`ErrorKind::InvalidAmount`] error saying why it is
    /// not one (negative, too many integer or fractional digits).
    pub fn new(value: Decimal) -> Result<Self, Error> {
        Self::checked(value).map_err(Self::error)
    }

    /// `value` as an amount, or what is wrong with it.
    pub(crate) fn checked(value: Decimal) -> Result<Self, AmountProblem> {
        // A negative zero is zero: it must print as `0.0`, never `-0.0`.
        check_amount(value).map(|value| Self(if value.is_zero() { Decimal::ZERO } else { value }))
    }

    /// The amount's value, without trailing fractional zeros.
    pub const fn get(self) -> Decimal {
        self.0
    }

    fn error(problem: AmountProblem) -> Error {
        Error::new(ErrorKind::InvalidAmount, "", format_args!("the amount {problem}"))
    }
}

impl TryFrom<Decimal> for Amount {
    type Error = Error;

    fn try_from(value: Decimal) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Amount> for Decimal {
    fn from(amount: Amount) -> Self {
        amount.0
    }
}

impl FromStr for Amount {
    type Err = Error;

    /// Reads plain decimal text (`"19800"`, `"19800.0"`): no sign, exponent, spaces or
    /// separators.
    fn from_str(text: &str) -> Result<Self, Error> {
        parse_decimal_text(text).and_then(Self::checked).map_err(Self::error)
    }
}

impl fmt::Display for Amount {
    /// Ruby's BigDecimal text, as the API writes amounts: `19800.0`, `19800.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        RubyDecimal(self.0).fmt(f)
    }
}

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

    #[test]
    fn only_stored_amounts_are_amounts() {
        let amount = |text: &str| Amount::new(text.parse().unwrap()).map(|amount| amount.to_string());
        assert_eq!(amount("19800.500"), Ok("19800.5".to_owned()));
        assert_eq!(amount("0.000"), Ok("0.0".to_owned()));
        assert_eq!(amount("-0.00"), Ok("0.0".to_owned()));
        assert_eq!(amount("999999999999999999.999999"), Ok("999999999999999999.999999".to_owned()));
        for bad in ["-0.01", "1000000000000000000", "0.0000001"] {
            let error = amount(bad).unwrap_err();
            assert_eq!((error.kind(), error.path()), (ErrorKind::InvalidAmount, ""), "{bad}");
        }
        assert_eq!("1e3".parse::<Amount>().unwrap_err().detail(), "the amount is not a decimal number");
        assert_eq!("-1".parse::<Amount>().unwrap_err().detail(), "the amount is negative");
    }

    #[test]
    fn conversions_keep_the_value_and_refuse_what_new_refuses() {
        let value = Decimal::new(198_005, 1);
        let amount = Amount::try_from(value).unwrap();
        assert_eq!((amount.get(), Decimal::from(amount)), (value, value));
        assert_eq!(Amount::try_from(Decimal::new(-1, 0)).unwrap_err().kind(), ErrorKind::InvalidAmount);
    }
}
