//! A downstream service built on `contract-draft`, as its users write one: it builds
//! records from its own rows, serves `new_from_opportunity` with the API's statuses, and
//! property-tests the conversion with the library's strategies (`tests/`). It uses only
//! the crate's public names, so CI compiling it keeps them working.

use contract_draft::rust_decimal::Decimal;
use contract_draft::{
    Amount, Bundle, Converter, Customer, Envelope, Error, ErrorEnvelope, Opportunity, User,
};

/// An opportunity row as the service's database returns it.
pub struct OpportunityRow {
    /// The opportunity's id.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// The expected amount in cents.
    pub amount_cents: i64,
    /// The customer's id and name.
    pub customer: (u64, String),
    /// The creating user's id, name and company.
    pub user: (u64, String, u64),
}

/// The bundle of records for a row: built with `new`, then public fields set.
pub fn records_of(row: &OpportunityRow) -> Result<Bundle, Error> {
    let amount = Amount::new(Decimal::new(row.amount_cents, 2))?;
    let opportunity = Opportunity::new(row.id, row.title.clone(), amount, row.customer.0);
    let mut customer = Customer::new(row.customer.0, row.customer.1.clone());
    customer.organization_id = Some(row.user.2);
    let user = User::new(row.user.0, row.user.1.clone(), row.user.2);
    Ok(Bundle::new(opportunity, customer, user))
}

/// Serves `GET /api/v2/contracts/new_from_opportunity` for a request body (a bundle as
/// JSON): the HTTP status and the response body.
pub fn serve(converter: &Converter, body: &[u8]) -> (u16, Vec<u8>) {
    let written = match converter.convert_json(body) {
        Ok(conversion) => serde_json::to_vec(&Envelope::new(&conversion.draft)).map(|json| (200, json)),
        Err(error) => {
            let status = error.kind().http_status();
            serde_json::to_vec(&ErrorEnvelope::from(error)).map(|json| (status, json))
        }
    };
    written.unwrap_or_else(|_| (500, Vec::new()))
}
