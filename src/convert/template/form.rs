//! Checking the custom fields of a posted contract form against the template, for the
//! create request: the fields in template order, each followed by its companion, each
//! suiting its kind.

use std::sync::Arc;

use serde_json::value::RawValue;

use super::Template;
use super::value::value_of;
use crate::convert::hiding::shown_phone;
use crate::draft::FieldValue;
use crate::encoding::raw::{RawJson, is_blank};
use crate::error::echo::key_path;
use crate::error::{Error, ErrorKind, Problems};
use crate::records::CustomValues;
use crate::settings::FieldKind;

impl Template {
    /// The custom fields of a contract form whose keys are `keys` and whose value under a
    /// key `get` gives: in template order (each followed by its companion), each suiting
    /// its kind; a field the form leaves out takes its kind's empty value, so that the
    /// body has one shape. A custom key the template does not know is a problem, and so
    /// is a masked number for a phone field (a form made from a draft with hiding in force
    /// carries the mask, which must not be saved as the number). A phone's companion is
    /// computed from its number, masked when `hidden`.
    pub(crate) fn form_fields<'a>(
        &self,
        keys: impl Iterator<Item = &'a str>,
        get: impl Fn(&str) -> Option<&'a RawValue>,
        hidden: bool,
        problems: &mut Problems,
    ) -> Vec<(Arc<str>, FieldValue)> {
        for key in keys.filter(|key| CustomValues::is_custom_key(key)) {
            if !self.keys.contains_key(key) {
                let detail = "is not a field of the company's contract template";
                problems.push(Error::new(ErrorKind::InvalidValue, key_path("contract", key), detail));
            }
        }
        let mut entries: Vec<(Arc<str>, FieldValue)> = Vec::with_capacity(self.keys.len());
        for field in &self.fields {
            // Where the field's own value is in `entries`, once read: a phone's companion
            // is computed from it.
            let mut field_at: Option<usize> = None;
            let companion = field.companion_key.as_ref().map(|key| (key, false));
            for (key, is_field) in std::iter::once((&field.key, true)).chain(companion) {
                // An empty text is a text field's (or a display text's) value as the draft
                // shows it (`""`), kept as given; any other empty value is the field's
                // empty value.
                let text_kind = matches!(
                    field.kind,
                    FieldKind::Text | FieldKind::TextArea | FieldKind::SingleSelect | FieldKind::Phone
                );
                let raw = get(key)
                    .filter(|raw| !is_blank(raw) || ((text_kind || !is_field) && raw.get() == "\"\""));
                if !is_field && field.kind == FieldKind::Phone {
                    // A phone's companion is the server's: the number as shown, masked
                    // when hiding is in force; never what the form says. A number that
                    // was refused has no companion to check (its problem is told).
                    let Some(at) = field_at else { continue };
                    let shown = shown_phone(&entries[at].1, hidden);
                    let differs = |raw: &&RawValue| match (RawJson::of(raw.get()), &shown) {
                        (RawJson::Text(given), FieldValue::Text(shown)) => given != shown.as_str(),
                        _ => true,
                    };
                    if raw.is_some_and(|raw| differs(&raw)) {
                        problems.push(Error::new(
                            ErrorKind::InvalidValue,
                            key_path("contract", key),
                            "is computed from the phone field's value (masked when hiding is in force); leave it out",
                        ));
                    }
                    entries.push((Arc::clone(key), shown));
                    continue;
                }
                let value = match (raw, is_field) {
                    (None, true) => Ok(field.kind.empty_value()),
                    // A select's `_display` has its kind's empty display; a phone's
                    // `_hidden_result`, the other companion, is empty text.
                    (None, false) => {
                        Ok(field.kind.empty_display().unwrap_or_else(|| FieldValue::Text(String::new())))
                    }
                    (Some(raw), true) => value_of(field.kind, raw),
                    (Some(raw), false) => match RawJson::of(raw.get()) {
                        RawJson::Text(text) => Ok(FieldValue::Text(text.into_owned())),
                        other => Err(format!("is {}, not a field's display text", other.in_words())),
                    },
                };
                match value {
                    Ok(value) => {
                        if is_field {
                            field_at = Some(entries.len());
                        }
                        entries.push((Arc::clone(key), value));
                    }
                    Err(problem) => {
                        problems.push(Error::new(
                            ErrorKind::InvalidValue,
                            key_path("contract", key),
                            problem,
                        ));
                    }
                }
            }
        }
        entries
    }
}
