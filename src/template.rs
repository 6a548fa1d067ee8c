//! The company's contract template, checked and prepared once for filling many drafts:
//! each field's key, kind, default, display companion and the opportunity field that
//! fills it.

use std::sync::Arc;

use serde_json::Value;
use serde_json::value::RawValue;

use crate::custom_fields::{CustomFields, FieldKind, FieldValue};
use crate::encoding::raw::RawJson;
use crate::error::{Error, ErrorKind};
use crate::money::{check_precision, parse_decimal_text, parse_json_number};
use crate::records::CustomValues;
use crate::report::{Findings, Note};
use crate::settings::{CompanySettings, ContractField, FieldMapping};

/// A prepared contract template.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    fields: Vec<TemplateField>,
    /// Indices of the fields with display companions, in output order: single selects,
    /// then multi selects, each in template order.
    displays: Vec<usize>,
}

#[derive(Debug, Clone)]
struct TemplateField {
    key: Arc<str>,
    kind: FieldKind,
    display_key: Option<Arc<str>>,
    default: Option<Filled>,
    source: Option<Source>,
}

/// The opportunity field that fills a template field.
#[derive(Debug, Clone)]
struct Source {
    key: String,
    display_key: String,
}

/// A field's value and, for selects, its display text.
#[derive(Debug, Clone)]
struct Filled {
    value: FieldValue,
    display: Option<FieldValue>,
}

fn settings_error(path: String, detail: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidSettings, path, detail)
}

impl Template {
    /// Checks `settings` (see [`CompanySettings::check`]) and prepares its template.
    pub(crate) fn compile(settings: &CompanySettings) -> Result<Self, Error> {
        settings.check_version()?;
        let mut fields: Vec<TemplateField> = Vec::with_capacity(settings.contract_fields.len());
        for (index, field) in settings.contract_fields.iter().enumerate() {
            let field = TemplateField::compile(field, &fields).map_err(|(place, problem)| {
                settings_error(format!("contract_fields[{index}]{place}"), problem)
            })?;
            fields.push(field);
        }
        for (index, mapping) in settings.field_mapping.iter().enumerate() {
            attach(mapping, &mut fields).map_err(|(place, problem)| {
                settings_error(format!("field_mapping[{index}]{place}"), problem)
            })?;
        }
        let displays_of =
            |kind| fields.iter().enumerate().filter(move |(_, f)| f.kind == kind).map(|(i, _)| i);
        let displays =
            displays_of(FieldKind::SingleSelect).chain(displays_of(FieldKind::MultiSelect)).collect();
        Ok(Self { fields, displays })
    }

    /// Notes each of the opportunity's custom values that no mapping copies (empty
    /// values and display companions aside: nothing is lost with them).
    pub(crate) fn note_unmapped(&self, values: &CustomValues, findings: &mut Findings) {
        let maps = |key: &str| {
            self.fields.iter().any(|field| field.source.as_ref().is_some_and(|source| source.key == key))
        };
        for (key, value) in values.iter() {
            if !key.ends_with("_display") && !is_empty(value) && !maps(key) {
                findings.note(Note::UnmappedCustomField { key: key.to_owned() });
            }
        }
    }

    /// The draft's custom fields: each field's mapped opportunity value, else its
    /// default, else its kind's empty value. A mapped value that does not suit its field
    /// is a problem for `findings` (and the field takes its default or empty value).
    pub(crate) fn fill(&self, values: &CustomValues, findings: &mut Findings) -> CustomFields {
        if self.fields.is_empty() {
            return CustomFields::default();
        }
        let (filled, mut displays): (Vec<FieldValue>, Vec<Option<FieldValue>>) = self
            .fields
            .iter()
            .map(|field| field.fill(values, findings))
            .map(|filled| (filled.value, filled.display))
            .unzip();
        // Values and displays are moved into place, not copied.
        let mut entries = Vec::with_capacity(self.fields.len() + self.displays.len());
        entries.extend(self.fields.iter().map(|field| Arc::clone(&field.key)).zip(filled));
        for &index in &self.displays {
            if let (Some(key), Some(display)) = (&self.fields[index].display_key, displays[index].take()) {
                entries.push((Arc::clone(key), display));
            }
        }
        CustomFields::from_entries(entries)
    }
}

