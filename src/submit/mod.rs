//! The create request (`POST /api/v2/contracts`): the form a client posts back after
//! editing a draft, checked and normalized into the request body ikcrm takes.
//!
//! [`ContractForm`] is the form, `{"contract": {…}}` with the create request's keys
//! (read from JSON, or made from a draft with [`ContractForm::from_draft`]).
//! [`Converter::create_request`](crate::Converter::create_request) checks it against the
//! company's settings and reports every problem at once, each with its path
//! ([`Error::problems`](crate::Error::problems)); the [`CreateRequest`] it makes writes
//! `{"contract": {…}, "contract_action_name": "turn_to_contract"}` with amounts as Ruby
//! decimal strings, dates `YYYY-MM-DD`, `approve_status` from the company's approval,
//! each product line's `total_price` computed as saving stores it (the total the draft
//! offered), a phone's `_hidden_result` computed from its number, attachments as Rails
//! writes them, and custom fields as their kinds write them.
//!
//! ```
//! use contract_draft::{Bundle, Converter};
//! use contract_draft::submit::ContractForm;
//!
//! let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json"))?;
//! let converter = Converter::default();
//! let draft = converter.convert_owned(bundle.opportunity, bundle.customer, bundle.user)?.draft;
//! let mut form = ContractForm::from_draft(&draft);
//! // The client fills in what the draft leaves open, then posts the form back.
//! form.set("sn", serde_json::value::to_raw_value("HT-2015-001").unwrap());
//! form.set("end_at", serde_json::value::to_raw_value("2016-09-08").unwrap());
//! let request = converter.create_request(&form)?;
//! let json = serde_json::to_string(&request).unwrap();
//! assert!(json.starts_with(r#"{"contract":{"title":"CRM集团版","sn":"HT-2015-001","approve_status":"applying","#));
//! assert!(json.ends_with(r#""contract_action_name":"turn_to_contract"}"#));
//! # Ok::<(), contract_draft::Error>(())
//! ```

mod form;
mod product_lines;
mod request;
mod value;
mod view;

pub use form::ContractForm;
pub use request::CreateRequest;
pub use view::{RequestLine, SavedContract};
