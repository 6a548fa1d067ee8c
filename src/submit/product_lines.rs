//! The create request's product lines (`product_assets_attributes`): each line of a
//! form checked, its total computed as saving stores it, and the sum of the kept ones.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::form::Object;
use super::value::{Value, read, read_plain};
use crate::encoding::bounded::AtMost;
use crate::encoding::id::{Id, OptionalId};
use crate::encoding::raw::is_blank;
use crate::encoding::text::Text;
use crate::error::echo::Excerpt;
use crate::error::{Error, ErrorKind, Problems};
use crate::limits::MAX_PRODUCT_LINES;
use crate::money::RubyDecimal;
use crate::money::{Amount, exact_add, fits_stored_integer_digits, stored_product};

/// The keys of a product line, in the order written, and how each is read.
const LINE_KEYS: [(&str, LineKind); 12] = [
    ("id", LineKind::OptionalId),
    ("destroy", LineKind::Bool),
    ("product_id", LineKind::RequiredId),
    ("product_name", LineKind::Text),
    ("product_attr_id", LineKind::OptionalId),
    ("product_no", LineKind::Text),
    ("quantity", LineKind::Amount),
    ("recommended_unit_price", LineKind::Amount),
    ("total_price", LineKind::Computed),
    ("sale_unit", LineKind::Text),
    ("spec", LineKind::Text),
    ("remark", LineKind::Text),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Text,
    OptionalId,
    RequiredId,
    Amount,
    Bool,
    Computed,
}

/// A product line of the request.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// Its keys and values, in order.
    values: Vec<(&'static str, Value)>,
    /// Whether it is deleted (`"destroy": true`).
    deleted: bool,
}

/// The form's product lines, checked.
pub(super) struct Lines {
    /// The lines, while no problem is found: once one is, the lines are checked but no
    /// longer kept, since no request will be made, so the memory taken stays that of
    /// the valid lines.
    written: Vec<Line>,
    /// The sum of the kept lines' totals, when every one is known and the sum fits
    /// `decimal(24,6)` (else the problem is noted).
    sum: Option<Decimal>,
    /// Whether any line is kept (not deleted), whatever problems were found.
    any_kept: bool,
}

impl Lines {
    /// The sum of the kept lines' totals, if there are kept lines and the sum is known.
    pub(super) fn sum_of_kept(&self) -> Option<Decimal> {
        self.sum.filter(|_| self.any_kept)
    }

    /// The lines as the request writes them.
    pub(super) fn into_written(self) -> Vec<Line> {
        self.written
    }
}

/// The form's product lines, checked, with their totals and the sum of the kept ones.
/// A line's id names one line of the contract: it may stand once in a request (a line
/// kept and deleted at once is refused).
pub(super) fn check_lines(raw: Option<&RawValue>, problems: &mut Problems) -> Lines {
    let list_path = "contract.product_assets_attributes";
    let mut checked = Lines { written: Vec::new(), sum: Some(Decimal::ZERO), any_kept: false };
    let Some(raw) = raw.filter(|raw| !is_blank(raw)) else { return checked };
    let lines = match read_plain::<AtMost<Object, MAX_PRODUCT_LINES>>(raw, list_path) {
        Ok(lines) => lines.0,
        Err(problem) => {
            // No line is kept, so the sum is not used.
            problems.push(problem);
            return checked;
        }
    };
    checked.written.reserve(lines.len());
    let mut ids: HashMap<u64, usize> = HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        let path = |key: &str| format!("{list_path}[{index}].{key}");
        for (key, _) in line.0.iter().filter(|(key, _)| !LINE_KEYS.iter().any(|(known, _)| known == key)) {
            problems.push(Error::new(
                ErrorKind::InvalidValue,
                path(&Excerpt(key).to_string()),
                "is not a key of a product line",
            ));
        }
        // The id is checked whatever else is wrong with the line.
        let id =
            line.0.iter().find(|(key, _)| key == "id").and_then(|(_, raw)| read::<OptionalId>(raw, "").ok());
        if let Some(id) = id.flatten() {
            if let Some(first) = ids.insert(id, index) {
                problems.push(Error::new(
                    ErrorKind::InvalidValue,
                    path("id"),
                    format_args!("line {id} is also at [{first}]: a line is kept or deleted once"),
                ));
            }
        }
        match line_values(line, &path) {
            Ok(line) => {
                if !line.deleted {
                    checked.any_kept = true;
                    checked.sum =
                        checked.sum.zip(line.total()).and_then(|(sum, total)| exact_add(sum, total));
                }
                // Written whatever else is wrong: a form with problems is refused whole.
                checked.written.push(line);
            }
            Err(line_problems) => {
                // A line whose problems leave its state unknown may be a kept one.
                checked.any_kept = true;
                checked.sum = None;
                for problem in line_problems {
                    problems.push(problem);
                }
            }
        }
    }
    if let Some(total) = checked.sum.filter(|total| !fits_stored_integer_digits(*total)) {
        problems.push(Error::new(
            ErrorKind::Overflow,
            list_path,
            format_args!("the sum of the lines, {}, is beyond decimal(24,6)", RubyDecimal(total)),
        ));
        checked.sum = None;
    }
    checked
}

