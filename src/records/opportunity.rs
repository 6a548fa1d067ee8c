use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::read::{Key, Minutes, OptionalDate, OptionalPercent, Plain, Record, Seen, read_known_key};
use super::{CustomValues, Percent, ProductLine, User};
use crate::encoding::id::{Id, IdOrZero, OptionalId};
use crate::encoding::or_default::OrDefault;
use crate::encoding::record::RecordList;
use crate::encoding::text::{RequiredText, Text};
use crate::money::Amount;

/// A sales opportunity (商机): what a contract draft is made from.
///
/// Required keys: `id`, `title`, `expect_amount`, `customer_id`.
///
/// Its product lines and custom fields are read but not embedded in the draft (the
/// documented embedded opportunity has neither): the lines are offered in the draft's
/// `product_assets_for_new_record`, the custom fields copied by the company's field
/// mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    #[serde(serialize_with = "super::percent::serialize_optional")]
    pub sign_possibility: Option<Percent>,
    /// The day the opportunity was obtained.
    #[serde(serialize_with = "crate::encoding::date::optional::serialize")]
    pub get_time: Option<NaiveDate>,
    /// Sales stage option id.
    pub stage: String,
    /// Sales stage text.
    pub stage_mapped: String,
    /// The day the contract is expected to be signed; it becomes the contract's start.
    #[serde(serialize_with = "crate::encoding::date::optional::serialize")]
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
    #[serde(serialize_with = "crate::encoding::timestamp::minutes::serialize")]
    pub created_at: Option<NaiveDateTime>,
    /// Who created the opportunity; written `{}` when absent.
    #[serde(serialize_with = "crate::encoding::record::serialize")]
    pub creator: Option<User>,
    /// Whether the viewing user is the owner.
    pub is_user_self: bool,
    /// Product lines (产品明细).
    #[serde(skip_serializing)]
    pub product_assets: Vec<ProductLine>,
    /// Custom-field values, by key.
    #[serde(skip_serializing)]
    pub custom_fields: CustomValues,
    /// The company the opportunity belongs to, when the record says so itself (list
    /// endpoints send it); not written (the embedded opportunity has no such key).
    #[serde(skip_serializing)]
    pub organization_id: Option<u64>,
}

impl Opportunity {
    /// An opportunity with its required keys, every other field empty: start here, then
    /// set public fields.
    pub fn new(id: u64, title: impl Into<String>, expect_amount: Amount, customer_id: u64) -> Self {
        Self { id, title: title.into(), expect_amount, customer_id, ..Self::default() }
    }
}

impl<'de> Deserialize<'de> for Opportunity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OpportunityVisitor)
    }
}

struct OpportunityVisitor;

impl<'de> Visitor<'de> for OpportunityVisitor {
    type Value = Opportunity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an opportunity (a record)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Opportunity, A::Error> {
        let mut record = Opportunity::default();
        let mut custom_values = Vec::new();
        let mut seen = Seen::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let o = &mut record;
            let known = read_known_key!(map, key.as_str(), seen, [
                "id" => o.id, Id;
                "title" => o.title, RequiredText;
                "expect_amount" => o.expect_amount, Plain<Amount>;
                "customer_id" => o.customer_id, Id;
                "title_pinyin" => o.title_pinyin, Text;
                "user_id" => o.user_id, IdOrZero;
                "user_name" => o.user_name, Text;
                "sign_possibility" => o.sign_possibility, OptionalPercent;
                "get_time" => o.get_time, OptionalDate;
                "stage" => o.stage, Text;
                "stage_mapped" => o.stage_mapped, Text;
                "expect_sign_date" => o.expect_sign_date, OptionalDate;
                "customer_requirement" => o.customer_requirement, Text;
                "source" => o.source, Text;
                "source_mapped" => o.source_mapped, Text;
                "kind" => o.kind, Text;
                "kind_mapped" => o.kind_mapped, Text;
                "customer_name" => o.customer_name, Text;
                "is_own" => o.is_own, OrDefault<bool>;
                "is_my_assist_entity" => o.is_my_assist_entity, OrDefault<bool>;
                "created_at" => o.created_at, Minutes;
                "creator" => o.creator, Record<User>;
                "is_user_self" => o.is_user_self, OrDefault<bool>;
                "product_assets" => o.product_assets, RecordList<ProductLine>;
                "organization_id" => o.organization_id, OptionalId;
            ]);
            if known {
                continue;
            }
            if CustomValues::is_custom_key(key.as_str()) {
                custom_values.push((key.into_owned(), map.next_value()?));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        seen.require(&["id", "title", "expect_amount", "customer_id"])?;
        record.custom_fields = CustomValues::from_read(custom_values)?;
        Ok(record)
    }
}
