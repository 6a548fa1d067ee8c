//! Splitting a total into installments that add up to it exactly.

use rust_decimal::Decimal;

use super::terms::Share;
use crate::error::{Error, ErrorKind};
use crate::money::{Amount, MAX_FRACTION_DIGITS, exact_sub};

/// The most installments an equal split makes.
pub(super) const MAX_EQUAL: u32 = 120;

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
                match share_of(total, percent, precision) {
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
        rest = exact_sub(rest, installment)
            .expect("an installment and the rest are within decimal(24,6): their difference fits");
        installments.push(installment.normalize());
    }
    Ok(installments)
}

/// `percent`% of `total`, rounded half away from zero to `precision` digits, in integer
/// arithmetic: in millionths both are below 10^24 and 10^8, so their product (up to 32
/// digits, more than a decimal holds) fits an `i128`, and the rounded share fits a
/// decimal again. `None` only beyond that, which amounts never reach.
fn share_of(total: Amount, percent: Decimal, precision: u32) -> Option<Decimal> {
    let millionths = |value: Decimal| -> Option<i128> {
        let value = value.normalize();
        let scale = MAX_FRACTION_DIGITS.checked_sub(value.scale())?;
        value.mantissa().checked_mul(10_i128.checked_pow(scale)?)
    };
    let product = millionths(total.get())?.checked_mul(millionths(percent)?)?;
    // The product is in units of 10^-12 of a percent, 10^-14 of the total.
    let divisor = 10_i128.checked_pow(2 * MAX_FRACTION_DIGITS + 2 - precision)?;
    let (quotient, remainder) = (product / divisor, product % divisor);
    let rounded = quotient + i128::from(remainder * 2 >= divisor);
    Decimal::try_from_i128_with_scale(rounded, precision).ok()
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
