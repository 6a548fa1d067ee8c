//! Filling a draft's custom fields from the opportunity's custom values: each field's
//! mapped value, else its default, else its kind's empty value; phone fields masked when
//! hiding is in force.

use std::sync::Arc;

use super::value::value_of;
use super::{Filled, Template, TemplateField};
use crate::convert::hiding::shown_phone;
use crate::convert::report::{Findings, Note};
use crate::draft::{CustomFields, FieldValue};
use crate::encoding::raw::{RawJson, is_blank};
use crate::error::{Error, ErrorKind};
use crate::records::CustomValues;
use crate::settings::{DISPLAY_ENDING, FieldKind};

impl Template {
    /// Notes each of the opportunity's custom values that no mapping copies (empty
    /// values and display companions aside: nothing is lost with them).
    pub(crate) fn note_unmapped(&self, values: &CustomValues, findings: &mut Findings) {
        if !findings.are_kept() {
            return;
        }
        for (key, value) in values.iter() {
            if !key.ends_with(DISPLAY_ENDING) && !self.mapped.contains(key) && !is_blank(value) {
                findings.note(|| Note::UnmappedCustomField { key: key.to_owned() });
            }
        }
    }

    /// The draft's custom fields: each field's mapped opportunity value, else its
    /// default, else its kind's empty value. A mapped value that does not suit its field
    /// is a problem for `findings` (and the field takes its default or empty value).
    /// With `hidden`, phone fields and their `_hidden_result` companions are masked.
    pub(crate) fn fill(&self, values: &CustomValues, hidden: bool, findings: &mut Findings) -> CustomFields {
        if self.fields.is_empty() {
            return CustomFields::default();
        }
        let (filled, mut companions): (Vec<FieldValue>, Vec<Option<FieldValue>>) = self
            .fields
            .iter()
            .map(|field| field.fill(values, hidden, findings))
            .map(|filled| (filled.value, filled.companion))
            .unzip();
        // Values and companions are moved into place, not copied.
        let mut entries = Vec::with_capacity(self.fields.len() + self.companions.len());
        entries.extend(self.fields.iter().map(|field| Arc::clone(&field.key)).zip(filled));
        for &index in &self.companions {
            if let (Some(key), Some(companion)) =
                (&self.fields[index].companion_key, companions[index].take())
            {
                entries.push((Arc::clone(key), companion));
            }
        }
        CustomFields::from_entries(entries)
    }
}

impl TemplateField {
    fn fill(&self, values: &CustomValues, hidden: bool, findings: &mut Findings) -> Filled {
        let filled = self.fill_unmasked(values, findings);
        match (self.kind, hidden) {
            (FieldKind::Phone, true) => {
                let masked = shown_phone(&filled.value, true);
                Filled { companion: Some(masked.clone()), value: masked }
            }
            (FieldKind::Phone, false) => {
                Filled { companion: Some(shown_phone(&filled.value, false)), value: filled.value }
            }
            _ => filled,
        }
    }

    fn fill_unmasked(&self, values: &CustomValues, findings: &mut Findings) -> Filled {
        if let Some(source) = &self.source {
            match values
                .get(&source.key)
                .filter(|value| !is_blank(value))
                .map(|value| value_of(self.kind, value))
            {
                Some(Ok(value)) => {
                    let companion = self.kind.empty_display().map(|empty| {
                        match values.get(&source.display_key).map(|display| RawJson::of(display.get())) {
                            Some(RawJson::Text(text)) => FieldValue::Text(text.into_owned()),
                            _ => empty,
                        }
                    });
                    return Filled { value, companion };
                }
                Some(Err(problem)) => findings.problem(|| {
                    Error::new(
                        ErrorKind::InvalidValue,
                        format!("opportunity.{}", source.key),
                        format_args!("{problem}, so it cannot fill the contract field {}", self.key),
                    )
                }),
                None => {}
            }
        }
        if let Some(default) = &self.default {
            findings.note(|| Note::DefaultApplied { field: self.key.to_string() });
            return default.clone();
        }
        Filled { value: self.kind.empty_value(), companion: self.kind.empty_display() }
    }
}
