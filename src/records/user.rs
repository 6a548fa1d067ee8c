use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A user (员工): the one who creates the draft, or the creator of a record.
///
/// Required keys: `id`, `name`, `organization_id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user's id.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub id: u64,
    /// Email address.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub email: String,
    /// When the user was created, in China time; written `YYYY-MM-DD HH:MM`.
    #[serde(default, with = "crate::encoding::timestamp::minutes")]
    pub created_at: Option<NaiveDateTime>,
    /// Display name.
    #[serde(deserialize_with = "crate::encoding::text::required")]
    pub name: String,
    /// The company (organization) the user belongs to.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub organization_id: u64,
    /// Mobile phone number.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub phone: String,
    /// The user's role id.
    #[serde(default, deserialize_with = "crate::encoding::id::or_zero")]
    pub role_id: u64,
    /// Account state, such as `organization_staff`.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub workflow_state: String,
    /// Job title.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub job: String,
    /// Landline number.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub tel: String,
    /// Avatar image address.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub avatar_url: String,
    /// The name of the user's department.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub department_name: String,
    /// Whether customers' phone numbers are hidden from this user (号码隐藏). Read from
    /// the user-detail endpoint; not written (the embedded user has no such key).
    #[serde(default, deserialize_with = "crate::encoding::or_default::deserialize", skip_serializing)]
    pub enabled_number_hidden_dispose: bool,
}

impl User {
    /// A user with their id, name and company, every other field empty: start here,
    /// then set public fields.
    pub fn new(id: u64, name: impl Into<String>, organization_id: u64) -> Self {
        Self { id, name: name.into(), organization_id, ..Self::default() }
    }
}
