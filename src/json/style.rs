//! Writing JSON as the program ships it: pretty or compact, and HTML-safe by default.
//!
//! HTML-safe means what Rails does: `<`, `>` and `&` are written `\u003c`, `\u003e`,
//! `\u0026`, and U+2028, U+2029 (line and paragraph separators, which end a JavaScript
//! line) `\u2028`, `\u2029`. The JSON means the same, but a draft can then be put inside
//! a `<script>` element without closing it or opening another.
//!
//! Where serde_json writes the JSON, the escapes are made after it, in one pass over
//! what it wrote; the crate's compact writer makes them as it writes each string
//! (`encoding::html`).

use std::io;

use serde::Serialize;

use crate::encoding::compact::{JsonOut, WriteCompact};
use crate::encoding::html;

/// How to lay out the JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Layout {
    /// Indented by two spaces, as the documented response.
    #[default]
    Pretty,
    /// One line.
    Compact,
}

/// How to write JSON: its layout and whether it is HTML-safe. Made with
/// [`JsonStyle::new`], or from `JsonStyle::default()` with the fields to change set.
///
/// ```
/// use contract_draft::{JsonStyle, Layout};
///
/// let style = JsonStyle::new(Layout::Compact, true);
/// let mut out = Vec::new();
/// style.write(&mut out, &["<b>Tom & Jerry</b>"])?;
/// assert_eq!(out, br#"["\u003cb\u003eTom \u0026 Jerry\u003c/b\u003e"]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonStyle {
    /// Pretty or compact.
    pub layout: Layout,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as Rails does.
    pub html_safe: bool,
}

impl Default for JsonStyle {
    /// [`JsonStyle::API`]: what the API sends.
    fn default() -> Self {
        Self::API
    }
}

impl JsonStyle {
    /// The API's responses: compact and HTML-safe, as Rails' `render json:` writes them.
    pub const API: Self = Self::new(Layout::Compact, true);

    /// The documented response's layout: indented by two spaces, HTML-safe.
    pub const DOCUMENTED: Self = Self::new(Layout::Pretty, true);

    /// A style of `layout`, HTML-safe if `html_safe`.
    ///
    /// ```
    /// use contract_draft::{JsonStyle, Layout};
    ///
    /// const LOG: JsonStyle = JsonStyle::new(Layout::Compact, false);
    /// let mut out = Vec::new();
    /// LOG.append(&mut out, &["<b>"])?;
    /// assert_eq!(out, br#"["<b>"]"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub const fn new(layout: Layout, html_safe: bool) -> Self {
        Self { layout, html_safe }
    }

    /// Writes `value` to `writer` in this style (no trailing newline). HTML-safe JSON is
    /// made in a buffer first; [`JsonStyle::append`] writes into a `Vec` directly.
    pub fn write<W: io::Write, T: Serialize + ?Sized>(
        self,
        mut writer: W,
        value: &T,
    ) -> serde_json::Result<()> {
        if !self.html_safe {
            return match self.layout {
                Layout::Pretty => serde_json::to_writer_pretty(writer, value),
                Layout::Compact => serde_json::to_writer(writer, value),
            };
        }
        let mut buffer = Vec::with_capacity(4 << 10);
        self.append(&mut buffer, value)?;
        writer.write_all(&buffer).map_err(serde_json::Error::io)
    }

    /// Appends `value` to `out` in this style (no trailing newline).
    ///
    /// ```
    /// use contract_draft::JsonStyle;
    ///
    /// let mut out = b"[".to_vec();
    /// JsonStyle::API.append(&mut out, "a\u{2028}b")?;
    /// assert_eq!(out, br#"["a\u2028b""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn append<T: Serialize + ?Sized>(self, out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
        let start = out.len();
        match self.layout {
            Layout::Pretty => serde_json::to_writer_pretty(&mut *out, value)?,
            Layout::Compact => serde_json::to_writer(&mut *out, value)?,
        }
        if self.html_safe {
            html::escape_appended(out, start);
        }
        Ok(())
    }

    /// [`JsonStyle::append`] for values with a compact writer of their own (drafts, for
    /// the batch path): compact JSON is written by it, HTML-safe as it goes, the same
    /// bytes as serde_json's and the pass after it, faster; pretty JSON by serde_json.
    pub(crate) fn append_written<T: Serialize + WriteCompact + ?Sized>(
        self,
        out: &mut Vec<u8>,
        value: &T,
    ) -> serde_json::Result<()> {
        if self.layout == Layout::Pretty {
            return self.append(out, value);
        }
        value.write_compact(&mut JsonOut::new(out, self.html_safe));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(style: JsonStyle, value: &impl Serialize) -> String {
        let mut out = Vec::new();
        style.write(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn html_safe_escapes_exactly_the_five_characters() {
        let text = "a<b>c&d\u{2028}e\u{2029}f \"q\" \\ 集团 … ‰\u{2028}";
        let safe = JsonStyle { layout: Layout::Compact, html_safe: true };
        assert_eq!(written(safe, &text), r#""a\u003cb\u003ec\u0026d\u2028e\u2029f \"q\" \\ 集团 … ‰\u2028""#);
        let raw = JsonStyle { layout: Layout::Compact, html_safe: false };
        assert_eq!(written(raw, &text), serde_json::to_string(text).unwrap());
        let back: String = serde_json::from_str(&written(safe, &text)).unwrap();
        assert_eq!(back, text);
    }

    proptest::proptest! {
        /// Any text comes out as serde_json writes it with exactly the five characters
        /// replaced by their escapes, and reads back the same.
        #[test]
        fn html_safe_is_plain_json_with_five_escapes(text in "(\\PC|[<>&\u{2028}\u{2029}…‰])*") {
            let safe = JsonStyle { layout: Layout::Compact, html_safe: true };
            let expected = serde_json::to_string(&text)
                .unwrap()
                .replace('<', r"\u003c")
                .replace('>', r"\u003e")
                .replace('&', r"\u0026")
                .replace('\u{2028}', r"\u2028")
                .replace('\u{2029}', r"\u2029");
            let written = written(safe, &text);
            proptest::prop_assert_eq!(&written, &expected);
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text);
        }
    }

    #[test]
    fn appending_escapes_only_what_is_appended() {
        let mut out = b"<kept>".to_vec();
        JsonStyle { layout: Layout::Compact, html_safe: true }
            .append(&mut out, &["&", "…", "\u{2029}"])
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"<kept>["\u0026","…","\u2029"]"#);
    }

    #[test]
    fn html_safe_keeps_the_layout() {
        let value = serde_json::json!({"k": ["<", {}], "e": []});
        let pretty = JsonStyle::DOCUMENTED;
        assert_eq!(
            written(pretty, &value),
            serde_json::to_string_pretty(&value).unwrap().replace('<', r"\u003c")
        );
        let compact = JsonStyle { layout: Layout::Compact, html_safe: true };
        assert_eq!(written(compact, &value), serde_json::to_string(&value).unwrap().replace('<', r"\u003c"));
    }
}