/// Where in a settings entry a problem is (`""` or `".key"`), and what it is.
type SettingsProblem = (&'static str, String);

impl TemplateField {
    /// Prepares `field`, which must not reuse a key of the `earlier` fields.
    fn compile(field: &ContractField, earlier: &[TemplateField]) -> Result<Self, SettingsProblem> {
        let prefix = field.kind.key_prefix();
        let suffix = field.key.strip_prefix(prefix).unwrap_or("");
        if suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err((
                ".key",
                format!(
                    "{:?} is not a key for a {:?} field (expected {prefix}<letters and digits>)",
                    field.key, field.kind
                ),
            ));
        }
        let display_key = field.kind.empty_display().map(|_| Arc::from(format!("{}_display", field.key)));
        let taken =
            |key: &str| earlier.iter().any(|f| &*f.key == key || f.display_key.as_deref() == Some(key));
        if let Some(key) = std::iter::once(&*field.key).chain(display_key.as_deref()).find(|key| taken(key)) {
            return Err((".key", format!("the key {key:?} is used twice")));
        }
        let default = match &field.default {
            None => None,
            Some(_) if field.kind == FieldKind::File => {
                return Err((".default", "file fields take no default".to_owned()));
            }
            Some(value) => Some(default_of(field.kind, value).map_err(|problem| (".default", problem))?),
        };
        Ok(Self { key: Arc::from(field.key.as_str()), kind: field.kind, display_key, default, source: None })
    }

    fn fill(&self, values: &CustomValues, findings: &mut Findings) -> Filled {
        if let Some(source) = &self.source {
            match values
                .get(&source.key)
                .filter(|value| !is_empty(value))
                .map(|value| value_of(self.kind, value))
            {
                Some(Ok(value)) => {
                    let display = self.kind.empty_display().map(|empty| {
                        match values.get(&source.display_key).map(|display| RawJson::of(display.get())) {
                            Some(RawJson::Text(text)) => FieldValue::Text(text.into_owned()),
                            _ => empty,
                        }
                    });
                    return Filled { value, display };
                }
                Some(Err(problem)) => findings.problem(Error::new(
                    ErrorKind::InvalidValue,
                    format!("opportunity.{}", source.key),
                    format_args!("{problem}, so it cannot fill the contract field {}", self.key),
                )),
                None => {}
            }
        }
        if let Some(default) = &self.default {
            findings.note(Note::DefaultApplied { field: self.key.to_string() });
            return default.clone();
        }
        Filled { value: self.kind.empty_value(), display: self.kind.empty_display() }
    }
}

/// Makes the mapping's source fill its target among `fields`.
fn attach(mapping: &FieldMapping, fields: &mut [TemplateField]) -> Result<(), SettingsProblem> {
    let Some(source_kind) = FieldKind::of_key(&mapping.from) else {
        return Err((".from", format!("{:?} is not a custom-field key (<kind>_asset_<id>)", mapping.from)));
    };
    let Some(target) = fields.iter_mut().find(|field| *field.key == *mapping.to) else {
        return Err((".to", format!("{:?} is not a field of the contract template", mapping.to)));
    };
    if !target.kind.accepts(source_kind) {
        return Err((
            "",
            format!(
                "a {source_kind:?} field ({}) cannot fill the {:?} field {}",
                mapping.from, target.kind, mapping.to
            ),
        ));
    }
    if target.source.is_some() {
        return Err((".to", format!("{} is already filled by another mapping", mapping.to)));
    }
    target.source =
        Some(Source { key: mapping.from.clone(), display_key: format!("{}_display", mapping.from) });
    Ok(())
}

/// Whether a custom-field value is empty: `null`, `""` or `[]`.
fn is_empty(value: &RawValue) -> bool {
    match RawJson::of(value.get()) {
        RawJson::Null => true,
        RawJson::Text(text) => text.is_empty(),
        RawJson::List => list(value).is_empty(),
        _ => false,
    }
}

/// The items of a JSON array's text.
fn list(value: &RawValue) -> Vec<Value> {
    serde_json::from_str(value.get()).unwrap_or_default()
}

