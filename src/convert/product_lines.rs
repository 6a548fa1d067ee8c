//! Product lines carried over from an opportunity to a new contract, with decimal line
//! arithmetic, never through `f64`: `total_price = recommended_unit_price × quantity`
//! as a `decimal(24,6)` column saves it (rounded half up to 6 places; a note says so),
//! so that the draft shows what saving the contract stores.

use rust_decimal::Decimal;

use crate::convert::report::{Findings, Note};
use crate::draft::NewProductLine;
use crate::money::{Amount, exact_add, stored_product};
use crate::records::ProductLine;

/// The lines offered for a new contract, and what they add up to.
pub(crate) struct OfferedLines {
    pub(crate) lines: Vec<NewProductLine>,
    /// The sum of the line totals; `Err(index)` names the first line whose total does
    /// not fit `decimal(24,6)` (or the running sum up to it a decimal).
    pub(crate) sum: Result<Decimal, usize>,
}

/// Offers each of `lines` for the new contract and adds up their totals, noting each
/// total that saving rounds.
pub(crate) fn offer(lines: &[ProductLine], findings: &mut Findings) -> OfferedLines {
    let offered: Vec<NewProductLine> = lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            offer_line(line, |exact, saved| {
                findings.note(|| Note::LineTotalRounded { line: index, exact, saved });
            })
        })
        .collect();
    let sum = offered.iter().enumerate().try_fold(Decimal::ZERO, |sum, (index, line)| {
        line.total_price.and_then(|total| exact_add(sum, total)).ok_or(index)
    });
    OfferedLines { lines: offered, sum }
}

fn offer_line(line: &ProductLine, mut rounded: impl FnMut(Decimal, Decimal)) -> NewProductLine {
    let total = stored_product(line.recommended_unit_price.get(), line.quantity.get());
    if let Some(product) = total {
        if let Some(exact) = product.rounded_from {
            rounded(exact, product.saved);
        }
    }
    NewProductLine {
        total_price: total.map(|product| product.saved),
        discount: discount(line.recommended_unit_price, line.standard_unit_price),
        ..NewProductLine::offered(line)
    }
}

/// The selling price as a percentage of the list price, to two decimals, rounded once
/// from the exact quotient, half up (as Ruby's BigDecimal rounds it); `None` without a
/// (non-zero) list price.
///
/// `selling × 100 / list` rounded to 2 places is `⌊(2n + d) / 2d⌋ / 100` with
/// `n = selling × 10⁴` and `d = list` as integers at one scale: amounts have at most 24
/// digits and 6 places, so `n` stays below 10³⁵, within `i128`. (A decimal quotient would
/// round at 28 digits first, and could land on a midpoint the exact one is not on.)
fn discount(selling: Amount, list: Option<Amount>) -> Option<Decimal> {
    let list = list.filter(|list| !list.get().is_zero())?;
    let (selling, list) = (selling.get(), list.get());
    let ten = |power: u32| 10_i128.checked_pow(power);
    let numerator = selling.mantissa().checked_mul(ten(list.scale() + 4)?)?;
    let denominator = list.mantissa().checked_mul(ten(selling.scale())?)?;
    let hundredths = numerator.checked_mul(2)?.checked_add(denominator)? / denominator.checked_mul(2)?;
    Some(Decimal::try_from_i128_with_scale(hundredths, 2).ok()?.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn amount(text: &str) -> Amount {
        text.parse().unwrap()
    }

    fn line(quantity: &str, selling: &str, list: Option<&str>) -> ProductLine {
        ProductLine {
            product_id: 1,
            quantity: amount(quantity),
            recommended_unit_price: amount(selling),
            standard_unit_price: list.map(amount),
            ..ProductLine::default()
        }
    }

    fn offer(lines: &[ProductLine]) -> (OfferedLines, Vec<Note>) {
        let mut findings = Findings::kept();
        let offered = super::offer(lines, &mut findings);
        (offered, findings.notes)
    }

    #[test]
    fn line_totals_are_products_as_saved() {
        let (offered, notes) = offer(&[line("3", "19800.0", Some("22000")), line("1.5", "0.333333", None)]);
        assert_eq!(offered.lines[0].total_price, Some(dec("59400")));
        assert_eq!(offered.lines[1].total_price, Some(dec("0.5")));
        assert_eq!(offered.sum, Ok(dec("59400.5")));
        assert_eq!(notes, [Note::LineTotalRounded { line: 1, exact: dec("0.4999995"), saved: dec("0.5") }]);
        assert_eq!(
            notes[0].to_string(),
            "opportunity.product_assets[1]: recommended_unit_price × quantity is 0.4999995; \
             the line total is 0.5, as decimal(24,6) saves it"
        );
    }

    #[test]
    fn discount_is_the_selling_price_as_a_percentage_of_the_list_price() {
        assert_eq!(discount(amount("19800"), Some(amount("22000"))), Some(dec("90")));
        assert_eq!(discount(amount("1"), Some(amount("3"))), Some(dec("33.33")));
        assert_eq!(discount(amount("2"), Some(amount("3"))), Some(dec("66.67")));
        assert_eq!(discount(amount("1"), Some(amount("0.08"))), Some(dec("1250")));
        assert_eq!(discount(amount("0.125"), Some(amount("1000"))), Some(dec("0.01")));
        assert_eq!(discount(amount("0.124999"), Some(amount("1000"))), Some(dec("0.01")));
        assert_eq!(discount(amount("0.124"), Some(amount("1000"))), Some(dec("0.01")));
        assert_eq!(discount(amount("0.114999"), Some(amount("1000"))), Some(dec("0.01")));
        assert_eq!(discount(amount("0.104999"), Some(amount("1000"))), Some(dec("0.01")));
        assert_eq!(discount(amount("0.049999"), Some(amount("1000"))), Some(dec("0")));
        assert_eq!(discount(amount("0.05"), Some(amount("1000"))), Some(dec("0.01")));
        // Ties go up, never to even: 0.125 % is 0.13 %.
        assert_eq!(discount(amount("1.25"), Some(amount("1000"))), Some(dec("0.13")));
        // The largest ratio of amounts still fits.
        assert_eq!(
            discount(amount("999999999999999999.999999"), Some(amount("0.000001"))),
            Some(dec("99999999999999999999999900"))
        );
        assert_eq!(
            discount(amount("99999999999999999.999999"), Some(amount("0.1"))),
            Some(dec("100000000000000000000"))
        );
        assert_eq!(discount(amount("1"), None), None);
        assert_eq!(discount(amount("1"), Some(Amount::ZERO)), None);
    }

    #[test]
    fn a_total_beyond_a_decimal_names_its_line() {
        let huge = "999999999999999999.999999";
        let (offered, _) = offer(&[line("1", "1", None), line(huge, huge, None)]);
        assert_eq!(offered.lines[1].total_price, None);
        assert_eq!(offered.sum, Err(1));
        // A product within a decimal but beyond 18 integer digits is refused as saving would.
        let (offered, _) = offer(&[line("1000000000", "1000000000", None)]);
        assert_eq!((offered.lines[0].total_price, offered.sum), (None, Err(0)));
    }
}
