//! Turns a CRM sales opportunity into the data of a new contract, as ikcrm's
//! `GET /api/v2/contracts/new_from_opportunity` does: title, amount, dates,
//! receivables, the customer and user records, approval state and custom fields, in the
//! exact JSON of the documented response.
//!
//! # The map
//!
//! ```text
//! records ──────────► Converter ──────────► ContractDraft ──────────► Envelope
//! Opportunity,         CompanySettings,      the `data` object,        {"code":0,"data":…}
//! Customer, User       checked once          57 keys + custom fields   or ErrorEnvelope
//! (or a Bundle)
//! ```
//!
//! Which entry point to use:
//! - **Trusted records, default settings**: [`contract_from_opportunity`]. Total: never
//!   fails or panics, and trusts that the records belong together.
//! - **A company's settings, checked input**: make a [`Converter`] once
//!   ([`Converter::new`] checks the [`CompanySettings`]), then per request
//!   [`Converter::convert_owned`] (records you built, moved in) or
//!   [`Converter::convert`] (borrowed records); both refuse records that do not
//!   belong together with an [`Error`] and report what a person should know
//!   ([`Conversion`]). [`Converter::convert_unchecked`] is the trusting, total variant.
//! - **JSON in, JSON out**: [`Converter::convert_json`] reads a [`Bundle`] and converts
//!   it; [`Envelope::new`]`(&draft)`[`.to_json()`](Envelope::to_json) gives the bytes the
//!   API sends ([`JsonStyle`] writes other layouts), and
//!   [`ErrorEnvelope::from`]`(error)` is a failure's envelope, in the API's language, Chinese
//!   ([`ErrorEnvelope::new`] takes a [`Language`]; [`ErrorKind::code`] and
//!   [`ErrorKind::error_key`] are the API's).
//! - **The request side**: [`request`] checks the `Authorization` header and the
//!   `opportunity_id` parameter as ikcrm does; [`Error::not_found`] and the other
//!   constructors give a service ikcrm's answers for its own findings. Each record also reads alone
//!   ([`Opportunity::from_json`]), and [`Bundle::to_json`] writes a bundle back
//!   losslessly.
//! - **Batches**: [`lines::convert_lines`] converts a JSON Lines stream in order, on as
//!   many threads as [`lines::LinesOptions::jobs`] says (one by default).
//! - **After the draft**: [`submit`] checks the form a client posts back into the create
//!   request; [`plans`] makes payment-plan schedules;
//!   [`receivables::ContractPayments`] and [`receivables::Receivables`] work out what a
//!   contract's payment plans and payments leave to be paid.
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
//! let json = String::from_utf8(Envelope::new(&draft).to_json()?)?; // the API's bytes
//! assert!(json.starts_with(r#"{"code":0,"data":{"id":0,"category":"#));
//! assert!(json.contains(r#""total_amount":"19800.0","start_at":"2015-09-09","end_at":"""#));
//! assert!(json.contains(r#""unreceived_amount":19800.0"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The conversion is pure: no I/O, clock or global state. What differs between companies
//! (custom contract fields, approval) is a [`CompanySettings`] value, used through a
//! [`Converter`]. Amounts are exact decimals ([`Amount`], [`rust_decimal`]),
//! dates [`chrono`]'s; both crates are re-exported.
//!
//! # Modules
//!
//! The source is laid out in the order data flows, each module using only those before
//! it: `error` (what can go wrong), `money` (amounts as stored), `encoding` (each value
//! in the API's JSON, both ways), `records` (the input), `draft` (the output),
//! `settings` (one company's settings), `receivables`, `plans`, `convert` (the conversion and its
//! steps), `submit` (the create request), `json` (envelopes, output style) and `lines`
//! (JSON Lines). `docs/LIBRARY.md`'s "Layout"
//! says what each holds.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The modules in the order data flows through them: each uses only the ones above it
// (tests/integration/layers.rs checks it; docs/LIBRARY.md "Layout" says what each holds).
// How many items of each kind one input may hold.
pub mod limits;
// What can go wrong, and where.
mod error;
// Amounts as stored: limits and exact arithmetic.
mod money;
// How each kind of value is read from and written to the API's JSON.
mod encoding;
// The input records (opportunity, customer, user) and the bundle of the three.
mod records;
// The output: the contract draft and its parts.
mod draft;
// One company's settings as plain data: field kinds, approval, the contract fields.
mod settings;
// What a contract's payment plans and payments leave to be paid.
pub mod receivables;
// Payment-plan schedules: a total split into dated installments.
pub mod plans;
// The conversion and its steps: check, product lines, the contract template, hiding, report.
mod convert;
// The create request: a posted form checked and normalized.
pub mod submit;
// The JSON edge on the way out: envelopes and output style.
mod json;
// Batches: JSON Lines in, envelopes out, in order, on many threads.
pub mod lines;
// The request side of the endpoint: the Authorization header and the query.
pub mod request;
// Property-test strategies for all of the above (the `proptest` feature).
#[cfg(feature = "proptest")]
pub mod strategy;

