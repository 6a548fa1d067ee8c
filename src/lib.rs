//! Turns a CRM sales opportunity into the data of a new contract, as ikcrm's
//! `GET /api/v2/contracts/new_from_opportunity` does: title, amount, dates,
//! receivables, the customer and user records, approval state and custom fields, in the
//! exact JSON of the documented response.
//!
//! ```
//! use contract_draft::{contract_from_opportunity, Bundle, Envelope};
//!
//! let bundle = Bundle::from_json(r#"{
//!     "opportunity": {"id": 576543, "title": "CRM集团版", "expect_amount": "19800.0",
//!                     "expect_sign_date": "2015-09-09", "customer_id": 23481906},
//!     "customer": {"id": 23481906, "name": "向导"},
//!     "user": {"id": 364513, "name": "个比唠忘", "organization_id": 49}
//! }"#.as_bytes())?;
//! let draft = contract_from_opportunity(&bundle.opportunity, &bundle.customer, &bundle.user);
//! let json = serde_json::to_string(&Envelope::new(&draft))?;
//! assert!(json.starts_with(r#"{"code":0,"data":{"id":0,"category":"#));
//! assert!(json.contains(r#""total_amount":"19800.0","start_at":"2015-09-09","end_at":"""#));
//! assert!(json.contains(r#""unreceived_amount":19800.0"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The conversion is pure: no I/O, clock or global state. What differs between companies
//! (custom contract fields, approval) is a [`CompanySettings`] value, used through a
//! [`Converter`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod approval;
mod bundle;
mod check;
mod convert;
mod custom_fields;
mod draft;
mod echo;
mod encoding;
mod envelope;
mod error;
mod hiding;
mod jsonl;
mod lines;
pub mod money;
mod output;
mod receivables;
mod records;
mod report;
mod settings;
mod stack_text;
mod template;

pub use approval::{ApprovalSettings, ApproveStatus};
pub use bundle::Bundle;
pub use convert::{Converter, contract_from_opportunity};
pub use custom_fields::{CustomFields, FieldKind, FieldValue};
pub use draft::{ContractDraft, DateSpan, EmptyList, EmptyRecord, NewProductLine, ProductsSummary};
pub use encoding::timestamp::CHINA_TIME;
pub use envelope::{Envelope, ErrorEnvelope};
pub use error::{Error, ErrorKind};
pub use hiding::mask_number;
pub use jsonl::{DEFAULT_MAX_LINE_BYTES, LinesOptions, LinesSummary, MAX_JOBS, StreamError, convert_lines};
pub use money::RubyDecimal;
pub use output::{JsonStyle, Layout};
pub use receivables::{ContractPayments, Payment, PaymentPlan, Receivables};
pub use records::{Address, Contact, CustomValues, Customer, Opportunity, ProductLine, User};
pub use report::{Conversion, MAX_NOTES, Note};
pub use settings::{
    CompanyCheck, CompanySettings, ContractField, FieldMapping, SETTINGS_VERSION, TotalSource,
};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
