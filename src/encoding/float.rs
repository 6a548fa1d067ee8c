//! Numbers the reference server computes as Ruby Floats, written as JSON numbers in the
//! text Ruby's `Float#to_s` gives them (which Rails' JSON encoder writes): `19800.0`,
//! `0.0001`, `1.0e+15`, `9.99e-05`. serde_json's own float text differs outside the
//! middle range (`1e15`, `1e-5`), so the text is made here and written as the number's
//! raw JSON.
//!
//! The receivable amounts are decimals inside the crate and become the nearest double
//! only here (see [`decimal_to_f64`]); coordinates and distances are
//! doubles from the start.

use std::fmt;

use rust_decimal::Decimal;
use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::encoding::compact::{JsonOut, WriteCompact, push_serialized};
use crate::encoding::stack_text::{OnStack, StackText};
use crate::money::parse_json_number;

/// A decimal written as the JSON number Ruby writes for its `to_f`.
pub(crate) fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    RubyFloat(decimal_to_f64(*value)).serialize(serializer)
}

/// [`serialize`], appended as compact JSON.
pub(crate) fn write_compact(value: &Decimal, out: &mut JsonOut<'_>) {
    RubyFloat(decimal_to_f64(*value)).write_compact(out);
}

/// A double in Ruby's `Float#to_s` form: its shortest round-trip digits, laid out plain
/// (`19800.0`, `0.0001`, `1234567890123456.8`) or as `d.ddde±XX` (`1.0e+15`, `9.99e-05`),
/// as Ruby chooses:
/// - a number with a fractional part below 10^16, or a whole number below 10^15, is
///   plain, whole numbers with `.0`;
/// - a number from 10^-4 up to 1 is plain, `0.000ddd`;
/// - any other is `d.ddd` (at least one digit after the point), `e`, the exponent's sign
///   and at least two digits.
///
/// Zero is `0.0` (`-0.0` with the sign bit). NaN and the infinities, which are not JSON,
/// are written `null` (serde_json's choice for them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RubyFloat(pub(crate) f64);

/// C's `DBL_DIG` (`f64::DIGITS`): whole numbers of more digits than this are written with an
/// exponent.
const DBL_DIG: i32 = 15;

impl OnStack for RubyFloat {
    fn on_stack(&self) -> Result<StackText, fmt::Error> {
        let value = self.0;
        let mut text = StackText::new();
        if value.is_sign_negative() {
            text.push_bytes(b"-")?;
        }
        if value == 0.0 {
            text.push_bytes(b"0.0")?;
            return Ok(text);
        }
        let (digits, point) = shortest_digits(value.abs()).ok_or(fmt::Error)?;
        let digits = digits.as_bytes();
        let count = i32::try_from(digits.len()).map_err(|_| fmt::Error)?;
        let (first, rest) = digits.split_at(1);
        if 0 < point && point < count {
            let (whole, fraction) = digits.split_at(usize::try_from(point).map_err(|_| fmt::Error)?);
            for part in [whole, b".", fraction] {
                text.push_bytes(part)?;
            }
        } else if 0 < point && point <= DBL_DIG {
            text.push_bytes(digits)?;
            zeros(&mut text, point - count)?;
            text.push_bytes(b".0")?;
        } else if -4 < point && point <= 0 {
            text.push_bytes(b"0.")?;
            zeros(&mut text, -point)?;
            text.push_bytes(digits)?;
        } else {
            let exponent = point - 1;
            let sign = if exponent < 0 { b"e-" } else { b"e+" };
            let rest: &[u8] = if rest.is_empty() { b"0" } else { rest };
            for part in [first, b".", rest, sign] {
                text.push_bytes(part)?;
            }
            text.push_number(exponent.unsigned_abs(), 2)?;
        }
        Ok(text)
    }
}

impl fmt::Display for RubyFloat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.on_stack()?.as_str())
    }
}

/// The shortest digits that read back as `value` (finite and positive), ties broken to
/// even as C's `dtoa` (and so Ruby) breaks them, and the position of the decimal point:
/// `value` is 0.DIGITS × 10^point. std's formatting breaks ties upwards
/// (1000000000000000.25 prints as …0.3 where Ruby writes …0.2), so the digits come
/// from zmij, serde_json's own float formatter.
fn shortest_digits(value: f64) -> Option<(StackText, i32)> {
    let mut buffer = zmij::Buffer::new();
    // `1.5e-7`, `19800.0`, `0.0001` or `1e+23`: any decimal with an optional exponent.
    let text = buffer.format_finite(value);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i32 = exponent.parse().ok()?;
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = StackText::new();
    let all = whole.bytes().chain(fraction.bytes());
    let leading = all.clone().take_while(|&b| b == b'0').count();
    for b in all.skip(leading) {
        digits.push_bytes(&[b]).ok()?;
    }
    let significant = digits.as_str().trim_end_matches('0').len();
    digits.truncate(significant);
    let point = i32::try_from(whole.len()).ok()? - i32::try_from(leading).ok()? + exponent;
    Some((digits, point))
}

