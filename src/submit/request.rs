//! Checking a form and making the create request's body from it.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::form::{ContractForm, Object};
use crate::convert::Converter;
use crate::draft::{ApproveStatus, FieldValue};
use crate::encoding::bounded::AtMost;
use crate::encoding::field::{Encoding, Form, Write};
use crate::encoding::id::{Id, OptionalId};
use crate::encoding::raw::{RawJson, is_empty};
use crate::encoding::reader::read_json;
use crate::encoding::ruby_json::normalized;
use crate::encoding::text::Text;
use crate::error::echo::{Excerpt, key_path};
use crate::error::{Error, ErrorKind, Problems};
use crate::limits::MAX_PRODUCT_LINES;
use crate::money::RubyDecimal;
use crate::money::{Amount, exact_add, fits_stored_integer_digits, stored_product};
use crate::records::CustomValues;
use crate::settings::TotalSource;

/// The create request ikcrm's `POST /api/v2/contracts` takes, `{"contract": {…},
/// "contract_action_name": "turn_to_contract"}`: what a service sends on to ikcrm, or
/// stores, once [`Converter::create_request`] has checked and normalized a client's
/// [`ContractForm`] (which is what a client posts: `{"contract": {…}}`, as JSON). Its
/// values read by name ([`CreateRequest::sn`], [`CreateRequest::product_lines`], …);
/// [`CreateRequest::saved`] is the saved contract a service answers.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRequest {
    /// The contract's [`KEYS`] in order, then `product_assets_attributes`, then the
    /// custom fields.
    pub(super) entries: Vec<(Arc<str>, Value)>,
}

/// A value of the request, as it is written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Text(String),
    Id(u64),
    OptionalId(Option<u64>),
    Amount(Decimal),
    Date(Option<NaiveDate>),
    Status(ApproveStatus),
    Json(Box<RawValueText>),
    Lines(Vec<Line>),
    Bool(bool),
    Field(FieldValue),
}

/// A JSON value re-encoded as Rails writes it (attachments), compared by its text.
#[derive(Debug, Clone)]
pub(super) struct RawValueText(Box<RawValue>);

impl PartialEq for RawValueText {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

/// The keys of a contract in the create request, in the order written, and how each
/// is read.
pub(super) const KEYS: [(&str, Kind); 19] = [
    ("title", Kind::RequiredText),
    ("sn", Kind::RequiredText),
    ("approve_status", Kind::Status),
    ("user_id", Kind::OptionalId),
    ("custom_field_template_id", Kind::OptionalId),
    ("opportunity_id", Kind::OptionalId),
    ("customer_id", Kind::RequiredId),
    ("total_amount", Kind::Amount),
    ("start_at", Kind::RequiredDate),
    ("end_at", Kind::RequiredDate),
    ("category", Kind::Text),
    ("payment_type", Kind::Text),
    ("status", Kind::Text),
    ("customer_signer", Kind::Text),
    ("our_signer", Kind::Text),
    ("sign_date", Kind::Date),
    ("special_terms", Kind::Text),
    ("want_department_id", Kind::OptionalId),
    ("attachments_attributes", Kind::List),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    RequiredText,
    OptionalId,
    RequiredId,
    Amount,
    Date,
    RequiredDate,
    Status,
    List,
}

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

/// Reads `raw` with `E`'s reader, an error naming `path`.
fn read<E: Encoding>(raw: &RawValue, path: &str) -> Result<E::Field, Error> {
    read_json::<Through<E>>(raw.get().as_bytes()).map(|through| through.0).map_err(|error| error.within(path))
}

/// A value read through an encoding, for [`read`].
struct Through<E: Encoding>(E::Field);

impl<'de, E: Encoding> serde::Deserialize<'de> for Through<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        E::read(deserializer).map(Through)
    }
}

/// Reads `raw` as a `T` with its own reader, an error naming `path`.
fn read_plain<T: DeserializeOwned>(raw: &RawValue, path: &str) -> Result<T, Error> {
    read_json::<T>(raw.get().as_bytes()).map_err(|error| error.within(path))
}

