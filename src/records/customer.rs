use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Address, Contact, User};

/// A customer (客户), with its contacts and address.
///
/// Required keys: `id`, `name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Customer {
    /// The customer's id.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub id: u64,
    /// The customer's name.
    #[serde(deserialize_with = "crate::encoding::text::required")]
    pub name: String,
    /// The name in pinyin, for sorting.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub name_pinyin: String,
    /// The owner's user id.
    #[serde(default, deserialize_with = "crate::encoding::id::or_zero")]
    pub user_id: u64,
    /// The owner's name.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub user_name: String,
    /// Contact people.
    #[serde(default, deserialize_with = "crate::encoding::record::list")]
    pub contacts: Vec<Contact>,
    /// Company name.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub company_name: String,
    /// The customer's address; written `{}` when absent.
    #[serde(default, with = "crate::encoding::record")]
    pub address: Option<Address>,
    /// When the customer is next to be visited, with the offset it was given; written
    /// in RFC 3339 with milliseconds.
    #[serde(default, with = "crate::encoding::timestamp::rfc3339")]
    pub revisit_at: Option<DateTime<FixedOffset>>,
    /// Whether the viewing user owns the customer.
    #[serde(default, deserialize_with = "crate::encoding::or_default::deserialize")]
    pub is_own: bool,
    /// Status option id.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub status: String,
    /// Status text.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub status_mapped: String,
    /// Category option id.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub category: String,
    /// Category text.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub category_mapped: String,
    /// Business registry (启信宝) id.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub qixinbao_id: String,
    /// When the customer was created, in China time.
    #[serde(default, with = "crate::encoding::timestamp::minutes")]
    pub created_at: Option<NaiveDateTime>,
    /// When the customer was last changed, in China time.
    #[serde(default, with = "crate::encoding::timestamp::minutes")]
    pub updated_at: Option<NaiveDateTime>,
    /// Who created the customer; written `{}` when absent.
    #[serde(default, with = "crate::encoding::record")]
    pub creator: Option<User>,
    /// Whether the viewing user is the owner.
    #[serde(default, deserialize_with = "crate::encoding::or_default::deserialize")]
    pub is_user_self: bool,
    /// Approval status (`approved`, `applying`, …), as the API sent it.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub approve_status: String,
    /// The approval status in words (`已通过`); `null` when absent.
    #[serde(default)]
    pub approve_status_i18n: Option<String>,
    /// The company the customer belongs to, when the record says so itself (list
    /// endpoints send it); not written (the embedded customer has no such key).
    #[serde(default, deserialize_with = "crate::encoding::id::optional", skip_serializing)]
    pub organization_id: Option<u64>,
}

impl Customer {
    /// A customer with its id and name, every other field empty: start here, then set
    /// public fields.
    pub fn new(id: u64, name: impl Into<String>) -> Self {
        Self { id, name: name.into(), ..Self::default() }
    }
}
