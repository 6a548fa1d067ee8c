use serde::de;
use serde_json::value::RawValue;

/// The custom-field values of a record as the API sent them: every `*_asset_*` key
/// (with `_display` companions), in the order given, each value with its JSON text
/// exactly as given (a number keeps all its digits). Other keys are not kept.
///
/// ```
/// use contract_draft::CustomValues;
/// use serde_json::value::to_raw_value;
///
/// let mut values = CustomValues::default();
/// values.insert("numeric_asset_a1b2c3", to_raw_value(&12.5)?);
/// assert_eq!(values.get("numeric_asset_a1b2c3").map(|value| value.get()), Some("12.5"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CustomValues {
    entries: Vec<(String, Box<RawValue>)>,
}

impl PartialEq for CustomValues {
    /// The same keys in the same order, with the same JSON text.
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.iter().zip(other.iter()).all(|((k1, v1), (k2, v2))| k1 == k2 && v1.get() == v2.get())
    }
}

impl CustomValues {
    /// Whether `key` names a custom field or its companion (`text_asset_1ca6ef`,
    /// `numeric_asset_e0a85b`, `text_asset_90d3e6_display`).
    pub fn is_custom_key(key: &str) -> bool {
        key.contains("_asset_")
    }

    /// The JSON value under `key`, if the record has it.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, value)| &**value)
    }

    /// The keys and values in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), &**value))
    }

    /// Sets `key` to `value`, replacing an earlier value under the same key (a linear
    /// search: records have few custom fields).
    pub fn insert(&mut self, key: impl Into<String>, value: Box<RawValue>) {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Appends a value read from JSON; [`CustomValues::refuse_duplicates`] checks the keys
    /// once all are read.
    pub(crate) fn push(&mut self, key: String, value: Box<RawValue>) {
        self.entries.push((key, value));
    }

    /// Refuses a key given twice, as serde refuses a named field given twice; sorting
    /// finds one in O(n log n) however many keys a payload sends.
    pub(crate) fn refuse_duplicates<E: de::Error>(&self) -> Result<(), E> {
        let mut keys: Vec<&str> = self.entries.iter().map(|(key, _)| key.as_str()).collect();
        keys.sort_unstable();
        match keys.windows(2).find(|pair| pair[0] == pair[1]) {
            Some(pair) => Err(E::custom(format_args!("duplicate field `{}`", pair[0]))),
            None => Ok(()),
        }
    }
}
