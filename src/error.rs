//! The crate's one error type.
//!
//! An [`Error`] says what kind of problem it is ([`ErrorKind`]), where (the JSON path of
//! the field, such as `customer.contacts[0].address.lat`) and what exactly was wrong, in
//! words a person can act on. The kind decides the `code` and `error` keys of the error
//! envelope, reusing ikcrm's codes where one fits; the path and detail make its message.
//!
//! Problems found while reading JSON travel through serde as text; [`invalid`] tags
//! them with their kind so that [`Error::from_json`] can restore it.

use std::fmt;

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
/// ```
/// use contract_draft::{Bundle, ErrorKind};
///
/// let error = Bundle::from_json(br#"{"opportunity": {"expect_amount": "-1"}}"#).unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::InvalidAmount);
/// assert_eq!(error.path(), "opportunity.expect_amount");
/// assert_eq!(error.to_string(), "opportunity.expect_amount: the amount is negative");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{detail}", self.path, if self.path.is_empty() { "" } else { ": " })]
pub struct Error {
    kind: ErrorKind,
    path: String,
    detail: String,
}

impl Error {
    /// An error of `kind` about the field at `path` (empty for the whole input).
    pub(crate) fn new(kind: ErrorKind, path: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self { kind, path: path.into(), detail: detail.to_string() }
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

    /// Reads `T` from JSON bytes, turning any failure into an [`Error`] with its path.
    ///
    /// Good input is read once, at full speed: its UTF-8 checked in one pass, then parsed
    /// as text. Only input that fails is read again with its path tracked (which costs
    /// about as much again), to name the field.
    ///
    /// A UTF-8 byte order mark before the JSON, as some tools write, is skipped.
    pub(crate) fn from_json<'de, T: serde::Deserialize<'de>>(json: &'de [u8]) -> Result<T, Self> {
        let json = json.strip_prefix(BYTE_ORDER_MARK).unwrap_or(json);
        let plain = match std::str::from_utf8(json).map(serde_json::from_str) {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => Some(error),
            Err(_) => None,
        };
        let mut deserializer = serde_json::Deserializer::from_slice(json);
        let tracked = serde_path_to_error::deserialize::<_, T>(&mut deserializer)
            .map_err(|error| Self::from_serde(&error))
            .and_then(|_| deserializer.end().map_err(|error| Self::from_json_error(&error, String::new())));
        // Reading the same bytes again fails the same way; should it not, the first
        // error stands, without a path.
        Err(match (tracked, plain) {
            (Err(error), _) => error,
            (Ok(()), Some(error)) => Self::from_json_error(&error, String::new()),
            (Ok(()), None) => Self::new(ErrorKind::InvalidUtf8, "", "the input is not valid UTF-8"),
        })
    }

    fn from_serde(error: &serde_path_to_error::Error<serde_json::Error>) -> Self {
        // serde_path_to_error writes the root as "." and a key not read yet as "?".
        let path = error.path().to_string();
        let path = match path.as_str() {
            "." | "?" => String::new(),
            _ => path.strip_suffix(".?").map_or(path.clone(), str::to_owned),
        };
        Self::from_json_error(error.inner(), path)
    }

    fn from_json_error(error: &serde_json::Error, mut path: String) -> Self {
        let full = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        let message = full.strip_suffix(&position).unwrap_or(&full);
        if !error.is_data() {
            let kind = if message.starts_with("number out of range") {
                ErrorKind::InvalidValue
            } else if message.starts_with("invalid unicode code point")
                || message.starts_with("lone leading surrogate")
                || message.contains("unexpected end of hex escape")
            {
                ErrorKind::InvalidUtf8
            } else {
                ErrorKind::MalformedJson
            };
            return Self::new(kind, path, format_args!("{message}{position}"));
        }
        if let Some((kind, detail)) = untag(message) {
            return Self::new(kind, path, detail);
        }
        if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
            return Self::new(ErrorKind::MissingField, path, "is required");
        }
        let kind = if message.starts_with("invalid type") || message.starts_with("invalid length") {
            ErrorKind::WrongType
        } else {
            ErrorKind::InvalidValue
        };
        Self::new(kind, path, message)
    }
}

/// The UTF-8 byte order mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Marks the start of a kind's name in a serde error message.
const TAG: &str = "\u{1}";

/// A serde error of `kind` with a human `detail`; [`Error::from_json`] restores the kind.
pub(crate) fn invalid<E: serde::de::Error>(kind: ErrorKind, detail: impl fmt::Display) -> E {
    E::custom(format_args!("{TAG}{}{TAG}{detail}", kind.name()))
}

fn untag(message: &str) -> Option<(ErrorKind, &str)> {
    let (name, detail) = message.strip_prefix(TAG)?.split_once(TAG)?;
    let kind = ErrorKind::ALL.iter().copied().find(|kind| kind.name() == name)?;
    Some((kind, detail))
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

    #[test]
    fn tagged_messages_give_back_their_kind() {
        let error: serde_json::Error = invalid(ErrorKind::ImpossibleDate, "\"2015-02-30\" is not a day");
        assert_eq!(
            untag(&error.to_string()),
            Some((ErrorKind::ImpossibleDate, "\"2015-02-30\" is not a day"))
        );
    }

    #[test]
    fn display_joins_path_and_detail() {
        let error = Error::new(ErrorKind::MissingField, "opportunity.id", "is required");
        assert_eq!(error.to_string(), "opportunity.id: is required");
        let error = Error::new(ErrorKind::MalformedJson, "", "EOF while parsing");
        assert_eq!(error.to_string(), "EOF while parsing");
    }
}