pub use chrono;
pub use rust_decimal;

pub use convert::hiding::mask_number;
pub use convert::report::{MAX_NOTES, Note};
pub use convert::{Conversion, Converter, contract_from_opportunity};
pub use draft::{
    ApproveStatus, ContractDraft, CustomFields, DateSpan, EmptyList, EmptyRecord, FieldValue, NewProductLine,
    ProductsSummary,
};
pub use encoding::timestamp::CHINA_TIME;
pub use encoding::{parse_date, parse_time};
pub use error::{ECHO_LIMIT, Error, ErrorKind, Language, MAX_PROBLEMS, UnknownLanguage, Visible};
pub use json::{Envelope, ErrorEnvelope, FieldProblem, JsonStyle, Layout};
pub use money::{Amount, RubyDecimal};
pub use records::{
    Address, Bundle, Contact, CustomValues, Customer, Opportunity, Percent, ProductLine, User,
};
pub use settings::{
    ApprovalSettings, CompanyCheck, CompanySettings, ContractField, FieldKind, FieldMapping,
    SETTINGS_VERSION, TotalSource,
};

// The names of 0.2 that moved to the modules of their concern, kept for one release.
/// Moved to [`plans::Offset`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::Offset`")]
pub type Offset = plans::Offset;
/// Moved to [`plans::PlanSchedule`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::PlanSchedule`")]
pub type PlanSchedule = plans::PlanSchedule;
/// Moved to [`plans::PlanStatus`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::PlanStatus`")]
pub type PlanStatus = plans::PlanStatus;
/// Moved to [`plans::ScheduleRequest`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::ScheduleRequest`")]
pub type ScheduleRequest = plans::ScheduleRequest;
/// Moved to [`plans::ScheduledPlan`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::ScheduledPlan`")]
pub type ScheduledPlan = plans::ScheduledPlan;
/// Moved to [`plans::Share`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::Share`")]
pub type Share = plans::Share;
/// Moved to [`plans::Term`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::Term`")]
pub type Term = plans::Term;
/// Moved to [`plans::Terms`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::plans::Terms`")]
pub type Terms = plans::Terms;
/// Moved to [`receivables::ContractPayments`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::receivables::ContractPayments`")]
pub type ContractPayments = receivables::ContractPayments;
/// Moved to [`receivables::Payment`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::receivables::Payment`")]
pub type Payment = receivables::Payment;
/// Moved to [`receivables::PaymentPlan`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::receivables::PaymentPlan`")]
pub type PaymentPlan = receivables::PaymentPlan;
/// Moved to [`receivables::Receivables`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::receivables::Receivables`")]
pub type Receivables = receivables::Receivables;
/// Moved to [`submit::ContractForm`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::submit::ContractForm`")]
pub type ContractForm = submit::ContractForm;
/// Moved to [`submit::CreateRequest`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::submit::CreateRequest`")]
pub type CreateRequest = submit::CreateRequest;
/// Moved to [`lines::LinesOptions`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::lines::LinesOptions`")]
pub type LinesOptions = lines::LinesOptions;
/// Moved to [`lines::LinesSummary`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::lines::LinesSummary`")]
pub type LinesSummary = lines::LinesSummary;
/// Moved to [`lines::StreamError`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::lines::StreamError`")]
pub type StreamError = lines::StreamError;
/// Moved to [`lines::DEFAULT_MAX_LINE_BYTES`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::lines::DEFAULT_MAX_LINE_BYTES`")]
pub const DEFAULT_MAX_LINE_BYTES: usize = lines::DEFAULT_MAX_LINE_BYTES;
/// Moved to [`lines::MAX_JOBS`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::lines::MAX_JOBS`")]
pub const MAX_JOBS: usize = lines::MAX_JOBS;
/// Moved to [`lines::convert_lines`].
///
/// # Errors
///
/// As [`lines::convert_lines`].
#[deprecated(since = "0.3.0", note = "moved to `contract_draft::lines::convert_lines`")]
pub fn convert_lines<R: std::io::BufRead + Send, W: std::io::Write>(
    converter: &Converter,
    input: R,
    output: W,
    options: lines::LinesOptions,
    progress: impl FnMut(&lines::LinesSummary),
) -> Result<lines::LinesSummary, lines::StreamError> {
    lines::convert_lines(converter, input, output, options, progress)
}

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The examples of the reference in `docs/`, run as doctests.
#[cfg(doctest)]
pub mod reference_doctests {
    #[doc = include_str!("../docs/LIBRARY.md")]
    pub struct Library;
    #[doc = include_str!("../docs/PROGRAM.md")]
    pub struct Program;
    #[doc = include_str!("../docs/SETTINGS.md")]
    pub struct Settings;
    #[doc = include_str!("../docs/CONVERSION.md")]
    pub struct Conversion;
    #[doc = include_str!("../docs/LIFECYCLE.md")]
    pub struct Lifecycle;
    #[doc = include_str!("../docs/ENCODINGS.md")]
    pub struct Encodings;
    #[doc = include_str!("../docs/ERRORS.md")]
    pub struct Errors;
}
