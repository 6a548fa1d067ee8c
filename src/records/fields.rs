//! A record's keys, listed once: [`record_fields!`] takes each key with its field and
//! encoding (`crate::encoding::field::Encoding`) and makes the record's reader and its
//! writers in both forms.
//!
//! The reader takes JSON objects only (a list is refused where a record is read), reads
//! each known key through its encoding, keeps an opportunity's custom-field keys with
//! their JSON text, and skips every other key unread, so its depth or content never
//! matters. Nothing is buffered; a known key given twice is refused, and so is a record
//! without one of its required keys.

use serde::de;

/// Which of a record's known keys were read, by their place in its list.
#[derive(Default)]
pub(crate) struct Seen(u64);

impl Seen {
    /// Marks the key at `index`, refusing it if it was read before.
    pub(crate) fn first<E: de::Error>(&mut self, index: usize, name: &'static str) -> Result<(), E> {
        let bit = 1_u64 << index;
        if self.0 & bit != 0 {
            return Err(E::duplicate_field(name));
        }
        self.0 |= bit;
        Ok(())
    }

    /// Refuses a record that lacks one of the `required` keys of `keys`.
    pub(crate) fn require<E: de::Error>(
        &self,
        keys: &[&'static str],
        required: &[&'static str],
    ) -> Result<(), E> {
        match required.iter().find(|name| self.0 & (1 << position(keys, name)) == 0) {
            Some(name) => Err(E::missing_field(name)),
            None => Ok(()),
        }
    }
}

/// Where `key` is in `keys` (at compile time for the listed keys); a key that is not
/// listed is a mistake in the list, refused when the crate is built.
pub(crate) const fn position(keys: &[&str], key: &str) -> usize {
    let mut index = 0;
    while index < keys.len() {
        if same(keys[index].as_bytes(), key.as_bytes()) {
            return index;
        }
        index += 1;
    }
    panic!("a required key is not in the record's list")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// Makes a record's reader (`Deserialize`), its writer in both forms (`WriteRecord`, with
/// its compact writer for the batch path)
/// and its `Serialize` (the input form, which reads back as the same record) from the list of its
/// keys in written order, each `"key" => field: Encoding` (with `| "alias"` for a key
/// also read under another name). `required` names the keys that must be given;
/// `custom` names the field that keeps the record's custom-field keys, if any (read from
/// any `*_asset_*` key, written after the listed keys in the input form only).
macro_rules! record_fields {
    (
        $record:ident, $expecting:literal,
        required: [$($required:literal),*],
        $(custom: $custom:ident,)?
        keys: [$($key:literal $(| $alias:literal)? => $field:ident: $encoding:ty,)*]
    ) => {
        impl $record {
            const KEYS: &'static [&'static str] = &[$($key),*];
            const REQUIRED: &'static [&'static str] = &[$($required),*];

            #[doc = concat!("Reads a `", stringify!($record), "` from JSON: one object, in any encoding the API sends; ")]
            #[doc = "errors name the field by its path and kind (see [`Error`](crate::Error))."]
            pub fn from_json(json: &[u8]) -> Result<Self, crate::Error> {
                crate::encoding::reader::read_json(json)
            }

            #[doc = concat!("The `", stringify!($record), "` as JSON that [`from_json`](Self::from_json) reads back as the same record: ")]
            #[doc = "the input form, for storing a record as a service's row. "]
            #[doc = ""]
            #[doc = "The same for every record the reader could have read: dates and times in the"]
            #[doc = "years 0001 to 9999 (times in China time), without leap-second nanoseconds, offsets"]
            #[doc = "in whole minutes (RFC 3339 has no seconds), finite coordinates and distances (a"]
            #[doc = "distance of `-0.0` comes back as `0`). A record built in Rust outside these is"]
            #[doc = "written as chrono and the JSON writer write it, and may not read back."]
            pub fn to_json(&self) -> Vec<u8> {
                // Every field writes as JSON: map keys are strings, and a float that is
                // not finite is written `null`.
                serde_json::to_vec(self).expect("a record always writes as JSON")
            }
        }

        impl<'de> serde::Deserialize<'de> for $record {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct RecordVisitor;

                impl<'de> serde::de::Visitor<'de> for RecordVisitor {
                    type Value = $record;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$record, A::Error> {
                        use crate::encoding::field::Read;
                        let mut record = $record::default();
                        let mut seen = crate::records::fields::Seen::default();
                        $(let mut custom_values = crate::records::CustomValuesReader::default();
                        let _ = stringify!($custom);)?
                        while let Some(key) = map.next_key::<crate::encoding::key::Key<'de>>()? {
                            match key.as_str() {
                                $($key $(| $alias)? => {
                                    const INDEX: usize = crate::records::fields::position($record::KEYS, $key);
                                    seen.first::<A::Error>(INDEX, concat!($key $(, " (or ", $alias, ")")?))?;
                                    record.$field = map.next_value_seed(Read::<$encoding>::new())?;
                                })*
                                $(other if crate::records::CustomValues::is_custom_key(other) => {
                                    let _ = stringify!($custom);
                                    custom_values.read(other.to_owned(), &mut map)?;
                                })?
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        seen.require::<A::Error>($record::KEYS, $record::REQUIRED)?;
                        $(record.$custom = custom_values.finish::<A::Error>()?;)?
                        Ok(record)
                    }
                }

                deserializer.deserialize_map(RecordVisitor)
            }
        }

        impl crate::encoding::field::WriteRecord for $record {
            fn write_record<S: serde::Serializer>(
                &self,
                form: crate::encoding::field::Form,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                use crate::encoding::field::{Encoding, Write};
                let mut map = serializer.serialize_map(None)?;
                $(if !<$encoding as Encoding>::omitted(&self.$field, form) {
                    map.serialize_entry($key, &Write::<$encoding>(&self.$field, form))?;
                })*
                $(if form == crate::encoding::field::Form::Input {
                    for (key, value) in self.$custom.iter() {
                        map.serialize_entry(key, value)?;
                    }
                })?
                map.end()
            }

            fn write_record_compact(&self, form: crate::encoding::field::Form, out: &mut Vec<u8>) {
                use crate::encoding::field::Encoding;
                out.push(b'{');
                let mut first = true;
                $(if !<$encoding as Encoding>::omitted(&self.$field, form) {
                    if !std::mem::take(&mut first) {
                        out.push(b',');
                    }
                    out.extend_from_slice(concat!("\"", $key, "\":").as_bytes());
                    <$encoding as Encoding>::write_compact(&self.$field, form, out);
                })*
                $(if form == crate::encoding::field::Form::Input {
                    for (key, value) in self.$custom.iter() {
                        if !std::mem::take(&mut first) {
                            out.push(b',');
                        }
                        crate::encoding::compact::push_str(out, key);
                        out.push(b':');
                        crate::encoding::compact::push_serialized(out, value);
                    }
                })?
                // Read by the custom values' loop, where the record has one.
                let _ = first;
                out.push(b'}');
            }
        }

        impl serde::Serialize for $record {
            /// The record in the input form: every field, read back as the same record.
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::encoding::field::WriteRecord::write_record(self, crate::encoding::field::Form::Input, serializer)
            }
        }
    };
}
pub(crate) use record_fields;
