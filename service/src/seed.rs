//! The documented sample, which a new database is seeded with: the company of the
//! seed's response (id 49) with its custom contract fields and approval, its user
//! 个比唠忘 (364513), the opportunity CRM集团版 (576543) and its customer 向导
//! (23481906). `GET /api/v2/contracts/new_from_opportunity?opportunity_id=576543`
//! answers the documented response.

use contract_draft::{Bundle, CompanySettings, Error};

use crate::store::Store;

/// The sample company's id.
pub const COMPANY_ID: u64 = 49;

/// The sample user's id.
pub const USER_ID: u64 = 364_513;

/// The sample opportunity's id.
pub const OPPORTUNITY_ID: u64 = 576_543;

/// The sample records, as the library's fixtures hold them.
const BUNDLE: &[u8] = include_bytes!("../../fixtures/bundle.json");

/// The sample company's settings.
const SETTINGS: &[u8] = include_bytes!("../../fixtures/settings.json");

/// Seeds an empty database with the sample; a database that holds a company is left
/// as it is.
pub fn seed(store: &Store) -> Result<(), Error> {
    if !store.is_empty().map_err(Error::service_failure)? {
        return Ok(());
    }
    let bundle = Bundle::from_json(BUNDLE)?;
    let settings = CompanySettings::from_json(SETTINGS)?;
    let stored = (|| {
        store.add_company(COMPANY_ID, &settings)?;
        store.add_user(COMPANY_ID, &bundle.user)?;
        store.add_customer(COMPANY_ID, &bundle.customer)?;
        store.add_opportunity(COMPANY_ID, &bundle.opportunity)
    })();
    stored.map_err(Error::service_failure)
}