/// A line's values, or its problems. A line being deleted needs no product or amounts.
fn line_values(line: &Object, path: &dyn Fn(&str) -> String) -> Result<Line, Vec<Error>> {
    let get = |key: &str| {
        line.0.iter().find(|(k, _)| k == key).map(|(_, value)| &**value).filter(|raw| !is_blank(raw))
    };
    let mut problems = Vec::new();
    // A `destroy` that is not a flag is a problem; the line is checked as one kept.
    let deleted = match get("destroy").map(|raw| read_plain::<bool>(raw, &path("destroy"))) {
        Some(Err(problem)) => {
            problems.push(problem);
            false
        }
        Some(Ok(deleted)) => deleted,
        None => false,
    };
    let mut values = Vec::with_capacity(LINE_KEYS.len());
    // The quantity and the unit price, as read: their product is the line's total.
    let mut factors: Vec<Decimal> = Vec::with_capacity(2);
    for (key, kind) in LINE_KEYS {
        let required = || Error::new(ErrorKind::MissingField, path(key), "is required");
        let value = match (kind, get(key)) {
            (LineKind::Bool, _) => Ok(Value::Bool(deleted)),
            (LineKind::Text, Some(raw)) => read::<Text>(raw, &path(key)).map(Value::Text),
            (LineKind::Text | LineKind::Amount | LineKind::RequiredId, None)
                if kind == LineKind::Text || deleted =>
            {
                Ok(Value::Text(String::new()))
            }
            (LineKind::OptionalId, Some(raw)) => read::<OptionalId>(raw, &path(key)).map(Value::OptionalId),
            (LineKind::OptionalId, None) => Ok(Value::OptionalId(None)),
            (LineKind::RequiredId, Some(raw)) => match read::<Id>(raw, &path(key)) {
                Ok(0) => Err(required()),
                id => id.map(Value::Id),
            },
            (LineKind::Amount, Some(raw)) => read_plain::<Amount>(raw, &path(key)).map(|amount| {
                factors.push(amount.get());
                Value::Amount(amount.get())
            }),
            (LineKind::Computed, _) => match factors[..] {
                [quantity, price] => line_total(price, quantity, &path(key)).map(Value::Amount),
                _ => Ok(Value::Text(String::new())),
            },
            (LineKind::Text | LineKind::RequiredId | LineKind::Amount, None) => Err(required()),
        };
        match value {
            Ok(value) => values.push((key, value)),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() { Ok(Line { values, deleted }) } else { Err(problems) }
}

/// `price × quantity` as `decimal(24,6)` saves it (rounded half up to 6 places), the
/// total the draft offered for the same line.
fn line_total(price: Decimal, quantity: Decimal, path: &str) -> Result<Decimal, Error> {
    stored_product(price, quantity).map(|product| product.saved).ok_or_else(|| {
        Error::new(ErrorKind::Overflow, path, "recommended_unit_price × quantity does not fit decimal(24,6)")
    })
}

impl Line {
    /// The value of the line's `key`, if the line has it.
    pub(super) fn value(&self, key: &str) -> Option<&Value> {
        self.values.iter().find(|(known, _)| *known == key).map(|(_, value)| value)
    }

    /// Whether the line is deleted (`"destroy": true`).
    pub(super) fn is_deleted(&self) -> bool {
        self.deleted
    }

    /// The line's total, if it was computed.
    pub(super) fn total(&self) -> Option<Decimal> {
        self.values.iter().find_map(|(key, value)| match (*key, value) {
            ("total_price", Value::Amount(total)) => Some(*total),
            _ => None,
        })
    }
}

impl Serialize for Line {
    /// The line's keys and values, in order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.values.iter().map(|(key, value)| (*key, value)))
    }
}
