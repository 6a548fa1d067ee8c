//! The form a client posts back: the create request's keys with the JSON values the
//! client gave, in its order.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::{RawValue, to_raw_value};

use crate::draft::ContractDraft;
use crate::encoding::reader::read_json;
use crate::encoding::record::Required;
use crate::error::Error;

/// A contract form: `{"contract": {…}}`, each key with the JSON value the client gave.
/// Nothing is checked when it is read, so that
/// [`Converter::create_request`](crate::Converter::create_request) can report every
/// problem at once.
#[derive(Debug, Clone, Default)]
pub struct ContractForm {
    entries: Vec<(String, Box<RawValue>)>,
}

impl PartialEq for ContractForm {
    /// The same keys in the same order, with the same JSON text.
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.iter().zip(other.iter()).all(|((k1, v1), (k2, v2))| k1 == k2 && v1.get() == v2.get())
    }
}

impl ContractForm {
    /// Reads a form from JSON: `{"contract": {…}}`; only its shape (an object of
    /// objects) is checked here.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        read_json::<Required<Wrapped>>(json).map(|form| form.0.contract)
    }

    /// The form a client starts from for `draft`: the create request's keys the draft
    /// fills (title, amounts, dates, ids, product lines, custom fields), the others
    /// empty, `sn` (the contract number) and `end_at` (without a term) left for the
    /// client. With hiding in force, phone fields are left empty rather than masked.
    pub fn from_draft(draft: &ContractDraft) -> Self {
        let mut form = Self::default();
        let date = |date: Option<chrono::NaiveDate>| date.map(|date| date.to_string()).unwrap_or_default();
        form.put("title", &draft.title);
        form.put("sn", &draft.sn);
        form.put("user_id", &draft.user.id);
        form.put("opportunity_id", &draft.opportunity.id);
        form.put("customer_id", &draft.customer.id);
        form.put("total_amount", &crate::encoding::ruby_decimal::RubyDecimal(draft.total_amount).to_string());
        form.put("start_at", &date(draft.start_at));
        form.put("end_at", &date(draft.end_at));
        form.put("category", &draft.category);
        form.put("payment_type", &draft.payment_type);
        form.put("status", &draft.status);
        form.put("customer_signer", &draft.customer_signer);
        form.put("our_signer", &draft.our_signer);
        form.put("sign_date", &date(draft.sign_date));
        form.put("special_terms", &draft.special_terms);
        let lines: Vec<FormLine<'_>> = draft.product_assets_for_new_record.iter().map(FormLine).collect();
        form.put("product_assets_attributes", &lines);
        // With hiding in force the draft's phone fields hold masks, which are not the
        // numbers: the form leaves them empty rather than post a mask back.
        let masked = |key: &str| {
            let field = key.strip_suffix(HIDDEN_RESULT).unwrap_or(key);
            draft.need_hidden_dispose && draft.custom_fields.get(&format!("{field}{HIDDEN_RESULT}")).is_some()
        };
        for (key, value) in draft.custom_fields.iter() {
            if masked(key) {
                form.put(key, &());
            } else {
                form.put(key, value);
            }
        }
        form
    }

    /// Sets `key` to the JSON `value`, replacing an earlier value under the same key.
    pub fn set(&mut self, key: impl Into<String>, value: Box<RawValue>) {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// The JSON value under `key`, if the form has it.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, value)| &**value)
    }

    /// The keys and values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), &**value))
    }

    /// Sets `key` to `value` as JSON (every value the draft holds writes as JSON).
    fn put(&mut self, key: &str, value: &(impl Serialize + ?Sized)) {
        if let Ok(value) = to_raw_value(value) {
            self.set(key, value);
        }
    }
}

impl Serialize for ContractForm {
    /// `{"contract": {…}}`, as [`ContractForm::from_json`] reads it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut outer = serializer.serialize_map(Some(1))?;
        outer.serialize_entry("contract", &Entries(&self.entries))?;
        outer.end()
    }
}

struct Entries<'a>(&'a [(String, Box<RawValue>)]);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (key, value)))
    }
}

/// A draft's offered product line as a form's line.
struct FormLine<'a>(&'a crate::draft::NewProductLine);

impl Serialize for FormLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use crate::encoding::ruby_decimal::RubyDecimal;
        let line = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &())?;
        map.serialize_entry("product_id", &line.product_id)?;
        map.serialize_entry("product_name", &line.name)?;
        map.serialize_entry("product_attr_id", &line.product_attr_id)?;
        map.serialize_entry("product_no", &line.product_no)?;
        map.serialize_entry("quantity", &RubyDecimal(line.quantity).to_string())?;
        map.serialize_entry("recommended_unit_price", &RubyDecimal(line.recommended_unit_price).to_string())?;
        map.serialize_entry("sale_unit", &line.sale_unit)?;
        map.serialize_entry("spec", &line.spec)?;
        map.serialize_entry("remark", &line.remark)?;
        map.end()
    }
}

/// The ending of a phone field's companion key.
const HIDDEN_RESULT: &str = "_hidden_result";

/// `{"contract": {…}}` as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapped {
    #[serde(deserialize_with = "object")]
    contract: ContractForm,
}

fn object<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ContractForm, D::Error> {
    Object::deserialize(deserializer).map(|object| ContractForm { entries: object.0 })
}

/// A JSON object's keys with their values' JSON text, in order; a key given twice is
/// refused.
pub(super) struct Object(pub(super) Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
        let mut entries: Vec<(String, Box<RawValue>)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.iter().any(|(known, _)| *known == key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Object(entries))
    }
}
