//! HTML-safe JSON, as Rails writes it: `<`, `>` and `&` as `\u003c`, `\u003e`,
//! `\u0026`, and U+2028, U+2029 (line and paragraph separators, which end a JavaScript
//! line) as `\u2028`, `\u2029`. The JSON means the same, but a draft can then be put
//! inside a `<script>` element without closing it or opening another.
//!
//! In JSON text these five characters can only stand inside strings (no token outside
//! a string contains them, and an escape sequence never does), so they can be escaped
//! two ways with the same bytes: where a string is written ([`escape`], what the
//! compact writer does), or afterwards, over JSON text serde_json wrote
//! ([`escape_appended`]).

/// The escape of the character that starts at `bytes[index]`, if HTML-safe output must
/// not write it as itself, with the character's length in bytes.
#[inline]
pub(crate) fn escape(bytes: &[u8], index: usize) -> Option<(&'static [u8], usize)> {
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

/// Replaces, in `out` from `start` on (JSON text), each of the five characters by its
/// escape, in one pass over the text. Text without any (nearly all) costs a vectorized
/// scan and no copy.
pub(crate) fn escape_appended(out: &mut Vec<u8>, start: usize) {
    let Some(first) = Candidates::new(&out[start..]).next_from(0) else {
        return;
    };
    let written = out.split_off(start + first);
    let mut candidates = Candidates::new(&written);
    let (mut copied, mut index) = (0, 0);
    while let Some(at) = candidates.next_from(index) {
        index = at;
        if let Some((escape, length)) = escape(&written, index) {
            out.extend_from_slice(&written[copied..index]);
            out.extend_from_slice(escape);
            index += length;
            copied = index;
        } else {
            index += 1;
        }
    }
    out.extend_from_slice(&written[copied..]);
}

/// Where the bytes an escape may start at are (`<`, `>`, `&`, and the lead byte of
/// U+2028 and U+2029), found a vector register at a time (memchr). The next markup
/// byte and the next lead byte are looked for apart, and each is looked for again only
/// once the scan has passed it: every byte is scanned once, however the two kinds
/// alternate.
struct Candidates<'a> {
    bytes: &'a [u8],
    /// The next `<`, `>` or `&` at or after the last scan, `None` for none left.
    markup: Option<usize>,
    /// The next 0xE2 byte likewise.
    separator: Option<usize>,
}

impl<'a> Candidates<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let markup = memchr::memchr3(b'<', b'>', b'&', bytes);
        let separator = memchr::memchr(0xE2, bytes);
        Self { bytes, markup, separator }
    }

    /// The first candidate at or after `from`.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..).expect("a search starts at most at the end of the text");
        if self.markup.is_some_and(|at| at < from) {
            self.markup = memchr::memchr3(b'<', b'>', b'&', rest).map(|offset| from + offset);
        }
        if self.separator.is_some_and(|at| at < from) {
            self.separator = memchr::memchr(0xE2, rest).map(|offset| from + offset);
        }
        match (self.markup, self.separator) {
            (Some(markup), Some(separator)) => Some(markup.min(separator)),
            (markup, separator) => markup.or(separator),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Rails writes: each of the five characters as its escape, and nothing else
    /// changed (a lone 0xE2 lead byte of another character, `…`, `‰`, stays).
    #[test]
    fn exactly_the_five_characters_are_escaped_and_only_after_start() {
        let mut out = "<kept>\"a<b>c&d\u{2028}e\u{2029}f … ‰\u{2028}\"".as_bytes().to_vec();
        escape_appended(&mut out, "<kept>".len());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<kept>"a\u003cb\u003ec\u0026d\u2028e\u2029f … ‰\u2028""#
        );
    }

    #[test]
    fn a_character_is_escaped_where_it_starts_and_nowhere_else() {
        let text = "a<>&\u{2028}\u{2029}…\u{e2}".as_bytes();
        let escapes: Vec<_> =
            (0..text.len()).filter_map(|at| escape(text, at).map(|found| (at, found))).collect();
        assert_eq!(
            escapes,
            [
                (1, (&br"\u003c"[..], 1)),
                (2, (&br"\u003e"[..], 1)),
                (3, (&br"\u0026"[..], 1)),
                (4, (&br"\u2028"[..], 3)),
                (7, (&br"\u2029"[..], 3)),
            ]
        );
    }

    #[test]
    fn the_first_candidate_is_found_at_any_place() {
        for length in 0..40 {
            for at in 0..length {
                for byte in [b'<', b'>', b'&', 0xE2] {
                    let mut text = vec![b'a'; length];
                    text[at] = byte;
                    if at + 2 < length {
                        text[at + 2] = b'<';
                    }
                    assert_eq!(Candidates::new(&text).next_from(0), Some(at), "{length} {at} {byte}");
                }
            }
            assert_eq!(Candidates::new(&vec![b'a'; length]).next_from(0), None);
        }
    }

    /// Candidates of both kinds, alternating, each found once and in order.
    #[test]
    fn candidates_are_found_in_order_whatever_their_kinds() {
        let text = "a\u{2028}<b\u{2029}\u{2029}&&c\u{e2}".as_bytes();
        let mut candidates = Candidates::new(text);
        let (mut found, mut from) = (Vec::new(), 0);
        while let Some(at) = candidates.next_from(from) {
            found.push(at);
            from = at + 1;
        }
        let expected: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'<' | b'>' | b'&' | 0xE2))
            .map(|(at, _)| at)
            .collect();
        assert_eq!(found, expected);
    }
}
