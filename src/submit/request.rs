//! The create request's contract: its keys read from a form and checked, the product
//! lines and custom fields beside them, and the body it writes.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::form::ContractForm;
use super::product_lines::{Line, check_lines};
use super::value::{RawValueText, Value, read, read_plain};
use crate::convert::Converter;
use crate::draft::{ApproveStatus, FieldValue};
use crate::encoding::id::{Id, OptionalId};
use crate::encoding::raw::{RawJson, is_blank};
use crate::encoding::ruby_json::normalized;
use crate::encoding::text::Text;
use crate::error::echo::key_path;
use crate::error::{Error, ErrorKind, Problems};
use crate::money::Amount;
use crate::money::RubyDecimal;
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
    /// The contract's [`KEYS`] and their values, in order.
    pub(super) contract: Vec<(&'static str, Value)>,
    /// The product lines (`product_assets_attributes`), written after the keys.
    pub(super) lines: Vec<Line>,
    /// The custom fields and their companions, in template order, written last.
    pub(super) custom_fields: Vec<(Arc<str>, FieldValue)>,
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
        let mut contract: Vec<(&'static str, Value)> = Vec::with_capacity(KEYS.len());
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
                    contract.push((key, value));
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
        let lines = check_lines(form.get("product_assets_attributes"), &mut problems);
        if self.total_source() == TotalSource::SumOfLines {
            // Without lines the total is the opportunity's amount, as in the draft.
            if let Some(sum) = lines.sum_of_kept() {
                match total {
                    None => set_total(&mut contract, sum),
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
        let custom_fields =
            self.form_custom_fields(form.iter().map(|(key, _)| key), |key| form.get(key), &mut problems);
        unknown_keys(form, &mut problems);
        for problem in form.beside() {
            problems.push(problem);
        }
        problems.into_result()?;
        Ok(CreateRequest { contract, lines: lines.into_written(), custom_fields })
    }

    /// The value of the contract's `key`, read as `kind`.
    fn contract_value(&self, key: &str, kind: Kind, raw: Option<&RawValue>) -> Result<Value, Error> {
        let path = key_path("contract", key);
        let required = || Error::new(ErrorKind::MissingField, path.as_str(), "is required");
        let raw = raw.filter(|raw| !is_blank(raw));
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
fn set_total(contract: &mut [(&'static str, Value)], total: Decimal) {
    if let Some(entry) = contract.iter_mut().find(|(key, _)| *key == "total_amount") {
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

/// `[]`.
fn empty_list() -> Box<RawValue> {
    RawValue::from_string("[]".to_owned()).expect("[] is JSON")
}

impl Serialize for CreateRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut outer = serializer.serialize_map(Some(2))?;
        outer.serialize_entry("contract", &Contract(self))?;
        outer.serialize_entry("contract_action_name", "turn_to_contract")?;
        outer.end()
    }
}

impl CreateRequest {
    /// Writes the contract's entries into `map`: its keys, then
    /// `product_assets_attributes`, then the custom fields.
    pub(super) fn write_contract<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (key, value) in &self.contract {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("product_assets_attributes", &self.lines)?;
        for (key, value) in &self.custom_fields {
            map.serialize_entry(&**key, value)?;
        }
        Ok(())
    }
}

/// The request's `contract` object.
struct Contract<'a>(&'a CreateRequest);

impl Serialize for Contract<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let request = self.0;
        let len = request.contract.len() + 1 + request.custom_fields.len();
        let mut map = serializer.serialize_map(Some(len))?;
        request.write_contract(&mut map)?;
        map.end()
    }
}
