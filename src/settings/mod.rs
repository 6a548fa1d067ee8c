//! Company settings: what differs from one company to the next (its contract fields and
//! how opportunity fields fill them, where the total comes from, its approval). Read
//! from versioned JSON; see docs/SETTINGS.md.

use crate::encoding::word::{Word, deserialize_as_word};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

mod approval;
mod field_kind;

pub use approval::ApprovalSettings;
pub use field_kind::FieldKind;
pub(crate) use field_kind::{COMPANION_ENDINGS, DISPLAY_ENDING};

use crate::encoding::reader::read_json;
use crate::encoding::record::Required;
use crate::error::{Error, ErrorKind};

/// The settings format this crate reads.
pub const SETTINGS_VERSION: u32 = 1;

/// One company's settings.
///
/// ```
/// use contract_draft::{CompanySettings, TotalSource};
///
/// let settings = CompanySettings::from_json(br#"{
///     "version": 1,
///     "total": "sum_of_lines",
///     "approval": {"steps": 2},
///     "contract_fields": [{"key": "numeric_asset_e0a85b", "kind": "number"}],
///     "field_mapping": [{"from": "numeric_asset_7f1a20", "to": "numeric_asset_e0a85b"}]
/// }"#)?;
/// assert_eq!(settings.total, TotalSource::SumOfLines);
/// assert_eq!(settings.approval.steps, 2);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompanySettings {
    /// The format version; must be [`SETTINGS_VERSION`].
    pub version: u32,
    /// Where the contract's total comes from; by default the opportunity's amount.
    #[serde(default, deserialize_with = "crate::encoding::or_default::deserialize")]
    pub total: TotalSource,
    /// How contracts are approved; by default required, in one step.
    #[serde(default, deserialize_with = "crate::encoding::record::record_or_default")]
    pub approval: ApprovalSettings,
    /// The contract template: the company's custom contract fields, in order.
    #[serde(
        default,
        deserialize_with = "crate::encoding::record::list::<_, _, { crate::limits::MAX_CUSTOM_FIELDS }>"
    )]
    pub contract_fields: Vec<ContractField>,
    /// Which opportunity custom field fills which contract field.
    #[serde(
        default,
        deserialize_with = "crate::encoding::record::list::<_, _, { crate::limits::MAX_CUSTOM_FIELDS }>"
    )]
    pub field_mapping: Vec<FieldMapping>,
    /// Hide customers' phone numbers from every user (号码隐藏); users with
    /// `enabled_number_hidden_dispose` have them hidden regardless.
    #[serde(default, deserialize_with = "crate::encoding::or_default::deserialize")]
    pub hide_numbers: bool,
    /// How the opportunity and customer must show they belong to the user's company; by
    /// default they are refused only on evidence of another company.
    #[serde(default, deserialize_with = "crate::encoding::or_default::deserialize")]
    pub company_check: CompanyCheck,
    /// The contract term in months (1 to 1200): a draft with a start date ends that many
    /// calendar months later, less a day (`2015-09-09` and 12: `2016-09-08`), the month
    /// clamped to its last day. None (or `null`): the draft's `end_at` is `""`, as
    /// documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_months: Option<u32>,
}

/// How a draft's opportunity and customer must show that they belong to the user's
/// company (see docs/CONVERSION.md, "Company check").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CompanyCheck {
    /// Refuse a record whose creator or own `organization_id` names another company; a
    /// record with neither (as list endpoints send them) converts, with a
    /// [`Note::CompanyUnverified`](crate::Note::CompanyUnverified).
    #[default]
    Evidence,
    /// Also refuse a record without a creator: each must show its company.
    Strict,
}

/// Where a contract's total comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TotalSource {
    /// The opportunity's `expect_amount`.
    #[default]
    ExpectAmount,
    /// The sum of the product lines' totals; the opportunity's `expect_amount` when it
    /// has no lines (the report says so).
    SumOfLines,
}

impl Word for CompanyCheck {
    const WORDS: &'static [&'static str] = &["evidence", "strict"];
    const VALUES: &'static [Self] = &[Self::Evidence, Self::Strict];
}
deserialize_as_word!(CompanyCheck);

impl CompanyCheck {
    /// The check's name in settings (`strict`); [`str::parse`] reads it back.
    pub fn name(self) -> &'static str {
        crate::encoding::word::name(self)
    }
}

