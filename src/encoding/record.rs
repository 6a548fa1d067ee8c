//! Records read as JSON objects only (serde's derived readers would also take an array,
//! its items by position): an embedded record that may be absent, written `{}` when
//! absent as the documented draft writes empty records (`{}` and `null` read as absent);
//! a record that must be there; and a list of records (`null` for none).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serializer};

use super::bounded::too_many;
use super::compact::JsonOut;
use super::field::{Encoding, Form, InForm, WriteRecord};
use super::key::Key;

/// An embedded record that may be absent: `{}` and `null` read as `None`, written `{}`.
pub(crate) struct Record<T>(PhantomData<T>);

impl<T: for<'de> Deserialize<'de> + WriteRecord> Encoding for Record<T> {
    type Field = Option<T>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        let mut record = None;
        Self::read_into(deserializer, &mut record)?;
        Ok(record)
    }

    fn read_into<'de, D: Deserializer<'de>>(deserializer: D, record: &mut Option<T>) -> Result<(), D::Error> {
        deserializer.deserialize_any(RecordVisitor(record))
    }

    fn write<S: Serializer>(field: &Option<T>, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        match field {
            Some(record) => record.write_record(form, serializer),
            None => serializer.serialize_map(Some(0))?.end(),
        }
    }

    fn write_compact(field: &Option<T>, form: Form, out: &mut JsonOut<'_>) {
        match field {
            Some(record) => record.write_record_compact(form, out),
            None => out.extend_from_slice(b"{}"),
        }
    }
}

/// A list of at most `MAX` records ([`crate::limits`]), `null` being none.
pub(crate) struct List<T, const MAX: usize>(PhantomData<T>);

impl<T: for<'de> Deserialize<'de> + WriteRecord, const MAX: usize> Encoding for List<T, MAX> {
    type Field = Vec<T>;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        list::<D, T, MAX>(deserializer)
    }

    fn read_into<'de, D: Deserializer<'de>>(deserializer: D, records: &mut Vec<T>) -> Result<(), D::Error> {
        deserializer.deserialize_option(ListOrNull::<T, MAX>(records))
    }

    fn write<S: Serializer>(field: &Vec<T>, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(field.iter().map(|record| InForm(record, form)))
    }

    fn write_compact(field: &Vec<T>, form: Form, out: &mut JsonOut<'_>) {
        out.push(b'[');
        for (index, record) in field.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            record.write_record_compact(form, out);
        }
        out.push(b']');
    }
}

/// Reads an embedded record into its place, into the record it holds if any.
struct RecordVisitor<'a, T>(&'a mut Option<T>);

impl<'de, T: Deserialize<'de>> de::Visitor<'de> for RecordVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record, {} or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Read the first key to tell `{}` from a record, then hand the record's
        // deserializer the map with that key put back: nothing is buffered.
        let Some(first) = map.next_key::<Key<'de>>()? else {
            *self.0 = None;
            return Ok(());
        };
        let resumed = MapAccessDeserializer::new(Resumed { first: Some(first), map });
        if let Some(record) = self.0 {
            T::deserialize_in_place(resumed, record)
        } else {
            *self.0 = Some(T::deserialize(resumed)?);
            Ok(())
        }
    }
}

/// A record that must be one: a JSON object.
pub(crate) struct Required<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Required<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RequiredVisitor(PhantomData)).map(Required)
    }
}

struct RequiredVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> de::Visitor<'de> for RequiredVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

/// A record, `null` being its default (for derived readers: serde's derived structs
/// would take an array too, its items by position).
pub(crate) fn record_or_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Option::<Required<T>>::deserialize(deserializer)
        .map(|record| record.map_or_else(T::default, |record| record.0))
}

/// A list of at most `MAX` records, `null` being none (for derived readers).
pub(crate) fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>, const MAX: usize>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let mut records = Vec::new();
    deserializer.deserialize_option(ListOrNull::<T, MAX>(&mut records))?;
    Ok(records)
}

/// Reads a list of at most `MAX` records (`null` for none) into `records`, each item
/// into the record already in its place, if any.
struct ListOrNull<'a, T, const MAX: usize>(&'a mut Vec<T>);

impl<'de, T: Deserialize<'de>, const MAX: usize> de::Visitor<'de> for ListOrNull<'_, T, MAX> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let records = self.0;
        for count in 0..MAX {
            let more = match records.get_mut(count) {
                Some(record) => seq.next_element_seed(RequiredInto(record))?.is_some(),
                None => seq.next_element::<Required<T>>()?.map(|record| records.push(record.0)).is_some(),
            };
            if !more {
                records.truncate(count);
                return Ok(());
            }
        }
        records.truncate(MAX);
        // The item after the last allowed one is skipped unread.
        match seq.next_element::<IgnoredAny>()? {
            Some(_) => Err(too_many(MAX, "items")),
            None => Ok(()),
        }
    }
}

/// Reads a record that must be one (a JSON object) into the record in its place.
struct RequiredInto<'a, T>(&'a mut T);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for RequiredInto<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> de::Visitor<'de> for RequiredInto<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        T::deserialize_in_place(MapAccessDeserializer::new(map), self.0)
    }
}

/// A map whose first key was already read.
struct Resumed<'de, A> {
    first: Option<Key<'de>>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Resumed<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(key) => key.replay(seed).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
