//! The crate's one error type.
//!
//! An [`Error`] says what kind of problem it is ([`ErrorKind`]), where (the JSON path of
//! the field, such as `customer.contacts[0].address.lat`) and what exactly was wrong, in
//! words a person can act on. The kind decides the `code` and `error` keys of the error
//! envelope, reusing ikcrm's codes where one fits, and the HTTP status a service answers
//! with; the path and detail make its message, but for the details a caller may not read
//! (`public`: a mismatch names ids of records the caller was refused).
//!
//! Errors are made where problems are found: reading JSON (`encoding::reader`), checking
//! records and settings (`convert`, `settings`).

use std::fmt;

pub(crate) mod echo;
mod public;

/// What kind of problem an [`Error`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON: a syntax error or a truncated document.
    MalformedJson,
    /// A string is not valid UTF-8 (or holds a lone surrogate escape).
    InvalidUtf8,
    /// A required key is missing.
    MissingField,
    /// A value has the wrong JSON type, such as a string where an id is expected.
    WrongType,
    /// A date or time is not in an accepted format, such as `2015/09/09`.
    DateFormat,
    /// A date or time is well formed but does not exist, such as `2015-02-30`.
    ImpossibleDate,
    /// An amount is not a number, negative, not finite, or beyond the stored precision
    /// (18 integer and 6 fractional digits).
    InvalidAmount,
    /// Any other value outside its field's domain, such as a percentage above 100.
    InvalidValue,
    /// The customer is not the opportunity's customer.
    CustomerMismatch,
    /// A record belongs to another company than the user who creates the draft.
    OrganizationMismatch,
    /// A computed amount does not fit a decimal.
    Overflow,
    /// The company settings are invalid.
    InvalidSettings,
    /// The input (a file, a JSON Lines line) is longer than the limit set for it.
    InputTooLarge,
}

