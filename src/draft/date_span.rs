use std::fmt;

use crate::encoding::compact::{JsonOut, WriteCompact};
use crate::encoding::date::IsoDate;
use crate::encoding::stack_text::{OnStack, StackText, push_on_stack, serialize_display};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// A contract's term as the draft's `times` shows it: `"<start> - <end>"`, each side
/// `YYYY-MM-DD` or empty (`"2015-09-09 - "` for a contract without an end).
///
/// ```
/// use chrono::NaiveDate;
/// use contract_draft::DateSpan;
///
/// let span = DateSpan { start: NaiveDate::from_ymd_opt(2015, 9, 9), end: None };
/// assert_eq!(span.to_string(), "2015-09-09 - ");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateSpan {
    /// The first day, if known.
    pub start: Option<NaiveDate>,
    /// The last day, if known.
    pub end: Option<NaiveDate>,
}

impl OnStack for DateSpan {
    fn on_stack(&self) -> Result<StackText, fmt::Error> {
        let mut text = StackText::new();
        if let Some(start) = self.start {
            IsoDate(start).push_to(&mut text)?;
        }
        text.push_bytes(b" - ")?;
        if let Some(end) = self.end {
            IsoDate(end).push_to(&mut text)?;
        }
        Ok(text)
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.on_stack()?.as_str())
    }
}

impl Serialize for DateSpan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_display(serializer, self)
    }
}

impl WriteCompact for DateSpan {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        push_on_stack(out, self);
    }
}
