//! Company settings: what differs from one company to the next (its contract fields, its
//! approval). Read from versioned JSON; see the README's "Company settings".

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::approval::ApprovalSettings;
use crate::custom_fields::FieldKind;
use crate::error::{Error, ErrorKind};

/// The settings format this crate reads.
pub const SETTINGS_VERSION: u32 = 1;

/// One company's settings.
///
/// ```
/// use contract_draft::CompanySettings;
///
/// let settings = CompanySettings::from_json(br#"{
///     "version": 1,
///     "approval": {"steps": 2},
///     "contract_fields": [{"key": "numeric_asset_e0a85b", "kind": "number"}]
/// }"#)?;
/// assert_eq!(settings.approval.steps, 2);
/// # Ok::<(), contract_draft::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompanySettings {
    /// The format version; must be [`SETTINGS_VERSION`].
    pub version: u32,
    /// How contracts are approved; by default required, in one step.
    #[serde(default)]
    pub approval: ApprovalSettings,
    /// The contract template: the company's custom contract fields, in order.
    #[serde(default)]
    pub contract_fields: Vec<ContractField>,
}

/// One field of the company's contract template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContractField {
    /// The field's key, such as `text_asset_1ca6ef`; its prefix must suit the kind.
    pub key: String,
    /// What the field holds.
    pub kind: FieldKind,
}

impl ContractField {
    /// A field of `kind` under `key`.
    pub fn new(key: impl Into<String>, kind: FieldKind) -> Self {
        Self {
            key: key.into(),
            kind,
        }
    }

    /// The key of the `<key>_display` companion, for kinds that have one.
    pub(crate) fn display_key(&self) -> Option<String> {
        self.kind
            .empty_display()
            .map(|_| format!("{}_display", self.key))
    }
}

impl Default for CompanySettings {
    /// The documented defaults: no custom fields, approval required in one step.
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            approval: ApprovalSettings::default(),
            contract_fields: Vec::new(),
        }
    }
}

impl CompanySettings {
    /// Reads settings from JSON and checks them (see [`CompanySettings::check`]).
    /// Every problem is an [`ErrorKind::InvalidSettings`] error naming its path.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        let settings: Self = Error::from_json(json).map_err(|error| {
            Error::new(ErrorKind::InvalidSettings, error.path(), error.detail())
        })?;
        settings.check()?;
        Ok(settings)
    }

    /// Checks what the JSON shape cannot: the version, that every key suits its kind,
    /// and that no two fields (or display companions) share a key.
    pub fn check(&self) -> Result<(), Error> {
        if self.version != SETTINGS_VERSION {
            return Err(Error::new(
                ErrorKind::InvalidSettings,
                "version",
                format_args!(
                    "version {} is not supported (this crate reads version {SETTINGS_VERSION})",
                    self.version
                ),
            ));
        }
        let mut keys = HashSet::new();
        for (index, field) in self.contract_fields.iter().enumerate() {
            let path = format!("contract_fields[{index}].key");
            let prefix = key_prefix(field.kind);
            let suffix = field.key.strip_prefix(prefix).unwrap_or("");
            if suffix.is_empty()
                || !suffix
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(Error::new(
                    ErrorKind::InvalidSettings,
                    path,
                    format_args!(
                        "{:?} is not a key for a {:?} field (expected {prefix}<letters and digits>)",
                        field.key, field.kind
                    ),
                ));
            }
            for key in std::iter::once(field.key.clone()).chain(field.display_key()) {
                if !keys.insert(key.clone()) {
                    return Err(Error::new(
                        ErrorKind::InvalidSettings,
                        path,
                        format_args!("the key {key:?} is used twice"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The key prefix ikcrm gives fields of `kind`.
fn key_prefix(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text | FieldKind::SingleSelect | FieldKind::MultiSelect => "text_asset_",
        FieldKind::TextArea => "text_area_asset_",
        FieldKind::Number => "numeric_asset_",
        FieldKind::Date => "datetime_asset_",
        FieldKind::File => "file_asset_",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(json: &str) -> (String, String) {
        let error = CompanySettings::from_json(json.as_bytes()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidSettings, "{error}");
        (error.path().to_owned(), error.detail().to_owned())
    }

    #[test]
    fn defaults_are_one_approval_step_and_no_fields() {
        let settings = CompanySettings::from_json(br#"{"version": 1}"#).unwrap();
        assert_eq!(settings, CompanySettings::default());
    }

    #[test]
    fn bad_settings_name_the_place() {
        assert_eq!(problem(r#"{"version": 2}"#).0, "version");
        assert_eq!(problem("{}").0, "version");
        let unknown_kind =
            r#"{"version": 1, "contract_fields": [{"key": "text_asset_1", "kind": "colour"}]}"#;
        assert_eq!(problem(unknown_kind).0, "contract_fields[0].kind");
        let duplicate = r#"{"version": 1, "contract_fields": [
            {"key": "text_asset_1", "kind": "text"}, {"key": "text_asset_1", "kind": "text"}]}"#;
        assert_eq!(
            problem(duplicate),
            (
                "contract_fields[1].key".into(),
                "the key \"text_asset_1\" is used twice".into()
            )
        );
        let companion_clash = r#"{"version": 1, "contract_fields": [
            {"key": "text_asset_1_display", "kind": "text"}, {"key": "text_asset_1", "kind": "single_select"}]}"#;
        assert_eq!(problem(companion_clash).0, "contract_fields[1].key");
        let wrong_prefix =
            r#"{"version": 1, "contract_fields": [{"key": "text_asset_1", "kind": "number"}]}"#;
        assert_eq!(problem(wrong_prefix).0, "contract_fields[0].key");
        assert_eq!(problem(r#"{"version": 1, "colour": 1}"#).0, "colour");
    }
}
