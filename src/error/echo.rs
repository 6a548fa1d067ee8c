//! Input quoted in messages, the one way any message repeats what it was given: at most
//! [`ECHO_LIMIT`] characters of it (a 10 MB bad value gives a short message, not a 10 MB
//! one), and no character that could act on a terminal or a log: C0 and C1 controls,
//! DEL and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
//! written as visible escapes (`\u{1b}`), so no input can retitle a terminal, clear a
//! screen or forge a log line. Paths are built from keys through [`Excerpt`] too.

use std::fmt::{self, Write};

/// The most characters of one input value a message quotes; longer values end in `…`.
pub const ECHO_LIMIT: usize = 64;

/// `text` as a quoted string (`"2015-02-30"`), at most [`ECHO_LIMIT`] characters of it.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, cut) = excerpt(self.0);
        write!(f, "{shown:?}")?;
        if cut {
            // Inside the quotes would change the string; the mark goes after them.
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// `text` as it is (a key, a number), at most [`ECHO_LIMIT`] characters of it.
pub(crate) struct Excerpt<'a>(pub(crate) &'a str);

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, cut) = excerpt(self.0);
        Visible(shown).fmt(f)?;
        if cut {
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// Text written as the crate's messages write input, whole: every control character
/// (C0, DEL, C1) and bidirectional override or isolate as a visible escape, the rest as
/// it is. For a service's or a program's own messages that repeat what a caller sent
/// (a header, a file name), so that none can act on a terminal or forge a log line.
///
/// ```
/// use contract_draft::Visible;
///
/// assert_eq!(Visible("合同\u{1b}]0;x\u{7}").to_string(), r"合同\u{1b}]0;x\u{7}");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Visible<'a>(pub &'a str);

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if acts_on_a_terminal(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

/// Whether `c` is a control character (C0, DEL, C1) or a bidirectional override or
/// isolate: what a message never writes as itself. (A quoted string's `Debug` form
/// escapes these too.)
fn acts_on_a_terminal(c: char) -> bool {
    c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `parent.key`, the path of a field named by an input key, the key as [`Excerpt`]
/// writes it.
pub(crate) fn key_path(parent: &str, key: &str) -> String {
    format!("{parent}.{}", Excerpt(key))
}

/// The first [`ECHO_LIMIT`] characters of `text`, and whether that is not all of it.
fn excerpt(text: &str) -> (&str, bool) {
    match text.char_indices().nth(ECHO_LIMIT) {
        Some((end, _)) => (&text[..end], true),
        None => (text, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_at_the_limit() {
        let long = "数".repeat(100);
        assert_eq!(Quoted(&long).to_string(), format!("\"{}\"…", "数".repeat(64)));
        assert_eq!(Excerpt(&long).to_string(), format!("{}…", "数".repeat(64)));
        let exact = "x".repeat(64);
        assert_eq!(Quoted(&exact).to_string(), format!("\"{exact}\""));
        assert_eq!(Quoted("a\"b").to_string(), r#""a\"b""#);
        assert_eq!(Excerpt("").to_string(), "");
    }

    #[test]
    fn controls_and_bidi_overrides_are_written_as_escapes() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\n";
        let expected = r"a\u{1b}]0;pwned\u{7}b\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{a}";
        assert_eq!(Excerpt(hostile).to_string(), expected);
        assert_eq!(
            Quoted(hostile).to_string(),
            r#""a\u{1b}]0;pwned\u{7}b\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\n""#
        );
        assert_eq!(key_path("contract", "x\u{1b}"), r"contract.x\u{1b}");
        assert_eq!(Excerpt("合同 é").to_string(), "合同 é");
    }
}
