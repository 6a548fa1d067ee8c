//! Reading JSON Lines input line by line: lines as bytes, never more of a line than the
//! limit, telling whether the input has a whole line buffered after each.

use std::io::{self, BufRead};

/// Reads lines as bytes (so that a line of invalid UTF-8 is that line's error, not the
/// stream's) into batches, never holding more of a line than the limit. (A byte order
/// mark before the first line is the first bundle's to skip, as before any bundle.)
pub(super) struct LineReader<R> {
    input: R,
    max_line_bytes: usize,
    /// The number of the next line, from 1.
    next_line: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader of `input`'s lines, refusing those over `max_line_bytes`, numbered from 1.
    pub(super) fn new(input: R, max_line_bytes: usize) -> Self {
        Self { input, max_line_bytes, next_line: 1 }
    }

    /// The number the next line read will have (from 1), and the `count` lines from it
    /// on counted as read.
    pub(super) fn number(&mut self, count: usize) -> u64 {
        let first = self.next_line;
        self.next_line += count as u64;
        first
    }

    /// Appends the next line (without its `\n` or `\r\n`) to `text`. Returns whether the
    /// line was within the limit (if not, nothing of it is kept) and whether the input
    /// had no whole line buffered after it; `None` at the end of the input.
    pub(super) fn read_line(&mut self, text: &mut Vec<u8>) -> io::Result<Option<(bool, bool)>> {
        let start = text.len();
        // One byte more than the limit may be held: the `\r` of a `\r\n` line break.
        let most = self.max_line_bytes.saturating_add(1);
        let (mut read_any, mut within) = (false, true);
        let mut drained = true;
        loop {
            // An interrupted read (a signal) is retried, as `BufRead::read_line` does.
            let buffered = match self.input.fill_buf() {
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                buffered => buffered?,
            };
            if buffered.is_empty() {
                break;
            }
            read_any = true;
            let (end, line_ends) = match memchr::memchr(b'\n', buffered) {
                Some(at) => (at, true),
                None => (buffered.len(), false),
            };
            if within && text.len() - start + end <= most {
                text.extend_from_slice(&buffered[..end]);
            } else {
                within = false;
                text.truncate(start);
            }
            // Drained: no whole line is buffered after this one, so reading the next may
            // wait for the producer (a part of a line waits as much as nothing).
            drained = !line_ends || memchr::memchr(b'\n', &buffered[end + 1..]).is_none();
            self.input.consume(end + usize::from(line_ends));
            if line_ends {
                break;
            }
        }
        if text[start..].last() == Some(&b'\r') {
            text.pop();
        }
        if text.len() - start > self.max_line_bytes {
            within = false;
            text.truncate(start);
        }
        Ok(read_any.then_some((within, drained)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader whose every other read is interrupted.
    struct Interrupting<'a> {
        input: &'a [u8],
        interrupt: bool,
    }

    impl io::Read for Interrupting<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buffer.len().min(self.input.len()).min(3);
            buffer[..n].copy_from_slice(&self.input[..n]);
            self.input = &self.input[n..];
            Ok(n)
        }
    }

    #[test]
    fn interrupted_reads_are_retried() {
        let input =
            io::BufReader::with_capacity(4, Interrupting { input: b"ab\ncdefg\n\nh", interrupt: false });
        let mut lines = LineReader::new(input, 100);
        let mut read = Vec::new();
        let mut text = Vec::new();
        while let Some((within, _)) = lines.read_line(&mut text).unwrap() {
            read.push((within, String::from_utf8(std::mem::take(&mut text)).unwrap()));
        }
        let expected = [(true, "ab"), (true, "cdefg"), (true, ""), (true, "h")];
        assert_eq!(read, expected.map(|(within, line)| (within, line.to_owned())));
    }
}
