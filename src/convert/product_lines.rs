//! Product lines carried over from an opportunity to a new contract, with exact line
//! arithmetic: `total_price = recommended_unit_price × quantity`, never through `f64`.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::draft::NewProductLine;
use crate::money::{Amount, exact_add, exact_mul};
use crate::records::ProductLine;

/// The lines offered for a new contract, and what they add up to.
pub(crate) struct OfferedLines {
    pub(crate) lines: Vec<NewProductLine>,
    /// The sum of the line totals; `Err(index)` names the first line whose total (or
    /// the running sum up to it) does not fit a decimal exactly.
    pub(crate) sum: Result<Decimal, usize>,
}

/// Offers each of `lines` for the new contract and adds up their totals.
pub(crate) fn offer(lines: &[ProductLine]) -> OfferedLines {
    let offered: Vec<NewProductLine> = lines.iter().map(offer_line).collect();
    let sum = offered.iter().enumerate().try_fold(Decimal::ZERO, |sum, (index, line)| {
        line.total_price.and_then(|total| exact_add(sum, total)).ok_or(index)
    });
    OfferedLines { lines: offered, sum }
}

fn offer_line(line: &ProductLine) -> NewProductLine {
    NewProductLine {
        id: None,
        product_id: line.product_id,
        name: line.name.clone(),
        product_no: line.product_no.clone(),
        product_attr_id: line.product_attr_id,
        spec: line.spec.clone(),
        sale_unit: line.sale_unit.clone(),
        quantity: line.quantity.get(),
        standard_unit_price: line.standard_unit_price.map(Amount::get),
        recommended_unit_price: line.recommended_unit_price.get(),
        total_price: exact_mul(line.recommended_unit_price.get(), line.quantity.get())
            .map(|total| total.normalize()),
        discount: discount(line.recommended_unit_price, line.standard_unit_price),
        remark: line.remark.clone(),
    }
}

/// The selling price as a percentage of the list price, to two decimals (half away from
/// zero); `None` without a (non-zero) list price.
fn discount(selling: Amount, list: Option<Amount>) -> Option<Decimal> {
    let list = list.filter(|list| !list.get().is_zero())?;
    let percent = selling.get().checked_div(list.get())?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(percent.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize())
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

    #[test]
    fn line_totals_are_exact_products() {
        let offered = offer(&[line("3", "19800.0", Some("22000")), line("1.5", "0.333333", None)]);
        assert_eq!(offered.lines[0].total_price, Some(dec("59400")));
        assert_eq!(offered.lines[1].total_price, Some(dec("0.4999995")));
        assert_eq!(offered.sum, Ok(dec("59400.4999995")));
    }

    #[test]
    fn discount_is_the_selling_price_as_a_percentage_of_the_list_price() {
        assert_eq!(discount(amount("19800"), Some(amount("22000"))), Some(dec("90")));
        assert_eq!(discount(amount("1"), Some(amount("3"))), Some(dec("33.33")));
        assert_eq!(discount(amount("2"), Some(amount("3"))), Some(dec("66.67")));
        assert_eq!(discount(amount("1"), Some(amount("0.08"))), Some(dec("1250")));
        assert_eq!(discount(amount("1"), None), None);
        assert_eq!(discount(amount("1"), Some(Amount::ZERO)), None);
    }

    #[test]
    fn a_total_beyond_a_decimal_names_its_line() {
        let huge = "999999999999999999.999999";
        let offered = offer(&[line("1", "1", None), line(huge, huge, None)]);
        assert_eq!(offered.lines[1].total_price, None);
        assert_eq!(offered.sum, Err(1));
    }
}