/// A template default: the value, and for selects its display (the option text, or
/// the texts joined by ", ").
fn default_of(kind: FieldKind, value: &Value) -> Result<Filled, String> {
    let raw = serde_json::value::to_raw_value(value).map_err(|error| error.to_string())?;
    let value = value_of(kind, &raw)?;
    let display = kind.empty_display().map(|_| match &value {
        FieldValue::List(items) => FieldValue::Text(
            items
                .iter()
                .map(|item| item.as_str().map_or_else(|| item.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => other.clone(),
    });
    Ok(Filled { value, display })
}

/// The value a field of `kind` takes from the JSON `value` (its text as given), or why
/// it cannot.
fn value_of(kind: FieldKind, value: &RawValue) -> Result<FieldValue, String> {
    use FieldKind::{Date, File, MultiSelect, Number, SingleSelect, Text, TextArea};
    match (kind, RawJson::of(value.get())) {
        (Text | TextArea | SingleSelect, RawJson::Text(text)) => Ok(FieldValue::Text(text.into_owned())),
        (Text | TextArea | SingleSelect, RawJson::Number(number)) => Ok(FieldValue::Text(number.to_owned())),
        (MultiSelect | File, RawJson::List) => Ok(FieldValue::List(list(value))),
        (MultiSelect, RawJson::Text(text)) => Ok(FieldValue::List(vec![Value::String(text.into_owned())])),
        (Number, RawJson::Text(text)) => parse_decimal_text(&text)
            .and_then(check_precision)
            .map(FieldValue::Number)
            .map_err(|problem| format!("the number {text:?} {problem}")),
        (Number, RawJson::Number(number)) => parse_json_number(number)
            .map(FieldValue::Number)
            .map_err(|problem| format!("the number {number} {problem}")),
        (Date, RawJson::Text(text)) => crate::encoding::date::parse(&text)
            .map(FieldValue::Date)
            .map_err(|(_, problem)| format!("{text:?} {problem}")),
        (kind, _) => Err(format!("{} is not a value for a {kind:?} field", value.get())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value(kind: FieldKind, given: &Value) -> Result<FieldValue, String> {
        value_of(kind, &serde_json::value::to_raw_value(given).unwrap())
    }

    #[test]
    fn values_convert_between_compatible_kinds() {
        assert_eq!(
            value(FieldKind::Number, &json!("12.50")),
            Ok(FieldValue::Number("12.5".parse().unwrap()))
        );
        assert_eq!(value(FieldKind::Number, &json!(3)), Ok(FieldValue::Number(3.into())));
        assert_eq!(value(FieldKind::Number, &json!(-2.5)), Ok(FieldValue::Number("-2.5".parse().unwrap())));
        assert_eq!(value(FieldKind::Text, &json!(12.5)), Ok(FieldValue::Text("12.5".into())));
        assert_eq!(value(FieldKind::MultiSelect, &json!("a")), Ok(FieldValue::List(vec![json!("a")])));
        assert_eq!(
            value(FieldKind::Date, &json!("2015-09-09")),
            Ok(FieldValue::Date(chrono::NaiveDate::from_ymd_opt(2015, 9, 9).unwrap()))
        );
    }

    #[test]
    fn values_that_do_not_suit_their_field_are_refused() {
        assert!(value(FieldKind::Number, &json!("many")).is_err());
        assert!(value(FieldKind::Number, &json!("1e5")).is_err());
        assert!(value(FieldKind::Date, &json!("2015-02-30")).is_err());
        assert!(value(FieldKind::SingleSelect, &json!(["a", "b"])).is_err());
        assert!(value(FieldKind::Text, &json!({"a": 1})).is_err());
        assert!(value(FieldKind::File, &json!("a.pdf")).is_err());
    }

    #[test]
    fn kinds_accept_their_families() {
        assert!(FieldKind::Text.accepts(FieldKind::Number));
        assert!(FieldKind::MultiSelect.accepts(FieldKind::Text));
        assert!(!FieldKind::Number.accepts(FieldKind::Text));
        assert!(!FieldKind::Date.accepts(FieldKind::Number));
        assert!(!FieldKind::File.accepts(FieldKind::Text));
        assert!(!FieldKind::Text.accepts(FieldKind::File));
        assert_eq!(FieldKind::of_key("text_area_asset_1"), Some(FieldKind::TextArea));
        assert_eq!(FieldKind::of_key("text_asset_1"), Some(FieldKind::Text));
        assert_eq!(FieldKind::of_key("text_asset_"), None);
        assert_eq!(FieldKind::of_key("title"), None);
    }
}
