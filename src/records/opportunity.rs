use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{CustomValues, ProductLine, User};

/// A sales opportunity (商机): what a contract draft is made from.
///
/// Required keys: `id`, `title`, `expect_amount`, `customer_id`.
///
/// Its product lines and custom fields are read but not embedded in the draft (the
/// documented embedded opportunity has neither): the lines are offered in the draft's
/// `product_assets_for_new_record`, the custom fields copied by the company's field
/// mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Opportunity {
    /// The opportunity's id.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub id: u64,
    /// Title; it becomes the contract's title.
    #[serde(deserialize_with = "crate::encoding::text::deserialize")]
    pub title: String,
    /// The title in pinyin, for sorting.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub title_pinyin: String,
    /// The owner's user id.
    #[serde(default, deserialize_with = "crate::encoding::id::deserialize")]
    pub user_id: u64,
    /// The owner's name.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub user_name: String,
    /// The expected amount; it becomes the contract's total. Non-negative, at most 18
    /// integer and 6 fractional digits; written as a Ruby decimal string (`"19800.0"`).
    #[serde(with = "crate::encoding::amount")]
    pub expect_amount: Decimal,
    /// Chance of signing in percent (0 to 100); written `"10%"`, or `""` when absent.
    #[serde(default, with = "crate::encoding::percent")]
    pub sign_possibility: Option<u8>,
    /// The day the opportunity was obtained.
    #[serde(default, with = "crate::encoding::date::optional")]
    pub get_time: Option<NaiveDate>,
    /// Sales stage option id.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub stage: String,
    /// Sales stage text.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub stage_mapped: String,
    /// The day the contract is expected to be signed; it becomes the contract's start.
    #[serde(default, with = "crate::encoding::date::optional")]
    pub expect_sign_date: Option<NaiveDate>,
    /// What the customer asked for.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub customer_requirement: String,
    /// Source option id.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub source: String,
    /// Source text.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub source_mapped: String,
    /// Kind option id.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub kind: String,
    /// Kind text.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub kind_mapped: String,
    /// The customer the opportunity is for.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub customer_id: u64,
    /// That customer's name.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub customer_name: String,
    /// Whether the viewing user owns the opportunity.
    #[serde(default)]
    pub is_own: bool,
    /// Whether the viewing user assists on it.
    #[serde(default)]
    pub is_my_assist_entity: bool,
    /// When the opportunity was created, in China time.
    #[serde(default, with = "crate::encoding::timestamp::minutes")]
    pub created_at: Option<NaiveDateTime>,
    /// Who created the opportunity; written `{}` when absent.
    #[serde(default, with = "crate::encoding::record")]
    pub creator: Option<User>,
    /// Whether the viewing user is the owner.
    #[serde(default)]
    pub is_user_self: bool,
    /// Product lines (产品明细).
    #[serde(default, skip_serializing)]
    pub product_assets: Vec<ProductLine>,
    /// Custom-field values, by key.
    #[serde(flatten, skip_serializing)]
    pub custom_fields: CustomValues,
}
