//! Short formatted text on the stack: number conversions and JSON strings of dates and
//! amounts are formatted here, without allocating, and written in one piece.

use std::fmt::{self, Display, Write};

use serde::Serializer;

use super::compact::{JsonOut, push_str, push_text};

/// A fixed buffer for short formatted text.
pub(crate) struct StackText {
    bytes: [u8; 64],
    len: usize,
}

impl StackText {
    pub(crate) fn new() -> Self {
        Self { bytes: [0; 64], len: 0 }
    }

    /// `value` formatted, or `None` if its text is longer than the buffer.
    pub(crate) fn of(value: &impl Display) -> Option<Self> {
        let mut text = Self::new();
        write!(text, "{value}").ok()?;
        Some(text)
    }

    /// Appends `value` in decimal, zero-padded to `width` digits. A value of at most
    /// four digits that fits the width (every part of a date or a time of day) is
    /// written digit by digit in place; others take itoa's digits (`{:02}` through `fmt`
    /// costs more than the rest of a date).
    pub(crate) fn push_number(&mut self, value: u32, width: usize) -> fmt::Result {
        const POWERS_OF_TEN: [u32; 5] = [1, 10, 100, 1_000, 10_000];
        if width > 0 && POWERS_OF_TEN.get(width).is_some_and(|&bound| value < bound) {
            let end = self.len + width;
            let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
            let mut rest = value;
            for digit in slot.iter_mut().rev() {
                *digit = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
            self.len = end;
            return Ok(());
        }
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(value).as_bytes();
        for _ in digits.len()..width {
            self.push_bytes(b"0")?;
        }
        self.push_bytes(digits)
    }

    /// Appends ASCII `bytes`.
    pub(crate) fn push_bytes(&mut self, bytes: &[u8]) -> fmt::Result {
        let end = self.len + bytes.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }

    /// Keeps the first `len` bytes (all of them, if there are fewer).
    pub(crate) fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }

    /// The text's bytes, UTF-8 (see [`StackText::as_str`]) without checking it again.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only whole `&str`s and ASCII digits are ever copied in: the bytes are UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_bytes(s.as_bytes())
    }
}

/// A value whose text is made on the stack directly, without `fmt` (dates, times,
/// doubles): its `Display` writes the same text.
pub(crate) trait OnStack: Display {
    /// The value's text.
    fn on_stack(&self) -> Result<StackText, fmt::Error>;
}

/// Appends an [`OnStack`] value's text as a compact JSON string: the bytes
/// [`serialize_display`] gives serde_json's writer.
pub(crate) fn push_on_stack(out: &mut JsonOut<'_>, value: &impl OnStack) {
    match value.on_stack() {
        Ok(text) => push_text(out, text.as_bytes()),
        Err(_) => push_display(out, value),
    }
}

/// Appends `value`'s text as a compact JSON string, formatted on the stack when short:
/// the bytes [`serialize_display`] gives serde_json's writer.
pub(crate) fn push_display(out: &mut JsonOut<'_>, value: &impl Display) {
    match StackText::of(value) {
        Some(text) => push_text(out, text.as_bytes()),
        None => push_str(out, &value.to_string()),
    }
}

/// Serializes `value`'s text as a JSON string: formatted on the stack and written in one
/// piece when short (dates, amounts), streamed through the serializer otherwise.
/// (`collect_str` alone escapes every fragment a `Display` writes separately.)
pub(crate) fn serialize_display<S: Serializer>(
    serializer: S,
    value: &impl Display,
) -> Result<S::Ok, S::Error> {
    match StackText::of(value) {
        Some(text) => serializer.serialize_str(text.as_str()),
        None => serializer.collect_str(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded_to_their_width() {
        let mut text = StackText::new();
        for (value, width) in [(7, 2), (2015, 4), (0, 3), (123_456, 2), (0, 1), (u32::MAX, 1), (0, 0), (5, 0)]
        {
            text.push_number(value, width).unwrap();
            text.push_bytes(b" ").unwrap();
        }
        assert_eq!(text.as_str(), "07 2015 000 123456 0 4294967295 0 5 ");
    }

    proptest::proptest! {
        /// Any value at any width, written in place or by itoa: what `{:0width$}` writes.
        #[test]
        fn a_number_is_written_as_fmt_pads_it(
            value in proptest::prop_oneof![0_u32..10_000, proptest::num::u32::ANY],
            width in 0_usize..=6,
        ) {
            let mut text = StackText::new();
            text.push_number(value, width).unwrap();
            proptest::prop_assert_eq!(text.as_str(), format!("{value:0width$}"));
        }
    }

    #[test]
    fn text_longer_than_the_buffer_is_refused() {
        assert!(StackText::of(&"x".repeat(64)).is_some());
        assert!(StackText::of(&"x".repeat(65)).is_none());
    }
}
