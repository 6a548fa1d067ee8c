//! The input of one conversion as JSON: `{"opportunity": …, "customer": …, "user": …}`.

use serde::{Deserialize, Serialize};

use crate::encoding::reader::read_json;
use crate::encoding::record::Required;
use crate::error::Error;
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

    /// Reads a bundle from JSON; errors name the field by its path
    /// (`opportunity.expect_sign_date`).
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        read_json::<Required<Self>>(json).map(|bundle| bundle.0)
    }

    /// The bundle as JSON that [`Bundle::from_json`] reads back as the same bundle.
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
