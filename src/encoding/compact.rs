//! Compact JSON written straight into a buffer, byte for byte what serde_json's compact
//! writer writes, for the batch path (issue 21): a record's or a draft's keys are bytes
//! known when the crate is built (`,"key":`), its strings are escaped eight bytes at a
//! time, HTML-safe as they are written where the output is ([`JsonOut`]), and what has
//! no faster way is handed to serde_json ([`push_serialized`]). It costs serde's
//! per-entry calls and state, which were most of the time a draft took to write
//! (BENCHMARKS.md, "The batch path against its floor").
//!
//! What serde_json writes (and, HTML-safe, the pass over it) is the reference: tests
//! compare the two on every generated draft (`draft::write`'s tests), and the jsonl
//! bench checks the digest of its output.

use serde::Serialize;

use super::html;

/// Where compact JSON is written: the buffer, which writers append their own bytes to
/// (punctuation, keys, digits) with [`JsonOut::push`] and [`JsonOut::extend_from_slice`],
/// and whether strings are written HTML-safe. Text reaches it through [`push_text`] and
/// [`push_serialized`], which escape as it says.
pub(crate) struct JsonOut<'a> {
    bytes: &'a mut Vec<u8>,
    html_safe: bool,
}

impl<'a> JsonOut<'a> {
    /// Appends to `bytes`, with strings HTML-safe if `html_safe`.
    pub(crate) fn new(bytes: &'a mut Vec<u8>, html_safe: bool) -> Self {
        Self { bytes, html_safe }
    }

    /// Appends `byte`, which the writer made (never text's).
    #[inline]
    pub(crate) fn push(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    /// Appends `bytes`, which the writer made (never text's).
    #[inline]
    pub(crate) fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }
}

