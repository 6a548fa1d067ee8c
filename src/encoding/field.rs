//! A record's field, both ways: each encoding is a type implementing [`Encoding`], which
//! reads the field from every form the API sends and writes it in one of two [`Form`]s.
//! The records list their keys once, each with its encoding (`records::fields`), and
//! reading and both forms of writing follow from that one list.

use std::marker::PhantomData;

use serde::de::DeserializeSeed;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::compact::{JsonOut, WriteCompact};

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

    /// Reads the field into `field`, the same value [`Encoding::read`] gives, reusing
    /// what `field` holds where the encoding can (a string's buffer, a record's fields):
    /// the batch path reads line after line into the same records. After an error,
    /// `field` holds some valid value.
    fn read_into<'de, D: Deserializer<'de>>(
        deserializer: D,
        field: &mut Self::Field,
    ) -> Result<(), D::Error> {
        *field = Self::read(deserializer)?;
        Ok(())
    }

    /// Sets `field` to `default`, its record's default, for a key a reused record was
    /// not given, reusing what `field` holds where the encoding can.
    fn reset(field: &mut Self::Field, default: Self::Field) {
        *field = default;
    }

    /// Writes the field in `form`.
    fn write<S: Serializer>(field: &Self::Field, form: Form, serializer: S) -> Result<S::Ok, S::Error>;

    /// Appends the field in `form` as compact JSON, exactly what [`Encoding::write`]
    /// gives serde_json's compact writer (`crate::encoding::compact`).
    fn write_compact(field: &Self::Field, form: Form, out: &mut JsonOut<'_>);

    /// Whether the key is left out of `form` altogether.
    fn omitted(_field: &Self::Field, _form: Form) -> bool {
        false
    }
}

/// Reads a field through its encoding into where it is, as a map value
/// ([`Encoding::read_into`]).
pub(crate) struct ReadInto<'a, E: Encoding>(pub(crate) &'a mut E::Field);

impl<'de, E: Encoding> DeserializeSeed<'de> for ReadInto<'_, E> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        E::read_into(deserializer, self.0)
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
    fn write_record_compact(&self, form: Form, out: &mut JsonOut<'_>);
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

impl<T: for<'de> Deserialize<'de> + Serialize + WriteCompact> Encoding for Plain<T> {
    type Field = T;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }

    fn read_into<'de, D: Deserializer<'de>>(deserializer: D, field: &mut T) -> Result<(), D::Error> {
        T::deserialize_in_place(deserializer, field)
    }

    fn write<S: Serializer>(field: &T, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        field.serialize(serializer)
    }

    fn write_compact(field: &T, _: Form, out: &mut JsonOut<'_>) {
        field.write_compact(out);
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

    fn write_compact(field: &E::Field, form: Form, out: &mut JsonOut<'_>) {
        E::write_compact(field, form, out);
    }

    fn omitted(field: &E::Field, form: Form) -> bool {
        form == Form::Embedded || E::omitted(field, form)
    }
}
