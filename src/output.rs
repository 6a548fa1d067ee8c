//! Writing JSON as the program ships it: pretty or compact, and HTML-safe by default.
//!
//! HTML-safe means what Rails does: `<`, `>` and `&` are written `\u003c`, `\u003e`,
//! `\u0026`, and U+2028, U+2029 (line and paragraph separators, which end a JavaScript
//! line) `\u2028`, `\u2029`. The JSON means the same, but a draft can then be put inside
//! a `<script>` element without closing it or opening another.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// How to lay out the JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Indented by two spaces, as the documented response.
    #[default]
    Pretty,
    /// One line.
    Compact,
}

/// How to write JSON: its layout and whether it is HTML-safe.
///
/// ```
/// use contract_draft::{JsonStyle, Layout};
///
/// let style = JsonStyle { layout: Layout::Compact, html_safe: true };
/// let mut out = Vec::new();
/// style.write(&mut out, &["<b>Tom & Jerry</b>"])?;
/// assert_eq!(out, br#"["\u003cb\u003eTom \u0026 Jerry\u003c/b\u003e"]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonStyle {
    /// Pretty or compact.
    pub layout: Layout,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as Rails does.
    pub html_safe: bool,
}

impl Default for JsonStyle {
    /// Pretty and HTML-safe.
    fn default() -> Self {
        Self { layout: Layout::Pretty, html_safe: true }
    }
}

impl JsonStyle {
    /// Writes `value` to `writer` in this style (no trailing newline).
    pub fn write<W: io::Write, T: Serialize + ?Sized>(self, writer: W, value: &T) -> serde_json::Result<()> {
        match (self.layout, self.html_safe) {
            (Layout::Pretty, false) => serde_json::to_writer_pretty(writer, value),
            (Layout::Compact, false) => serde_json::to_writer(writer, value),
            (Layout::Pretty, true) => write_with(writer, value, HtmlSafe(PrettyFormatter::new())),
            (Layout::Compact, true) => write_with(writer, value, HtmlSafe(CompactFormatter)),
        }
    }
}

fn write_with<W: io::Write, T: Serialize + ?Sized, F: Formatter>(
    writer: W,
    value: &T,
    formatter: F,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(writer, formatter))
}

/// A formatter that escapes as Rails does and otherwise lays out as `F`.
struct HtmlSafe<F>(F);

/// The escape of the character that starts at `bytes[index]` (one the scan found), if
/// HTML-safe output must not write it as itself, with the character's length in bytes.
fn html_escape(bytes: &[u8], index: usize) -> Option<(&'static [u8], usize)> {
    match bytes[index] {
        b'<' => Some((br"\u003c", 1)),
        b'>' => Some((br"\u003e", 1)),
        b'&' => Some((br"\u0026", 1)),
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        0xE2 => match bytes.get(index + 1..index + 3) {
            Some([0x80, 0xA8]) => Some((br"\u2028", 3)),
            Some([0x80, 0xA9]) => Some((br"\u2029", 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Where in `bytes` the next byte an escape may start at is: `<`, `>`, `&`, or the lead
/// byte of U+2028 and U+2029. Eight bytes are tested at a time, in a machine word (the
/// classic "has a zero byte" test on the word `^` each wanted byte), so that text
/// without any of them costs little more than writing it; the lowest byte flagged is
/// always a real match.
fn next_candidate(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let flags = |word: u64, byte: u8| {
        let zeroed = word ^ (ONES * u64::from(byte));
        zeroed.wrapping_sub(ONES) & !zeroed & HIGHS
    };
    let mut words = bytes.chunks_exact(8);
    for (index, word) in (&mut words).enumerate() {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let found = flags(word, b'<') | flags(word, b'>') | flags(word, b'&') | flags(word, 0xE2);
        if found != 0 {
            return Some(index * 8 + found.trailing_zeros() as usize / 8);
        }
    }
    let rest = words.remainder();
    let position = rest.iter().position(|&byte| matches!(byte, b'<' | b'>' | b'&' | 0xE2))?;
    Some(bytes.len() - rest.len() + position)
}

#[cfg(test)]
mod scan_tests {
    use super::next_candidate;

    #[test]
    fn the_first_candidate_is_found_at_any_place() {
        for length in 0..40 {
            for at in 0..length {
                for byte in [b'<', b'>', b'&', 0xE2] {
                    let mut text = vec![b'a'; length];
                    text[at] = byte;
                    // A second candidate later, and bytes next to each wanted value, change nothing.
                    if at + 2 < length {
                        text[at + 2] = b'<';
                    }
                    if at > 0 {
                        text[at - 1] = byte.wrapping_sub(1) | 1;
                    }
                    assert_eq!(next_candidate(&text), Some(at), "{length} {at} {byte}");
                }
            }
            assert_eq!(next_candidate(&vec![b'a'; length]), None);
            assert_eq!(
                next_candidate("集团…‰".repeat(length).as_bytes()).map(|at| at % 12),
                (length > 0).then_some(6)
            );
        }
    }
}

impl<F: Formatter> Formatter for HtmlSafe<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Bytes, not chars: every byte an escape starts at is an ASCII character or a
        // UTF-8 lead byte, so the text is only ever cut between characters.
        let bytes = fragment.as_bytes();
        let (mut start, mut index) = (0, 0);
        while let Some(offset) = next_candidate(&bytes[index..]) {
            index += offset;
            if let Some((escape, length)) = html_escape(bytes, index) {
                writer.write_all(&bytes[start..index])?;
                writer.write_all(escape)?;
                index += length;
                start = index;
            } else {
                index += 1;
            }
        }
        writer.write_all(&bytes[start..])
    }

    // Layout: everything `PrettyFormatter` does differently from the defaults.
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
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
    fn html_safe_keeps_the_layout() {
        let value = serde_json::json!({"k": ["<", {}], "e": []});
        let pretty = JsonStyle::default();
        assert_eq!(
            written(pretty, &value),
            serde_json::to_string_pretty(&value).unwrap().replace('<', r"\u003c")
        );
        let compact = JsonStyle { layout: Layout::Compact, html_safe: true };
        assert_eq!(written(compact, &value), serde_json::to_string(&value).unwrap().replace('<', r"\u003c"));
    }
}
