//! The form a client posts back: the create request's keys with the JSON values the
//! client gave, in its order.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::{RawValue, to_raw_value};

use crate::draft::ContractDraft;
use crate::encoding::bounded::too_many;
use crate::encoding::reader::read_json;
use crate::encoding::record::Required;
use crate::error::{Error, ErrorKind};
use crate::limits::MAX_FORM_KEYS;

/// A contract form: `{"contract": {…}}`, each key with the JSON value the client gave.
/// Nothing is checked when it is read, so that
/// [`Converter::create_request`](crate::Converter::create_request) can report every
/// problem at once.
#[derive(Debug, Clone, Default)]
pub struct ContractForm {
    entries: Vec<(String, Box<RawValue>)>,
    /// Where each key stands in `entries`.
    index: HashMap<String, usize>,
    /// The keys the JSON had beside `contract`, reported with the form's problems.
    beside: Vec<String>,
}

impl PartialEq for ContractForm {
    /// The same keys in the same order, with the same JSON text.
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.iter().zip(other.iter()).all(|((k1, v1), (k2, v2))| k1 == k2 && v1.get() == v2.get())
    }
}

impl ContractForm {
    /// Reads a form from JSON: `{"contract": {…}}`; only its shape (an object holding
    /// an object, no key given twice) is checked here. Keys beside `contract` are kept
    /// to be reported with the form's other problems.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        let outer = read_json::<Required<Object>>(json)?.0;
        let mut contract = None;
        let mut beside = Vec::new();
        for (key, value) in outer.0 {
            if key == "contract" {
                contract = Some(value);
            } else {
                beside.push(key);
            }
        }
        let Some(contract) = contract else {
            let missing = Error::new(ErrorKind::MissingField, "contract", "is required");
            let problems = std::iter::once(missing).chain(beside.iter().map(|key| beside_problem(key)));
            return Err(Error::all(problems.collect()).unwrap_err());
        };
        let entries = read_json::<Required<Object>>(contract.get().as_bytes())
            .map_err(|error| error.within("contract"))?
            .0
            .0;
        let mut form = Self::default();
        for (key, value) in entries {
            form.set(key, value);
        }
        form.beside = beside;
        Ok(form)
    }

    /// The problems of the keys the JSON had beside `contract` (none is allowed).
    pub(super) fn beside(&self) -> impl Iterator<Item = Error> + '_ {
        self.beside.iter().map(|key| beside_problem(key))
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
        form.put("total_amount", &crate::money::RubyDecimal(draft.total_amount).to_string());
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
        // A phone's `_hidden_result` is the server's to compute, so the form has none.
        // With hiding in force the draft's phone fields hold masks, which are not the
        // numbers: the form leaves them empty rather than post a mask back.
        let phones: HashSet<&str> =
            draft.custom_fields.iter().filter_map(|(key, _)| key.strip_suffix(HIDDEN_RESULT)).collect();
        for (key, value) in draft.custom_fields.iter() {
            if key.ends_with(HIDDEN_RESULT) {
                continue;
            }
            if draft.need_hidden_dispose && phones.contains(key) {
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
        if let Some(&at) = self.index.get(&key) {
            self.entries[at].1 = value;
        } else {
            self.index.insert(key.clone(), self.entries.len());
            self.entries.push((key, value));
        }
    }

    /// The JSON value under `key`, if the form has it.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.index.get(key).map(|&at| &*self.entries[at].1)
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
        use crate::money::RubyDecimal;
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

/// The problem of a key beside `contract`.
fn beside_problem(key: &str) -> Error {
    Error::new(
        ErrorKind::InvalidValue,
        crate::error::echo::Excerpt(key).to_string(),
        "is not a key of the form, which holds only contract",
    )
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
        let mut keys: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.len() == MAX_FORM_KEYS {
                return Err(too_many(MAX_FORM_KEYS, "keys"));
            }
            if !keys.insert(key.clone()) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::value::to_raw_value;

    use super::ContractForm;

    fn form(entries: &[(&str, &str)]) -> ContractForm {
        let mut form = ContractForm::default();
        for (key, text) in entries {
            form.set(*key, to_raw_value(text).unwrap());
        }
        form
    }

    #[test]
    fn forms_are_equal_by_keys_order_and_text() {
        let one = form(&[("title", "T"), ("sn", "HT-1")]);
        assert_eq!(one, form(&[("title", "T"), ("sn", "HT-1")]));
        assert_ne!(one, form(&[("sn", "HT-1"), ("title", "T")]));
        assert_ne!(one, form(&[("title", "T"), ("sn", "HT-2")]));
        assert_ne!(one, form(&[("title", "T"), ("end_at", "HT-1")]));
        assert_ne!(one, form(&[("title", "T")]));
    }

    #[test]
    fn a_contract_that_is_no_object_says_what_it_must_be() {
        let error = ContractForm::from_json(br#"{"contract": 5}"#).unwrap_err();
        assert_eq!(error.to_string(), "contract: is a number, expected a record");
        // A product line is such an object too.
        let form = ContractForm::from_json(br#"{"contract": {"product_assets_attributes": [1]}}"#).unwrap();
        let error = crate::Converter::default().create_request(&form).unwrap_err();
        let line = error
            .problems()
            .iter()
            .find(|problem| problem.path().starts_with("contract.product_assets_attributes"));
        assert_eq!(
            line.map(ToString::to_string).as_deref(),
            Some("contract.product_assets_attributes[0]: is a number, expected a record")
        );
    }
}