impl Word for TotalSource {
    const WORDS: &'static [&'static str] = &["expect_amount", "sum_of_lines"];
    const VALUES: &'static [Self] = &[Self::ExpectAmount, Self::SumOfLines];
}
deserialize_as_word!(TotalSource);

impl TotalSource {
    /// The source's name in settings (`sum_of_lines`); [`str::parse`] reads it back.
    ///
    /// ```
    /// use contract_draft::TotalSource;
    ///
    /// assert_eq!(TotalSource::SumOfLines.name(), "sum_of_lines");
    /// assert_eq!("sum_of_lines".parse::<TotalSource>()?, TotalSource::SumOfLines);
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    pub fn name(self) -> &'static str {
        crate::encoding::word::name(self)
    }
}

/// One field of the company's contract template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContractField {
    /// The field's key, such as `text_asset_1ca6ef`; its prefix must suit the kind.
    pub key: String,
    /// What the field holds.
    pub kind: FieldKind,
    /// The value the field takes when no mapped opportunity field fills it: a string for
    /// text and single selects, an array for multi selects, a number (or decimal string)
    /// for numbers, `YYYY-MM-DD` for dates; files take no default.
    ///
    /// Kept as its JSON text, so that a number keeps every digit it was written with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Box<RawValue>>,
}

impl PartialEq for ContractField {
    /// The same key and kind, and defaults of the same JSON text.
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && self.kind == other.kind
            && self.default.as_deref().map(RawValue::get) == other.default.as_deref().map(RawValue::get)
    }
}

impl ContractField {
    /// A field of `kind` under `key`, without a default.
    pub fn new(key: impl Into<String>, kind: FieldKind) -> Self {
        Self { key: key.into(), kind, default: None }
    }
}

/// An opportunity custom field that fills a contract field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FieldMapping {
    /// The opportunity's field key; its prefix tells its kind.
    pub from: String,
    /// The contract field's key; it must be in the template, and accept the source kind
    /// (see [`FieldKind::accepts`]).
    pub to: String,
}

impl FieldMapping {
    /// The opportunity field `from` fills the contract field `to`.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self { from: from.into(), to: to.into() }
    }
}

impl Default for CompanySettings {
    /// The documented defaults: the total is the opportunity's amount, no custom fields,
    /// approval required in one step.
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            total: TotalSource::default(),
            approval: ApprovalSettings::default(),
            contract_fields: Vec::new(),
            field_mapping: Vec::new(),
            hide_numbers: false,
            company_check: CompanyCheck::default(),
            term_months: None,
        }
    }
}

impl CompanySettings {
    /// Reads settings from JSON: their shape only (every problem an
    /// [`ErrorKind::InvalidSettings`] error naming its path). What the shape cannot tell
    /// (the version, keys, defaults, mappings) [`Converter::new`](crate::Converter::new)
    /// checks, once, as it prepares the settings for converting.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        read_json::<Required<Self>>(json)
            .map(|settings| settings.0)
            .map_err(|error| Error::new(ErrorKind::InvalidSettings, error.path(), error.detail()))
    }

    pub(crate) fn check_version(&self) -> Result<(), Error> {
        if self.version == SETTINGS_VERSION {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::InvalidSettings,
            "version",
            format_args!(
                "version {} is not supported (this crate reads version {SETTINGS_VERSION})",
                self.version
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::value::to_raw_value;

    use super::{ContractField, FieldKind};

    #[test]
    fn contract_fields_are_equal_by_key_kind_and_default_text() {
        let with_default = |key: &str, kind, default: Option<&str>| {
            let mut field = ContractField::new(key, kind);
            field.default = default.map(|text| to_raw_value(text).unwrap());
            field
        };
        let field = with_default("text_asset_a1", FieldKind::Text, Some("x"));
        assert_eq!(field, with_default("text_asset_a1", FieldKind::Text, Some("x")));
        for other in [
            with_default("text_asset_b2", FieldKind::Text, Some("x")),
            with_default("text_asset_a1", FieldKind::SingleSelect, Some("x")),
            with_default("text_asset_a1", FieldKind::Text, Some("y")),
            with_default("text_asset_a1", FieldKind::Text, None),
        ] {
            assert_ne!(field, other);
        }
    }
}
