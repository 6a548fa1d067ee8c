//! The input records a draft is made from, as the documented draft embeds them.
//!
//! Each record reads every encoding the API is seen to send for it and ignores keys it
//! does not know (detail endpoints send many more); it writes the draft's encoding.
//! Required keys are the ones a draft cannot be made or checked without (ids, the
//! opportunity's title and amount, the user's company); every other key may be absent
//! and then takes its documented empty value (`""`, `false`, `[]`, `{}`).
//!
//! The records are `#[non_exhaustive]`, so that fields can be added as the API grows: to
//! build one in Rust, start from `Default::default()` and set its public fields.
//!
//! ```
//! use contract_draft::Opportunity;
//! use rust_decimal::Decimal;
//!
//! let mut opportunity = Opportunity::default();
//! opportunity.title = "CRM集团版".into();
//! opportunity.expect_amount = Decimal::new(198_000, 1);
//! ```

mod address;
mod bundle;
mod custom_values;
mod customer;
mod opportunity;
mod product_line;
mod read;
mod user;

pub use address::{Address, Contact};
pub use bundle::Bundle;
pub use custom_values::CustomValues;
pub use customer::Customer;
pub use opportunity::Opportunity;
pub use product_line::ProductLine;
pub use user::User;
