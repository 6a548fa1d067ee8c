//! What a checked conversion tells beside the draft: things a person should know.

use std::fmt;

use rust_decimal::Decimal;

use crate::draft::ContractDraft;
use crate::error::Error;
use crate::error::echo::Excerpt;
use crate::money::RubyDecimal;

/// The most notes a [`Conversion`] keeps; later ones are only counted, so that a record
/// of 200 000 unmapped custom fields gives a short report.
pub const MAX_NOTES: usize = 20;

/// The result of a checked conversion: the draft and the notes about it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Conversion {
    /// The draft.
    pub draft: ContractDraft,
    /// What the conversion did that a person should know, in the order found: the first
    /// [`MAX_NOTES`].
    pub notes: Vec<Note>,
    /// How many notes there were beyond the first [`MAX_NOTES`].
    pub omitted_notes: usize,
}

/// One thing a person should know about a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// The opportunity's amount and the sum of its product lines differ; the total is
    /// the one the settings choose ([`TotalSource`](crate::TotalSource)).
    TotalDiffersFromLines {
        /// The opportunity's `expect_amount`.
        expect_amount: Decimal,
        /// The sum of the lines' `total_price`.
        lines_sum: Decimal,
    },
    /// The settings take the total from the product lines, but the opportunity has
    /// none, so the total is its `expect_amount`.
    NoLinesToSum,
    /// A contract field took its template default: no mapped opportunity field filled it.
    DefaultApplied {
        /// The contract field's key.
        field: String,
    },
    /// The opportunity has a value in a custom field that no mapping copies.
    UnmappedCustomField {
        /// The opportunity field's key.
        key: String,
    },
    /// A receivable amount has more significant digits than a JSON number holds exactly,
    /// so the draft's number is the nearest double (the string `total_amount` is exact).
    InexactNumber {
        /// The draft's field.
        field: &'static str,
        /// The exact amount.
        exact: Decimal,
    },
    /// A product line's exact total (`recommended_unit_price × quantity`) has more
    /// fractional digits than a `decimal(24,6)` column stores: the draft offers the total
    /// rounded half up to 6 places, which is what saving the contract stores.
    LineTotalRounded {
        /// The line's index in the opportunity's `product_assets`.
        line: usize,
        /// The exact product.
        exact: Decimal,
        /// The total offered and saved.
        saved: Decimal,
    },
    /// A record carries neither a creator nor an `organization_id` (records from list
    /// endpoints do not), so nothing shows which company it belongs to; it was taken to
    /// be the user's. Settings with `"company_check": "strict"` refuse such records.
    CompanyUnverified {
        /// `opportunity` or `customer`.
        record: &'static str,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TotalDiffersFromLines { expect_amount, lines_sum } => write!(
                f,
                "the opportunity's expect_amount {} differs from the sum of its product lines {}",
                RubyDecimal(*expect_amount),
                RubyDecimal(*lines_sum)
            ),
            Self::NoLinesToSum => f.write_str(
                "the total comes from the product lines, but there are none: expect_amount is used",
            ),
            Self::DefaultApplied { field } => {
                write!(f, "{}: the template default was applied", Excerpt(field))
            }
            Self::UnmappedCustomField { key } => {
                write!(
                    f,
                    "opportunity.{}: no field mapping copies this value into the contract",
                    Excerpt(key)
                )
            }
            Self::InexactNumber { field, exact } => write!(
                f,
                "{field}: {exact} has more than 15 significant digits; the JSON number is the nearest double"
            ),
            Self::LineTotalRounded { line, exact, saved } => write!(
                f,
                "opportunity.product_assets[{line}]: recommended_unit_price × quantity is {}; \
                 the line total is {}, as decimal(24,6) saves it",
                RubyDecimal(*exact),
                RubyDecimal(*saved)
            ),
            Self::CompanyUnverified { record } => write!(
                f,
                "{record}: neither a creator nor an organization_id shows its company; taken to be the user's"
            ),
        }
    }
}

/// What a conversion finds on its way: notes for the report, and the first problem
/// that the checked entry point refuses. The unchecked entry point goes on without
/// them, so it ignores findings: notes and problems are made only when they are kept.
#[derive(Debug)]
pub(crate) struct Findings {
    kept: bool,
    pub(crate) notes: Vec<Note>,
    pub(crate) omitted_notes: usize,
    pub(crate) problem: Option<Error>,
}

impl Findings {
    /// Findings that are kept, for a [`Conversion`].
    pub(crate) const fn kept() -> Self {
        Self { kept: true, notes: Vec::new(), omitted_notes: 0, problem: None }
    }

    /// Findings that no one reads: nothing is made or kept.
    pub(crate) const fn ignored() -> Self {
        Self { kept: false, notes: Vec::new(), omitted_notes: 0, problem: None }
    }

    /// Whether findings are kept: work that only finds notes can be skipped when not.
    pub(crate) const fn are_kept(&self) -> bool {
        self.kept
    }

    /// Notes what `note` makes, when notes are kept.
    pub(crate) fn note(&mut self, note: impl FnOnce() -> Note) {
        if !self.kept {
            return;
        }
        if self.notes.len() < MAX_NOTES {
            self.notes.push(note());
        } else {
            self.omitted_notes += 1;
        }
    }

    /// Keeps the problem `problem` makes, when findings are kept and it is the first.
    pub(crate) fn problem(&mut self, problem: impl FnOnce() -> Error) {
        if self.kept && self.problem.is_none() {
            self.problem = Some(problem());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_findings_make_nothing() {
        let mut ignored = Findings::ignored();
        ignored.note(|| unreachable!("an ignored note is not made"));
        ignored.problem(|| unreachable!("an ignored problem is not made"));
        assert!(!ignored.are_kept() && ignored.notes.is_empty() && ignored.problem.is_none());
    }

    #[test]
    fn kept_findings_keep_the_first_problem_and_bounded_notes() {
        let mut kept = Findings::kept();
        for _ in 0..MAX_NOTES + 3 {
            kept.note(|| Note::NoLinesToSum);
        }
        kept.problem(|| Error::new(crate::ErrorKind::Overflow, "first", "x"));
        kept.problem(|| unreachable!("a second problem is not made"));
        assert_eq!((kept.notes.len(), kept.omitted_notes), (MAX_NOTES, 3));
        assert_eq!(kept.problem.map(|problem| problem.path().to_owned()), Some("first".to_owned()));
    }
}
