//! A batch of JSON Lines: up to a bound of lines read into one buffer, then converted
//! into their envelopes, the unit the pipeline hands between threads.

use std::io::{self, BufRead};
use std::ops::Range;

use super::reader::LineReader;
use super::{LinesOptions, LinesSummary, StreamError, caught};
use crate::convert::Converter;
use crate::draft::ContractDraft;
use crate::error::Error;
use crate::json::{Envelope, ErrorEnvelope, JsonStyle};
use crate::records::{Bundle, Customer, Opportunity, User};

/// Lines per batch: enough to make handing a batch to a thread cheap beside
/// converting it. (With the program's 256 KiB input buffer, a batch of 2.7 KB bundles
/// ends sooner, at the buffer's last whole line: about 95 lines, every batch alike; with
/// 64, batches alternated 64 and 31 lines and `--jobs 2` ran 1.76 × `--jobs 1` instead of
/// 1.80 ×, BENCHMARKS.md.)
const BATCH_LINES: usize = 256;

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

/// A batch of input lines and the envelopes they gave.
#[derive(Debug, Default)]
pub(super) struct Batch {
    /// The number of the batch's first line in the stream, from 1.
    first_line: u64,
    /// The lines' bytes, one after the other.
    text: Vec<u8>,
    lines: Vec<Line>,
    /// Whether the input had nothing more buffered after the batch's last line.
    drained: bool,
    output: Vec<u8>,
    converted: u64,
    failed: u64,
    /// The number of the batch's first failed line in the stream.
    first_failure: Option<u64>,
    /// The records each line is read into, whose buffers are reused from line to line.
    records: Bundle,
    /// The draft each line is converted into, made when the batch is first converted.
    draft: Option<ContractDraft>,
}

impl Batch {
    /// Fills the batch with the next lines of `reader` (reusing its buffers): at most
    /// [`BATCH_LINES`] of them, ending after [`BATCH_BYTES`] or as soon as the input has
    /// no whole line buffered. False at the end of the input.
    pub(super) fn read_from<R: BufRead>(&mut self, reader: &mut LineReader<R>) -> io::Result<bool> {
        // A batch that once held a long line gives its memory back. The records start
        // afresh too, so what their buffers keep is never more than twice what the
        // batch's own lines held.
        for buffer in [&mut self.text, &mut self.output] {
            buffer.clear();
            buffer.shrink_to(BATCH_BYTES);
        }
        self.records = Bundle::default();
        self.draft = None;
        self.lines.clear();
        self.drained = false;
        while self.lines.len() < BATCH_LINES && self.text.len() < BATCH_BYTES && !self.drained {
            let start = self.text.len();
            let Some((line, drained)) = reader.read_line(&mut self.text)? else {
                self.drained = true;
                break;
            };
            self.lines.push(if line { Line::Text(start..self.text.len()) } else { Line::TooLong });
            self.drained = drained;
        }
        self.first_line = reader.number(self.lines.len());
        Ok(!self.lines.is_empty())
    }

    /// The bytes of the lines read, for the pipeline's budget.
    pub(super) fn input_bytes(&self) -> usize {
        self.text.len()
    }

    /// The envelopes written, a line each.
    pub(super) fn output(&self) -> &[u8] {
        &self.output
    }

    /// Whether the input had nothing more buffered after the batch's last line (the
    /// output is then flushed).
    pub(super) fn drained(&self) -> bool {
        self.drained
    }

    /// Adds the batch's lines to `summary`.
    pub(super) fn add_to(&self, summary: &mut LinesSummary) {
        summary.first_failure = summary.first_failure.or(self.first_failure);
        summary.converted += self.converted;
        summary.failed += self.failed;
    }

    /// [`Batch::convert`], with a panic (a bug) turned into [`StreamError::Panicked`]
    /// rather than taking the program down, on the calling thread as on the workers.
    pub(super) fn convert_caught(
        &mut self,
        converter: &Converter,
        style: JsonStyle,
        options: &LinesOptions,
    ) -> Result<(), StreamError> {
        caught(|| self.convert(converter, style, options))
    }

    /// Converts the batch's lines into its output. Fails only if an envelope does not
    /// serialize, which the crate's types never do.
    fn convert(
        &mut self,
        converter: &Converter,
        style: JsonStyle,
        options: &LinesOptions,
    ) -> Result<(), StreamError> {
        self.output.clear();
        (self.converted, self.failed, self.first_failure) = (0, 0, None);
        let draft = self.draft.get_or_insert_with(|| {
            ContractDraft::holding(Opportunity::default(), Customer::default(), User::default())
        });
        for (number, line) in (self.first_line..).zip(&self.lines) {
            let conversion = match line {
                Line::Text(bytes) => {
                    converter.convert_json_in_place(&self.text[bytes.clone()], &mut self.records, draft)
                }
                Line::TooLong => Err(Error::line_too_long(options.max_line_bytes)),
            };
            let written = match conversion {
                Ok(()) => {
                    self.converted += 1;
                    style.append_written(&mut self.output, &Envelope::new(&*draft))
                }
                Err(error) => {
                    self.failed += 1;
                    self.first_failure.get_or_insert(number);
                    style.append(&mut self.output, &ErrorEnvelope::new(&error, options.language))
                }
            };
            written.map_err(|error| StreamError::Write(error.into()))?;
            self.output.push(b'\n');
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], max_line_bytes: usize) -> Vec<Option<Vec<u8>>> {
        let mut reader = LineReader::new(input, max_line_bytes);
        let mut batch = Batch::default();
        let mut lines = Vec::new();
        while batch.read_from(&mut reader).unwrap() {
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
        let mut lines = LineReader::new(reader, 50);
        let mut batch = Batch::default();
        let mut kinds = Vec::new();
        while batch.read_from(&mut lines).unwrap() {
            kinds.extend(batch.lines.iter().map(|line| matches!(line, Line::Text(_))));
        }
        assert_eq!(kinds, [false, true]);
    }

    #[test]
    fn a_batch_ends_when_the_input_runs_dry() {
        // A reader of 4-byte reads: each line arrives with a part of the next.
        let reader = io::BufReader::with_capacity(4, b"ab\ncd\nef".as_slice());
        let mut lines = LineReader::new(reader, 10);
        let mut batch = Batch::default();
        let mut sizes = Vec::new();
        while batch.read_from(&mut lines).unwrap() {
            sizes.push((batch.first_line, batch.lines.len(), batch.drained));
        }
        assert_eq!(sizes, [(1, 1, true), (2, 1, true), (3, 1, true)]);
    }
}
