use super::fields::record_fields;
use crate::encoding::id::Id;
use crate::encoding::location::{Coordinate, Distance};
use crate::encoding::or_default::WhenSet;
use crate::encoding::record::Record;
use crate::encoding::text::Text;

/// An address (地址) with its phone numbers, as a customer and its contacts carry it.
///
/// Required key: `id`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Address {
    /// The address's id.
    pub id: u64,
    /// Landline number.
    pub tel: String,
    /// What to show for `tel` when numbers are hidden.
    pub tel_hidden_result: String,
    /// Mobile number.
    pub phone: String,
    /// What to show for `phone` when numbers are hidden.
    pub phone_hidden_result: String,
    /// QQ number.
    pub qq: String,
    /// Email address.
    pub email: String,
    /// Longitude; `None` (written `null`) when the API sent none.
    pub lng: Option<f64>,
    /// Latitude; `None` (written `null`) when the API sent none.
    pub lat: Option<f64>,
    /// Street and number.
    pub detail_address: String,
    /// Distance from the viewer, `-1` when unknown (also when the API sends `null`);
    /// written as an integer when whole.
    pub off_distance: f64,
    /// Web address.
    pub url: String,
    /// Static map image address.
    pub gaode_staticmap: String,
    /// Country, province, city and district in one line.
    pub full_address: String,
    /// Whether the numbers above are masked for the viewing user; written only when true
    /// (the documented address has no such key).
    pub need_hidden_dispose: bool,
}

impl Address {
    /// An address with its id, every other field empty and its distance unknown: start
    /// here, then set public fields.
    pub fn new(id: u64) -> Self {
        Self { id, ..Self::default() }
    }
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
            off_distance: crate::encoding::location::UNKNOWN,
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
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Contact {
    /// The contact's id.
    pub id: u64,
    /// The contact's name.
    pub name: String,
    /// The contact's address and numbers; written `{}` when absent.
    pub address: Option<Address>,
}

impl Contact {
    /// A contact with its id, without a name or an address: start here, then set public
    /// fields.
    pub fn new(id: u64) -> Self {
        Self { id, ..Self::default() }
    }
}

record_fields! {
    Address, "a record",
    required: ["id"],
    keys: [
        "id" => id: Id,
        "tel" => tel: Text,
        "tel_hidden_result" => tel_hidden_result: Text,
        "phone" => phone: Text,
        "phone_hidden_result" => phone_hidden_result: Text,
        "qq" => qq: Text,
        "email" => email: Text,
        "lng" => lng: Coordinate,
        "lat" => lat: Coordinate,
        "detail_address" => detail_address: Text,
        "off_distance" => off_distance: Distance,
        "url" => url: Text,
        "gaode_staticmap" => gaode_staticmap: Text,
        "full_address" => full_address: Text,
        "need_hidden_dispose" => need_hidden_dispose: WhenSet,
    ]
}

record_fields! {
    Contact, "a record",
    required: ["id"],
    keys: [
        "id" => id: Id,
        "name" => name: Text,
        "address" => address: Record<Address>,
    ]
}
