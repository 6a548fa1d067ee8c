//! Splitting a total into installments that add up to it exactly.

use rust_decimal::{Decimal, RoundingStrategy};

use super::request::Share;
use crate::error::{Error, ErrorKind};
use crate::money::{Amount, exact_mul, exact_sub};

/// The most installments an equal split makes.
pub(super) const MAX_EQUAL: u32 = 120;

/// The most fractional digits of an installment (`decimal(24,6)`).
pub(super) const MAX_PRECISION: u32 = 6;

fn invalid(path: impl Into<String>, detail: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidValue, path, detail)
}

/// The installments of `shares` (percentages, then the balance, last) of `total`, each
/// percentage rounded half away from zero to `precision` digits.
pub(super) fn split(total: Amount, precision: u32, shares: &[Share]) -> Result<Vec<Decimal>, Error> {
    let path = |index: usize, key: &str| format!("terms[{index}].{key}");
    let balance = shares.iter().position(|share| *share == Share::Balance);
    match balance {
        None => return Err(invalid("terms", r#"percentages need a last term with "balance": true"#)),
        Some(index) if index + 1 != shares.len() => {
            return Err(invalid(path(index, "balance"), "the balance is the last term"));
        }
        Some(_) => {}
    }
    let mut installments = Vec::with_capacity(shares.len());
    let mut rest = total.get();
    for (index, share) in shares.iter().enumerate() {
        let installment = match share {
            Share::Percent(percent) => {
                let percent = percent.get();
                if percent.is_zero() || percent > Decimal::ONE_HUNDRED {
                    return Err(invalid(
                        path(index, "percent"),
                        format_args!("{percent}% is not above 0% and at most 100%"),
                    ));
                }
                // Both factors fit decimal(24,6), so the product and the division are exact.
                let exact = exact_mul(total.get(), percent).map(|product| product / Decimal::ONE_HUNDRED);
                let rounded = exact.map(|exact| {
                    exact.round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero)
                });
                match rounded {
                    Some(rounded) if rounded > Decimal::ZERO => rounded,
                    _ => {
                        return Err(invalid(
                            path(index, "percent"),
                            format_args!("{percent}% of the total is zero at {precision} fractional digits"),
                        ));
                    }
                }
            }
            Share::Balance => rest,
        };
        if installment <= Decimal::ZERO {
            return Err(invalid(path(index, "balance"), "the percentages leave no balance"));
        }
        rest = exact_sub(rest, installment).unwrap_or(Decimal::ZERO);
        installments.push(installment.normalize());
    }
    Ok(installments)
}

/// `count` installments of `total` that differ by at most one unit of `precision`, the
/// earlier ones taking the extra units.
pub(super) fn equal(total: Amount, precision: u32, count: u32) -> Result<Vec<Decimal>, Error> {
    if !(1..=MAX_EQUAL).contains(&count) {
        return Err(invalid("terms.equal", format_args!("{count} installments is not 1 to {MAX_EQUAL}")));
    }
    // The total in units of the precision: at most 24 digits, an exact integer.
    let scaled = total.get() * Decimal::from(10_u64.pow(precision));
    if !scaled.fract().is_zero() {
        return Err(invalid(
            "total_amount",
            format_args!(
                "{total} has more fractional digits than the precision ({precision}) to split equally"
            ),
        ));
    }
    let units = scaled.trunc().mantissa();
    let (base, extra) = (units / i128::from(count), units % i128::from(count));
    if base == 0 {
        return Err(invalid(
            "terms.equal",
            format_args!(
                "{count} installments of {total} at {precision} fractional digits would include zero"
            ),
        ));
    }
    Ok((0..i128::from(count))
        .map(|index| Decimal::from_i128_with_scale(base + i128::from(index < extra), precision).normalize())
        .collect())
}
