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
