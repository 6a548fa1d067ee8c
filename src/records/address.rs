use serde::{Deserialize, Serialize};

/// An address (地址) with its phone numbers, as a customer and its contacts carry it.
///
/// Required key: `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// The address's id.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub id: u64,
    /// Landline number.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub tel: String,
    /// What to show for `tel` when numbers are hidden.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub tel_hidden_result: String,
    /// Mobile number.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub phone: String,
    /// What to show for `phone` when numbers are hidden.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub phone_hidden_result: String,
    /// QQ number.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub qq: String,
    /// Email address.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub email: String,
    /// Longitude; `None` (written `null`) when the API sent none.
    #[serde(
        default,
        deserialize_with = "crate::encoding::coordinate::deserialize",
        serialize_with = "crate::encoding::float::serialize_optional"
    )]
    pub lng: Option<f64>,
    /// Latitude; `None` (written `null`) when the API sent none.
    #[serde(
        default,
        deserialize_with = "crate::encoding::coordinate::deserialize",
        serialize_with = "crate::encoding::float::serialize_optional"
    )]
    pub lat: Option<f64>,
    /// Street and number.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub detail_address: String,
    /// Distance from the viewer, `-1` when unknown (also when the API sends `null`);
    /// written as an integer when whole.
    #[serde(
        default = "unknown_distance",
        deserialize_with = "crate::encoding::distance::deserialize",
        serialize_with = "crate::encoding::distance::serialize"
    )]
    pub off_distance: f64,
    /// Web address.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub url: String,
    /// Static map image address.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub gaode_staticmap: String,
    /// Country, province, city and district in one line.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub full_address: String,
    /// Whether the numbers above are masked for the viewing user; written only when true
    /// (the documented address has no such key).
    #[serde(
        default,
        deserialize_with = "crate::encoding::or_default::deserialize",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub need_hidden_dispose: bool,
}

impl Address {
    /// An address with its id, every other field empty and its distance unknown: start
    /// here, then set public fields.
    pub fn new(id: u64) -> Self {
        Self { id, ..Self::default() }
    }
}

/// `off_distance` when the API sends none: `-1`, its "unknown".
fn unknown_distance() -> f64 {
    crate::encoding::distance::UNKNOWN
}

impl Default for Address {
    /// An empty address, its distance unknown.
    fn default() -> Self {
        Self {
            id: 0,
            tel: String::new(),
            tel_hidden_result: String::new(),
            phone: String::new(),
            phone_hidden_result: String::new(),
            qq: String::new(),
            email: String::new(),
            lng: None,
            lat: None,
            detail_address: String::new(),
            off_distance: unknown_distance(),
            url: String::new(),
            gaode_staticmap: String::new(),
            full_address: String::new(),
            need_hidden_dispose: false,
        }
    }
}

/// A contact person (联系人) of a customer.
///
/// Required key: `id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contact {
    /// The contact's id.
    #[serde(deserialize_with = "crate::encoding::id::deserialize")]
    pub id: u64,
    /// The contact's name.
    #[serde(default, deserialize_with = "crate::encoding::text::deserialize")]
    pub name: String,
    /// The contact's address and numbers; written `{}` when absent.
    #[serde(default, with = "crate::encoding::record")]
    pub address: Option<Address>,
}

impl Contact {
    /// A contact with its id, without a name or an address: start here, then set public
    /// fields.
    pub fn new(id: u64) -> Self {
        Self { id, ..Self::default() }
    }
}