impl Converter {
    /// Checks a contract form against the company's settings and makes the create
    /// request's body, reporting every problem at once ([`Error::all`], so the error
    /// lists them in [`Error::problems`] even when there is one): `title`, `sn`,
    /// `customer_id`, `start_at`, `end_at` required; `end_at` not before `start_at`;
    /// amounts within `decimal(24,6)`; each product line's `product_id`, `quantity` and
    /// `recommended_unit_price` (not for a line being deleted, `"destroy": true`), its
    /// `total_price` computed as `decimal(24,6)` saves it (never taken from the form);
    /// each line id once;
    /// with `"total": "sum_of_lines"` and lines, `total_amount` equal to their sum (or,
    /// left out, set to it); custom fields known to the template and suiting their kinds
    /// (a phone field's value not a mask); no other key.
    /// `approve_status` is the company's: `applying` when approval is required,
    /// `approved` when not, whatever the form says.
    pub fn create_request(&self, form: &ContractForm) -> Result<CreateRequest, Error> {
        let mut problems = Problems::default();
        let mut entries: Vec<(Arc<str>, Value)> = Vec::with_capacity(KEYS.len() + 1);
        let mut dates = (None, None);
        let mut total = None;
        for (key, kind) in KEYS {
            match self.contract_value(key, kind, form.get(key)) {
                Ok(value) => {
                    match (key, &value) {
                        ("start_at", Value::Date(date)) => dates.0 = *date,
                        ("end_at", Value::Date(date)) => dates.1 = *date,
                        ("total_amount", Value::Amount(amount)) => total = Some(*amount),
                        _ => {}
                    }
                    entries.push((Arc::from(key), value));
                }
                Err(problem) => problems.push(problem),
            }
        }
        if let (Some(start), Some(end)) = dates {
            if end < start {
                let detail = format_args!("{end} is before start_at ({start})");
                problems.push(Error::new(ErrorKind::InvalidValue, "contract.end_at", detail));
            }
        }
        let lines = lines(form.get("product_assets_attributes"), &mut problems);
        if self.total_source() == TotalSource::SumOfLines {
            // Without lines the total is the opportunity's amount, as in the draft.
            if let Some(sum) = lines.sum.filter(|_| lines.any_kept) {
                match total {
                    None => set_total(&mut entries, sum),
                    Some(total) if total != sum => problems.push(Error::new(
                        ErrorKind::InvalidValue,
                        "contract.total_amount",
                        format_args!(
                            "{} is not the sum of the product lines ({}), which the company's total is",
                            RubyDecimal(total),
                            RubyDecimal(sum)
                        ),
                    )),
                    Some(_) => {}
                }
            }
        }
        entries.push((Arc::from("product_assets_attributes"), Value::Lines(lines.written)));
        let custom_fields =
            self.form_custom_fields(form.iter().map(|(key, _)| key), |key| form.get(key), &mut problems);
        entries.extend(custom_fields.into_iter().map(|(key, value)| (key, Value::Field(value))));
        unknown_keys(form, &mut problems);
        for problem in form.beside() {
            problems.push(problem);
        }
        problems.into_result()?;
        Ok(CreateRequest { entries })
    }

    /// The value of the contract's `key`, read as `kind`.
    fn contract_value(&self, key: &str, kind: Kind, raw: Option<&RawValue>) -> Result<Value, Error> {
        let path = key_path("contract", key);
        let required = || Error::new(ErrorKind::MissingField, path.as_str(), "is required");
        let raw = raw.filter(|raw| !is_empty(raw));
        match (kind, raw) {
            (Kind::Status, _) => Ok(Value::Status(if self.requires_approval() {
                ApproveStatus::Applying
            } else {
                ApproveStatus::Approved
            })),
            (Kind::RequiredText, Some(raw)) => match read::<Text>(raw, &path)? {
                text if text.trim().is_empty() => Err(required()),
                text => Ok(Value::Text(text)),
            },
            (Kind::Text, Some(raw)) => read::<Text>(raw, &path).map(Value::Text),
            (Kind::Text | Kind::Amount, None) => Ok(Value::Text(String::new())),
            (Kind::OptionalId, Some(raw)) => read::<OptionalId>(raw, &path).map(Value::OptionalId),
            (Kind::OptionalId, None) => Ok(Value::OptionalId(None)),
            (Kind::RequiredId, Some(raw)) => match read::<Id>(raw, &path)? {
                0 => Err(required()),
                id => Ok(Value::Id(id)),
            },
            (Kind::Amount, Some(raw)) => {
                read_plain::<Amount>(raw, &path).map(|amount| Value::Amount(amount.get()))
            }
            (Kind::Date | Kind::RequiredDate, Some(raw)) => {
                read::<crate::encoding::date::OptionalDate>(raw, &path).map(Value::Date)
            }
            (Kind::Date, None) => Ok(Value::Date(None)),
            (Kind::List, Some(raw)) => match RawJson::of(raw.get()) {
                // `normalized` bounds the list, and every list and object within it.
                RawJson::List => normalized(raw, &path).map(|json| Value::Json(Box::new(RawValueText(json)))),
                other => Err(Error::new(
                    ErrorKind::WrongType,
                    path.as_str(),
                    format_args!("is {}, expected a list", other.in_words()),
                )),
            },
            (Kind::List, None) => Ok(Value::Json(Box::new(RawValueText(empty_list())))),
            (Kind::RequiredText | Kind::RequiredId | Kind::RequiredDate, None) => Err(required()),
        }
    }
}

