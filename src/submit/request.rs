//! Checking a form and making the create request's body from it.

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
use crate::encoding::field::{Encoding, Form, Write};
use crate::encoding::id::{Id, OptionalId};
use crate::encoding::raw::RawJson;
use crate::encoding::reader::read_json;
use crate::encoding::ruby_decimal::RubyDecimal;
use crate::encoding::text::Text;
use crate::error::{Error, ErrorKind};
use crate::money::{Amount, exact_add, exact_mul};
use crate::settings::TotalSource;
use crate::settings::template::{is_empty, value_of};

/// The body of `POST /api/v2/contracts`: `{"contract": {…}, "contract_action_name":
/// "turn_to_contract"}`, its values checked and normalized (see
/// [`Converter::create_request`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRequest {
    entries: Vec<(Arc<str>, Value)>,
}

/// A value of the request, as it is written.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Id(u64),
    OptionalId(Option<u64>),
    Amount(Decimal),
    Date(Option<NaiveDate>),
    Status(ApproveStatus),
    Raw(Box<RawValueText>),
    Lines(Vec<Line>),
    Bool(bool),
    Field(FieldValue),
}

/// A product line of the request: its keys and values, in order.
type Line = Vec<(&'static str, Value)>;

/// A JSON value passed on as given (attachments), compared by its text.
#[derive(Debug, Clone)]
struct RawValueText(Box<RawValue>);

impl PartialEq for RawValueText {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

/// The keys of a contract in the create request, in the order written, and how each
/// is read.
const KEYS: [(&str, Kind); 19] = [
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
    ("attachments_attributes", Kind::Raw),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    RequiredText,
    OptionalId,
    RequiredId,
    Amount,
    Date,
    RequiredDate,
    Status,
    Raw,
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
    /// request's body, reporting every problem at once ([`Error::all`]): `title`, `sn`,
    /// `customer_id`, `start_at`, `end_at` required; `end_at` not before `start_at`;
    /// amounts within `decimal(24,6)`; each product line's `product_id`, `quantity` and
    /// `recommended_unit_price`, its `total_price` computed (never taken from the form);
    /// with `"total": "sum_of_lines"`, `total_amount` equal to the lines' sum; custom
    /// fields known to the template and suiting their kinds; no other key.
    /// `approve_status` is the company's: `applying` when approval is required,
    /// `approved` when not, whatever the form says.
    pub fn create_request(&self, form: &ContractForm) -> Result<CreateRequest, Error> {
        let mut problems = Vec::new();
        let mut entries: Vec<(Arc<str>, Value)> = Vec::new();
        let path = |key: &str| format!("contract.{key}");
        let mut dates = (None, None);
        let mut total = None;
        for (key, kind) in KEYS {
            let raw = form.get(key);
            let value = match (kind, raw) {
                (Kind::Status, _) => Ok(Value::Status(if self.approval.required() {
                    ApproveStatus::Applying
                } else {
                    ApproveStatus::Approved
                })),
                (Kind::RequiredText, Some(raw)) => read::<Text>(raw, &path(key)).and_then(|text| {
                    if text.trim().is_empty() {
                        Err(Error::new(ErrorKind::MissingField, path(key), "is required"))
                    } else {
                        Ok(Value::Text(text))
                    }
                }),
                (Kind::Text, Some(raw)) => read::<Text>(raw, &path(key)).map(Value::Text),
                (Kind::OptionalId, Some(raw)) => read::<OptionalId>(raw, &path(key)).map(Value::OptionalId),
                (Kind::OptionalId, None) => Ok(Value::OptionalId(None)),
                (Kind::RequiredId, Some(raw)) => read::<Id>(raw, &path(key)).and_then(|id| {
                    if id == 0 {
                        Err(Error::new(ErrorKind::MissingField, path(key), "is required"))
                    } else {
                        Ok(Value::Id(id))
                    }
                }),
                (Kind::Amount, Some(raw)) if !is_empty(raw) => {
                    read_plain::<Amount>(raw, &path(key)).map(|amount| {
                        total = Some(amount.get());
                        Value::Amount(amount.get())
                    })
                }
                (Kind::Amount, _) | (Kind::Text, None) => Ok(Value::Text(String::new())),
                (Kind::Date | Kind::RequiredDate, Some(raw)) => {
                    read::<crate::encoding::date::OptionalDate>(raw, &path(key)).and_then(|date| match date {
                        None if kind == Kind::RequiredDate => {
                            Err(Error::new(ErrorKind::MissingField, path(key), "is required"))
                        }
                        date => Ok(Value::Date(date)),
                    })
                }
                (Kind::Date, None) => Ok(Value::Date(None)),
                (Kind::Raw, Some(raw)) => Ok(Value::Raw(Box::new(RawValueText(raw.to_owned())))),
                (Kind::Raw, None) => Ok(Value::Raw(Box::new(RawValueText(empty_list())))),
                (Kind::RequiredText | Kind::RequiredId | Kind::RequiredDate, None) => {
                    Err(Error::new(ErrorKind::MissingField, path(key), "is required"))
                }
            };
            match value {
                Ok(value) => {
                    if let Value::Date(date) = &value {
                        match key {
                            "start_at" => dates.0 = *date,
                            "end_at" => dates.1 = *date,
                            _ => {}
                        }
                    }
                    entries.push((Arc::from(key), value));
                }
                Err(problem) => problems.push(problem),
            }
        }
        if let (Some(start), Some(end)) = dates
            && end < start
        {
            problems.push(Error::new(
                ErrorKind::InvalidValue,
                path("end_at"),
                format_args!("{end} is before start_at ({start})"),
            ));
        }
        let (lines, sum) = lines(form.get("product_assets_attributes"), &mut problems);
        if self.total == TotalSource::SumOfLines
            && let (Some(total), Some(sum)) = (total, sum)
            && total != sum
        {
            problems.push(Error::new(
                ErrorKind::InvalidValue,
                path("total_amount"),
                format_args!(
                    "{} is not the sum of the product lines ({}), which the company's total is",
                    RubyDecimal(total),
                    RubyDecimal(sum)
                ),
            ));
        }
        entries.push((Arc::from("product_assets_attributes"), Value::Lines(lines)));
        self.custom_fields(form, &mut entries, &mut problems);
        Error::all(problems)?;
        Ok(CreateRequest { entries })
    }

    /// The form's custom fields, in template order, each suiting its kind; a custom key
    /// the template does not know is a problem.
    fn custom_fields(
        &self,
        form: &ContractForm,
        entries: &mut Vec<(Arc<str>, Value)>,
        problems: &mut Vec<Error>,
    ) {
        let template = &self.template;
        for (key, _) in form.iter().filter(|(key, _)| crate::records::CustomValues::is_custom_key(key)) {
            if !template.keys.contains_key(key) {
                problems.push(Error::new(
                    ErrorKind::InvalidValue,
                    format!("contract.{key}"),
                    "is not a field of the company's contract template",
                ));
            }
        }
        for field in &template.fields {
            let keys = std::iter::once((&field.key, true))
                .chain(field.companion_key.as_ref().map(|key| (key, false)));
            for (key, is_field) in keys {
                let Some(raw) = form.get(key) else { continue };
                let value = if is_field {
                    if is_empty(raw) { Ok(field.kind.empty_value()) } else { value_of(field.kind, raw) }
                } else {
                    match RawJson::of(raw.get()) {
                        RawJson::Text(text) => Ok(FieldValue::Text(text.into_owned())),
                        RawJson::Null => Ok(FieldValue::Null),
                        other => Err(format!("is {}, not a field's display text", other.in_words())),
                    }
                };
                match value {
                    Ok(value) => entries.push((Arc::clone(key), Value::Field(value))),
                    Err(problem) => {
                        problems.push(Error::new(
                            ErrorKind::InvalidValue,
                            format!("contract.{key}"),
                            problem,
                        ));
                    }
                }
            }
        }
        for (key, _) in form.iter() {
            let known = KEYS.iter().any(|(known, _)| *known == key) || key == "product_assets_attributes";
            if !known && !crate::records::CustomValues::is_custom_key(key) {
                problems.push(Error::new(
                    ErrorKind::InvalidValue,
                    format!("contract.{key}"),
                    "is not a key of the create request",
                ));
            }
        }
    }
}

/// The form's product lines, checked, with their totals; and their sum, if every
/// line's total is known.
fn lines(raw: Option<&RawValue>, problems: &mut Vec<Error>) -> (Vec<Line>, Option<Decimal>) {
    let list_path = "contract.product_assets_attributes";
    let Some(raw) = raw.filter(|raw| !is_empty(raw)) else { return (Vec::new(), Some(Decimal::ZERO)) };
    let lines = match read_plain::<Vec<Object>>(raw, list_path) {
        Ok(lines) => lines,
        Err(problem) => {
            problems.push(problem);
            return (Vec::new(), None);
        }
    };
    let mut written = Vec::with_capacity(lines.len());
    let mut sum = Some(Decimal::ZERO);
    for (index, line) in lines.iter().enumerate() {
        let path = |key: &str| format!("{list_path}[{index}].{key}");
        if let Some((key, _)) =
            line.0.iter().find(|(key, _)| !LINE_KEYS.iter().any(|(known, _)| known == key))
        {
            problems.push(Error::new(ErrorKind::InvalidValue, path(key), "is not a key of a product line"));
        }
        let get = |key: &str| line.0.iter().find(|(k, _)| k == key).map(|(_, value)| &**value);
        let mut values = Vec::with_capacity(LINE_KEYS.len());
        let mut factors = (None, None);
        for (key, kind) in LINE_KEYS {
            let value = match (kind, get(key)) {
                (LineKind::Text, Some(raw)) => read::<Text>(raw, &path(key)).map(Value::Text),
                (LineKind::Text, None) => Ok(Value::Text(String::new())),
                (LineKind::OptionalId, Some(raw)) => {
                    read::<OptionalId>(raw, &path(key)).map(Value::OptionalId)
                }
                (LineKind::OptionalId, None) => Ok(Value::OptionalId(None)),
                (LineKind::RequiredId, Some(raw)) => read::<Id>(raw, &path(key)).map(Value::Id),
                (LineKind::Bool, Some(raw)) => {
                    read_plain::<Option<bool>>(raw, &path(key)).map(|flag| Value::Bool(flag.unwrap_or(false)))
                }
                (LineKind::Bool, None) => Ok(Value::Bool(false)),
                (LineKind::Amount, Some(raw)) => read_plain::<Amount>(raw, &path(key)).map(|amount| {
                    if key == "quantity" {
                        factors.0 = Some(amount.get());
                    } else {
                        factors.1 = Some(amount.get());
                    }
                    Value::Amount(amount.get())
                }),
                (LineKind::Computed, _) => match factors {
                    (Some(quantity), Some(price)) => match exact_mul(price, quantity) {
                        Some(total) => Ok(Value::Amount(total.normalize())),
                        None => Err(Error::new(
                            ErrorKind::Overflow,
                            path(key),
                            "recommended_unit_price × quantity does not fit a decimal",
                        )),
                    },
                    _ => Ok(Value::Text(String::new())),
                },
                (LineKind::RequiredId | LineKind::Amount, None) => {
                    Err(Error::new(ErrorKind::MissingField, path(key), "is required"))
                }
            };
            match value {
                Ok(value) => {
                    if key == "total_price" {
                        let destroyed = values
                            .iter()
                            .any(|(key, value)| *key == "destroy" && *value == Value::Bool(true));
                        sum = match (&value, destroyed) {
                            (_, true) => sum,
                            (Value::Amount(total), false) => sum.and_then(|sum| exact_add(sum, *total)),
                            _ => None,
                        };
                    }
                    values.push((key, value));
                }
                Err(problem) => {
                    sum = None;
                    problems.push(problem);
                }
            }
        }
        written.push(values);
    }
    (written, sum)
}

/// `[]`.
fn empty_list() -> Box<RawValue> {
    serde_json::value::to_raw_value(&[(); 0]).unwrap_or_else(|_| RawValue::NULL.to_owned())
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
            Self::Raw(raw) => raw.0.serialize(serializer),
            Self::Lines(lines) => serializer.collect_seq(lines.iter().map(|line| LineEntries(line))),
            Self::Bool(flag) => serializer.serialize_bool(*flag),
            Self::Field(value) => value.serialize(serializer),
        }
    }
}

struct LineEntries<'a>(&'a [(&'static str, Value)]);

impl Serialize for LineEntries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (*key, value)))
    }
}
