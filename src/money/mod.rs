//! Money as ikcrm stores it: `decimal(24,6)` columns. What an amount may be, exact
//! arithmetic that refuses to round, and the exact decimal of a number's text.
//!
//! Amounts are [`Decimal`] everywhere inside the crate. They meet `f64` only at the JSON
//! edge (`encoding::float`), for the fields the documented format writes as numbers.

use std::fmt;

use rust_decimal::Decimal;

mod amount;

pub use amount::{Amount, RubyDecimal};

/// The most integer digits a stored amount has (`decimal(24,6)`).
pub(crate) const MAX_INTEGER_DIGITS: u32 = 18;

/// The most fractional digits a stored amount has (`decimal(24,6)`).
pub(crate) const MAX_FRACTION_DIGITS: u32 = 6;

/// What is wrong with an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) enum AmountProblem {
    /// The text is not a decimal number.
    NotANumber,
    /// The text names NaN or an infinity.
    NotFinite,
    /// The amount is below zero.
    Negative,
    /// More integer digits than [`MAX_INTEGER_DIGITS`].
    TooManyIntegerDigits,
    /// More fractional digits than [`MAX_FRACTION_DIGITS`] (after dropping trailing zeros).
    TooManyFractionDigits,
}

impl std::error::Error for AmountProblem {}

impl fmt::Display for AmountProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber => f.write_str("is not a decimal number"),
            Self::NotFinite => f.write_str("is not finite (NaN or infinity)"),
            Self::Negative => f.write_str("is negative"),
            Self::TooManyIntegerDigits => {
                write!(f, "has more than {MAX_INTEGER_DIGITS} integer digits (the stored precision)")
            }
            Self::TooManyFractionDigits => {
                write!(f, "has more than {MAX_FRACTION_DIGITS} fractional digits (the stored precision)")
            }
        }
    }
}

/// Checks that `amount` fits a `decimal(24,6)` column and is not negative, and returns
/// it with trailing fractional zeros removed (`19800.50` becomes `19800.5`).
pub(crate) fn check_amount(amount: Decimal) -> Result<Decimal, AmountProblem> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(AmountProblem::Negative);
    }
    check_precision(amount)
}

/// Checks that `value` fits a `decimal(24,6)` column, sign aside, and normalizes it.
pub(crate) fn check_precision(value: Decimal) -> Result<Decimal, AmountProblem> {
    let value = value.normalize();
    if value.scale() > MAX_FRACTION_DIGITS {
        return Err(AmountProblem::TooManyFractionDigits);
    }
    if !fits_stored_integer_digits(value) {
        return Err(AmountProblem::TooManyIntegerDigits);
    }
    Ok(value)
}

/// Whether `value` has at most [`MAX_INTEGER_DIGITS`] integer digits, as a stored amount
/// must (its fractional digits aside).
pub(crate) fn fits_stored_integer_digits(value: Decimal) -> bool {
    value.abs().trunc() < Decimal::from(10_u64.pow(MAX_INTEGER_DIGITS))
}

/// Parses plain decimal text (`"19800"`, `"19800.0"`, `"0.5"`, `"-1.5"`) within the
/// stored precision: any number of leading or trailing zeros, at most 18 integer and 6
/// fractional digits besides.
///
/// Exponents, thousands separators and surrounding spaces are refused: no endpoint
/// sends them, and guessing would risk a wrong amount.
pub(crate) fn parse_decimal_text(text: &str) -> Result<Decimal, AmountProblem> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && frac.is_empty());
    if !plain {
        let not_finite = ["nan", "inf", "infinity"].iter().any(|name| digits.eq_ignore_ascii_case(name));
        return Err(if not_finite { AmountProblem::NotFinite } else { AmountProblem::NotANumber });
    }
    // Plain decimal text is a JSON number's text without its exponent.
    parse_json_number(text)
}

/// A product as a `decimal(24,6)` column stores it: the saved value, and the exact
/// product where saving rounded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StoredProduct {
    /// The product rounded half up to [`MAX_FRACTION_DIGITS`] places, normalized: what
    /// Rails saves (its decimal type casts a value to the column's scale, rounding half
    /// up, silently).
    pub(crate) saved: Decimal,
    /// The exact product (to 28 significant digits, as near as a decimal holds it), when
    /// it had more fractional digits than are stored.
    pub(crate) rounded_from: Option<Decimal>,
}

