use chrono::{NaiveDate, NaiveDateTime};

use super::fields::record_fields;
use super::percent::OptionalPercent;
use super::{CustomValues, Percent, ProductLine, User};
use crate::encoding::date::OptionalDate;
use crate::encoding::field::{InputOnly, Plain};
use crate::encoding::id::{Id, IdOrZero, OptionalId};
use crate::encoding::or_default::OrDefault;
use crate::encoding::record::{List, Record};
use crate::encoding::text::{RequiredText, Text};
use crate::encoding::timestamp::Minutes;
use crate::limits::MAX_PRODUCT_LINES;
use crate::money::Amount;

/// A sales opportunity (商机): what a contract draft is made from.
///
/// Required keys: `id`, `title`, `expect_amount`, `customer_id`.
///
/// Its product lines and custom fields are read but not embedded in the draft (the
/// documented embedded opportunity has neither): the lines are offered in the draft's
/// `product_assets_for_new_record`, the custom fields copied by the company's field
/// mapping.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Opportunity {
    /// The opportunity's id.
    pub id: u64,
    /// Title; it becomes the contract's title.
    pub title: String,
    /// The title in pinyin, for sorting.
    pub title_pinyin: String,
    /// The owner's user id.
    pub user_id: u64,
    /// The owner's name.
    pub user_name: String,
    /// The expected amount; it becomes the contract's total. Non-negative, at most 18
    /// integer and 6 fractional digits; written as a Ruby decimal string (`"19800.0"`).
    pub expect_amount: Amount,
    /// Chance of signing in percent (0 to 100); written `"10%"`, or `""` when absent.
    pub sign_possibility: Option<Percent>,
    /// The day the opportunity was obtained.
    pub get_time: Option<NaiveDate>,
    /// Sales stage option id.
    pub stage: String,
    /// Sales stage text.
    pub stage_mapped: String,
    /// The day the contract is expected to be signed; it becomes the contract's start.
    pub expect_sign_date: Option<NaiveDate>,
    /// What the customer asked for.
    pub customer_requirement: String,
    /// Source option id.
    pub source: String,
    /// Source text.
    pub source_mapped: String,
    /// Kind option id.
    pub kind: String,
    /// Kind text.
    pub kind_mapped: String,
    /// The customer the opportunity is for.
    pub customer_id: u64,
    /// That customer's name.
    pub customer_name: String,
    /// Whether the viewing user owns the opportunity.
    pub is_own: bool,
    /// Whether the viewing user assists on it.
    pub is_my_assist_entity: bool,
    /// When the opportunity was created, in China time.
    pub created_at: Option<NaiveDateTime>,
    /// Who created the opportunity; written `{}` when absent.
    pub creator: Option<User>,
    /// Whether the viewing user is the owner.
    pub is_user_self: bool,
    /// Product lines (产品明细).
    pub product_assets: Vec<ProductLine>,
    /// Custom-field values, by key.
    pub custom_fields: CustomValues,
    /// The company the opportunity belongs to, when the record says so itself (list
    /// endpoints send it); not in the draft (the embedded opportunity has no such key).
    pub organization_id: Option<u64>,
}

impl Opportunity {
    /// An opportunity with its required keys, every other field empty: start here, then
    /// set public fields.
    pub fn new(id: u64, title: impl Into<String>, expect_amount: Amount, customer_id: u64) -> Self {
        Self { id, title: title.into(), expect_amount, customer_id, ..Self::default() }
    }
}

record_fields! {
    Opportunity, "an opportunity (a record)",
    required: ["id", "title", "expect_amount", "customer_id"],
    custom: custom_fields,
    keys: [
        "id" => id: Id,
        "title" => title: RequiredText,
        "title_pinyin" => title_pinyin: Text,
        "user_id" => user_id: IdOrZero,
        "user_name" => user_name: Text,
        "expect_amount" => expect_amount: Plain<Amount>,
        "sign_possibility" => sign_possibility: OptionalPercent,
        "get_time" => get_time: OptionalDate,
        "stage" => stage: Text,
        "stage_mapped" => stage_mapped: Text,
        "expect_sign_date" => expect_sign_date: OptionalDate,
        "customer_requirement" => customer_requirement: Text,
        "source" => source: Text,
        "source_mapped" => source_mapped: Text,
        "kind" => kind: Text,
        "kind_mapped" => kind_mapped: Text,
        "customer_id" => customer_id: Id,
        "customer_name" => customer_name: Text,
        "is_own" => is_own: OrDefault<bool>,
        "is_my_assist_entity" => is_my_assist_entity: OrDefault<bool>,
        "created_at" => created_at: Minutes,
        "creator" => creator: Record<User>,
        "is_user_self" => is_user_self: OrDefault<bool>,
        "product_assets" => product_assets: InputOnly<List<ProductLine, MAX_PRODUCT_LINES>>,
        "organization_id" => organization_id: InputOnly<OptionalId>,
    ]
}
