use chrono::NaiveDateTime;

use super::fields::record_fields;
use crate::encoding::field::InputOnly;
use crate::encoding::id::{Id, IdOrZero};
use crate::encoding::or_default::OrDefault;
use crate::encoding::text::{RequiredText, Text};
use crate::encoding::timestamp::Minutes;

/// A user (员工): the one who creates the draft, or the creator of a record.
///
/// Required keys: `id`, `name`, `organization_id`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct User {
    /// The user's id.
    pub id: u64,
    /// Email address.
    pub email: String,
    /// When the user was created, in China time; written `YYYY-MM-DD HH:MM`.
    pub created_at: Option<NaiveDateTime>,
    /// Display name.
    pub name: String,
    /// The company (organization) the user belongs to.
    pub organization_id: u64,
    /// Mobile phone number.
    pub phone: String,
    /// The user's role id.
    pub role_id: u64,
    /// Account state, such as `organization_staff`.
    pub workflow_state: String,
    /// Job title.
    pub job: String,
    /// Landline number.
    pub tel: String,
    /// Avatar image address.
    pub avatar_url: String,
    /// The name of the user's department.
    pub department_name: String,
    /// Whether customers' phone numbers are hidden from this user (号码隐藏). Read from
    /// the user-detail endpoint; not in the draft (the embedded user has no such key).
    pub enabled_number_hidden_dispose: bool,
}

impl User {
    /// A user with their id, name and company, every other field empty: start here,
    /// then set public fields.
    pub fn new(id: u64, name: impl Into<String>, organization_id: u64) -> Self {
        Self { id, name: name.into(), organization_id, ..Self::default() }
    }
}

record_fields! {
    User, "a record",
    required: ["id", "name", "organization_id"],
    keys: [
        "id" => id: Id,
        "email" => email: Text,
        "created_at" => created_at: Minutes,
        "name" => name: RequiredText,
        "organization_id" => organization_id: Id,
        "phone" => phone: Text,
        "role_id" => role_id: IdOrZero,
        "workflow_state" => workflow_state: Text,
        "job" => job: Text,
        "tel" => tel: Text,
        "avatar_url" => avatar_url: Text,
        "department_name" => department_name: Text,
        "enabled_number_hidden_dispose" => enabled_number_hidden_dispose: InputOnly<OrDefault<bool>>,
    ]
}