/// `a × b` as saved in a `decimal(24,6)` column (see [`StoredProduct`]), or `None` when
/// the exact product does not fit a decimal, or the saved one has more than
/// [`MAX_INTEGER_DIGITS`] integer digits (saving would refuse it). Both the draft's
/// line totals and the create request's are made here, so that what a draft shows is
/// what is saved.
pub(crate) fn stored_product(a: Decimal, b: Decimal) -> Option<StoredProduct> {
    // In integers: the mantissas' product at the sum of the scales, exact in i128 for
    // every product a column could store (below 10^18 with at most 12 places, so below
    // 10^30); a product beyond i128 is beyond the column too. Rounding half up is then
    // an integer division, so a product of more digits than a decimal holds is still
    // saved as Rails saves it.
    let (a, b) = (a.normalize(), b.normalize());
    let product = a.mantissa().checked_mul(b.mantissa())?;
    let scale = a.scale() + b.scale();
    let (saved, saved_scale, rounded) = match scale.checked_sub(MAX_FRACTION_DIGITS) {
        Some(extra) if extra > 0 => {
            let unit = 10_i128.checked_pow(extra)?;
            let (whole, rest) = (product / unit, product % unit);
            (whole + i128::from(rest.abs() * 2 >= unit) * product.signum(), MAX_FRACTION_DIGITS, rest != 0)
        }
        _ => (product, scale, false),
    };
    let saved = Decimal::try_from_i128_with_scale(saved, saved_scale).ok()?.normalize();
    if !fits_stored_integer_digits(saved) {
        return None;
    }
    // The exact product, for the note; beyond 28 significant digits, as near as a
    // decimal holds it.
    let exact = || Decimal::try_from_i128_with_scale(product, scale).ok().or_else(|| a.checked_mul(b));
    Some(StoredProduct {
        saved,
        rounded_from: if rounded { exact().map(|exact| exact.normalize()) } else { None },
    })
}

/// `a + b`, or `None` when the sum does not fit a decimal exactly.
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    // rust_decimal keeps the larger scale unless it had to round. (Normalized, a zero
    // has scale 0, so adding one keeps the other's scale.)
    let (a, b) = (a.normalize(), b.normalize());
    let sum = a.checked_add(b)?;
    (sum.scale() == a.scale().max(b.scale())).then_some(sum)
}

/// `a − b`, or `None` when the difference does not fit a decimal exactly.
pub(crate) fn exact_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    exact_add(a, -b)
}

/// The exact decimal a JSON number's text denotes (`19800`, `19800.50`, `1e15`,
/// `2.0e17`), within the stored precision: the number's text, not the nearest double,
/// so nothing a sender wrote is rounded away (`0.30000000000000001` has 17 fractional
/// digits and is refused, where its double would read as `0.3`).
///
/// `text` must be a JSON number (serde_json checked its grammar); anything else is
/// [`AmountProblem::NotANumber`]. The exponent may be of any size: the digits are
/// counted, never expanded.
pub(crate) fn parse_json_number(text: &str) -> Result<Decimal, AmountProblem> {
    let (negative, unsigned) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, parse_exponent(exponent)?),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (mantissa.contains('.') && frac.is_empty()) {
        return Err(AmountProblem::NotANumber);
    }
    // The significant digits, and the power of ten of the last one.
    let all = || int.bytes().chain(frac.bytes());
    let leading = all().take_while(|&b| b == b'0').count();
    let length = int.len() + frac.len();
    if leading == length {
        return Ok(Decimal::ZERO);
    }
    let trailing = all().rev().take_while(|&b| b == b'0').count();
    let significant = all().skip(leading).take(length - leading - trailing);
    let wide = |count: usize| i128::try_from(count).expect("a usize fits an i128");
    let count = wide(length - leading - trailing);
    let last_power = i128::from(exponent) - wide(frac.len()) + wide(trailing);
    if last_power + count > i128::from(MAX_INTEGER_DIGITS) {
        return Err(AmountProblem::TooManyIntegerDigits);
    }
    if -last_power > i128::from(MAX_FRACTION_DIGITS) {
        return Err(AmountProblem::TooManyFractionDigits);
    }
    // At most 24 significant digits now, and a power from -6 to 17: no overflow.
    let units = significant.fold(0_i128, |units, b| units * 10 + i128::from(b - b'0'));
    // A negative power is the scale; a positive one multiplies the units.
    let scale = u32::try_from((-last_power).max(0)).expect("a power is at least -6, checked above");
    let power = u32::try_from(last_power.max(0)).expect("a power is at most 17, checked above");
    let units = units * 10_i128.pow(power);
    Ok(Decimal::from_i128_with_scale(if negative { -units } else { units }, scale))
}

