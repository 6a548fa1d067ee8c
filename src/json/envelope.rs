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
/// documented error.
///
/// ```
/// use contract_draft::{Bundle, ErrorEnvelope};
///
/// let error = Bundle::from_json(b"{").unwrap_err();
/// let envelope = ErrorEnvelope::from(&error);
/// assert_eq!(envelope.code, 100000);
/// assert_eq!(envelope.error, "invalid_app_error");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorEnvelope {
    /// The error code (see [`ErrorKind::code`](crate::ErrorKind::code)).
    pub code: u32,
    /// What went wrong, naming the field.
    pub message: String,
    /// The error key (see [`ErrorKind::error_key`](crate::ErrorKind::error_key)).
    pub error: &'static str,
}

impl From<&Error> for ErrorEnvelope {
    fn from(error: &Error) -> Self {
        Self { code: error.kind().code(), message: error.to_string(), error: error.kind().error_key() }
    }
}
