use serde::de;
use serde::ser::{Serialize, Serializer};

use crate::error::echo::Quoted;
use crate::error::{Error, ErrorKind};
use serde_json::value::RawValue;

/// The custom-field values of a record as the API sent them: every `*_asset_*` key
/// (with `_display` companions), in the order given, each value with its JSON text
/// exactly as given (a number keeps all its digits). Other keys are not kept.
///
/// Values are `serde_json::value::RawValue`s: building them in Rust needs serde_json's
/// `raw_value` feature in your own `Cargo.toml` (`serde_json = { version = "1",
/// features = ["raw_value"] }`), which this crate turns on for itself.
///
/// ```
/// use contract_draft::CustomValues;
/// use serde_json::value::to_raw_value;
///
/// let mut values = CustomValues::default();
/// values.insert("numeric_asset_a1b2c3", to_raw_value(&12.5)?)?;
/// assert_eq!(values.get("numeric_asset_a1b2c3").map(|value| value.get()), Some("12.5"));
/// assert!(values.insert("title", to_raw_value("x")?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CustomValues {
    entries: Vec<(String, Box<RawValue>)>,
    /// Positions in `entries`, in key order: lookups are binary searches, so filling
    /// many fields from a record of many keys never scans them all for each.
    by_key: Vec<usize>,
}

impl PartialEq for CustomValues {
    /// The same keys in the same order, with the same JSON text.
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.iter().zip(other.iter()).all(|((k1, v1), (k2, v2))| k1 == k2 && v1.get() == v2.get())
    }
}

impl Serialize for CustomValues {
    /// A JSON object of the values in the order given, each value's text as it is.
    ///
    /// ```
    /// use contract_draft::CustomValues;
    /// use serde_json::value::to_raw_value;
    ///
    /// let mut values = CustomValues::default();
    /// values.insert("text_asset_b2", to_raw_value("b")?)?;
    /// values.insert("text_asset_a1", to_raw_value(&["a"])?)?;
    /// assert_eq!(serde_json::to_string(&values)?, r#"{"text_asset_b2":"b","text_asset_a1":["a"]}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for CustomValues {
    /// A JSON object of custom values, in its order, each value's text as given (from
    /// any deserializer: see the records'); a key that is not a custom field's, or one
    /// given twice, is refused.
    ///
    /// ```
    /// use contract_draft::CustomValues;
    ///
    /// let values: CustomValues = serde_json::from_str(r#"{"text_asset_b2": "b", "numeric_asset_a1": 1.50}"#)?;
    /// assert_eq!(serde_json::to_string(&values)?, r#"{"text_asset_b2":"b","numeric_asset_a1":1.50}"#);
    /// assert!(serde_json::from_str::<CustomValues>(r#"{"title": "x"}"#).is_err());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ValuesVisitor)
    }
}

struct ValuesVisitor;

impl<'de> de::Visitor<'de> for ValuesVisitor {
    type Value = CustomValues;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record of custom fields")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<CustomValues, A::Error> {
        let mut values = CustomValuesReader::default();
        while let Some(key) = map.next_key::<String>()? {
            if !CustomValues::is_custom_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "{} is not a custom-field key (<kind>_asset_…)",
                    Quoted(&key)
                )));
            }
            values.read(key, &mut map)?;
        }
        values.finish()
    }
}

/// Custom values being read, from a record or an object of their own: each value kept
/// with its JSON text, in the order given, at most
/// [`MAX_CUSTOM_FIELDS`](crate::limits::MAX_CUSTOM_FIELDS) of them.
#[derive(Default)]
pub(crate) struct CustomValuesReader(Vec<(String, Box<RawValue>)>);

impl CustomValuesReader {
    /// Reads the value of the custom key `key` from `map`, refusing a key beyond the
    /// limit.
    pub(crate) fn read<'de, A: de::MapAccess<'de>>(
        &mut self,
        key: String,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if self.0.len() == crate::limits::MAX_CUSTOM_FIELDS {
            return Err(crate::encoding::bounded::too_many(
                crate::limits::MAX_CUSTOM_FIELDS,
                "custom-field keys",
            ));
        }
        self.0.push((key, map.next_value::<crate::encoding::raw::JsonText>()?.0));
        Ok(())
    }