impl ErrorKind {
    /// Every kind, in the order of the README's error table.
    pub const ALL: &'static [ErrorKind] = &[
        Self::MalformedJson,
        Self::InvalidUtf8,
        Self::MissingField,
        Self::WrongType,
        Self::DateFormat,
        Self::ImpossibleDate,
        Self::InvalidAmount,
        Self::InvalidValue,
        Self::CustomerMismatch,
        Self::OrganizationMismatch,
        Self::Overflow,
        Self::InvalidSettings,
        Self::InputTooLarge,
    ];

    /// The envelope's `code`: ikcrm's 100000 for invalid input, 100100 for a record the
    /// user may not see, and 190001 (the crate's own) for invalid company settings.
    pub const fn code(self) -> u32 {
        match self {
            Self::OrganizationMismatch => 100_100,
            Self::InvalidSettings => 190_001,
            _ => 100_000,
        }
    }

    /// The envelope's `error` key, paired with [`ErrorKind::code`].
    pub const fn error_key(self) -> &'static str {
        match self {
            Self::OrganizationMismatch => "active_record/record_not_found",
            Self::InvalidSettings => "invalid_settings_error",
            _ => "invalid_app_error",
        }
    }

    /// The HTTP status a service answers with for this kind: 400 for input that is not
    /// JSON ([`MalformedJson`](Self::MalformedJson), [`InvalidUtf8`](Self::InvalidUtf8)),
    /// 422 for a field that is missing or invalid (the JSON is fine, its content is not),
    /// 404 for a customer or a company that does not match (the records were not found
    /// together, as the API answers `record_not_found`), 413 for input over its size limit
    /// and 500 for invalid company settings (the service's own configuration, not the
    /// request).
    ///
    /// ```
    /// use contract_draft::{Bundle, ErrorKind};
    ///
    /// let error = Bundle::from_json(b"{").unwrap_err();
    /// assert_eq!(error.kind().http_status(), 400);
    /// let error = Bundle::from_json(br#"{"opportunity": {"expect_amount": "-1"}}"#).unwrap_err();
    /// assert_eq!(error.kind().http_status(), 422);
    /// assert_eq!(ErrorKind::OrganizationMismatch.http_status(), 404);
    /// ```
    pub const fn http_status(self) -> u16 {
        match self {
            Self::MalformedJson | Self::InvalidUtf8 => 400,
            Self::MissingField
            | Self::WrongType
            | Self::DateFormat
            | Self::ImpossibleDate
            | Self::InvalidAmount
            | Self::InvalidValue
            | Self::Overflow => 422,
            Self::CustomerMismatch | Self::OrganizationMismatch => 404,
            Self::InputTooLarge => 413,
            Self::InvalidSettings => 500,
        }
    }

    /// A stable `snake_case` name for the kind, used to carry it through serde.
    pub const fn name(self) -> &'static str {
        match self {
            Self::MalformedJson => "malformed_json",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::MissingField => "missing_field",
            Self::WrongType => "wrong_type",
            Self::DateFormat => "date_format",
            Self::ImpossibleDate => "impossible_date",
            Self::InvalidAmount => "invalid_amount",
            Self::InvalidValue => "invalid_value",
            Self::CustomerMismatch => "customer_mismatch",
            Self::OrganizationMismatch => "organization_mismatch",
            Self::Overflow => "overflow",
            Self::InvalidSettings => "invalid_settings",
            Self::InputTooLarge => "input_too_large",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A problem with the input, found while reading or checking it.
///
/// Its `Display` (`path: detail`) is the full message, for logs; the
/// [`ErrorEnvelope`](crate::ErrorEnvelope) made of it tells the caller the same, except
/// that a [`CustomerMismatch`](ErrorKind::CustomerMismatch) or an
/// [`OrganizationMismatch`](ErrorKind::OrganizationMismatch) keeps its path but not its
/// detail, which names the records' ids (another company's among them).
///
/// ```
/// use contract_draft::{Bundle, ErrorKind};
///
/// let error = Bundle::from_json(br#"{"opportunity": {"expect_amount": "-1"}}"#).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::InvalidAmount);
/// assert_eq!(error.path(), "opportunity.expect_amount");
/// assert_eq!(error.to_string(), "opportunity.expect_amount: the amount is negative");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", public::Joined(&self.path, &self.detail))]
pub struct Error {
    kind: ErrorKind,
    path: String,
    detail: String,
    /// The problems of an error that reports several at once; empty otherwise.
    problems: Vec<Error>,
}

impl Error {
    /// An error of `kind` about the field at `path` (empty for the whole input), for a
    /// service's own checks to answer in the API's shape (through
    /// [`ErrorEnvelope`](crate::ErrorEnvelope)).
    ///
    /// However a message was made, its path and detail are cut to 256 and 512
    /// characters, so that no input makes an error (or its envelope) large.
    ///
    /// ```
    /// use contract_draft::{Error, ErrorEnvelope, ErrorKind};
    ///
    /// let error = Error::new(ErrorKind::MissingField, "opportunity.sn", "is required");
    /// assert_eq!(ErrorEnvelope::from(error).message, "opportunity.sn: is required");
    /// ```
    pub fn new(kind: ErrorKind, path: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self {
            kind,
            path: bounded(path.into(), MAX_PATH),
            detail: bounded(detail.to_string(), MAX_DETAIL),
            problems: Vec::new(),
        }
    }

    /// The error for an input (a file, a request body) longer than the `limit` in bytes
    /// its reader set: [`ErrorKind::InputTooLarge`].
    ///
    /// ```
    /// use contract_draft::{Error, ErrorKind};
    ///
    /// let error = Error::input_too_large(1024);
    /// assert_eq!(error.kind(), ErrorKind::InputTooLarge);
    /// assert_eq!(error.to_string(), "the input is longer than the limit of 1024 bytes");
    /// ```
    pub fn input_too_large(limit: usize) -> Self {
        Self::new(
            ErrorKind::InputTooLarge,
            "",
            format_args!("the input is longer than the limit of {limit} bytes"),
        )
    }

    /// The error for a line of a JSON Lines stream longer than `limit` bytes. It does not
    /// name the line's number: a line's envelope depends on the line alone, so that any
    /// split of a stream converts to the same lines (see the README's "At scale"); the
    /// stream's summary names the first failed line.
    pub(crate) fn line_too_long(limit: usize) -> Self {
        Self::new(
            ErrorKind::InputTooLarge,
            "",
            format_args!("the line is longer than the limit of {limit} bytes"),
        )
    }

    /// The same error about the field `parent` holds: its path becomes `parent.path`
    /// (`parent` alone for an error about a whole value). For errors of values made
    /// outside a record's reader, such as [`Amount::new`](crate::Amount::new)'s.
    ///
    /// ```
    /// use contract_draft::Amount;
    ///
    /// let error = "-5".parse::<Amount>().unwrap_err().within("opportunity.expect_amount");
    /// assert_eq!(error.to_string(), "opportunity.expect_amount: the amount is negative");
    /// ```
    #[must_use]
    pub fn within(self, parent: &str) -> Self {
        let path = match (parent.is_empty(), self.path.is_empty()) {
            (_, true) => parent.to_owned(),
            (true, false) => self.path,
            (false, false) if self.path.starts_with('[') => format!("{parent}{}", self.path),
            (false, false) => format!("{parent}.{}", self.path),
        };
        let mut placed = Self::new(self.kind, path, self.detail);
        placed.problems = self.problems.into_iter().map(|problem| problem.within(parent)).collect();
        placed
    }

    /// Every problem found at once, as one error: `Ok` without any, else an error of the
    /// first one's kind, about the whole input, whose detail joins them all
    /// (`contract.title: is required; contract.sn: is required`) and whose
    /// [`Error::problems`] lists them (one problem too, so that a caller always finds
    /// the list).
    ///
    /// ```
    /// use contract_draft::{Error, ErrorKind};
    ///
    /// let error = Error::all(vec![
    ///     Error::new(ErrorKind::MissingField, "contract.title", "is required"),
    ///     Error::new(ErrorKind::InvalidValue, "contract.end_at", "is before start_at"),
    /// ]).unwrap_err();
    /// assert_eq!(error.to_string(), "contract.title: is required; contract.end_at: is before start_at");
    /// assert_eq!(error.problems()[1].path(), "contract.end_at");
    /// ```
    ///
    /// At most [`MAX_PROBLEMS`] are kept (the detail counts the rest), so that no input
    /// makes an error large.
    pub fn all(problems: Vec<Error>) -> Result<(), Self> {
        let mut collected = Problems::default();
        for problem in problems {
            collected.push(problem);
        }
        collected.into_result()
    }

    /// The problems of an error that reports several at once ([`Error::all`]); empty
    /// for an error about one problem.
    pub fn problems(&self) -> &[Error] {
        &self.problems
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The JSON path of the field concerned (`opportunity.expect_sign_date`,
    /// `customer.contacts[1].address.lng`), or `""` when the error is about the input
    /// as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong, without the path.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// The most characters of an error's path: a few nested keys of at most
/// [`ECHO_LIMIT`](crate::error::echo::ECHO_LIMIT) characters each.
const MAX_PATH: usize = 256;

/// Problems found one after another, for an error that reports them all: the first
/// [`MAX_PROBLEMS`] kept, the rest only counted, so that no input makes them large.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    kept: Vec<Error>,
    more: usize,
}

impl Problems {
    /// Adds a problem.
    pub(crate) fn push(&mut self, problem: Error) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// Whether none was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// `Ok` without problems, else the error that reports them (see [`Error::all`]).
    pub(crate) fn into_result(self) -> Result<(), Error> {
        let Some(first) = self.kept.first() else { return Ok(()) };
        let mut detail = self.kept.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        if self.more > 0 {
            detail = format!("{detail}; and {} more", self.more);
        }
        let mut error = Error::new(first.kind, "", detail);
        error.problems = self.kept;
        Err(error)
    }
}

/// The most problems an error reporting several at once keeps ([`Error::all`]).
pub const MAX_PROBLEMS: usize = 100;

/// The most characters of an error's detail.
const MAX_DETAIL: usize = 512;

/// `text`, cut to `most` characters with `…` after them.
fn bounded(mut text: String, most: usize) -> String {
    if let Some((end, _)) = text.char_indices().nth(most) {
        text.truncate(end);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique() {
        for (i, a) in ErrorKind::ALL.iter().enumerate() {
            for b in &ErrorKind::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
            }
        }
    }

    /// Every kind's status, spelled out: a new kind must be added here (and to the
    /// README's table) with the status a service answers with.
    #[test]
    fn every_kind_has_its_http_status() {
        let statuses: Vec<(ErrorKind, u16)> =
            ErrorKind::ALL.iter().map(|&kind| (kind, kind.http_status())).collect();
        assert_eq!(
            statuses,
            [
                (ErrorKind::MalformedJson, 400),
                (ErrorKind::InvalidUtf8, 400),
                (ErrorKind::MissingField, 422),
                (ErrorKind::WrongType, 422),
                (ErrorKind::DateFormat, 422),
                (ErrorKind::ImpossibleDate, 422),
                (ErrorKind::InvalidAmount, 422),
                (ErrorKind::InvalidValue, 422),
                (ErrorKind::CustomerMismatch, 404),
                (ErrorKind::OrganizationMismatch, 404),
                (ErrorKind::Overflow, 422),
                (ErrorKind::InvalidSettings, 500),
                (ErrorKind::InputTooLarge, 413),
            ]
        );
    }

    #[test]
    fn kinds_have_the_apis_codes_and_keys_and_their_names() {
        let envelope = |kind: ErrorKind| (kind.code(), kind.error_key(), kind.to_string());
        assert_eq!(
            envelope(ErrorKind::InvalidAmount),
            (100_000, "invalid_app_error", "invalid_amount".into())
        );
        assert_eq!(
            envelope(ErrorKind::OrganizationMismatch),
            (100_100, "active_record/record_not_found", "organization_mismatch".into())
        );
        assert_eq!(
            envelope(ErrorKind::InvalidSettings),
            (190_001, "invalid_settings_error", "invalid_settings".into())
        );
    }

    #[test]
    fn problems_are_reported_together_and_counted_past_the_limit() {
        assert_eq!(Error::all(Vec::new()), Ok(()));
        let one = Error::all(vec![Error::new(ErrorKind::MissingField, "a", "is required")]).unwrap_err();
        assert_eq!((one.kind(), one.path(), one.problems().len()), (ErrorKind::MissingField, "", 1));
        let many = (0..=MAX_PROBLEMS).map(|_| Error::new(ErrorKind::InvalidValue, "", "x")).collect();
        let error = Error::all(many).unwrap_err();
        assert_eq!(error.problems().len(), MAX_PROBLEMS);
        assert!(error.detail().ends_with("x; x; and 1 more"), "{}", error.detail());
    }

    #[test]
    fn an_error_is_placed_under_its_parent() {
        let within = |path: &str, parent: &str| {
            Error::new(ErrorKind::InvalidValue, path, "x").within(parent).path().to_owned()
        };
        assert_eq!(within("amount", "rows[3]"), "rows[3].amount");
        assert_eq!(within("[2].amount", "plans"), "plans[2].amount");
        assert_eq!(within("", "total"), "total");
        assert_eq!(within("a", ""), "a");
    }

    #[test]
    fn errors_are_bounded_however_they_are_made() {
        let error = Error::new(ErrorKind::InvalidValue, "p".repeat(1000), "d".repeat(10_000));
        assert_eq!(error.path().chars().count(), MAX_PATH + 1);
        assert_eq!(error.detail().chars().count(), MAX_DETAIL + 1);
        assert!(error.detail().ends_with('…'));
    }

    #[test]
    fn display_joins_path_and_detail() {
        let error = Error::new(ErrorKind::MissingField, "opportunity.id", "is required");
        assert_eq!(error.to_string(), "opportunity.id: is required");
        let error = Error::new(ErrorKind::MalformedJson, "", "EOF while parsing");
        assert_eq!(error.to_string(), "EOF while parsing");
    }
}