/// A value that writes itself as compact JSON into a buffer, exactly as serde_json's
/// compact writer writes its `Serialize` (and, HTML-safe, as the pass over that does).
pub(crate) trait WriteCompact {
    /// Appends the value's compact JSON to `out`.
    fn write_compact(&self, out: &mut JsonOut<'_>);
}

/// Appends `value` as serde_json writes it, compact: for values with no faster way.
pub(crate) fn push_serialized<T: Serialize + ?Sized>(out: &mut JsonOut<'_>, value: &T) {
    let start = out.bytes.len();
    // The crate's values always serialize: map keys are strings, a float that is not
    // finite is `null`, and a `Vec` takes every byte.
    serde_json::to_writer(&mut *out.bytes, value).expect("the crate's values always write as JSON");
    if out.html_safe {
        html::escape_appended(out.bytes, start);
    }
}

/// Appends `text` as a JSON string: quoted, and escaped as serde_json escapes it (`\"`,
/// `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, other control characters `\u00XX` in lowercase
/// hex), and HTML-safe where `out` is (`<`, `>`, `&`, U+2028, U+2029; `encoding::html`).
/// Text of at most 16 bytes with nothing to escape (most keys and many values) is
/// tested in two words and copied, without a call.
#[inline]
pub(crate) fn push_str(out: &mut JsonOut<'_>, text: &str) {
    push_text(out, text.as_bytes());
}

/// [`push_str`] of text's UTF-8 `bytes`.
#[inline]
pub(crate) fn push_text(out: &mut JsonOut<'_>, bytes: &[u8]) {
    let html_safe = out.html_safe;
    let out = &mut *out.bytes;
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let copied = match bytes.len() {
        0 => true,
        1 => push_if_plain::<1>(out, bytes, html_safe),
        2..=3 => push_if_plain::<2>(out, bytes, html_safe),
        4..=7 => push_if_plain::<4>(out, bytes, html_safe),
        8..=16 => push_if_plain::<8>(out, bytes, html_safe),
        _ => false,
    };
    if !copied {
        push_escaped(out, bytes, html_safe);
    }
    out.push(b'"');
}

/// Appends `bytes`, `N` to `2 × N` of them, if none may need an escape, and says whether
/// it did: their first `N` and their last `N` are tested as words and copied, the
/// second copy over the first's tail, by copies of a size known when the crate is
/// built. Short text (most keys and values) is so tested and copied without a loop or
/// a call to `memcpy`, which were most of the cost of a few bytes.
#[inline]
fn push_if_plain<const N: usize>(out: &mut Vec<u8>, bytes: &[u8], html_safe: bool) -> bool {
    let (Some(head), Some(tail)) = (bytes.first_chunk::<N>(), bytes.last_chunk::<N>()) else {
        return false;
    };
    if needs_look(padded(head), html_safe) || needs_look(padded(tail), html_safe) {
        return false;
    }
    let end = out.len() + bytes.len();
    out.extend_from_slice(head);
    out.truncate(end - N);
    out.extend_from_slice(tail);
    true
}

/// At most eight bytes as a word, spaces (which need no escape) after them.
#[inline]
fn padded<const N: usize>(chunk: &[u8; N]) -> u64 {
    const { assert!(N <= 8, "a word holds eight bytes") };
    let mut word = [b' '; 8];
    word[..N].copy_from_slice(chunk);
    u64::from_le_bytes(word)
}

/// Appends `bytes` escaped, HTML-safe too if `html_safe`: eight bytes are looked at a
/// time (the last eight where fewer are left, some of them again), a word with no byte
/// that may need an escape passed with a few integer operations, and each run of plain
/// bytes copied at once.
#[inline(never)] // out of line, so that `push_text`'s test of short text inlines small
fn push_escaped(out: &mut Vec<u8>, bytes: &[u8], html_safe: bool) {
    let (mut copied, mut index) = (0, 0);
    while index < bytes.len() {
        let end = bytes.len().min(index + 8);
        let word = bytes[index..].first_chunk::<8>().or_else(|| bytes.last_chunk::<8>());
        if word.is_some_and(|word| !needs_look(u64::from_le_bytes(*word), html_safe)) {
            index = end;
            continue;
        }
        // An HTML escape of U+2028 or U+2029 takes three bytes and may end past the
        // word; the next word then starts after it.
        while index < end {
            let escaped = match escape(bytes[index]) {
                Some(escape) => Some((escape, 1)),
                None if html_safe => html::escape(bytes, index),
                None => None,
            };
            if let Some((escape, length)) = escaped {
                out.extend_from_slice(&bytes[copied..index]);
                out.extend_from_slice(escape);
                index += length;
                copied = index;
            } else {
                index += 1;
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// A word whose high bits (`& HIGHS`) are not all clear exactly when a byte of `word` is
/// `byte`: the zero-byte test of `word ^ byte…byte`. Bits of several tests may be or-ed
/// and tested once; the result is exact as a test of the whole word.
const fn equal_bytes(word: u64, byte: u8) -> u64 {
    let differences = word ^ (ONES * byte as u64);
    differences.wrapping_sub(ONES) & !differences
}

/// [`equal_bytes`] for bytes below 0x20, the control characters.
const fn control_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES * 0x20) & !word
}

/// Whether a byte of `word` needs an escape: `"`, `\` or a control character.
const fn may_escape(word: u64) -> bool {
    (equal_bytes(word, b'"') | equal_bytes(word, b'\\') | control_bytes(word)) & HIGHS != 0
}

/// Whether a byte of `word` needs an escape in HTML-safe JSON or may start one: those
/// of [`may_escape`], `<`, `>`, `&`, and 0xE2, the lead byte of U+2028 and U+2029 (and
/// of other characters, which a closer look passes). Two tests find two bytes each:
/// `"` and `&` (0x22, 0x26) are the bytes that are 0x26 with bit 2 set, `<` and `>`
/// (0x3C, 0x3E) those that are 0x3E with bit 1 set.
const fn may_escape_html_safe(word: u64) -> bool {
    (equal_bytes(word | (ONES * 0x04), 0x26)
        | equal_bytes(word | (ONES * 0x02), 0x3E)
        | equal_bytes(word, b'\\')
        | equal_bytes(word, 0xE2)
        | control_bytes(word))
        & HIGHS
        != 0
}

/// The word test for text written HTML-safe or not.
#[inline]
const fn needs_look(word: u64, html_safe: bool) -> bool {
    if html_safe { may_escape_html_safe(word) } else { may_escape(word) }
}

/// serde_json's escape of `byte`, if JSON needs one.
fn escape(byte: u8) -> Option<&'static [u8]> {
    /// `\u0000` to `\u001f`.
    const CONTROLS: [[u8; 6]; 32] = {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut table = [[0; 6]; 32];
        let mut code = 0;
        while code < 32 {
            table[code] = [b'\\', b'u', b'0', b'0', HEX[code >> 4], HEX[code & 0xF]];
            code += 1;
        }
        table
    };
    match byte {
        b'"' => Some(br#"\""#),
        b'\\' => Some(br"\\"),
        0x08 => Some(br"\b"),
        b'\t' => Some(br"\t"),
        b'\n' => Some(br"\n"),
        0x0C => Some(br"\f"),
        b'\r' => Some(br"\r"),
        0x00..0x20 => Some(&CONTROLS[byte as usize]),
        _ => None,
    }
}

impl<T: WriteCompact + ?Sized> WriteCompact for &T {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        (**self).write_compact(out);
    }
}

impl WriteCompact for str {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        push_str(out, self);
    }
}

impl WriteCompact for String {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        push_str(out, self);
    }
}

