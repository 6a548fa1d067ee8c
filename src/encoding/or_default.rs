//! Any value that the API (or a settings file) may send as `null` for "none": `null`
//! reads as the type's empty value (`[]`, `false`, the default setting), which is also
//! what an absent key reads as. One reader for every such field, whatever its type.

use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::compact::{JsonOut, WriteCompact};
use super::field::{Encoding, Form};

/// A record's field whose `null` is its default; written as itself.
pub(crate) struct OrDefault<T>(PhantomData<T>);

impl<T: for<'de> Deserialize<'de> + Serialize + WriteCompact + Default> Encoding for OrDefault<T> {
    type Field = T;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserialize(deserializer)
    }

    fn write<S: Serializer>(field: &T, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        field.serialize(serializer)
    }

    fn write_compact(field: &T, _: Form, out: &mut JsonOut<'_>) {
        field.write_compact(out);
    }
}

/// A flag written only when set: its key is left out when it is `false` (a key the
/// documented records do not have), and `null` reads as `false`.
pub(crate) struct WhenSet;

impl Encoding for WhenSet {
    type Field = bool;

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
        deserialize(deserializer)
    }

    fn write<S: Serializer>(field: &bool, _: Form, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*field)
    }

    fn write_compact(field: &bool, _: Form, out: &mut JsonOut<'_>) {
        field.write_compact(out);
    }

    fn omitted(field: &bool, _: Form) -> bool {
        !field
    }
}

/// A settings field (derived reader) whose `null` is its default.
pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}
