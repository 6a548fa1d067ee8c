//! The input of one conversion as JSON: `{"opportunity": …, "customer": …, "user": …}`.

use serde::Deserialize;

use crate::encoding::reader::read_json;
use crate::encoding::record::Required;
use crate::error::Error;
use crate::records::{Customer, Opportunity, User};

/// The three records a draft is made from, as one JSON object.
///
/// ```
/// use contract_draft::Bundle;
///
/// let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json"))?;
/// assert_eq!(bundle.opportunity.customer_id, bundle.customer.id);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Bundle {
    /// The opportunity to convert.
    pub opportunity: Opportunity,
    /// The opportunity's customer.
    #[serde(deserialize_with = "crate::encoding::record::required")]
    pub customer: Customer,
    /// The user who creates the contract.
    #[serde(deserialize_with = "crate::encoding::record::required")]
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
}
