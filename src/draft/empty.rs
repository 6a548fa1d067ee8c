use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A record a new draft does not have yet (its creator, its department, …); written `{}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyRecord;

impl Serialize for EmptyRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

/// A list a new draft has nothing in yet (attachments, users to notify); written `[]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyList;

impl Serialize for EmptyList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_seq(Some(0))?.end()
    }
}