/// Sets the request's `total_amount` to `total`.
fn set_total(entries: &mut [(Arc<str>, Value)], total: Decimal) {
    if let Some(entry) = entries.iter_mut().find(|(key, _)| &**key == "total_amount") {
        entry.1 = Value::Amount(total);
    }
}

/// Every key of the form that the create request does not have.
fn unknown_keys(form: &ContractForm, problems: &mut Problems) {
    for (key, _) in form.iter() {
        let known = KEYS.iter().any(|(known, _)| *known == key) || key == "product_assets_attributes";
        if !known && !CustomValues::is_custom_key(key) {
            problems.push(Error::new(
                ErrorKind::InvalidValue,
                key_path("contract", key),
                "is not a key of the create request",
            ));
        }
    }
}

/// A product line of the request.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// Its keys and values, in order.
    pub(super) values: Vec<(&'static str, Value)>,
    /// Whether it is deleted (`"destroy": true`).
    pub(super) deleted: bool,
}

/// The form's product lines, checked.
struct Lines {
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

/// The form's product lines, checked, with their totals and the sum of the kept ones.
/// A line's id names one line of the contract: it may stand once in a request (a line
/// kept and deleted at once is refused).
fn lines(raw: Option<&RawValue>, problems: &mut Problems) -> Lines {
    let list_path = "contract.product_assets_attributes";
    let mut checked = Lines { written: Vec::new(), sum: Some(Decimal::ZERO), any_kept: false };
    let Some(raw) = raw.filter(|raw| !is_empty(raw)) else { return checked };
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
        line.0.iter().find(|(k, _)| k == key).map(|(_, value)| &**value).filter(|raw| !is_empty(raw))
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
    /// The line's total, if it was computed.
    pub(super) fn total(&self) -> Option<Decimal> {
        self.values.iter().find_map(|(key, value)| match (*key, value) {
            ("total_price", Value::Amount(total)) => Some(*total),
            _ => None,
        })
    }
}

/// `[]`.
fn empty_list() -> Box<RawValue> {
    RawValue::from_string("[]".to_owned()).expect("[] is JSON")
}

impl Serialize for CreateRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut outer = serializer.serialize_map(Some(2))?;
        outer.serialize_entry("contract", &Entries(&self.entries))?;
        outer.serialize_entry("contract_action_name", "turn_to_contract")?;
        outer.end()
    }
}

struct Entries<'a>(&'a [(Arc<str>, Value)]);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (&**key, value)))
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Id(id) => serializer.serialize_u64(*id),
            Self::OptionalId(id) => Write::<OptionalId>(id, Form::Input).serialize(serializer),
            Self::Amount(amount) => crate::encoding::amount::serialize(amount, serializer),
            Self::Date(date) => crate::encoding::date::serialize_optional(date, serializer),
            Self::Status(status) => serializer.serialize_str(status.name()),
            Self::Json(raw) => raw.0.serialize(serializer),
            Self::Lines(lines) => serializer.collect_seq(lines.iter().map(|line| LineEntries(&line.values))),
            Self::Bool(flag) => serializer.serialize_bool(*flag),
            Self::Field(value) => value.serialize(serializer),
        }
    }
}

pub(super) struct LineEntries<'a>(pub(super) &'a [(&'static str, Value)]);

impl Serialize for LineEntries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (*key, value)))
    }
}