/// Appends `count` zeros.
fn zeros(text: &mut StackText, count: i32) -> fmt::Result {
    (0..count).try_for_each(|_| text.push_bytes(b"0"))
}

impl Serialize for RubyFloat {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.0.is_finite() {
            return serializer.serialize_unit();
        }
        let text = self.on_stack().map_err(|_| S::Error::custom("a double's text is short"))?;
        let raw: &RawValue = serde_json::from_str(text.as_str()).map_err(S::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl WriteCompact for RubyFloat {
    /// The number's text, with no serde_json value made of it.
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        match self.on_stack() {
            Ok(text) if self.0.is_finite() => out.extend_from_slice(text.as_bytes()),
            _ => push_serialized(out, self),
        }
    }
}

/// The largest number of significant digits for which [`decimal_to_f64`] is exact: a
/// decimal with at most this many significant digits comes back unchanged from the
/// nearest `f64` (IEEE 754 guarantees 15).
pub const F64_EXACT_DIGITS: u32 = 15;

/// The decimal a finite double prints as: its shortest round-trip digits.
fn decimal_from_f64(value: f64) -> Option<Decimal> {
    let mut text = StackText::new();
    fmt::Write::write_fmt(&mut text, format_args!("{value:e}")).ok()?;
    parse_json_number(text.as_str()).ok()
}

/// The nearest `f64` to `value`, for the fields the documented format writes as JSON
/// numbers.
///
/// Exact (the number prints back as the same decimal) for values of at most
/// [`F64_EXACT_DIGITS`] significant digits; beyond that it is the nearest double, as
/// the reference server's `BigDecimal#to_f` gives. The decimal's text is parsed by std's
/// correctly rounded parser rather than converted digit by digit.
pub fn decimal_to_f64(value: Decimal) -> f64 {
    if value.is_zero() {
        // Ruby's difference of equal decimals is a positive zero, whatever the sign bit.
        return 0.0;
    }
    // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are
    // both doubles exactly, so one division rounds correctly, as the parser would.
    if let (Ok(mantissa), Some(power)) =
        (i64::try_from(value.mantissa()), POWERS_OF_TEN.get(value.scale() as usize))
    {
        if mantissa.unsigned_abs() < 1 << 53 {
            #[allow(clippy::cast_precision_loss)] // below 2^53: exact
            return mantissa as f64 / power;
        }
    }
    let mut text = StackText::new();
    // A Decimal prints in at most 31 bytes, so the 64-byte buffer always suffices, and
    // its text is a decimal number, which always parses.
    fmt::Write::write_fmt(&mut text, format_args!("{value}")).expect("a decimal's text fits 64 bytes");
    text.as_str().parse().expect("a decimal's text is a number")
}

/// The powers of ten that are doubles exactly, 10^0 to 10^22.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// Whether [`decimal_to_f64`] gives exactly `value`: the double prints back as the
/// same decimal.
pub fn is_exact_as_f64(value: Decimal) -> bool {
    let value = value.normalize();
    // At most 15 significant digits always come back; only longer ones need the trip.
    value.mantissa().unsigned_abs() < 10_u128.pow(F64_EXACT_DIGITS)
        || decimal_from_f64(decimal_to_f64(value)) == Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_writer_writes_what_serde_json_writes() {
        for value in [19800.0, -0.0, 1e15, 1.5e-7, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut compact = Vec::new();
            RubyFloat(value).write_compact(&mut JsonOut::new(&mut compact, true));
            assert_eq!(compact, serde_json::to_vec(&RubyFloat(value)).unwrap(), "{value}");
        }
        let mut out = Vec::new();
        RubyFloat(f64::NAN).write_compact(&mut JsonOut::new(&mut out, false));
        assert_eq!(out, b"null");
    }

    #[test]
    fn every_layout_ruby_uses() {
        for (value, ruby) in [
            (19800.0, "19800.0"),
            (0.5, "0.5"),
            (0.0001, "0.0001"),
            (0.000_099_9, "9.99e-05"),
            (1e15, "1.0e+15"),
            (999_999_999_999_999.0, "999999999999999.0"),
            (1_000_000_000_000_000.2, "1000000000000000.2"),
            (1.234_567_890_123_456_8e17, "1.2345678901234568e+17"),
            (1.5e-7, "1.5e-07"),
            (1e100, "1.0e+100"),
            (-1e15, "-1.0e+15"),
            (-19800.5, "-19800.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (5e-324, "5.0e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
        ] {
            assert_eq!(RubyFloat(value).to_string(), ruby, "{value:e}");
        }
    }

    #[test]
    fn written_as_the_raw_number() {
        assert_eq!(serde_json::to_string(&[RubyFloat(1e15), RubyFloat(0.5)]).unwrap(), "[1.0e+15,0.5]");
        assert_eq!(serde_json::to_string(&RubyFloat(f64::NAN)).unwrap(), "null");
        assert_eq!(serde_json::to_string(&RubyFloat(f64::NEG_INFINITY)).unwrap(), "null");
    }

    /// The double whose shortest text serde_json's default reader takes one unit off:
    /// the property below reads back with std.
    #[test]
    fn a_double_reads_back_as_itself_by_a_correctly_rounding_reader() {
        let value = f64::from_bits(4_292_222_298_309_769_602);
        let written = serde_json::to_string(&RubyFloat(value)).unwrap();
        assert_eq!(written, "9.019244757603963e-22");
        assert_eq!(written.parse::<f64>().unwrap().to_bits(), value.to_bits());
    }

    proptest::proptest! {
        /// A finite double's text is written as the number, so it must be a JSON number
        /// (never the serializer's error), and the same double.
        #[test]
        /// The fast path of [`decimal_to_f64`] gives the double std's correctly rounded
        /// parser makes of the decimal's text, at every scale and mantissa length.
        #[test]
        fn a_decimal_becomes_the_double_its_text_parses_as(
            mantissa in proptest::num::i64::ANY,
            digits in 0_u32..19,
            scale in 0_u32..=28,
        ) {
            let mantissa = mantissa % 10_i64.pow(digits).max(1);
            let value = Decimal::new(mantissa, scale);
            proptest::prop_assume!(!value.is_zero());
            let parsed: f64 = value.to_string().parse().unwrap();
            proptest::prop_assert_eq!(decimal_to_f64(value).to_bits(), parsed.to_bits());
        }

        fn every_finite_double_writes_as_a_json_number(bits in proptest::num::u64::ANY) {
            let value = f64::from_bits(bits);
            proptest::prop_assume!(value.is_finite());
            let written = serde_json::to_string(&RubyFloat(value)).unwrap();
            // Read back by std, which rounds correctly (serde_json's default reader may be
            // one unit off: `9.019244757603963e-22`).
            proptest::prop_assert!(serde_json::from_str::<serde::de::IgnoredAny>(&written).is_ok());
            proptest::prop_assert_eq!(written.parse::<f64>().unwrap().to_bits(), value.to_bits());
        }
    }
}

/// The golden tables of `fixtures/ruby/`, written by Ruby itself.
#[cfg(test)]
mod ruby_tables {
    use super::*;

    /// The rows of a tab-separated table, comments aside.
    fn rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
        table.lines().filter(|line| !line.starts_with('#')).map(|line| line.split_once('\t').unwrap())
    }

    #[test]
    fn every_double_is_written_as_ruby_writes_it() {
        let table = include_str!("../../fixtures/ruby/doubles.tsv");
        let mut count = 0;
        for (bits, ruby) in rows(table) {
            let value = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
            assert_eq!(serde_json::to_string(&RubyFloat(value)).unwrap(), ruby, "{bits} ({value:e})");
            count += 1;
        }
        assert!(count > 2500, "{count} rows");
    }

    #[test]
    fn every_amount_is_written_as_rails_writes_its_to_f() {
        let table = include_str!("../../fixtures/ruby/floats.tsv");
        let mut count = 0;
        for (amount, ruby) in rows(table) {
            #[derive(Serialize)]
            struct Field(#[serde(serialize_with = "serialize")] Decimal);
            let amount: Decimal = amount.parse().unwrap();
            assert_eq!(serde_json::to_string(&Field(amount)).unwrap(), ruby, "{amount}");
            count += 1;
        }
        assert!(count >= 60, "{count} rows");
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn doubles_become_the_decimal_they_print_as() {
        assert_eq!(decimal_from_f64(19800.5), Some(dec("19800.5")));
        assert_eq!(decimal_from_f64(0.1), Some(dec("0.1")));
        assert_eq!(decimal_from_f64(1e15), Some(dec("1000000000000000")));
        assert_eq!(decimal_from_f64(f64::NAN), None);
        assert_eq!(decimal_from_f64(1e-70), None);
    }

    #[test]
    fn f64_edge_is_exact_up_to_fifteen_significant_digits() {
        for text in
            ["0", "19800", "19800.5", "123456789012.34", "999999999999999", "0.000001", "99999999.999999"]
        {
            assert_eq!(decimal_to_f64(dec(text)).to_string(), text, "{text}");
        }
        for text in ["0", "19800.5", "999999999999999", "0.000001"] {
            assert!(is_exact_as_f64(dec(text)), "{text}");
        }
        assert!(!is_exact_as_f64(dec("1234567890123456.7")));
        // Sixteen and more digits: the nearest double, as Ruby's BigDecimal#to_f.
        assert_eq!(decimal_to_f64(dec("999999999999999999.999999")).to_string(), "1000000000000000000");
        let mut negative_zero = Decimal::new(0, 1);
        negative_zero.set_sign_negative(true);
        assert!(decimal_to_f64(negative_zero).is_sign_positive());
    }
}
