//! The crate's one error type.
//!
//! An [`Error`] says what kind of problem it is ([`ErrorKind`]), where (the JSON path of
//! the field, such as `customer.contacts[0].address.lat`) and what exactly was wrong, in
//! words a person can act on (its `Display`, English, for logs). The kind decides the
//! `code` and `error` keys of the error envelope, reusing ikcrm's codes, and the HTTP
//! status a service answers with; the caller's message is made in the caller's
//! [`Language`] and withholds what the caller may not learn (`message`).
//!
//! Errors are made where problems are found: reading JSON (`encoding::reader`), checking
//! records and settings (`convert`, `settings`), checking a request (`request`); a
//! service makes its own with the constructors ([`Error::not_found`], ...).

use std::fmt;

pub(crate) mod echo;
mod labels;
mod message;

pub use echo::{ECHO_LIMIT, Visible};
pub use message::{Language, UnknownLanguage};

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
    /// A request parameter is wrong: the `Authorization` header's `device` or
    /// `version_code`, a query's `opportunity_id` (ikcrm's `device参数错误`).
    InvalidParameter,
    /// The request carries no valid access token.
    Unauthenticated,
    /// The record asked for does not exist, or the user may not see it: the service's
    /// answer for an id it does not have, and the same bytes as an
    /// [`OrganizationMismatch`](Self::OrganizationMismatch).
    NotFound,
    /// A value that must be unique is taken, such as a contract number already used in
    /// the company.
    Duplicate,
    /// The service failed by no fault of the caller's: its storage, or records it loaded
    /// from its storage that the conversion refuses ([`Error::of_stored_records`]).
    ServiceFailure,
}

impl ErrorKind {
    /// Every kind, in the order of the error table (docs/ERRORS.md).
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
        Self::InvalidParameter,
        Self::Unauthenticated,
        Self::NotFound,
        Self::Duplicate,
        Self::ServiceFailure,
    ];

    /// The envelope's `code`: ikcrm's 100000 for invalid input, 100100 for a record the
    /// user may not see, 100401 without a valid login, 100407 for a duplicate; 190001 and
    /// 190002 (the crate's own; ikcrm publishes none) for invalid company settings and
    /// any other failure of the service's.
    pub const fn code(self) -> u32 {
        match self {
            Self::OrganizationMismatch | Self::NotFound => 100_100,
            Self::Unauthenticated => 100_401,
            Self::Duplicate => 100_407,
            Self::InvalidSettings => 190_001,
            Self::ServiceFailure => 190_002,
            _ => 100_000,
        }
    }

    /// The envelope's `error` key, paired with [`ErrorKind::code`].
    pub const fn error_key(self) -> &'static str {
        match self {
            Self::OrganizationMismatch | Self::NotFound => "active_record/record_not_found",
            Self::Unauthenticated => "user_authentication_error",
            Self::Duplicate => "entity_duplicate_error",
            Self::InvalidSettings => "invalid_settings_error",
            Self::ServiceFailure => "service_error",
            _ => "invalid_app_error",
        }
    }

    /// Whose fault an error of this kind is: `true` for the service's own (its
    /// settings, its storage: HTTP 500), `false` for the caller's.
    pub const fn is_service_failure(self) -> bool {
        matches!(self, Self::InvalidSettings | Self::ServiceFailure)
    }

    /// The HTTP status a service answers with for this kind (ikcrm documents none): 400
    /// for input that is not JSON ([`MalformedJson`](Self::MalformedJson),
    /// [`InvalidUtf8`](Self::InvalidUtf8)) and a wrong request parameter, 401 without a
    /// valid login, 422 for a field that is missing or invalid (the JSON is fine, its
    /// content is not), 404 for a record not found and for a customer or a company that
    /// does not match (the records were not found together, as the API answers
    /// `record_not_found`), 409 for a duplicate, 413 for input over its size limit and
    /// 500 for the service's own failures (invalid company settings, its storage).
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
            Self::MalformedJson | Self::InvalidUtf8 | Self::InvalidParameter => 400,
            Self::Unauthenticated => 401,
            Self::MissingField
            | Self::WrongType
            | Self::DateFormat
            | Self::ImpossibleDate
            | Self::InvalidAmount
            | Self::InvalidValue
            | Self::Overflow => 422,
            Self::CustomerMismatch | Self::OrganizationMismatch | Self::NotFound => 404,
            Self::Duplicate => 409,
            Self::InputTooLarge => 413,
            Self::InvalidSettings | Self::ServiceFailure => 500,
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
            Self::InvalidParameter => "invalid_parameter",
            Self::Unauthenticated => "unauthenticated",
            Self::NotFound => "not_found",
            Self::Duplicate => "duplicate",
            Self::ServiceFailure => "service_failure",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A problem with the input, found while reading or checking it, or a service's own
