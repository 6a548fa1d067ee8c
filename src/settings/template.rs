//! The company's contract template, checked and prepared once for filling many drafts:
//! each field's key, kind, default, companion (a select's `_display`, a phone's
//! `_hidden_result`) and the opportunity field that fills it. Preparing and filling take
//! time in proportion to the number of fields and keys: keys are found through hash maps
//! and sorted indexes, never by scanning the others.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::value::RawValue;

use crate::draft::FieldValue;
use crate::encoding::bounded::AtMost;
use crate::encoding::raw::RawJson;
use crate::encoding::reader::read_json;
use crate::encoding::ruby_json::normalized;
use crate::error::echo::{ECHO_LIMIT, Quoted};
use crate::error::{Error, ErrorKind};
use crate::limits::MAX_LIST_ITEMS;
use crate::money::{check_precision, parse_decimal_text, parse_json_number};
use crate::settings::{CompanySettings, ContractField, FieldKind, FieldMapping};

/// A prepared contract template.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    pub(crate) fields: Vec<TemplateField>,
    /// Indices of the fields with companions, in output order: single selects, then
    /// multi selects, then phones, each in template order.
    pub(crate) companions: Vec<usize>,
    /// The opportunity keys some mapping copies.
    pub(crate) mapped: HashSet<Box<str>>,
    /// Every key the fields and their companions take, and the field each names.
    pub(crate) keys: HashMap<Arc<str>, usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct TemplateField {
    pub(crate) key: Arc<str>,
    pub(crate) kind: FieldKind,
    pub(crate) companion_key: Option<Arc<str>>,
    pub(crate) default: Option<Filled>,
    pub(crate) source: Option<Source>,
}

/// The opportunity field that fills a template field.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) key: String,
    pub(crate) display_key: String,
}

/// A field's value and, for kinds with one, its companion's.
#[derive(Debug, Clone)]
pub(crate) struct Filled {
    pub(crate) value: FieldValue,
    pub(crate) companion: Option<FieldValue>,
}

fn settings_error(path: String, detail: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidSettings, path, detail)
}

/// The endings of companion keys, which no field key may have.
const COMPANION_ENDINGS: [&str; 2] = ["_display", "_hidden_result"];

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
        Some(Source { key: mapping.from.clone(), display_key: format!("{}_display", mapping.from) });
    Ok(())
}

/// Whether a custom-field value is empty: `null`, `""` or `[]`.
pub(crate) fn is_empty(value: &RawValue) -> bool {
    match RawJson::of(value.get()) {
        RawJson::Null => true,
        RawJson::Text(text) => text.is_empty(),
        // Valid JSON text: a list is empty when `]` follows `[` and whitespace. Decided
        // from the text, as no item needs reading (a long list costs nothing here).
        RawJson::List => value.get()[1..].trim_start().starts_with(']'),
        _ => false,
    }
}

/// The items of a JSON array's text, each kept as its own JSON text, without whitespace.
/// An item must be readable JSON: nested at most 128 deep (as serde_json reads), its
/// strings made of characters.
fn list(value: &RawValue) -> Result<Vec<Box<RawValue>>, String> {
    let items = match read_json::<AtMost<Box<RawValue>, MAX_LIST_ITEMS>>(value.get().as_bytes()) {
        Ok(items) => items.0,
        Err(error) if error.kind() == ErrorKind::InputTooLarge => {
            return Err(format!("has more than {MAX_LIST_ITEMS} items (the limit)"));
        }
        Err(_) => return Err("is not a list".to_owned()),
    };
    // Each item as Rails writes the value it parsed (`"\u00e9"` is `"é"`, `1.50` is
    // `1.5`), checked and re-encoded in one pass over its text, no value tree built.
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            normalized(item, "").map_err(|_| {
                format!("item {index} is nested too deeply, holds an escape that is not a character, or a key twice")
            })
        })
        .collect()
}

/// A template default: the value, and for selects its display (the option text, or
/// the texts joined by ", ").
fn default_of(kind: FieldKind, value: &RawValue) -> Result<Filled, String> {
    let value = value_of(kind, value)?;
    let text = |item: &RawValue| match RawJson::of(item.get()) {
        RawJson::Text(text) => Ok(text.into_owned()),
        _ => Err(()),
    };
    let companion = match (&value, kind.empty_display()) {
        (_, None) => None,
        (FieldValue::List(items), Some(_)) => {
            let mut options = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let option = text(item).map_err(|()| {
                    format!("item {index} is not a string; a multi select's options are strings")
                })?;
                options.push(option);
            }
            Some(FieldValue::Text(options.join(", ")))
        }
        (other, Some(_)) => Some(other.clone()),
    };
    Ok(Filled { value, companion })
}

