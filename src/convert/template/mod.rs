//! The company's contract template, the one home of custom contract fields: compiled
//! from the settings and checked once (`compile`), it fills a draft's custom fields from
//! an opportunity's custom values (`fill`) and checks a posted form's custom fields
//! (`form`); `value` is how a JSON value becomes a field's value. Each field has its
//! key, kind, default, companion (a select's `_display`, a phone's `_hidden_result`) and
//! the opportunity field that fills it. Compiling, filling and checking take time in
//! proportion to the number of fields and keys: keys are found through hash maps and
//! sorted indexes, never by scanning the others.
//!
//! The template's parts are private to this module: the rest of the crate uses the
//! methods it offers.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::draft::FieldValue;
use crate::settings::FieldKind;

mod compile;
mod fill;
mod form;
mod value;

/// A prepared contract template.
#[derive(Debug, Clone, Default)]
pub(crate) struct Template {
    fields: Vec<TemplateField>,
    /// Indices of the fields with companions, in output order: single selects, then
    /// multi selects, then phones, each in template order.
    companions: Vec<usize>,
    /// The opportunity keys some mapping copies.
    mapped: HashSet<Box<str>>,
    /// Every key the fields and their companions take, and the field each names.
    keys: HashMap<Arc<str>, usize>,
}

/// A field of the template.
#[derive(Debug, Clone)]
struct TemplateField {
    key: Arc<str>,
    kind: FieldKind,
    companion_key: Option<Arc<str>>,
    default: Option<Filled>,
    source: Option<Source>,
}

/// The opportunity field that fills a template field.
#[derive(Debug, Clone)]
struct Source {
    key: String,
    display_key: String,
}

/// A field's value and, for kinds with one, its companion's.
#[derive(Debug, Clone)]
struct Filled {
    value: FieldValue,
    companion: Option<FieldValue>,
}
