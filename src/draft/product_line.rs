use std::fmt;

use crate::encoding::compact::{JsonOut, WriteCompact};
use crate::encoding::stack_text::{push_display, serialize_display};
use crate::money::Amount;
use crate::records::ProductLine;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// A product line offered for the new contract (in `product_assets_for_new_record`),
/// carried over from the opportunity with its total worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NewProductLine {
    /// `None` (written `null`): the line is not saved yet.
    pub id: Option<u64>,
    /// The product's id.
    pub product_id: u64,
    /// The product's name.
    pub name: String,
    /// The product's number.
    pub product_no: String,
    /// The product variant's id, `null` when none.
    pub product_attr_id: Option<u64>,
    /// Specification.
    pub spec: String,
    /// The unit it is sold in.
    pub sale_unit: String,
    /// How many: an integer when whole (`2`), else a Ruby decimal string (`"1.5"`).
    #[serde(serialize_with = "crate::encoding::decimal::serialize_quantity")]
    pub quantity: Decimal,
    /// The list price per unit, a Ruby decimal string, `""` when the product has none.
    #[serde(serialize_with = "crate::encoding::amount::serialize_optional")]
    pub standard_unit_price: Option<Decimal>,
    /// The selling price per unit, a Ruby decimal string.
    #[serde(serialize_with = "crate::encoding::amount::serialize")]
    pub recommended_unit_price: Decimal,
    /// `recommended_unit_price × quantity` as `decimal(24,6)` saves it (rounded half up
    /// to 6 places), a Ruby decimal string; `null` only when saving would refuse it
    /// (more than 18 integer digits), which the checked entry point refuses.
    #[serde(serialize_with = "serialize_total")]
    pub total_price: Option<Decimal>,
    /// The selling price as a percentage of the list price, rounded half away from zero
    /// to two decimals, a Ruby decimal string (`"90.0"`); `"--"` without a list price
    /// (or with a list price of zero).
    #[serde(serialize_with = "serialize_discount")]
    pub discount: Option<Decimal>,
    /// A remark on the line.
    pub remark: String,
}

impl NewProductLine {
    /// The line offered for an opportunity's `line`: not saved yet (`id` `None`), its
    /// product, texts and amounts as the opportunity's line has them; its total and
    /// discount, which the conversion works out, are left `None` for it to set by name.
    pub(crate) fn offered(line: &ProductLine) -> Self {
        Self {
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
            total_price: None,
            discount: None,
            remark: line.remark.clone(),
        }
    }
}

fn serialize_total<S: Serializer>(total: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    match total {
        Some(total) => crate::encoding::amount::serialize(total, serializer),
        None => serializer.serialize_unit(),
    }
}

fn serialize_discount<S: Serializer>(discount: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    match discount {
        Some(percent) => crate::encoding::amount::serialize(percent, serializer),
        None => serializer.serialize_str("--"),
    }
}

/// The draft's `product_assets`: its product lines in words, `"暂无产品"` ("no products")
/// without lines and `"N个产品"` ("N products") with N. The field holds the count, so a
/// caller reads it as a number and the words are made only when written.
///
/// ```
/// use contract_draft::ProductsSummary;
///
/// assert_eq!(ProductsSummary(0).to_string(), "暂无产品");
/// assert_eq!(ProductsSummary(3).to_string(), "3个产品");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductsSummary(pub usize);

impl fmt::Display for ProductsSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("暂无产品"),
            count => write!(f, "{count}个产品"),
        }
    }
}

impl Serialize for ProductsSummary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_display(serializer, self)
    }
}

impl WriteCompact for ProductsSummary {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        push_display(out, self);
    }
}

impl WriteCompact for Vec<NewProductLine> {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        crate::encoding::compact::push_serialized(out, self);
    }
}
