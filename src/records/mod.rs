//! The input records a draft is made from, as the documented draft embeds them.
//!
//! Each record reads every encoding the API is seen to send for it and ignores keys it
//! does not know (detail endpoints send many more); it writes the draft's encoding.
//! Their serde implementations are JSON's: amounts and coordinates are read from the
//! number's text (serde_json's `RawValue`), so other serde formats cannot read them;
//! build records in Rust with `new`, or convert to JSON first.
//!
//! Required keys are the ones a draft cannot be made or checked without (ids, the
//! opportunity's title and amount, the user's company); every other key may be absent
//! and then takes its documented empty value (`""`, `false`, `[]`, `{}`).
//!
//! The records are `#[non_exhaustive]`, so that fields can be added as the API grows: to
//! build one in Rust, start from its `new` (the required keys), then set public fields.
//!
//! ```
//! use contract_draft::{Bundle, Customer, Opportunity, User};
//!
//! let mut opportunity = Opportunity::new(576543, "CRM集团版", "19800".parse()?, 23481906);
//! opportunity.expect_sign_date = chrono::NaiveDate::from_ymd_opt(2015, 9, 9);
//! let bundle = Bundle::new(opportunity, Customer::new(23481906, "向导"), User::new(364513, "个比唠忘", 49));
//! assert_eq!(bundle.opportunity.expect_amount.to_string(), "19800.0");
//! # Ok::<(), contract_draft::Error>(())
//! ```

mod address;
mod bundle;
mod custom_values;
mod customer;
mod fields;
mod opportunity;
mod percent;
mod product_line;
mod user;

pub use address::{Address, Contact};
pub use bundle::Bundle;
pub use custom_values::CustomValues;
pub(crate) use custom_values::CustomValuesReader;
pub use customer::Customer;
pub use opportunity::Opportunity;
pub use percent::Percent;
pub use product_line::ProductLine;
pub use user::User;
