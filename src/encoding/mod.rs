//! How each field is read from and written to JSON, one module per encoding, used
//! through `#[serde(with = "…")]` on the fields (the technique of jiff's `fmt::serde`).
//!
//! Reading is tolerant: each module accepts every encoding the ikcrm API is seen to send
//! for that kind of value (see the README's "Accepted encodings"). Writing always uses the
//! one encoding of the documented draft. Problems are reported through
//! [`reader::invalid`], which tags them with their [`crate::ErrorKind`].

pub(crate) mod amount;
pub(crate) mod coordinate;
pub(crate) mod date;
pub(crate) mod distance;
pub(crate) mod empty_is_none;
pub(crate) mod field;
pub(crate) mod float;
pub(crate) mod id;
pub(crate) mod or_default;
pub(crate) mod parsed_text;
pub(crate) mod quantity;
pub(crate) mod raw;
pub(crate) mod reader;
pub(crate) mod record;
pub(crate) mod ruby_decimal;
pub(crate) mod ruby_sum;
pub(crate) mod stack_text;
pub(crate) mod text;
pub(crate) mod timestamp;