    /// The values read, in the order given; a key given twice is refused, as serde
    /// refuses a named field given twice.
    pub(crate) fn finish<E: de::Error>(self) -> Result<CustomValues, E> {
        let entries = self.0;
        let mut by_key: Vec<usize> = (0..entries.len()).collect();
        by_key.sort_unstable_by(|&a, &b| entries[a].0.cmp(&entries[b].0));
        if let Some(pair) = by_key.windows(2).find(|pair| entries[pair[0]].0 == entries[pair[1]].0) {
            return Err(E::custom(format_args!("duplicate field `{}`", entries[pair[0]].0)));
        }
        Ok(CustomValues { entries, by_key })
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
        self.position(key).ok().map(|at| &*self.entries[self.by_key[at]].1)
    }

    /// The keys and values in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), &**value))
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Sets `key` to `value`, replacing an earlier value under the same key. A key that
    /// is not a custom field's ([`CustomValues::is_custom_key`]) is refused with an
    /// [`InvalidValue`](crate::ErrorKind::InvalidValue) error: the reader would not read
    /// it back as one, and it could collide with the record's own keys.
    pub fn insert(&mut self, key: impl Into<String>, value: Box<RawValue>) -> Result<(), Error> {
        let key = key.into();
        if !Self::is_custom_key(&key) {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "",
                format_args!("{} is not a custom-field key (<kind>_asset_…)", Quoted(&key)),
            ));
        }
        match self.position(&key) {
            Ok(at) => self.entries[self.by_key[at]].1 = value,
            Err(at) => {
                self.by_key.insert(at, self.entries.len());
                self.entries.push((key, value));
            }
        }
        Ok(())
    }

    /// Where `key` is (or would be) in `by_key`.
    fn position(&self, key: &str) -> Result<usize, usize> {
        self.by_key.binary_search_by(|&index| self.entries[index].0.as_str().cmp(key))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::value::to_raw_value;

    use super::CustomValues;

    fn values(entries: &[(&str, &str)]) -> CustomValues {
        let mut values = CustomValues::default();
        for (key, text) in entries {
            values.insert(*key, to_raw_value(text).unwrap()).unwrap();
        }
        values
    }

    #[test]
    fn values_count_and_replace_under_their_keys() {
        let mut custom = values(&[("text_asset_b", "1"), ("text_asset_a", "2")]);
        assert_eq!((custom.len(), custom.is_empty()), (2, false));
        assert!(CustomValues::default().is_empty());
        custom.insert("text_asset_b", to_raw_value("3").unwrap()).unwrap();
        assert_eq!(custom.len(), 2);
        assert_eq!(custom.get("text_asset_b").map(serde_json::value::RawValue::get), Some(r#""3""#));
        let keys: Vec<&str> = custom.iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["text_asset_b", "text_asset_a"]);
        let refused = custom.insert("title", to_raw_value("x").unwrap()).unwrap_err();
        assert_eq!(refused.kind(), crate::ErrorKind::InvalidValue);
        assert_eq!(custom.len(), 2);
    }

    /// An object of its own reads as the values it holds, in order, with their text;
    /// a key that is not a custom key, or one given twice, is refused.
    #[test]
    fn an_object_reads_as_its_values() {
        let read: CustomValues =
            serde_json::from_str(r#"{"text_asset_b":"x","numeric_asset_a":1.50}"#).unwrap();
        let entries: Vec<(&str, &str)> = read.iter().map(|(key, value)| (key, value.get())).collect();
        assert_eq!(entries, [("text_asset_b", r#""x""#), ("numeric_asset_a", "1.50")]);
        assert_eq!(read.get("numeric_asset_a").map(serde_json::value::RawValue::get), Some("1.50"));
        let not_custom = serde_json::from_str::<CustomValues>(r#"{"title":"x"}"#).unwrap_err();
        assert!(not_custom.to_string().contains("title"), "{not_custom}");
        let twice =
            serde_json::from_str::<CustomValues>(r#"{"text_asset_a":1,"text_asset_a":2}"#).unwrap_err();
        assert!(twice.to_string().starts_with("duplicate field `text_asset_a`"), "{twice}");
    }

    #[test]
    fn values_are_equal_by_keys_order_and_text() {
        let custom = values(&[("text_asset_a", "1"), ("text_asset_b", "2")]);
        assert_eq!(custom, values(&[("text_asset_a", "1"), ("text_asset_b", "2")]));
        assert_ne!(custom, values(&[("text_asset_b", "2"), ("text_asset_a", "1")]));
        assert_ne!(custom, values(&[("text_asset_a", "1"), ("text_asset_c", "2")]));
        assert_ne!(custom, values(&[("text_asset_a", "1"), ("text_asset_b", "3")]));
        assert_ne!(custom, values(&[("text_asset_a", "1")]));
    }
}
