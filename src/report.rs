//! What a checked conversion tells beside the draft: things a person should know.

use std::fmt;

use rust_decimal::Decimal;

use crate::draft::ContractDraft;

/// The result of a checked conversion: the draft and the notes about it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Conversion {
    /// The draft.
    pub draft: ContractDraft,
    /// What the conversion did that a person should know, in the order found.
    pub notes: Vec<Note>,
}

/// One thing a person should know about a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// A receivable amount has more significant digits than a JSON number holds exactly,
    /// so the draft's number is the nearest double (the string `total_amount` is exact).
    InexactNumber {
        /// The draft's field.
        field: &'static str,
        /// The exact amount.
        exact: Decimal,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InexactNumber { field, exact } => write!(
                f,
                "{field}: {exact} has more than 15 significant digits; the JSON number is the nearest double"
            ),
        }
    }
}
