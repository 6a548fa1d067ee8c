//! Any value that the API (or a settings file) may send as `null` for "none": `null`
//! reads as the type's empty value (`[]`, `false`, the default setting), which is also
//! what an absent key reads as. One reader for every such field, whatever its type.

use serde::{Deserialize, Deserializer};

/// A value as read, `null` being its default.
pub(crate) struct OrDefault<T>(pub(crate) T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for OrDefault<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| OrDefault(value.unwrap_or_default()))
    }
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    OrDefault::deserialize(deserializer).map(|value| value.0)
}
