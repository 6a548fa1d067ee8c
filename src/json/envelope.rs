//! The response envelope of the ikcrm API: `{"code":0,"data":{…}}` on success and
//! `{"code":N,"message":"…","error":"…"}` on failure.

use serde::Serialize;

use super::style::JsonStyle;
use crate::encoding::compact::{JsonOut, WriteCompact};
use crate::error::{Error, Language};

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

impl<T: WriteCompact> WriteCompact for Envelope<T> {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        out.extend_from_slice(b"{\"code\":");
        self.code.write_compact(out);
        out.extend_from_slice(b",\"data\":");
        self.data.write_compact(out);
        out.push(b'}');
    }
}

impl<T: Serialize> Envelope<T> {
    /// The response body as the API sends it: compact and HTML-safe
    /// ([`JsonStyle::API`]). It fails only where `T`'s own `Serialize` fails; the
    /// crate's drafts, receivables, schedules and saved contracts never do.
    ///
    /// ```
    /// use contract_draft::{Converter, Envelope};
    ///
    /// let conversion = Converter::default().convert_json(include_bytes!("../../fixtures/bundle.json"))?;
    /// let body = Envelope::new(&conversion.draft).to_json()?;
    /// assert!(body.starts_with(br#"{"code":0,"data":{"id":0,"category":"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        let mut body = Vec::new();
        JsonStyle::API.append(&mut body, self)?;
        Ok(body)
    }
}

/// An error response: `{"code": N, "message": "…", "error": "…"}`, the shape of the
/// documented error, made from an [`Error`] in the caller's [`Language`] (Chinese, the
/// API's, with `From`).
///
/// The `message` is [`Error::message`]: ikcrm's patterns in Chinese, the path and
/// detail in English, withholding what the caller may not learn (another company's
/// record reads as one not found, whatever its path).
///
/// ```
/// use contract_draft::{Bundle, ErrorEnvelope, Language};
///
/// let error = Bundle::from_json(b"{").unwrap_err();
/// let envelope = ErrorEnvelope::from(&error);
/// assert_eq!(envelope.code, 100000);
/// assert_eq!(envelope.error, "invalid_app_error");
/// assert_eq!(envelope.message, "请求参数错误：不是有效的JSON");
/// assert_eq!(ErrorEnvelope::from(error.clone()), envelope);
/// assert_eq!(
///     ErrorEnvelope::new(&error, Language::English).message,
///     "EOF while parsing an object at line 1 column 1"
/// );
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
///     r#"{"code":100100,"message":"您没有权限查看该对象或该对象不存在。","error":"active_record/record_not_found"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ErrorEnvelope {
    /// The error code (see [`ErrorKind::code`](crate::ErrorKind::code)).
    pub code: u32,
    /// What went wrong, for the caller ([`Error::message`]).
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
    /// What was wrong with it, as the problem's own envelope would say it.
    pub message: String,
}

impl ErrorEnvelope {
    /// The envelope of `error` for a caller who reads `language`.
    pub fn new(error: &Error, language: Language) -> Self {
        let errors = error
            .problems()
            .iter()
            .map(|problem| FieldProblem {
                path: problem.path().to_owned(),
                message: problem.message(language),
            })
            .collect();
        Self {
            code: error.kind().code(),
            message: error.message(language),
            error: error.kind().error_key(),
            errors,
        }
    }
}

impl ErrorEnvelope {
    /// The response body as the API sends it: compact and HTML-safe
    /// ([`JsonStyle::API`]).
    ///
    /// # Panics
    ///
    /// Never: an envelope is numbers and strings, which always serialize.
    ///
    /// ```
    /// use contract_draft::{Error, ErrorEnvelope};
    ///
    /// let body = ErrorEnvelope::from(Error::not_found("no opportunity 5")).to_json();
    /// assert_eq!(
    ///     body,
    ///     r#"{"code":100100,"message":"您没有权限查看该对象或该对象不存在。","error":"active_record/record_not_found"}"#.as_bytes()
    /// );
    /// ```
    pub fn to_json(&self) -> Vec<u8> {
        let mut body = Vec::new();
        JsonStyle::API
            .append(&mut body, self)
            .expect("an error envelope is numbers and strings, which always serialize");
        body
    }
}

impl From<&Error> for ErrorEnvelope {
    /// The envelope in the API's language, Chinese.
    fn from(error: &Error) -> Self {
        Self::new(error, Language::Chinese)
    }
}

impl From<Error> for ErrorEnvelope {
    /// The envelope in the API's language, Chinese.
    fn from(error: Error) -> Self {
        Self::new(&error, Language::Chinese)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Converter;
    use crate::json::Layout;

    /// The compact envelope of a draft, as the batch path writes it: serde_json's bytes.
    #[test]
    fn a_drafts_envelope_is_written_compact_as_serde_json_writes_it() {
        let conversion =
            Converter::default().convert_json(include_bytes!("../../fixtures/bundle.json")).unwrap();
        let envelope = Envelope::new(&conversion.draft);
        let mut compact = Vec::new();
        envelope.write_compact(&mut JsonOut::new(&mut compact, false));
        assert_eq!(String::from_utf8(compact).unwrap(), serde_json::to_string(&envelope).unwrap());
        for (layout, html_safe) in [(Layout::Compact, false), (Layout::Compact, true), (Layout::Pretty, true)]
        {
            let style = JsonStyle { layout, html_safe };
            let (mut written, mut appended) = (b"x".to_vec(), b"x".to_vec());
            style.append_written(&mut written, &envelope).unwrap();
            style.append(&mut appended, &envelope).unwrap();
            assert_eq!(written, appended);
        }
    }
}
