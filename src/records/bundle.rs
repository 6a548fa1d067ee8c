//! The input of one conversion as JSON: `{"opportunity": …, "customer": …, "user": …}`.

use super::fields::record_fields;
use crate::encoding::field::Plain;
use crate::records::{Customer, Opportunity, User};

/// The three records a draft is made from, as one JSON object.
///
/// Its `Serialize` (and [`Bundle::to_json`]) writes what [`Bundle::from_json`] reads
/// back as the same bundle: every field of every record, product lines, custom values
/// and the hiding flag included.
///
/// ```
/// use contract_draft::Bundle;
///
/// let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json"))?;
/// assert_eq!(bundle.opportunity.customer_id, bundle.customer.id);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Bundle {
    /// The opportunity to convert.
    pub opportunity: Opportunity,
    /// The opportunity's customer.
    pub customer: Customer,
    /// The user who creates the contract.
    pub user: User,
}

impl Bundle {
    /// The bundle of these three records.
    pub const fn new(opportunity: Opportunity, customer: Customer, user: User) -> Self {
        Self { opportunity, customer, user }
    }

    /// The bundle as JSON that [`Bundle::from_json`] reads back as the same bundle.
    ///
    /// The same for every bundle the reader could have read: dates and times in the
    /// years 0001 to 9999 (times in China time), without leap-second nanoseconds, offsets
    /// in whole minutes (RFC 3339 has no seconds), finite coordinates and distances (a
    /// distance of `-0.0` comes back as `0`). A record built in Rust outside these is
    /// written as chrono and the JSON writer write it, and may not read back.
    ///
    /// ```
    /// use contract_draft::Bundle;
    ///
    /// let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json"))?;
    /// assert_eq!(Bundle::from_json(&bundle.to_json())?, bundle);
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    pub fn to_json(&self) -> Vec<u8> {
        let mut json = Vec::with_capacity(4096);
        // Writing to a Vec cannot fail, and every field writes as JSON (a map's keys
        // are strings, no float is written unless finite).
        if serde_json::to_writer(&mut json, self).is_err() {
            json.clear();
        }
        json
    }
}

record_fields! {
    Bundle, "a record",
    required: ["opportunity", "customer", "user"],
    keys: [
        "opportunity" => opportunity: Plain<Opportunity>,
        "customer" => customer: Plain<Customer>,
        "user" => user: Plain<User>,
    ]
}
