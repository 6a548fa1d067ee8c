use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// The custom-field values of a record as the API sent them: every `*_asset_*` key
/// (with `_display` companions), in the order given. Other keys are not kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomValues {
    entries: Vec<(String, Value)>,
}

impl CustomValues {
    /// Whether `key` names a custom field or its companion (`text_asset_1ca6ef`,
    /// `numeric_asset_e0a85b`, `text_asset_90d3e6_display`).
    pub fn is_custom_key(key: &str) -> bool {
        key.contains("_asset_")
    }

    /// The value under `key`, if the record has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, value)| value)
    }

    /// The keys and values in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// Sets `key` to `value`, replacing an earlier value under the same key (a linear
    /// search: records have few custom fields).
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }
}

impl<'de> Deserialize<'de> for CustomValues {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CustomValuesVisitor)
    }
}

struct CustomValuesVisitor;

impl<'de> Visitor<'de> for CustomValuesVisitor {
    type Value = CustomValues;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CustomValues, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if CustomValues::is_custom_key(&key) {
                entries.push((key, map.next_value()?));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        // A key given twice is refused, as serde refuses a named field given twice;
        // sorting finds one in O(n log n) however many keys a payload sends.
        let mut keys: Vec<&str> = entries.iter().map(|(key, _)| key.as_str()).collect();
        keys.sort_unstable();
        if let Some([key, _]) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        Ok(CustomValues { entries })
    }
}
