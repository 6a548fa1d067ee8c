//! The kinds of custom field (自定义字段) a company's contract template can have.

use serde::Serialize;

use crate::draft::FieldValue;
use crate::encoding::word::{Word, deserialize_as_word};

/// What a custom field holds, which decides its empty value and whether it has a
/// `<key>_display` companion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldKind {
    /// One line of text (`text_asset_…`); empty: `null`.
    Text,
    /// Several lines of text (`text_area_asset_…`); empty: `null`.
    TextArea,
    /// One option of a list (`text_asset_…`); empty: `null`, display `null`.
    SingleSelect,
    /// Any options of a list (`text_asset_…`); empty: `[]`, display `""`.
    MultiSelect,
    /// A number (`numeric_asset_…`); empty: `null`.
    Number,
    /// A date (`datetime_asset_…`); empty: `null`.
    Date,
    /// Attachments (`file_asset_…`); empty: `[]`.
    File,
    /// A phone number (`text_asset_…`), filled like text; empty: `null`. Its
    /// `<key>_hidden_result` companion holds what to show: the number, masked (in the
    /// value too) when hiding is in force.
    Phone,
}

impl Word for FieldKind {
    const WORDS: &'static [&'static str] =
        &["text", "text_area", "single_select", "multi_select", "number", "date", "file", "phone"];
    const VALUES: &'static [Self] = &[
        Self::Text,
        Self::TextArea,
        Self::SingleSelect,
        Self::MultiSelect,
        Self::Number,
        Self::Date,
        Self::File,
        Self::Phone,
    ];
}
deserialize_as_word!(FieldKind);

/// The ending of a select's companion key, its option's display text.
pub(crate) const DISPLAY_ENDING: &str = "_display";

/// The ending of a phone's companion key, the number as shown.
pub(crate) const HIDDEN_RESULT_ENDING: &str = "_hidden_result";

/// Every companion key's ending, which no field key may have.
pub(crate) const COMPANION_ENDINGS: [&str; 2] = [DISPLAY_ENDING, HIDDEN_RESULT_ENDING];

impl FieldKind {
    /// The key prefix ikcrm gives fields of this kind.
    pub const fn key_prefix(self) -> &'static str {
        match self {
            Self::Text | Self::SingleSelect | Self::MultiSelect | Self::Phone => "text_asset_",
            Self::TextArea => "text_area_asset_",
            Self::Number => "numeric_asset_",
            Self::Date => "datetime_asset_",
            Self::File => "file_asset_",
        }
    }

    /// The kind a key's prefix tells: [`FieldKind::Text`] stands for the text family
    /// (text, single and multi selects), which share `text_asset_`.
    pub fn of_key(key: &str) -> Option<Self> {
        [Self::TextArea, Self::Number, Self::Date, Self::File, Self::Text]
            .into_iter()
            .find(|kind| key.strip_prefix(kind.key_prefix()).is_some_and(|rest| !rest.is_empty()))
    }

    /// The kind's name in settings (`single_select`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::TextArea => "text_area",
            Self::SingleSelect => "single_select",
            Self::MultiSelect => "multi_select",
            Self::Number => "number",
            Self::Date => "date",
            Self::File => "file",
            Self::Phone => "phone",
        }
    }

    /// The ending of the companion key a field of this kind has, if any: `_display` for
    /// selects, `_hidden_result` for phones.
    pub const fn companion_ending(self) -> Option<&'static str> {
        match self {
            Self::SingleSelect | Self::MultiSelect => Some(DISPLAY_ENDING),
            Self::Phone => Some(HIDDEN_RESULT_ENDING),
            _ => None,
        }
    }

    /// Whether a field of the `source` family (see [`FieldKind::of_key`]) can fill a
    /// field of this kind: numbers and dates also fill text and text areas; text areas
    /// fill text and text areas; text fills text, text areas and selects; files fill
    /// only files. Phones are filled like text.
    pub const fn accepts(self, source: FieldKind) -> bool {
        matches!(
            (source, self),
            (Self::Number, Self::Number | Self::Text | Self::TextArea | Self::Phone)
                | (Self::Date, Self::Date | Self::Text | Self::TextArea | Self::Phone)
                | (Self::TextArea, Self::TextArea | Self::Text | Self::Phone)
                | (
                    Self::Text | Self::SingleSelect | Self::MultiSelect | Self::Phone,
                    Self::Text | Self::TextArea | Self::SingleSelect | Self::MultiSelect | Self::Phone
                )
                | (Self::File, Self::File)
        )
    }

    /// The value a field of this kind has when nothing fills it.
    pub fn empty_value(self) -> FieldValue {
        match self {
            Self::MultiSelect | Self::File => FieldValue::List(Vec::new()),
            _ => FieldValue::Null,
        }
    }

    /// The value of the `<key>_display` companion when nothing fills the field, or
    /// `None` for kinds without a companion.
    pub fn empty_display(self) -> Option<FieldValue> {
        match self {
            Self::SingleSelect => Some(FieldValue::Null),
            Self::MultiSelect => Some(FieldValue::Text(String::new())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FieldKind;

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
