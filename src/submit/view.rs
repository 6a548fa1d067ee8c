//! What a service reads of a create request: the contract's values by name, its
//! product lines, its custom fields, and the saved contract it answers with.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::product_lines::Line;
use super::request::{CreateRequest, KEYS};
use super::value::Value;
use crate::draft::{ApproveStatus, FieldValue};

impl CreateRequest {
    /// The value of the contract's `key`, one of [`KEYS`] (the request's contract
    /// holds exactly these, in their order).
    fn value(&self, key: &str) -> &Value {
        let at = KEYS.iter().position(|(known, _)| *known == key).expect("a key of the create request");
        &self.contract[at].1
    }

    /// A text the request requires (`title`, `sn`).
    fn required_text(&self, key: &str) -> &str {
        match self.value(key) {
            Value::Text(text) => text,
            _ => unreachable!("a required text is read as a text"),
        }
    }

    /// An optional id (`user_id`, `opportunity_id`, …).
    fn optional_id(&self, key: &str) -> Option<u64> {
        match self.value(key) {
            Value::OptionalId(id) => *id,
            _ => unreachable!("an optional id is read as one"),
        }
    }

    /// A date (`start_at`, `end_at`, `sign_date`).
    fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.value(key) {
            Value::Date(date) => *date,
            _ => unreachable!("a date is read as one"),
        }
    }

    /// The contract's title (合同标题), not blank.
    pub fn title(&self) -> &str {
        self.required_text("title")
    }

    /// The contract number (合同编号), not blank: what makes a contract a duplicate of
    /// another of the company's.
    pub fn sn(&self) -> &str {
        self.required_text("sn")
    }

    /// The approval status the contract is created with: the company's
    /// ([`Applying`](ApproveStatus::Applying) when approval is required).
    pub fn approve_status(&self) -> ApproveStatus {
        match self.value("approve_status") {
            Value::Status(status) => *status,
            _ => unreachable!("the status is the company's"),
        }
    }

    /// The user responsible (负责人), if the form names one.
    pub fn user_id(&self) -> Option<u64> {
        self.optional_id("user_id")
    }

    /// The contract's business type (合同业务类型), if the form names one.
    pub fn custom_field_template_id(&self) -> Option<u64> {
        self.optional_id("custom_field_template_id")
    }

    /// The opportunity the contract is made from, if the form names one.
    pub fn opportunity_id(&self) -> Option<u64> {
        self.optional_id("opportunity_id")
    }

    /// The customer (客户); the request requires one.
    pub fn customer_id(&self) -> u64 {
        match self.value("customer_id") {
            Value::Id(id) => *id,
            _ => unreachable!("the customer id is required"),
        }
    }

    /// The department (所属部门), if the form names one.
    pub fn want_department_id(&self) -> Option<u64> {
        self.optional_id("want_department_id")
    }

    /// The total amount (总金额), if the form gives one (or the company's total is the
    /// sum of the lines, and there are lines), without trailing zeros (`"19800.0"` is
    /// 19800); [`RubyDecimal`](crate::RubyDecimal) writes it as Rails does (`19800.0`).
    pub fn total_amount(&self) -> Option<Decimal> {
        match self.value("total_amount") {
            Value::Amount(amount) => Some(*amount),
            _ => None,
        }
    }

    /// The first day of the contract (开始时间).
    ///
    /// # Panics
    ///
    /// Never: [`Converter::create_request`](crate::Converter::create_request) refuses a
    /// form without it.
    pub fn start_at(&self) -> NaiveDate {
        self.date("start_at").expect("start_at is required")
    }

    /// The last day of the contract (结束时间), never before [`start_at`](Self::start_at).
    ///
    /// # Panics
    ///
    /// Never: [`Converter::create_request`](crate::Converter::create_request) refuses a
    /// form without it.
    pub fn end_at(&self) -> NaiveDate {
        self.date("end_at").expect("end_at is required")
    }

    /// The day the contract is signed (签约日期), if the form gives one.
    pub fn sign_date(&self) -> Option<NaiveDate> {
        self.date("sign_date")
    }

    /// The product lines (关联产品), in the form's order, deleted ones included.
    pub fn product_lines(&self) -> impl ExactSizeIterator<Item = RequestLine<'_>> {
        self.lines.iter().map(RequestLine)
    }

    /// The custom fields and their companions (`_display`, `_hidden_result`), in the
    /// template's order, each as its kind writes it.
    pub fn custom_fields(&self) -> impl Iterator<Item = (&str, &FieldValue)> {
        self.custom_fields.iter().map(|(key, value)| (&**key, value))
    }

    /// The saved contract a service answers once it has stored the request under `id`:
    /// `{"id": …}` then the request's contract keys, as the request writes them.
    ///
    /// ```
    /// use contract_draft::{Converter, Envelope};
    /// use contract_draft::submit::ContractForm;
    ///
    /// let form = ContractForm::from_json(br#"{"contract": {"title": "CRM", "sn": "HT-1",
    ///     "customer_id": 7, "start_at": "2026-01-01", "end_at": "2026-12-31"}}"#)?;
    /// let request = Converter::default().create_request(&form)?;
    /// assert_eq!(request.sn(), "HT-1");
    /// let body = Envelope::new(request.saved(12)).to_json().unwrap();
    /// assert!(body.starts_with(br#"{"code":0,"data":{"id":12,"title":"CRM","sn":"HT-1","#));
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    pub fn saved(&self, id: u64) -> SavedContract<'_> {
        SavedContract { id, request: self }
    }
}

/// A product line of a [`CreateRequest`].
#[derive(Debug, Clone, Copy)]
pub struct RequestLine<'a>(&'a Line);

impl RequestLine<'_> {
    /// The value of the line's `key`.
    fn value(&self, key: &str) -> Option<&Value> {
        self.0.value(key)
    }

    /// The amount under `key`, if the line has one.
    fn amount(&self, key: &str) -> Option<Decimal> {
        match self.value(key) {
            Some(Value::Amount(amount)) => Some(*amount),
            _ => None,
        }
    }

    /// The line's id: `None` for a new line.
    pub fn id(&self) -> Option<u64> {
        match self.value("id") {
            Some(Value::OptionalId(id)) => *id,
            _ => None,
        }
    }

    /// Whether the line is deleted (`"destroy": true`).
    pub fn is_deleted(&self) -> bool {
        self.0.is_deleted()
    }

    /// The product (产品); every kept line names one.
    pub fn product_id(&self) -> Option<u64> {
        match self.value("product_id") {
            Some(Value::Id(id)) => Some(*id),
            _ => None,
        }
    }

    /// The quantity (数量); every kept line has one.
    pub fn quantity(&self) -> Option<Decimal> {
        self.amount("quantity")
    }

    /// The unit price (售卖单价); every kept line has one.
    pub fn recommended_unit_price(&self) -> Option<Decimal> {
        self.amount("recommended_unit_price")
    }

    /// The line's total (总价) as `decimal(24,6)` saves `price × quantity`.
    pub fn total_price(&self) -> Option<Decimal> {
        self.0.total()
    }
}

impl Serialize for RequestLine<'_> {
    /// The line as the request writes it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// A stored contract as a service answers it: its id, then the contract of its create
/// request ([`CreateRequest::saved`]).
#[derive(Debug, Clone, Copy)]
pub struct SavedContract<'a> {
    id: u64,
    request: &'a CreateRequest,
}

impl Serialize for SavedContract<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        self.request.write_contract(&mut map)?;
        map.end()
    }
}
