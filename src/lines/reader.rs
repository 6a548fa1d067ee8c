//! Reading JSON Lines input into batches: lines as bytes, never more of a line than the
//! limit, a batch ending early when the input has no whole line buffered.

use std::io::{self, BufRead};
use std::ops::Range;

use super::Batch;

/// Lines per batch: enough to make handing a batch to a thread cheap beside
/// converting it.
const BATCH_LINES: usize = 64;

/// Bytes of input after which a batch ends, so that a batch of long lines stays small.
const BATCH_BYTES: usize = 1 << 20;

/// Where a line of a batch is.
#[derive(Debug, Clone)]
pub(super) enum Line {
    /// Its bytes, in the batch's text.
    Text(Range<usize>),
    /// It was longer than the limit and was skipped.
    TooLong,
}

/// Reads lines as bytes (so that a line of invalid UTF-8 is that line's error, not the
/// stream's) into batches, never holding more of a line than the limit. (A byte order
/// mark before the first line is the first bundle's to skip, as before any bundle.)
pub(super) struct LineReader<R> {
    pub(super) input: R,
    pub(super) max_line_bytes: usize,
    /// The number of the next line, from 1.
    pub(super) next_line: u64,
}

impl<R: BufRead> LineReader<R> {
    /// Fills `batch` with the next lines (reusing its buffers); false at the end.
    pub(super) fn read_batch(&mut self, batch: &mut Batch) -> io::Result<bool> {
        // A batch that once held a long line gives its memory back.
        for buffer in [&mut batch.text, &mut batch.output] {
            buffer.clear();
            buffer.shrink_to(BATCH_BYTES);
        }
        batch.lines.clear();
        batch.first_line = self.next_line;
        batch.drained = false;
        while batch.lines.len() < BATCH_LINES && batch.text.len() < BATCH_BYTES && !batch.drained {
            let start = batch.text.len();
            let Some((line, drained)) = self.read_line(&mut batch.text)? else {
                batch.drained = true;
                break;
            };
            batch.lines.push(if line { Line::Text(start..batch.text.len()) } else { Line::TooLong });
            batch.drained = drained;
        }
        self.next_line += batch.lines.len() as u64;
        Ok(!batch.lines.is_empty())
    }

    /// Appends the next line (without its `\n` or `\r\n`) to `text`. Returns whether the
    /// line was within the limit (if not, nothing of it is kept) and whether the input
    /// had no whole line buffered after it; `None` at the end of the input.
    fn read_line(&mut self, text: &mut Vec<u8>) -> io::Result<Option<(bool, bool)>> {
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
        if text.len() > start && text.last() == Some(&b'\r') {
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
        let mut lines = LineReader { input, max_line_bytes: 100, next_line: 1 };
        let mut read = Vec::new();
        let mut text = Vec::new();
        while let Some((within, _)) = lines.read_line(&mut text).unwrap() {
            read.push((within, String::from_utf8(std::mem::take(&mut text)).unwrap()));
        }
        let expected = [(true, "ab"), (true, "cdefg"), (true, ""), (true, "h")];
        assert_eq!(read, expected.map(|(within, line)| (within, line.to_owned())));
    }

    fn read_all(input: &[u8], max_line_bytes: usize) -> Vec<Option<Vec<u8>>> {
        let mut reader = LineReader { input, max_line_bytes, next_line: 1 };
        let mut batch = Batch::default();
        let mut lines = Vec::new();
        while reader.read_batch(&mut batch).unwrap() {
            for line in &batch.lines {
                lines.push(match line {
                    Line::Text(bytes) => Some(batch.text[bytes.clone()].to_vec()),
                    Line::TooLong => None,
                });
            }
        }
        lines
    }

    #[test]
    fn lines_are_split_at_line_feeds_and_carriage_returns_dropped() {
        let lines = read_all(b"a\r\nbb\n\nccc", 10);
        assert_eq!(lines, [Some(b"a".to_vec()), Some(b"bb".to_vec()), Some(vec![]), Some(b"ccc".to_vec())]);
        assert_eq!(read_all(b"", 10), Vec::<Option<Vec<u8>>>::new());
        assert_eq!(read_all(b"\r\n", 10), [Some(vec![])]);
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_whole() {
        let lines = read_all(b"12345\n123456\n1234567890123\nok\n12345\r\n123456\r\n123456", 5);
        let [short, long] = [Some(b"12345".to_vec()), None];
        assert_eq!(
            lines,
            [short.clone(), long.clone(), None, Some(b"ok".to_vec()), short, long.clone(), long]
        );
        // Across the reader's buffer boundaries too.
        let long = [vec![b'x'; 100], b"\nok".to_vec()].concat();
        let reader = io::BufReader::with_capacity(7, long.as_slice());
        let mut lines = LineReader { input: reader, max_line_bytes: 50, next_line: 1 };
        let mut batch = Batch::default();
        let mut kinds = Vec::new();
        while lines.read_batch(&mut batch).unwrap() {
            kinds.extend(batch.lines.iter().map(|line| matches!(line, Line::Text(_))));
        }
        assert_eq!(kinds, [false, true]);
    }

    #[test]
    fn a_batch_ends_when_the_input_runs_dry() {
        // A reader of 4-byte reads: each line arrives with a part of the next.
        let reader = io::BufReader::with_capacity(4, b"ab\ncd\nef".as_slice());
        let mut lines = LineReader { input: reader, max_line_bytes: 10, next_line: 1 };
        let mut batch = Batch::default();
        let mut sizes = Vec::new();
        while lines.read_batch(&mut batch).unwrap() {
            sizes.push((batch.first_line, batch.lines.len(), batch.drained));
        }
        assert_eq!(sizes, [(1, 1, true), (2, 1, true), (3, 1, true)]);
    }
}
