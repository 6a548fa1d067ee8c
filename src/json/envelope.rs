//! The response envelope of the ikcrm API: `{"code":0,"data":{…}}` on success and
//! `{"code":N,"message":"…","error":"…"}` on failure.

use serde::Serialize;

use crate::error::Error;

/// A success response: `{"code": 0, "data": …}`.
///
/// ```
/// use contract_draft::Envelope;
///
/// assert_eq!(serde_json::to_string(&Envelope::new([1]))?, r#"{"code":0,"data":[1]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Envelope<T> {
    code: u32,
    /// The response's data.
    pub data: T,
}

impl<T> Envelope<T> {
    /// Wraps `data` in a success envelope (code 0).
    pub const fn new(data: T) -> Self {
        Self { code: 0, data }
    }
}

/// An error response: `{"code": N, "message": "…", "error": "…"}`, the shape of the
/// documented error. Made from an [`Error`], owned or borrowed.
///
/// The `message` is the error's path and detail, as its `Display` writes them, except
/// for a [`CustomerMismatch`](crate::ErrorKind::CustomerMismatch) or an
/// [`OrganizationMismatch`](crate::ErrorKind::OrganizationMismatch): their detail names
/// the records' ids (another company's among them), so the caller reads a fixed wording
/// after the path, and the full detail stays in the error, for logs.
///
/// ```
/// use contract_draft::{Bundle, ErrorEnvelope};
///
/// let error = Bundle::from_json(b"{").unwrap_err();
/// let envelope = ErrorEnvelope::from(&error);
/// assert_eq!(envelope.code, 100000);
/// assert_eq!(envelope.error, "invalid_app_error");
/// assert_eq!(ErrorEnvelope::from(error), envelope);
/// ```
///
/// ```
/// use contract_draft::{Converter, ErrorEnvelope};
///
/// // The opportunity's creator is of company 50, the user of company 49.
/// let bundle = include_str!("../../fixtures/bundle.json")
///     .replacen(r#""organization_id": 49"#, r#""organization_id": 50"#, 1);
/// let error = Converter::default().convert_json(bundle.as_bytes()).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "opportunity.creator.organization_id: the opportunity belongs to company 50, not to the user's company 49"
/// );
/// assert_eq!(
///     serde_json::to_string(&ErrorEnvelope::from(error))?,
///     r#"{"code":100100,"message":"opportunity.creator.organization_id: the record was not found in the user's company","error":"active_record/record_not_found"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ErrorEnvelope {
    /// The error code (see [`ErrorKind::code`](crate::ErrorKind::code)).
    pub code: u32,
    /// What went wrong, naming the field (for a mismatch, without the records' ids).
    pub message: String,
    /// The error key (see [`ErrorKind::error_key`](crate::ErrorKind::error_key)).
    pub error: &'static str,
    /// For an error that reports several problems at once ([`Error::problems`]), each
    /// with its path; written after the three documented keys, and only then.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One of several problems an error envelope lists: `{"path": …, "message": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FieldProblem {
    /// The JSON path of the field (`contract.title`).
    pub path: String,
    /// What was wrong with it, as the envelope's message says it.
    pub message: String,
}

impl From<&Error> for ErrorEnvelope {
    fn from(error: &Error) -> Self {
        let errors = error
            .problems()
            .iter()
            .map(|problem| FieldProblem {
                path: problem.path().to_owned(),
                message: problem.public_detail().to_owned(),
            })
            .collect();
        Self {
            code: error.kind().code(),
            message: error.public_message(),
            error: error.kind().error_key(),
            errors,
        }
    }
}

impl From<Error> for ErrorEnvelope {
    fn from(error: Error) -> Self {
        Self::from(&error)
    }
}
