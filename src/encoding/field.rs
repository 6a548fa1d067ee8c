//! A record's field, both ways: each encoding is a type implementing [`Encoding`], which
//! reads the field from every form the API sends and writes it in one of two [`Form`]s.
//! The records list their keys once, each with its encoding (`records::fields`), and
//! reading and both forms of writing follow from that one list.

use std::marker::PhantomData;

use serde::de::DeserializeSeed;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::compact::push_serialized;

/// The form a record is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// As the documented draft embeds the record: its documented keys only, in their
    /// encodings (times to the minute, for instance).
    Embedded,
    /// As the reader takes it back, losing nothing: every field, times to the
    /// nanosecond, custom values as given.
    Input,
}

/// How one field is read and written.
pub(crate) trait Encoding {
    /// The field's type.
    type Field;

    /// Reads the field from any encoding the API sends.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Field, D::Error>;

    /// Writes the field in `form`.
    fn write<S: Serializer>(field: &Self::Field, form: Form, serializer: S) -> Result<S::Ok, S::Error>;

    /// Appends the field in `form` as compact JSON, exactly what [`Encoding::write`]
    /// gives serde_json's compact writer: by that writer unless the encoding has a
    /// faster way (`crate::encoding::compact`).
    fn write_compact(field: &Self::Field, form: Form, out: &mut Vec<u8>)
    where
        Self: Sized,
    {
        push_serialized(out, &Write::<Self>(field, form));
    }

    /// Whether the key is left out of `form` altogether.
    fn omitted(_field: &Self::Field, _form: Form) -> bool {
        false
    }
}

/// Reads a field through its encoding, as a map value.
pub(crate) struct Read<E>(PhantomData<E>);

impl<E> Read<E> {
    pub(crate) const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<'de, E: Encoding> DeserializeSeed<'de> for Read<E> {
    type Value = E::Field;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<E::Field, D::Error> {
        E::read(deserializer)
    }
}

/// Writes a field through its encoding, in a form.
pub(crate) struct Write<'a, E: Encoding>(pub(crate) &'a E::Field, pub(crate) Form);

impl<E: Encoding> Serialize for Write<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        E::write(self.0, self.1, serializer)
    }
}

/// A record that can be written in either form.
pub(crate) trait WriteRecord {
    /// Writes the record in `form`.
    fn write_record<S: Serializer>(&self, form: Form, serializer: S) -> Result<S::Ok, S::Error>;

    /// Appends the record in `form` as compact JSON: the bytes serde_json's compact
    /// writer makes of [`WriteRecord::write_record`].
    fn write_record_compact(&self, form: Form, out: &mut Vec<u8>);
}

/// A record written in a form.
pub(crate) struct InForm<'a, T>(pub(crate) &'a T, pub(crate) Form);

impl<T: WriteRecord> Serialize for InForm<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write_record(self.1, serializer)
    }
}

/// A value read and written by its own serde implementations, the same in both forms.
pub(crate) struct Plain<T>(PhantomData<T>);

impl<T: for<'de> Deserialize<'de> + Serialize> Encoding for Plain<T> {
    type Field = T;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }

    fn write<S: Serializer>(field: &T, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        field.serialize(serializer)
    }
}

/// A field of the input form only: the documented draft's embedded record has no such
/// key (a user's hiding flag, an opportunity's product lines).
pub(crate) struct InputOnly<E>(PhantomData<E>);

impl<E: Encoding> Encoding for InputOnly<E> {
    type Field = E::Field;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<E::Field, D::Error> {
        E::read(deserializer)
    }

    fn write<S: Serializer>(field: &E::Field, form: Form, serializer: S) -> Result<S::Ok, S::Error> {
        E::write(field, form, serializer)
    }

    fn write_compact(field: &E::Field, form: Form, out: &mut Vec<u8>) {
        E::write_compact(field, form, out);
    }

    fn omitted(field: &E::Field, form: Form) -> bool {
        form == Form::Embedded || E::omitted(field, form)
    }
}
