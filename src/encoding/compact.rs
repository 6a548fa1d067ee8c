//! Compact JSON written straight into a buffer, byte for byte what serde_json's compact
//! writer writes, for the batch path (issue 21): a record's or a draft's keys are bytes
//! known when the crate is built (`,"key":`), its strings are escaped eight bytes at a
//! time, and what has no faster way is handed to serde_json ([`push_serialized`]). It
//! costs serde's per-entry calls and state, which were most of the time a draft took to
//! write (BENCHMARKS.md, "The batch path against its floor").
//!
//! What serde_json writes is the reference: tests compare the two on every generated
//! draft (`draft::write`'s tests), and the jsonl bench checks the digest of its
//! output.

use serde::Serialize;

/// A value that writes itself as compact JSON into a buffer, exactly as serde_json's
/// compact writer writes its `Serialize`.
pub(crate) trait WriteCompact {
    /// Appends the value's compact JSON to `out`.
    fn write_compact(&self, out: &mut Vec<u8>);
}

/// Appends `value` as serde_json writes it, compact: for values with no faster way.
pub(crate) fn push_serialized<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // The crate's values always serialize: map keys are strings, a float that is not
    // finite is `null`, and a `Vec` takes every byte.
    serde_json::to_writer(out, value).expect("the crate's values always write as JSON");
}

/// Appends `text` as a JSON string: quoted, and escaped as serde_json escapes it (`\"`,
/// `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, other control characters `\u00XX` in lowercase
/// hex; nothing else). Text of at most 16 bytes with nothing to escape (most keys and
/// many values) is tested in two words and copied, without a call.
#[inline]
pub(crate) fn push_str(out: &mut Vec<u8>, text: &str) {
    push_text(out, text.as_bytes());
}

/// [`push_str`] of text's UTF-8 `bytes`.
#[inline]
pub(crate) fn push_text(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let plain = match bytes.len() {
        0 => true,
        1..=8 => !may_escape(word_at(bytes, 0)),
        9..=16 => !may_escape(word_at(bytes, 0)) && !may_escape(word_at(bytes, 8)),
        _ => false,
    };
    if plain {
        out.extend_from_slice(bytes);
    } else {
        push_escaped(out, bytes);
    }
    out.push(b'"');
}

/// Appends `bytes` escaped: eight bytes are looked at a time, a word with no byte that
/// needs an escape passed with a few integer operations, and each run of plain bytes
/// copied at once.
#[inline(never)] // out of line, so that `push_str`'s test of short text inlines small
fn push_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let (mut copied, mut index) = (0, 0);
    while index < bytes.len() {
        if !may_escape(word_at(bytes, index)) {
            index += 8;
            continue;
        }
        let end = bytes.len().min(index + 8);
        while index < end {
            if let Some(escape) = escape(bytes[index]) {
                out.extend_from_slice(&bytes[copied..index]);
                out.extend_from_slice(escape);
                copied = index + 1;
            }
            index += 1;
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Eight bytes of `bytes` from `index` on as a word, to test whether one needs an
/// escape: the next eight, or, near the end, every byte left (some twice, overlapping)
/// and spaces.
fn word_at(bytes: &[u8], index: usize) -> u64 {
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    if let Some(word) = bytes.get(index..index + 8) {
        return u64::from_le_bytes(word.try_into().expect("eight bytes"));
    }
    let rest = &bytes[index..];
    let n = rest.len();
    let pair = |at: usize| u64::from(u16::from_le_bytes([rest[at], rest[at + 1]]));
    let quad =
        |at: usize| u64::from(u32::from_le_bytes([rest[at], rest[at + 1], rest[at + 2], rest[at + 3]]));
    match n {
        4.. => quad(0) | quad(n - 4) << 32,
        2 | 3 => pair(0) | pair(n - 2) << 16 | (SPACES & !0xFFFF_FFFF),
        _ => u64::from(rest[0]) | (SPACES & !0xFF),
    }
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether a byte of `word` is `byte` (the zero-byte test of `word ^ byte…byte`, exact
/// as a test of the whole word).
const fn has_byte(word: u64, byte: u8) -> bool {
    let differences = word ^ (ONES * byte as u64);
    differences.wrapping_sub(ONES) & !differences & HIGHS != 0
}

/// Whether a byte of `word` is below 0x20, a control character.
const fn has_control(word: u64) -> bool {
    word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0
}

/// Whether a byte of `word` needs an escape: `"`, `\` or a control character.
const fn may_escape(word: u64) -> bool {
    has_byte(word, b'"') || has_byte(word, b'\\') || has_control(word)
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
    fn write_compact(&self, out: &mut Vec<u8>) {
        (**self).write_compact(out);
    }
}

impl WriteCompact for str {
    fn write_compact(&self, out: &mut Vec<u8>) {
        push_str(out, self);
    }
}

impl WriteCompact for String {
    fn write_compact(&self, out: &mut Vec<u8>) {
        push_str(out, self);
    }
}

impl WriteCompact for bool {
    fn write_compact(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

macro_rules! integers {
    ($($integer:ty),*) => {
        $(impl WriteCompact for $integer {
            fn write_compact(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        })*
    };
}
integers!(u32, u64);

impl<T: WriteCompact> WriteCompact for Option<T> {
    fn write_compact(&self, out: &mut Vec<u8>) {
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

    fn compact<T: WriteCompact + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        value.write_compact(&mut out);
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

    #[test]
    fn scalars_are_written_as_serde_json_writes_them() {
        assert_eq!(compact(&true), "true");
        assert_eq!(compact(&false), "false");
        assert_eq!(compact(&u64::MAX), u64::MAX.to_string());
        assert_eq!(compact(&0_u32), "0");
        assert_eq!(compact(&None::<u32>), "null");
        assert_eq!(compact(&Some(String::from("x"))), r#""x""#);
        let mut out = b"[".to_vec();
        push_serialized(&mut out, &[1.5, f64::NAN]);
        assert_eq!(out, b"[[1.5,null]");
    }

    /// The word test passes plain text unlooked-at and stops at every byte that needs an
    /// escape, wherever it stands in the word and however short the word's tail.
    #[test]
    fn a_word_needs_a_look_exactly_when_a_byte_needs_an_escape() {
        let plain = b"abcdefgh\xc3\xa9 ~<&>";
        for length in 1..=plain.len() {
            assert!(!may_escape(word_at(&plain[..length], 0)), "{length}");
        }
        for special in [b'"', b'\\', 0x00, b'\n', 0x1F] {
            for length in 1..=8 {
                for at in 0..length {
                    let mut bytes = b"abcdefgh"[..length].to_vec();
                    bytes[at] = special;
                    assert!(may_escape(word_at(&bytes, 0)), "{special:#x} at {at} of {length}");
                }
            }
        }
    }

    proptest! {
        /// Any text, at any length and alignment: the bytes serde_json writes.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(text in "(\\PC|[\\x00-\\x1f\"\\\\]){0,40}") {
            prop_assert_eq!(compact(text.as_str()), serde_json::to_string(&text).unwrap());
        }
    }
}
