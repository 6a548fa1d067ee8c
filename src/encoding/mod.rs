//! How each kind of value is read from and written to the API's JSON, one module per
//! encoding. A record's field names its encoding, a type implementing
//! [`field::Encoding`] (the technique of jiff's `fmt::serde`, made two-way): reading,
//! and writing in either form, follow from it.
//!
//! Reading is tolerant: each encoding accepts every form the ikcrm API is seen to send
//! for that kind of value (see the README's "Accepted input"). Writing the draft always
//! uses the one encoding of the documented draft. Problems are reported through
//! [`reader::invalid`], which marks them with their [`crate::ErrorKind`].

pub(crate) mod amount;
pub(crate) mod bounded;
pub(crate) mod coordinate;
pub(crate) mod date;
pub(crate) mod distance;
pub(crate) mod empty_is_none;
pub(crate) mod field;
pub(crate) mod float;
pub(crate) mod id;
pub(crate) mod key;
pub(crate) mod or_default;
pub(crate) mod parsed_text;
pub(crate) mod quantity;
pub(crate) mod raw;
pub(crate) mod reader;
pub(crate) mod record;
pub(crate) mod ruby_decimal;
pub(crate) mod ruby_json;
pub(crate) mod ruby_sum;
pub(crate) mod stack_text;
pub(crate) mod text;
pub(crate) mod timestamp;
pub(crate) mod word;
