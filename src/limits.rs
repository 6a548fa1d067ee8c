//! How many items of each kind one input may hold. No real company comes near them
//! (a contract of a thousand product lines, a customer of ten thousand contacts); they
//! bound the memory and time one request can take (docs/ENCODINGS.md, "Limits": the peak heap of
//! every entry point is at most 4 × its input plus 8 MiB). An input beyond a limit is
//! refused as it is read, before the rest is kept, with an
//! [`InputTooLarge`](crate::ErrorKind::InputTooLarge) error naming the list:
//!
//! ```
//! use contract_draft::{ErrorKind, limits::MAX_PLAN_TERMS};
//! use contract_draft::plans::ScheduleRequest;
//!
//! let terms = vec![r#"{"percent": "0.5"}"#; MAX_PLAN_TERMS + 1].join(",");
//! let json = format!(r#"{{"total_amount": "100", "start": "2026-01-01", "terms": [{terms}]}}"#);
//! let error = ScheduleRequest::from_json(json.as_bytes()).unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::InputTooLarge);
//! assert_eq!(error.to_string(), "terms: has more than 120 items (the limit)");
//! ```

/// Contacts of one customer (`customer.contacts`).
pub const MAX_CONTACTS: usize = 10_000;

/// Product lines of one opportunity (`opportunity.product_assets`) or one create
/// request (`contract.product_assets_attributes`).
pub const MAX_PRODUCT_LINES: usize = 1_000;

/// Custom-field keys (values and their `_display` companions together) of one record,
/// and contract fields of one company's settings.
pub const MAX_CUSTOM_FIELDS: usize = 1_000;

/// Keys of one object of a create request (`contract`, a product line): the form's own
/// keys, fewer than a hundred, and up to [`MAX_CUSTOM_FIELDS`] custom ones.
pub const MAX_FORM_KEYS: usize = MAX_CUSTOM_FIELDS + 100;

/// Items of one list value: a multi select's options or a file field's attachments as
/// a draft maps them, a create request's `attachments_attributes`.
pub const MAX_LIST_ITEMS: usize = 1_000;

/// Terms of one payment-plan schedule, as many as `{"equal": n}` allows (ten years of
/// monthly installments).
pub const MAX_PLAN_TERMS: usize = 120;

/// Payment plans, and payments, of one contract (each list on its own).
pub const MAX_PAYMENTS: usize = 10_000;

/// The largest record id: ids are stored as signed 64-bit integers (`bigint`), so an
/// id read from JSON or from a request is at most `i64::MAX`.
pub const MAX_ID: u64 = i64::MAX as u64;
