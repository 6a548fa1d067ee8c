//! Input quoted in messages, bounded: an error or a note never repeats more than
//! [`ECHO_LIMIT`] characters of what it was given, so a 10 MB bad value gives a short
//! message, not a 10 MB one.

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
        f.write_str(shown)?;
        if cut {
            f.write_char('…')?;
        }
        Ok(())
    }
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
}