/// answer (a record not found, a missing login, a duplicate, a failure of its own).
///
/// Its `Display` (`path: detail`, English) is the full message, for logs; the
/// [`ErrorEnvelope`](crate::ErrorEnvelope) made of it tells the caller
/// [`Error::message`], in the caller's [`Language`] and without what the caller may not
/// learn (another company's ids, whether a record exists).
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
#[error("{}", message::Joined(&self.path, &self.detail))]
pub struct Error {
    kind: ErrorKind,
    path: String,
    detail: String,
    /// The problems of an error that reports several at once; empty otherwise.
    problems: Vec<Error>,
    /// How many problems there were beyond those kept in `problems`.
    omitted_problems: usize,
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
    /// let error = Error::new(ErrorKind::MissingField, "contract.sn", "is required");
    /// assert_eq!(ErrorEnvelope::from(error).message, "合同编号参数错误：不能为空");
    /// ```
    pub fn new(kind: ErrorKind, path: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self {
            kind,
            path: bounded(path.into(), MAX_PATH),
            detail: bounded(detail.to_string(), MAX_DETAIL),
            problems: Vec::new(),
            omitted_problems: 0,
        }
    }

    /// A service's answer for a record it does not have, or may not show the user:
    /// [`ErrorKind::NotFound`]. Its envelope is byte for byte that of another company's
    /// record ([`ErrorKind::OrganizationMismatch`]), whatever the `detail`, which is for
    /// the log alone.
    ///
    /// ```
    /// use contract_draft::{Error, ErrorEnvelope, JsonStyle, Layout};
    ///
    /// let envelope = ErrorEnvelope::from(Error::not_found("no opportunity 576543 in company 49"));
    /// let mut json = Vec::new();
    /// JsonStyle::new(Layout::Compact, false).append(&mut json, &envelope)?;
    /// assert_eq!(
    ///     String::from_utf8(json).unwrap(),
    ///     r#"{"code":100100,"message":"您没有权限查看该对象或该对象不存在。","error":"active_record/record_not_found"}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn not_found(detail: impl fmt::Display) -> Self {
        Self::new(ErrorKind::NotFound, "", detail)
    }

    /// A request without a valid access token ([`ErrorKind::Unauthenticated`], ikcrm's
    /// 100401 `您的登录已经过期,请重新登录!`); the `detail` is for the log.
    pub fn unauthenticated(detail: impl fmt::Display) -> Self {
        Self::new(ErrorKind::Unauthenticated, "", detail)
    }

    /// A wrong request `parameter` ([`ErrorKind::InvalidParameter`]):
    /// `<parameter>参数错误`, as ikcrm answers a wrong `device`.
    pub fn invalid_parameter(parameter: &str, detail: impl fmt::Display) -> Self {
        Self::new(ErrorKind::InvalidParameter, echo::Excerpt(parameter).to_string(), detail)
    }

    /// A value at `path` that must be unique and is taken ([`ErrorKind::Duplicate`]):
    /// `你已经有相同<label>的<record>`, e.g. `你已经有相同合同编号的合同` for `contract.sn`.
    pub fn duplicate(path: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self::new(ErrorKind::Duplicate, path, detail)
    }

    /// A failure of the service's own, by no fault of the caller's
    /// ([`ErrorKind::ServiceFailure`], HTTP 500); the `detail` is for the log.
    pub fn service_failure(detail: impl fmt::Display) -> Self {
        Self::new(ErrorKind::ServiceFailure, "", detail)
    }

    /// This error about records the service loaded from its own storage, rather than
    /// records the caller sent: a value the conversion refuses (a stored amount out of
    /// range, a creator missing under a strict company check) is then the service's
    /// failure ([`ErrorKind::ServiceFailure`], HTTP 500; path and detail kept for the
    /// log), not the caller's (422). A record of another company, or not found, stays
    /// what it is: the caller asked for a record it may not see.
    ///
    /// ```
    /// use contract_draft::{Converter, Customer, ErrorKind, Opportunity, User};
    ///
    /// let mut opportunity = Opportunity::new(576543, "CRM集团版", "19800".parse()?, 23481906);
    /// opportunity.expect_sign_date = chrono::NaiveDate::from_ymd_opt(12345, 1, 1); // as stored
    /// let (customer, user) = (Customer::new(23481906, "向导"), User::new(364513, "个比唠忘", 49));
    /// let error = Converter::default().convert_owned(opportunity, customer, user).unwrap_err();
    /// assert_eq!(error.kind().http_status(), 422);
    /// let error = error.of_stored_records();
    /// assert_eq!((error.kind(), error.kind().http_status()), (ErrorKind::ServiceFailure, 500));
    /// assert_eq!(
    ///     error.to_string(),
    ///     "opportunity.expect_sign_date: year 12345 is outside the years 0001 to 9999 (in China time)"
    /// );
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    #[must_use]
    pub fn of_stored_records(mut self) -> Self {
        if !matches!(self.kind, ErrorKind::OrganizationMismatch | ErrorKind::NotFound) {
            self.kind = ErrorKind::ServiceFailure;
            for problem in &mut self.problems {
                problem.kind = ErrorKind::ServiceFailure;
            }
        }
        self
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
    /// split of a stream converts to the same lines (see docs/PROGRAM.md, "At scale"); the
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
        placed.omitted_problems = self.omitted_problems;
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

    /// `Ok` without problems, else the error that reports them (see [`Error::all`]).
    pub(crate) fn into_result(self) -> Result<(), Error> {
        let Some(first) = self.kept.first() else { return Ok(()) };
        let mut detail = self.kept.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        if self.more > 0 {
            detail = format!("{detail}; and {} more", self.more);
        }
        let mut error = Error::new(first.kind, "", detail);
        error.problems = self.kept;
        error.omitted_problems = self.more;
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
            // A kind is displayed as its name.
            assert_eq!(a.to_string(), a.name());
        }
        assert_eq!(ErrorKind::InvalidAmount.to_string(), "invalid_amount");
    }

    /// Every kind's status, spelled out: a new kind must be added here (and to the
    /// docs/ERRORS.md) with the status a service answers with.
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
                (ErrorKind::InvalidParameter, 400),
                (ErrorKind::Unauthenticated, 401),
                (ErrorKind::NotFound, 404),
                (ErrorKind::Duplicate, 409),
                (ErrorKind::ServiceFailure, 500),
            ]
        );
    }

    /// Every kind's code and key, spelled out: ikcrm's where it publishes one.
    #[test]
    fn every_kind_has_the_apis_code_and_key() {
        let envelopes: Vec<(&str, u32, &str, bool)> = ErrorKind::ALL
            .iter()
            .map(|&kind| (kind.name(), kind.code(), kind.error_key(), kind.is_service_failure()))
            .collect();
        let input = |name| (name, 100_000, "invalid_app_error", false);
        assert_eq!(
            envelopes,
            [
                input("malformed_json"),
                input("invalid_utf8"),
                input("missing_field"),
                input("wrong_type"),
                input("date_format"),
                input("impossible_date"),
                input("invalid_amount"),
                input("invalid_value"),
                input("customer_mismatch"),
                ("organization_mismatch", 100_100, "active_record/record_not_found", false),
                input("overflow"),
                ("invalid_settings", 190_001, "invalid_settings_error", true),
                input("input_too_large"),
                input("invalid_parameter"),
                ("unauthenticated", 100_401, "user_authentication_error", false),
                ("not_found", 100_100, "active_record/record_not_found", false),
                ("duplicate", 100_407, "entity_duplicate_error", false),
                ("service_failure", 190_002, "service_error", true),
            ]
        );
    }

    #[test]
    fn stored_records_that_are_refused_are_the_services_failure() {
        let error = Error::all(vec![Error::new(ErrorKind::InvalidAmount, "opportunity.expect_amount", "x")])
            .unwrap_err()
            .of_stored_records();
        assert_eq!(error.kind(), ErrorKind::ServiceFailure);
        assert_eq!(error.problems()[0].kind(), ErrorKind::ServiceFailure);
        for kind in [ErrorKind::OrganizationMismatch, ErrorKind::NotFound] {
            assert_eq!(Error::new(kind, "p", "d").of_stored_records().kind(), kind);
        }
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
