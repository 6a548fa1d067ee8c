use super::fields::record_fields;
use crate::encoding::amount::OptionalAmount;
use crate::encoding::field::Plain;
use crate::encoding::id::{Id, OptionalId};
use crate::encoding::text::Text;
use crate::money::Amount;

/// A product line (产品明细) of an opportunity: a product, how many, at what price.
///
/// Required keys: `product_id`, `quantity`, `recommended_unit_price`. `name` is also
/// read from `product_name`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProductLine {
    /// The product's id.
    pub product_id: u64,
    /// The product's name.
    pub name: String,
    /// The product's number (编号).
    pub product_no: String,
    /// The product variant's id, if the product has variants.
    pub product_attr_id: Option<u64>,
    /// Specification.
    pub spec: String,
    /// The unit it is sold in.
    pub sale_unit: String,
    /// How many; may be fractional (at most 6 fractional digits).
    pub quantity: Amount,
    /// The list price per unit, if the product has one (`""` and `null` read as none).
    pub standard_unit_price: Option<Amount>,
    /// The selling price per unit.
    pub recommended_unit_price: Amount,
    /// A remark on the line.
    pub remark: String,
}

impl ProductLine {
    /// A line of `quantity` of the product `product_id` at `recommended_unit_price` each,
    /// every other field empty: start here, then set public fields.
    pub fn new(product_id: u64, quantity: Amount, recommended_unit_price: Amount) -> Self {
        Self { product_id, quantity, recommended_unit_price, ..Self::default() }
    }
}

record_fields! {
    ProductLine, "a record",
    required: ["product_id", "quantity", "recommended_unit_price"],
    keys: [
        "product_id" => product_id: Id,
        "name" | "product_name" => name: Text,
        "product_no" => product_no: Text,
        "product_attr_id" => product_attr_id: OptionalId,
        "spec" => spec: Text,
        "sale_unit" => sale_unit: Text,
        "quantity" => quantity: Plain<Amount>,
        "standard_unit_price" => standard_unit_price: OptionalAmount,
        "recommended_unit_price" => recommended_unit_price: Plain<Amount>,
        "remark" => remark: Text,
    ]
}