/// A JSON number's exponent (`15`, `+15`, `-400`), saturated far beyond any precision.
fn parse_exponent(text: &str) -> Result<i64, AmountProblem> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountProblem::NotANumber);
    }
    let magnitude = digits.bytes().fold(0_i64, |value, b| (value * 10 + i64::from(b - b'0')).min(1 << 40));
    Ok(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    /// Every row of the table Ruby's BigDecimal wrote (fixtures/ruby/products.rb): the
    /// saved product, and whether saving rounded it.
    #[test]
    fn products_are_saved_as_rubys_bigdecimal_rounds_them() {
        let table = include_str!("../../fixtures/ruby/products.tsv");
        let mut checked = 0;
        for row in table.lines() {
            let [price, quantity, saved, rounded] = row.split('\t').collect::<Vec<_>>()[..] else {
                panic!("{row}")
            };
            let Some(product) = stored_product(dec(price), dec(quantity)) else {
                assert!(!fits_stored_integer_digits(dec(saved)), "{row}: refused");
                continue;
            };
            assert_eq!(product.saved, dec(saved), "{row}");
            assert_eq!(product.rounded_from.is_some(), rounded == "true", "{row}");
            checked += 1;
        }
        assert!(checked > 1000, "{checked} rows");
    }

    #[test]
    fn amounts_are_checked_against_the_stored_precision() {
        assert_eq!(check_amount(dec("999999999999999999.999999")), Ok(dec("999999999999999999.999999")));
        assert_eq!(check_amount(dec("1000000000000000000")), Err(AmountProblem::TooManyIntegerDigits));
        assert_eq!(check_amount(dec("0.0000001")), Err(AmountProblem::TooManyFractionDigits));
        assert_eq!(check_amount(dec("0.1000000")), Ok(dec("0.1")));
        assert_eq!(check_amount(dec("-0.01")), Err(AmountProblem::Negative));
        assert_eq!(check_amount(dec("-0.00")), Ok(Decimal::ZERO));
    }

    #[test]
    fn decimal_text_is_plain_digits_only() {
        assert_eq!(parse_decimal_text("19800"), Ok(dec("19800")));
        assert_eq!(parse_decimal_text("19800.0"), Ok(dec("19800.0")));
        assert_eq!(parse_decimal_text("-1.5"), Ok(dec("-1.5")));
        for bad in ["", ".5", "5.", "1e3", "1,000", " 1", "abc", "--1", "+1", "0x10"] {
            assert_eq!(parse_decimal_text(bad), Err(AmountProblem::NotANumber), "{bad:?}");
        }
        for bad in ["NaN", "inf", "Infinity", "-Infinity"] {
            assert_eq!(parse_decimal_text(bad), Err(AmountProblem::NotFinite), "{bad:?}");
        }
        assert_eq!(
            parse_decimal_text("123456789012345678901234567890"),
            Err(AmountProblem::TooManyIntegerDigits)
        );
        // Zeros do not count against the precision, however many.
        assert_eq!(parse_decimal_text("19800.000000000000000000000000000000"), Ok(dec("19800")));
        assert_eq!(parse_decimal_text("000000000000000000000000000019800.5"), Ok(dec("19800.5")));
        // Beyond a decimal's 28 digits, the problem is named by where the digits are.
        assert_eq!(
            parse_decimal_text("123456789012345678.12345678901234567890"),
            Err(AmountProblem::TooManyFractionDigits)
        );
        assert_eq!(
            parse_decimal_text("1234567890123456789.1234567890123456789"),
            Err(AmountProblem::TooManyIntegerDigits)
        );
    }

    #[test]
    fn products_are_saved_as_decimal_24_6_rounds_them_half_up() {
        let stored = |a: &str, b: &str| stored_product(dec(a), dec(b)).map(|p| (p.saved, p.rounded_from));
        assert_eq!(stored("1.75", "83.33333"), Some((dec("145.833328"), Some(dec("145.8333275")))));
        assert_eq!(stored("0.5", "0.000001"), Some((dec("0.000001"), Some(dec("0.0000005")))));
        assert_eq!(stored("0.5", "0.000003"), Some((dec("0.000002"), Some(dec("0.0000015")))));
        assert_eq!(stored("0.4", "0.000001"), Some((dec("0"), Some(dec("0.0000004")))));
        assert_eq!(stored("3", "19800.0"), Some((dec("59400"), None)));
        assert_eq!(stored("1000000000", "1000000000"), None);
        // 29 significant digits: more than a decimal holds, still saved as Rails saves it.
        assert_eq!(
            stored("300000000.000001", "300000000.000001").map(|(saved, _)| saved),
            Some(dec("90000000000000600"))
        );
        assert_eq!(stored("999999999999999999", "1"), Some((dec("999999999999999999"), None)));
        assert_eq!(stored("0.000001", "0.000001"), Some((dec("0"), Some(dec("0.000000000001")))));
        assert_eq!(stored("999999999999999999.999999", "999999999999999999.999999"), None);
    }

    #[test]
    fn exact_arithmetic_refuses_to_round() {
        assert_eq!(exact_add(dec("0.1"), dec("0.25")), Some(dec("0.35")));
        assert_eq!(exact_add(Decimal::MAX, Decimal::ONE), None);
        assert_eq!(exact_add(dec("79228162514264337593543950335"), dec("0.1")), None);
        assert_eq!(exact_sub(dec("1"), dec("1.5")), Some(dec("-0.5")));
        // Zeros, with and without scale, and trailing zeros in the operands.
        let saved = |a: &str, b: &str| stored_product(dec(a), dec(b)).map(|product| product.saved);
        assert_eq!(saved("0", "2.5"), Some(Decimal::ZERO));
        assert_eq!(saved("6600.5", "0.000"), Some(Decimal::ZERO));
        let scaled = Decimal::from_i128_with_scale(25 * 10_i128.pow(4), 5);
        assert_eq!(stored_product(scaled, scaled).map(|product| product.saved), Some(dec("6.25")));
        assert_eq!(exact_add(dec("0.0"), dec("1")), Some(dec("1")));
        assert_eq!(exact_sub(dec("0.0"), dec("1")), Some(dec("-1")));
        assert_eq!(exact_sub(exact_sub(dec("100.5"), dec("100.5")).unwrap(), dec("1")), Some(dec("-1")));
    }

    #[test]
    fn json_numbers_are_read_from_their_text_exactly() {
        for (text, exact) in [
            ("19800", "19800"),
            ("19800.50", "19800.5"),
            ("0.1", "0.1"),
            ("1e15", "1000000000000000"),
            ("1E+15", "1000000000000000"),
            ("2.0e17", "200000000000000000"),
            ("1.5e-5", "0.000015"),
            ("123456789012345678.9", "123456789012345678.9"),
            ("999999999999999999.999999", "999999999999999999.999999"),
            ("0.000001", "0.000001"),
            ("19800.000000000000000000000000000000", "19800"),
            ("0e999999999999999999999", "0"),
            ("0.0", "0"),
            ("-2.5", "-2.5"),
            ("100e-2", "1"),
            ("0.50", "0.5"),
            ("0.000100", "0.0001"),
            ("100000000000000000", "100000000000000000"),
            ("0.0001e20", "10000000000000000"),
            ("999999999999999999.500000", "999999999999999999.5"),
        ] {
            assert_eq!(parse_json_number(text), Ok(dec(exact)), "{text}");
        }
        for (text, problem) in [
            ("19800.00000000000001", AmountProblem::TooManyFractionDigits),
            ("0.30000000000000001", AmountProblem::TooManyFractionDigits),
            ("1e-400", AmountProblem::TooManyFractionDigits),
            ("1e-7", AmountProblem::TooManyFractionDigits),
            ("1e18", AmountProblem::TooManyIntegerDigits),
            ("1e400", AmountProblem::TooManyIntegerDigits),
            ("1e99999999999999999999", AmountProblem::TooManyIntegerDigits),
            ("1234567890123456789", AmountProblem::TooManyIntegerDigits),
            ("", AmountProblem::NotANumber),
            ("1.", AmountProblem::NotANumber),
            (".5", AmountProblem::NotANumber),
            ("1e", AmountProblem::NotANumber),
            ("1e+", AmountProblem::NotANumber),
            ("0x10", AmountProblem::NotANumber),
            ("\"1\"", AmountProblem::NotANumber),
        ] {
            assert_eq!(parse_json_number(text), Err(problem), "{text}");
        }
    }
}
