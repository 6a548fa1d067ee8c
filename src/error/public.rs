//! What an error tells the caller of a service, as opposed to what it tells the log.
//!
//! An [`Error`]'s `Display` is for people who may see everything (a log, the program's
//! standard error): it names the ids involved. The error envelope goes to whoever sent
//! the request, who may not: a mismatch's detail names ids of records the caller was
//! refused, such as another company's id. For those kinds the envelope's message is a
//! fixed wording after the path, the same whatever the records held.
//!
//! No other kind needs withholding: their details quote at most the refused value
//! itself (bounded, see [`echo`](super::echo)), and never a value refused for its type,
//! so a phone number that hiding would mask is never quoted (see
//! `encoding::reader::in_api_words`).

use std::fmt;

use crate::error::{Error, ErrorKind};

impl ErrorKind {
    /// The detail a caller reads in place of the error's own, for the kinds whose detail
    /// names what the caller may not learn.
    ///
    /// - An organization mismatch names the other company's id; the API answers as if the
    ///   record did not exist (`record_not_found`), and so does the message.
    /// - A customer mismatch names the opportunity's `customer_id`. The customer is
    ///   checked before the companies, so the opportunity may be another company's, whose
    ///   customer the caller must not learn of.
    const fn withheld_detail(self) -> Option<&'static str> {
        match self {
            Self::CustomerMismatch => Some("the customer is not the opportunity's customer"),
            Self::OrganizationMismatch => Some("the record was not found in the user's company"),
            _ => None,
        }
    }
}

impl Error {
    /// The message a caller reads in the error envelope: the path and the detail as
    /// [`Display`](fmt::Display) writes them, but with a fixed detail for the kinds whose
    /// detail names records the caller may not learn of.
    pub(crate) fn public_message(&self) -> String {
        if !self.problems().is_empty() {
            let each: Vec<String> = self.problems().iter().map(Error::public_message).collect();
            return super::bounded(each.join("; "), super::MAX_DETAIL);
        }
        Joined(self.path(), self.public_detail()).to_string()
    }

    /// The detail a caller reads: the error's own, or the fixed one of its kind.
    pub(crate) fn public_detail(&self) -> &str {
        self.kind().withheld_detail().unwrap_or(self.detail())
    }
}

/// A path and a detail as messages write them: `path: detail`, or the detail alone for
/// an error about the whole input.
pub(super) struct Joined<'a>(pub(super) &'a str, pub(super) &'a str);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(path, detail) = *self;
        if path.is_empty() { f.write_str(detail) } else { write!(f, "{path}: {detail}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatches_withhold_their_detail_and_keep_their_path() {
        let error = Error::new(
            ErrorKind::OrganizationMismatch,
            "opportunity.organization_id",
            "the opportunity belongs to company 50, not to the user's company 49",
        );
        assert_eq!(
            error.public_message(),
            "opportunity.organization_id: the record was not found in the user's company"
        );
        assert_eq!(
            error.to_string(),
            "opportunity.organization_id: the opportunity belongs to company 50, not to the user's company 49"
        );
        let error = Error::new(ErrorKind::CustomerMismatch, "customer.id", "customer 1 is not (23481906)");
        assert_eq!(error.public_message(), "customer.id: the customer is not the opportunity's customer");
    }

    #[test]
    fn other_kinds_tell_the_caller_what_the_log_reads() {
        for &kind in ErrorKind::ALL {
            if !matches!(kind, ErrorKind::CustomerMismatch | ErrorKind::OrganizationMismatch) {
                let error = Error::new(kind, "opportunity.id", "the detail");
                assert_eq!(error.public_message(), error.to_string(), "{kind}");
                let error = Error::new(kind, "", "the detail");
                assert_eq!(error.public_message(), "the detail", "{kind}");
            }
        }
    }
}
