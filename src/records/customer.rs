use chrono::{DateTime, FixedOffset, NaiveDateTime};

use super::fields::record_fields;
use super::{Address, Contact, User};
use crate::encoding::field::{InputOnly, Plain};
use crate::encoding::id::{Id, IdOrZero, OptionalId};
use crate::encoding::or_default::OrDefault;
use crate::encoding::record::{List, Record};
use crate::encoding::text::{RequiredText, Text};
use crate::encoding::timestamp::{Minutes, Rfc3339};
use crate::limits::MAX_CONTACTS;

/// A customer (客户), with its contacts and address.
///
/// Required keys: `id`, `name`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Customer {
    /// The customer's id.
    pub id: u64,
    /// The customer's name.
    pub name: String,
    /// The name in pinyin, for sorting.
    pub name_pinyin: String,
    /// The owner's user id.
    pub user_id: u64,
    /// The owner's name.
    pub user_name: String,
    /// Contact people.
    pub contacts: Vec<Contact>,
    /// Company name.
    pub company_name: String,
    /// The customer's address; written `{}` when absent.
    pub address: Option<Address>,
    /// When the customer is next to be visited, with the offset it was given; written
    /// in RFC 3339 with milliseconds.
    pub revisit_at: Option<DateTime<FixedOffset>>,
    /// Whether the viewing user owns the customer.
    pub is_own: bool,
    /// Status option id.
    pub status: String,
    /// Status text.
    pub status_mapped: String,
    /// Category option id.
    pub category: String,
    /// Category text.
    pub category_mapped: String,
    /// Business registry (启信宝) id.
    pub qixinbao_id: String,
    /// When the customer was created, in China time.
    pub created_at: Option<NaiveDateTime>,
    /// When the customer was last changed, in China time.
    pub updated_at: Option<NaiveDateTime>,
    /// Who created the customer; written `{}` when absent.
    pub creator: Option<User>,
    /// Whether the viewing user is the owner.
    pub is_user_self: bool,
    /// Approval status (`approved`, `applying`, …), as the API sent it.
    pub approve_status: String,
    /// The approval status in words (`已通过`); `null` when absent.
    pub approve_status_i18n: Option<String>,
    /// The company the customer belongs to, when the record says so itself (list
    /// endpoints send it); not in the draft (the embedded customer has no such key).
    pub organization_id: Option<u64>,
}

impl Customer {
    /// A customer with its id and name, every other field empty: start here, then set
    /// public fields.
    pub fn new(id: u64, name: impl Into<String>) -> Self {
        Self { id, name: name.into(), ..Self::default() }
    }
}

record_fields! {
    Customer, "a record",
    required: ["id", "name"],
    keys: [
        "id" => id: Id,
        "name" => name: RequiredText,
        "name_pinyin" => name_pinyin: Text,
        "user_id" => user_id: IdOrZero,
        "user_name" => user_name: Text,
        "contacts" => contacts: List<Contact, MAX_CONTACTS>,
        "company_name" => company_name: Text,
        "address" => address: Record<Address>,
        "revisit_at" => revisit_at: Rfc3339,
        "is_own" => is_own: OrDefault<bool>,
        "status" => status: Text,
        "status_mapped" => status_mapped: Text,
        "category" => category: Text,
        "category_mapped" => category_mapped: Text,
        "qixinbao_id" => qixinbao_id: Text,
        "created_at" => created_at: Minutes,
        "updated_at" => updated_at: Minutes,
        "creator" => creator: Record<User>,
        "is_user_self" => is_user_self: OrDefault<bool>,
        "approve_status" => approve_status: Text,
        "approve_status_i18n" => approve_status_i18n: Plain<Option<String>>,
        "organization_id" => organization_id: InputOnly<OptionalId>,
    ]
}
