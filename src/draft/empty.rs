use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::encoding::compact::{JsonOut, WriteCompact};

/// A record a new draft does not have yet (its creator, its department, …); written `{}`.
///
/// It is public because it is the type of public [`ContractDraft`](crate::ContractDraft)
/// fields: the type says the field is always empty in a new draft, and should the crate
/// ever fill one, the field's type changes, which callers see, instead of its content
/// changing silently.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyRecord;

impl Serialize for EmptyRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

/// A list a new draft has nothing in yet (attachments, users to notify); written `[]`.
///
/// Public for the reason [`EmptyRecord`] is: it is the type of draft fields that are
/// always empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyList;

impl WriteCompact for EmptyRecord {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        out.extend_from_slice(b"{}");
    }
}

impl Serialize for EmptyList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_seq(Some(0))?.end()
    }
}

impl WriteCompact for EmptyList {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        out.extend_from_slice(b"[]");
    }
}
