use serde::Deserialize;

use crate::money::Amount;

/// A product line (产品明细) of an opportunity: a product, how many, at what price.
///
/// Required keys: `product_id`, `quantity`, `recommended_unit_price`. `name` is also
/// read from `product_name`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ProductLine {
    /// The product's id.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub product_id: u64,
    /// The product's name.
    #[serde(default, alias = "product_name", deserialize_with = "crate::encoding::text::deserialize")]
    pub name: String,
    /// The product's number (编号).
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub product_no: String,
    /// The product variant's id, if the product has variants.
    #[serde(default, deserialize_with = "crate::encoding::id::optional")]
    pub product_attr_id: Option<u64>,
    /// Specification.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub spec: String,
    /// The unit it is sold in.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub sale_unit: String,
    /// How many; may be fractional (at most 6 fractional digits).
    pub quantity: Amount,
    /// The list price per unit, if the product has one (`""` and `null` read as none).
    #[serde(default, deserialize_with = "crate::encoding::amount::optional")]
    pub standard_unit_price: Option<Amount>,
    /// The selling price per unit.
    pub recommended_unit_price: Amount,
    /// A remark on the line.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub remark: String,
}

impl ProductLine {
    /// A line of `quantity` of the product `product_id` at `recommended_unit_price` each,
    /// every other field empty: start here, then set public fields.
    pub fn new(product_id: u64, quantity: Amount, recommended_unit_price: Amount) -> Self {
        Self { product_id, quantity, recommended_unit_price, ..Self::default() }
    }
}