impl WriteCompact for bool {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

macro_rules! integers {
    ($($integer:ty),*) => {
        $(impl WriteCompact for $integer {
            fn write_compact(&self, out: &mut JsonOut<'_>) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        })*
    };
}
integers!(u32, u64);

impl<T: WriteCompact> WriteCompact for Option<T> {
    fn write_compact(&self, out: &mut JsonOut<'_>) {
        match self {
            Some(value) => value.write_compact(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `value`'s compact JSON, HTML-safe if `html_safe`.
    fn written<T: WriteCompact + ?Sized>(value: &T, html_safe: bool) -> String {
        let mut out = Vec::new();
        value.write_compact(&mut JsonOut::new(&mut out, html_safe));
        String::from_utf8(out).unwrap()
    }

    fn compact<T: WriteCompact + ?Sized>(value: &T) -> String {
        written(value, false)
    }

    /// What serde_json writes of `value`, made HTML-safe by the pass over it.
    fn serde_html_safe<T: Serialize + ?Sized>(value: &T) -> String {
        let mut out = serde_json::to_vec(value).unwrap();
        html::escape_appended(&mut out, 0);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_escape_is_serde_jsons() {
        let every_ascii: String = (0..=0x7F_u8).map(char::from).collect();
        for text in
            [every_ascii.as_str(), "", "a\"b", "\\", "\u{7f}\u{2028}<&>", "ab\ncd\u{1f}", "12345678\"", "é\t"]
        {
            assert_eq!(compact(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    /// HTML-safe, the five characters too, wherever they stand: a separator across two
    /// words, one at the very end, and 0xE2 lead bytes of other characters.
    #[test]
    fn html_safe_text_is_escaped_as_the_pass_over_serde_json_escapes_it() {
        let every_ascii: String = (0..=0x7F_u8).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "<",
            "a&b",
            "1234567\u{2028}",
            "123456\u{2029}x",
            "12345678<",
            "…‰—\u{2028}“\u{2029}”",
            "\u{2028}\"\u{2029}\\<\n>&",
        ] {
            assert_eq!(written(text, true), serde_html_safe(text), "{text:?}");
        }
        assert_eq!(written("<b>Tom & Jerry</b>", true), r#""\u003cb\u003eTom \u0026 Jerry\u003c/b\u003e""#);
    }

    #[test]
    fn scalars_are_written_as_serde_json_writes_them() {
        assert_eq!(compact(&true), "true");
        assert_eq!(compact(&false), "false");
        assert_eq!(compact(&u64::MAX), u64::MAX.to_string());
        assert_eq!(compact(&0_u32), "0");
        assert_eq!(compact(&None::<u32>), "null");
        assert_eq!(compact(&Some(String::from("x"))), r#""x""#);
        let mut out = b"[".to_vec();
        push_serialized(&mut JsonOut::new(&mut out, false), &[1.5, f64::NAN]);
        assert_eq!(out, b"[[1.5,null]");
    }

    /// HTML-safe, what serde_json writes is escaped, and only that.
    #[test]
    fn a_serialized_value_is_made_html_safe_where_it_is_appended() {
        let mut out = b"<kept>".to_vec();
        push_serialized(&mut JsonOut::new(&mut out, true), &["&", "…", "\u{2029}"]);
        assert_eq!(String::from_utf8(out).unwrap(), r#"<kept>["\u0026","…","\u2029"]"#);
        let mut raw = Vec::new();
        push_serialized(&mut JsonOut::new(&mut raw, false), "<&>");
        assert_eq!(raw, br#""<&>""#);
    }

    /// Every length of plain text, after bytes already in the buffer: the text, quoted,
    /// and nothing else.
    #[test]
    fn plain_text_of_any_length_is_copied_whole_after_what_is_there() {
        let text: String = ('a'..='z').chain('A'..='Z').collect();
        for length in 0..=text.len() {
            for html_safe in [false, true] {
                let mut out = b"<>".to_vec();
                push_str(&mut JsonOut::new(&mut out, html_safe), &text[..length]);
                assert_eq!(String::from_utf8(out).unwrap(), format!("<>\"{}\"", &text[..length]));
            }
        }
    }

    /// Each character that is escaped (and one that is not but starts as two are), at
    /// every place of text of every length up to 24: both writers' bytes, plain and
    /// HTML-safe. Short text takes the word tests of its first and last bytes, longer
    /// text the loop with its overlapping last word.
    #[test]
    fn a_character_to_escape_is_found_at_any_place_in_text_of_any_length() {
        for special in ['"', '\\', '\0', '\n', '\u{1f}', '<', '>', '&', '\u{2028}', '\u{2029}', '…'] {
            for length in 1..=24 {
                for at in 0..length {
                    let text: String =
                        (0..length).map(|index| if index == at { special } else { 'x' }).collect();
                    assert_eq!(compact(text.as_str()), serde_json::to_string(&text).unwrap(), "{text:?}");
                    assert_eq!(written(text.as_str(), true), serde_html_safe(text.as_str()), "{text:?}");
                }
            }
        }
    }

    /// Each word test, on a word of one byte eight times: it looks exactly at the bytes
    /// it is for, of all 256.
    #[test]
    fn a_word_test_looks_at_exactly_the_bytes_that_may_need_an_escape() {
        for byte in 0..=u8::MAX {
            let word = u64::from_ne_bytes([byte; 8]);
            let escaped = byte < 0x20 || byte == b'"' || byte == b'\\';
            assert_eq!(may_escape(word), escaped, "{byte:#x}");
            let html = escaped || matches!(byte, b'<' | b'>' | b'&' | 0xE2);
            assert_eq!(may_escape_html_safe(word), html, "{byte:#x}");
        }
    }

    proptest! {
        /// Any text, at any length and alignment: the bytes serde_json writes.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(text in "(\\PC|[\\x00-\\x1f\"\\\\]){0,40}") {
            prop_assert_eq!(compact(text.as_str()), serde_json::to_string(&text).unwrap());
        }

        /// HTML-safe, any text with the five characters among others: the bytes of the
        /// pass over serde_json's.
        #[test]
        fn html_safe_strings_are_escaped_as_the_pass_escapes_them(
            text in "(\\PC|[\\x00-\\x1f\"\\\\<>&\u{2028}\u{2029}…‰]){0,40}",
        ) {
            prop_assert_eq!(written(text.as_str(), true), serde_html_safe(text.as_str()));
        }
    }
}
