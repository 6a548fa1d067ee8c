//! [`Percent`]: a percentage from 0 to 100, such as an opportunity's chance of signing.

use std::fmt;

use serde::{Deserializer, Serialize, Serializer};

use crate::encoding::stack_text::serialize_display;
use crate::error::{Error, ErrorKind};

/// A whole percentage from 0 to 100, checked where it is made: written `"10%"`; read from
/// `"10%"`, `"10"` or `10`.
///
/// ```
/// use contract_draft::Percent;
///
/// assert_eq!(Percent::new(10)?.to_string(), "10%");
/// assert_eq!(Percent::new(101).unwrap_err().to_string(), "101% is above 100%");
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(u8);

impl Percent {
    /// `value` percent, or an [`ErrorKind::InvalidValue`] error above 100.
    pub fn new(value: u8) -> Result<Self, Error> {
        if value > 100 {
            return Err(Error::new(ErrorKind::InvalidValue, "", format_args!("{value}% is above 100%")));
        }
        Ok(Self(value))
    }

    /// The percentage, from 0 to 100.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Percent {
    type Error = Error;

    fn try_from(value: u8) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Percent> for u8 {
    fn from(percent: Percent) -> Self {
        percent.0
    }
}

impl fmt::Display for Percent {
    /// `10%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_display(serializer, self)
    }
}

/// `Option<Percent>` written `"10%"`, or `""` when absent.
pub(crate) fn serialize_optional<S: Serializer>(
    value: &Option<Percent>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(percent) => percent.serialize(serializer),
        None => serializer.serialize_str(""),
    }
}

/// A percentage, or `None` for `""` and `null` (see `crate::encoding::percent`, which
/// refuses values above 100).
pub(crate) fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Percent>, D::Error> {
    crate::encoding::percent::deserialize(deserializer).map(|percent| percent.map(Percent))
}
