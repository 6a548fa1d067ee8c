//! A record's keys, listed once: [`record_fields!`] takes each key with its field and
//! encoding (`crate::encoding::field::Encoding`) and makes the record's reader and its
//! writers in both forms.
//!
//! The reader takes JSON objects only (a list is refused where a record is read), reads
//! each known key through its encoding, keeps an opportunity's custom-field keys with
//! their JSON text, and skips every other key unread, so its depth or content never
//! matters. Nothing is buffered; a known key given twice is refused, and so is a record
//! without one of its required keys.
//!
//! A record can also be read into one that holds an earlier record (serde's
//! `deserialize_in_place`, which the batch path uses line after line): each field is
//! read into its place ([`Encoding::read_into`](crate::encoding::field::Encoding::read_into),
//! which keeps a string's buffer) and each key not given is reset to its default, so
//! the record ends as reading afresh would make it. Both ways are the same visitor.

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

    /// Whether the key at `index` was read.
    pub(crate) fn has(&self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }

    /// Whether all of the first `count` keys were read.
    pub(crate) fn all(&self, count: usize) -> bool {
        // Only the first `count` bits are ever set.
        self.0.count_ones() as usize == count
    }

    /// Refuses a record that lacks one of the `required` keys of `keys`, whose places
    /// are the bits of `required_places` ([`places`]).
    pub(crate) fn require<E: de::Error>(
        &self,
        required_places: u64,
        keys: &[&'static str],
        required: &[&'static str],
    ) -> Result<(), E> {
        if required_places & !self.0 == 0 {
            return Ok(());
        }
        match required.iter().find(|name| !self.has(position(keys, name))) {
            Some(name) => Err(E::missing_field(name)),
            None => Ok(()),
        }
    }
}

/// The places of `names` in `keys`, as bits (when the crate is built).
pub(crate) const fn places(keys: &[&str], names: &[&str]) -> u64 {
    let mut bits = 0;
    let mut index = 0;
    while index < names.len() {
        bits |= 1 << position(keys, names[index]);
        index += 1;
    }
    bits
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

        // The reader and its visitor, in a scope of their own: a file may list several records.
        const _: () = {
            impl<'de> serde::Deserialize<'de> for $record {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let mut record = $record::default();
                    deserializer.deserialize_map(RecordVisitor { record: &mut record, reused: false })?;
                    Ok(record)
                }

                /// Reads into a record that may hold an earlier one, reusing its buffers:
                /// every field is read or set to its default, so the record ends as
                /// `deserialize` would make it.
                fn deserialize_in_place<D: serde::Deserializer<'de>>(
                    deserializer: D,
                    place: &mut Self,
                ) -> Result<(), D::Error> {
                    deserializer.deserialize_map(RecordVisitor { record: place, reused: true })
                }
            }

            /// Reads a record's keys into it: into a default record, or (`reused`) into one
            /// that may hold an earlier record, whose fields not given are then reset.
            struct RecordVisitor<'a> {
                record: &'a mut $record,
                reused: bool,
            }

            impl<'de> serde::de::Visitor<'de> for RecordVisitor<'_> {
                type Value = ();

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str($expecting)
                }

                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                    use crate::encoding::field::{Encoding, ReadInto};
                    use crate::records::fields::position;
                    let record = self.record;
                    let mut seen = crate::records::fields::Seen::default();
                    $(let mut custom_values = crate::records::CustomValuesReader::default();
                    let _ = stringify!($custom);)?
                    while let Some(key) = map.next_key::<crate::encoding::key::Key<'de>>()? {
                        match key.as_str() {
                            $($key $(| $alias)? => {
                                const INDEX: usize = position($record::KEYS, $key);
                                seen.first::<A::Error>(INDEX, concat!($key $(, " (or ", $alias, ")")?))?;
                                map.next_value_seed(ReadInto::<$encoding>(&mut record.$field))?;
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
                    let required_places = const { crate::records::fields::places($record::KEYS, $record::REQUIRED) };
                    seen.require::<A::Error>(required_places, $record::KEYS, $record::REQUIRED)?;
                    if self.reused && !seen.all($record::KEYS.len()) {
                        let default = $record::default();
                        $(if !seen.has(const { position($record::KEYS, $key) }) {
                            <$encoding as Encoding>::reset(&mut record.$field, default.$field);
                        })*
                    }
                    $(record.$custom = custom_values.finish::<A::Error>()?;)?
                    Ok(())
                }
            }
        };

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

            fn write_record_compact(&self, form: crate::encoding::field::Form, out: &mut crate::encoding::compact::JsonOut<'_>) {
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

        impl crate::encoding::compact::WriteCompact for $record {
            /// The record in the input form, as its `Serialize` writes it.
            fn write_compact(&self, out: &mut crate::encoding::compact::JsonOut<'_>) {
                crate::encoding::field::WriteRecord::write_record_compact(self, crate::encoding::field::Form::Input, out);
            }
        }
    };
}
pub(crate) use record_fields;

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::Value;

    use crate::encoding::field::Encoding;
    use crate::encoding::record::{List, Record};
    use crate::records::{Address, Contact};
    use crate::{Bundle, strategy};

    /// `value` with some of its keys left out and some of its records and lists `null`,
    /// `{}` or shorter, as `choices` (taken in turn, round and round) say.
    fn thinned(value: &mut Value, choices: &[u8], next: &mut usize) {
        fn choose(choices: &[u8], next: &mut usize) -> u8 {
            *next += 1;
            choices[*next % choices.len()]
        }
        match value {
            Value::Object(entries) => {
                entries.retain(|_, _| choose(choices, next) % 4 != 0);
                for item in entries.values_mut() {
                    match choose(choices, next) % 8 {
                        0 if item.is_object() || item.is_array() => *item = Value::Null,
                        1 if item.is_object() => *item = Value::Object(serde_json::Map::new()),
                        _ => thinned(item, choices, next),
                    }
                }
            }
            Value::Array(items) => {
                items.truncate(usize::from(choose(choices, next) % 4));
                for item in items {
                    thinned(item, choices, next);
                }
            }
            _ => {}
        }
    }

    /// `json` read into `held` through `E`, as a record's field is read in place.
    fn read_into<E: Encoding>(json: &str, held: &mut E::Field) {
        E::read_into(&mut serde_json::Deserializer::from_str(json), held).unwrap();
    }

    fn ids(contacts: &[Contact]) -> Vec<u64> {
        contacts.iter().map(|contact| contact.id).collect()
    }

    #[test]
    fn a_list_read_into_one_holds_what_was_read_and_nothing_else() {
        let mut held = Vec::new();
        read_into::<List<Contact, 3>>(r#"[{"id": 1, "name": "a"}, {"id": 2}]"#, &mut held);
        assert_eq!(ids(&held), [1, 2]);
        read_into::<List<Contact, 3>>(r#"[{"id": 3}, {"id": 4}, {"id": 5}]"#, &mut held);
        assert_eq!((ids(&held), held[0].name.as_str()), (vec![3, 4, 5], ""));
        read_into::<List<Contact, 3>>(r#"[{"id": 6}]"#, &mut held);
        assert_eq!(ids(&held), [6]);
        read_into::<List<Contact, 3>>("null", &mut held);
        assert_eq!(ids(&held), Vec::<u64>::new());
        let beyond = List::<Contact, 1>::read_into(
            &mut serde_json::Deserializer::from_str(r#"[{"id": 7}, {"id": 8}]"#),
            &mut held,
        );
        assert!(beyond.unwrap_err().to_string().contains("has more than 1 items"));
    }

    #[test]
    fn a_record_read_into_one_is_the_record_read_or_none() {
        let mut held = None;
        read_into::<Record<Address>>(r#"{"id": 1, "tel": "110"}"#, &mut held);
        assert_eq!(held.as_ref().map(|address| (address.id, address.tel.as_str())), Some((1, "110")));
        read_into::<Record<Address>>(r#"{"id": 2}"#, &mut held);
        assert_eq!(held.as_ref().map(|address| (address.id, address.tel.as_str())), Some((2, "")));
        read_into::<Record<Address>>("{}", &mut held);
        assert_eq!(held, None);
        read_into::<Record<Address>>(r#"{"id": 3}"#, &mut held);
        read_into::<Record<Address>>("null", &mut held);
        assert_eq!(held, None);
    }

    #[test]
    fn a_record_without_any_of_its_required_keys_is_refused() {
        for (json, path) in [(r#"{"tel": "110"}"#, "id"), ("{}", "id")] {
            let error = crate::records::Address::from_json(json.as_bytes()).unwrap_err();
            assert_eq!((error.kind(), error.path()), (crate::ErrorKind::MissingField, path), "{json}");
        }
        let error = crate::Opportunity::from_json(br#"{"customer_name": "x"}"#).unwrap_err();
        assert_eq!((error.kind(), error.path()), (crate::ErrorKind::MissingField, "id"));
    }

    proptest! {
        /// The batch path reads each line into the records of the line before: what it
        /// reads must be what reading afresh gives, whatever the earlier record held and
        /// whichever keys the later one lacks (reset to their defaults), and it must fail
        /// where reading afresh fails.
        #[test]
        fn a_record_read_into_another_is_the_record_read_afresh(
            earlier in strategy::bundle(),
            later in strategy::bundle(),
            choices in vec(any::<u8>(), 1..48),
        ) {
            let mut value: Value = serde_json::from_slice(&later.to_json()).unwrap();
            if choices[0] % 2 == 0 {
                thinned(&mut value, &choices, &mut 0);
            }
            let json = value.to_string();
            let fresh = serde_json::from_str::<Bundle>(&json);
            let mut records = earlier;
            let into = Bundle::deserialize_in_place(&mut serde_json::Deserializer::from_str(&json), &mut records);
            match fresh {
                Ok(fresh) => {
                    prop_assert!(into.is_ok(), "{json}: {into:?}");
                    prop_assert_eq!(records, fresh);
                }
                Err(error) => prop_assert!(into.is_err(), "{json} reads into a record, not afresh: {error}"),
            }
        }
    }
}
