//! Compiling the company's settings into its template, checked once: every key suits its
//! kind and no two fields (or companions) share a key, defaults suit their fields, every
//! mapping goes from a custom-field key to a field that accepts it, and no field is
//! filled twice.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::value::default_of;
use super::{Source, Template, TemplateField};
use crate::error::echo::{ECHO_LIMIT, Quoted};
use crate::error::{Error, ErrorKind};
use crate::settings::{
    COMPANION_ENDINGS, CompanySettings, ContractField, DISPLAY_ENDING, FieldKind, FieldMapping,
};

fn settings_error(path: String, detail: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidSettings, path, detail)
}

/// The longest custom-field key (ikcrm's are about 20 characters long), so that every
/// message naming one stays short.
const MAX_KEY_LENGTH: usize = ECHO_LIMIT;

/// Whether `key` is a whole custom-field key of the kind with `prefix`: the prefix, then
/// letters, digits and underscores, not a companion's ending, at most
/// [`MAX_KEY_LENGTH`] characters.
fn is_field_key(key: &str, prefix: &str) -> bool {
    key.len() <= MAX_KEY_LENGTH
        && key.strip_prefix(prefix).is_some_and(|suffix| {
            !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        && !COMPANION_ENDINGS.iter().any(|ending| key.ends_with(ending))
}

impl Template {
    /// Checks `settings` (see `Converter::new`) and prepares its template.
    pub(crate) fn compile(settings: &CompanySettings) -> Result<Self, Error> {
        settings.check_version()?;
        let mut fields: Vec<TemplateField> = Vec::with_capacity(settings.contract_fields.len());
        // Every key the fields and their companions take, and the field each names.
        let mut taken: HashMap<Arc<str>, usize> = HashMap::with_capacity(settings.contract_fields.len());
        for (index, field) in settings.contract_fields.iter().enumerate() {
            let field = TemplateField::compile(field).map_err(|(place, problem)| {
                settings_error(format!("contract_fields[{index}]{place}"), problem)
            })?;
            for key in std::iter::once(&field.key).chain(&field.companion_key) {
                if taken.insert(Arc::clone(key), index).is_some() {
                    let problem = format!("the key {} is used twice", Quoted(key));
                    return Err(settings_error(format!("contract_fields[{index}].key"), problem));
                }
            }
            fields.push(field);
        }
        let mut mapped = HashSet::with_capacity(settings.field_mapping.len());
        let mut targets = Vec::with_capacity(settings.field_mapping.len());
        for (index, mapping) in settings.field_mapping.iter().enumerate() {
            let target =
                taken.get(mapping.to.as_str()).copied().filter(|&target| *fields[target].key == *mapping.to);
            attach(mapping, target.map(|target| &mut fields[target])).map_err(|(place, problem)| {
                settings_error(format!("field_mapping[{index}]{place}"), problem)
            })?;
            mapped.insert(mapping.from.as_str().into());
            let target = target.expect("attach refuses a mapping whose target is not a field");
            targets.push(fields[target].kind);
        }
        // A source that fills a phone field is a phone number: filling any other kind
        // would show it where hiding does not reach.
        let phone_sources: HashSet<&str> = settings
            .field_mapping
            .iter()
            .zip(&targets)
            .filter(|(_, kind)| **kind == FieldKind::Phone)
            .map(|(mapping, _)| mapping.from.as_str())
            .collect();
        let leak = settings.field_mapping.iter().zip(&targets).enumerate().find(|(_, (mapping, kind))| {
            **kind != FieldKind::Phone && phone_sources.contains(mapping.from.as_str())
        });
        if let Some((index, (mapping, kind))) = leak {
            let problem = format!(
                "{} fills a phone field, so it cannot also fill the {} field {}, where hiding would not cover it",
                mapping.from,
                kind.name(),
                mapping.to
            );
            return Err(settings_error(format!("field_mapping[{index}]"), problem));
        }
        let with_companion =
            |kind| fields.iter().enumerate().filter(move |(_, f)| f.kind == kind).map(|(i, _)| i);
        let companions = with_companion(FieldKind::SingleSelect)
            .chain(with_companion(FieldKind::MultiSelect))
            .chain(with_companion(FieldKind::Phone))
            .collect();
        Ok(Self { fields, companions, mapped, keys: taken })
    }
}

/// Where in a settings entry a problem is (`""` or `".key"`), and what it is.
type SettingsProblem = (&'static str, String);

impl TemplateField {
    fn compile(field: &ContractField) -> Result<Self, SettingsProblem> {
        let prefix = field.kind.key_prefix();
        if !is_field_key(&field.key, prefix) {
            return Err((
                ".key",
                format!(
                    "{} is not a key for a {} field (expected {prefix}<letters, digits, _>, at most {MAX_KEY_LENGTH} characters, not ending in _display or _hidden_result)",
                    Quoted(&field.key),
                    field.kind.name()
                ),
            ));
        }
        let companion_key =
            field.kind.companion_ending().map(|ending| Arc::from(format!("{}{ending}", field.key)));
        let default = match &field.default {
            None => None,
            Some(_) if field.kind == FieldKind::File => {
                return Err((".default", "file fields take no default".to_owned()));
            }
            Some(value) => Some(default_of(field.kind, value).map_err(|problem| (".default", problem))?),
        };
        Ok(Self {
            key: Arc::from(field.key.as_str()),
            kind: field.kind,
            companion_key,
            default,
            source: None,
        })
    }
}

/// Makes the mapping's source fill its `target` (`None` when `to` names no field).
fn attach(mapping: &FieldMapping, target: Option<&mut TemplateField>) -> Result<(), SettingsProblem> {
    let source_kind =
        FieldKind::of_key(&mapping.from).filter(|kind| is_field_key(&mapping.from, kind.key_prefix()));
    let Some(source_kind) = source_kind else {
        return Err((
            ".from",
            format!(
                "{} is not a custom-field key (<kind>_asset_<letters, digits, _>, at most {MAX_KEY_LENGTH} characters, not a companion)",
                Quoted(&mapping.from)
            ),
        ));
    };
    let Some(target) = target else {
        return Err((".to", format!("{} is not a field of the contract template", Quoted(&mapping.to))));
    };
    if !target.kind.accepts(source_kind) {
        return Err((
            "",
            format!(
                "a {} field ({}) cannot fill the {} field {}",
                source_kind.name(),
                mapping.from,
                target.kind.name(),
                mapping.to
            ),
        ));
    }
    if target.source.is_some() {
        return Err((".to", format!("{} is already filled by another mapping", mapping.to)));
    }
    target.source =
        Some(Source { key: mapping.from.clone(), display_key: format!("{}{DISPLAY_ENDING}", mapping.from) });
    Ok(())
}