/// The value a field of `kind` takes from the JSON `value` (its text as given), or what
/// is wrong with it. The value itself is never quoted: it may be a number that hiding
/// covers, and it may be long.
pub(crate) fn value_of(kind: FieldKind, value: &RawValue) -> Result<FieldValue, String> {
    use FieldKind::{Date, File, MultiSelect, Number, Phone, SingleSelect, Text, TextArea};
    match (kind, RawJson::of(value.get())) {
        (Phone, RawJson::Text(text)) if is_masked_number(&text) => {
            Err("is a masked number, not the number; a phone field takes the number itself".to_owned())
        }
        (Text | TextArea | SingleSelect | Phone, RawJson::Text(text)) => {
            Ok(FieldValue::Text(text.into_owned()))
        }
        (Text | TextArea | SingleSelect | Phone, RawJson::Number(number)) => {
            Ok(FieldValue::Text(number.to_owned()))
        }
        (MultiSelect | File, RawJson::List) => list(value).map(FieldValue::List),
        (MultiSelect, RawJson::Text(_)) => Ok(FieldValue::List(vec![value.to_owned()])),
        (Number, RawJson::Text(text)) => parse_decimal_text(&text)
            .and_then(check_precision)
            .map(FieldValue::Number)
            .map_err(|problem| problem.to_string()),
        (Number, RawJson::Number(number)) => {
            parse_json_number(number).map(FieldValue::Number).map_err(|problem| problem.to_string())
        }
        (Date, RawJson::Text(text)) => crate::encoding::date::parse(&text)
            .map(FieldValue::Date)
            .map_err(|(_, problem)| problem.to_owned()),
        (kind, given) => Err(format!("is {}, not a value for a {} field", given.in_words(), kind.name())),
    }
}

/// The characters a mask hides a digit with: `*` (as `mask_number` writes), and the
/// full-width, bullet and other stars and dots other systems write.
const MASK_CHARACTERS: [char; 7] = ['*', '＊', '•', '●', '∗', '⁎', '✱'];

/// Whether a phone value is a mask (`138****5678`, `138＊＊＊＊5678`, `138••••5678`)
/// rather than a number: it hides at least one digit with a mask character.
pub(crate) fn is_masked_number(text: &str) -> bool {
    text.contains(MASK_CHARACTERS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn a_list_beyond_the_limit_or_too_deep_is_told_apart() {
        let long = serde_json::value::to_raw_value(&vec![1; MAX_LIST_ITEMS + 1]).unwrap();
        assert_eq!(list(&long).unwrap_err(), format!("has more than {MAX_LIST_ITEMS} items (the limit)"));
        let not_a_list = serde_json::value::to_raw_value(&json!({"a": 1})).unwrap();
        assert_eq!(list(&not_a_list).unwrap_err(), "is not a list");
        let at_limit = serde_json::value::to_raw_value(&vec![1; MAX_LIST_ITEMS]).unwrap();
        assert_eq!(list(&at_limit).unwrap().len(), MAX_LIST_ITEMS);
    }

    #[test]
    fn masks_of_any_star_or_dot_are_not_numbers() {
        for mask in ["138****5678", "138＊＊＊＊5678", "138••••5678", "***-*234", "*"] {
            assert!(is_masked_number(mask), "{mask}");
            assert!(value(FieldKind::Phone, &json!(mask)).is_err(), "{mask}");
            assert!(value(FieldKind::Text, &json!(mask)).is_ok(), "{mask}");
        }
        for number in ["13812345678", "010-1234 5678", "+86 (10) 1234", ""] {
            assert!(!is_masked_number(number), "{number}");
        }
    }

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
        let raw = |json: &str| serde_json::value::RawValue::from_string(json.to_owned()).unwrap();
        assert_eq!(value(FieldKind::MultiSelect, &json!("a")), Ok(FieldValue::List(vec![raw(r#""a""#)])));
        assert_eq!(
            value(FieldKind::Date, &json!("2015-09-09")),
            Ok(FieldValue::Date(chrono::NaiveDate::from_ymd_opt(2015, 9, 9).unwrap()))
        );
    }

    /// List items are written as Rails writes what it parsed: key order and an integer's
    /// digits kept, other numbers as Ruby Floats, no whitespace between tokens; items Ruby
    /// could not read are refused.
    #[test]
    fn list_items_are_written_as_rails_writes_them() {
        let given: Box<RawValue> =
            serde_json::from_str(r#"[{"url": "a", "name": "b", "size": 12345678901234567890123, "w": 1E2}]"#)
                .unwrap();
        let Ok(FieldValue::List(items)) = value_of(FieldKind::File, &given) else { panic!() };
        assert_eq!(items[0].get(), r#"{"url":"a","name":"b","size":12345678901234567890123,"w":100.0}"#);
        let given: Box<RawValue> = serde_json::from_str(r#"["\u00e9\/", 1.50, 1E2]"#).unwrap();
        let Ok(FieldValue::List(items)) = value_of(FieldKind::MultiSelect, &given) else { panic!() };
        let written: Vec<&str> = items.iter().map(|item| item.get()).collect();
        assert_eq!(written, [r#""é/""#, "1.5", "100.0"]);
        let deep: Box<RawValue> =
            serde_json::from_str(&format!("[{}1{}]", "[".repeat(200), "]".repeat(200))).unwrap();
        assert!(value_of(FieldKind::File, &deep).is_err());
        let surrogate: Box<RawValue> = serde_json::from_str(r#"["a\ud800"]"#).unwrap();
        assert!(value_of(FieldKind::MultiSelect, &surrogate).is_err());
        assert!(!is_empty(&surrogate) && !is_empty(&deep));
        let text: Box<RawValue> = serde_json::from_str(r#""a\ud800""#).unwrap();
        assert_eq!(
            value_of(FieldKind::Text, &text),
            Err("is a string with an escape that is not a character, not a value for a text field".into())
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
