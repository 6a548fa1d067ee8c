//! JSON Lines: one bundle per input line, one compact envelope per output line, in input
//! order, on as many threads as asked, in memory bounded by the line limit and the
//! number of batches in flight, whatever the input.
//!
//! The input is read in batches of lines. With one job everything happens on the calling
//! thread. With more, each worker takes the next batch when it is free and says so, in
//! reading order, to the calling thread, which takes the results back from the workers'
//! bounded channels in that order and writes them: the output is in input order by
//! construction.
//!
//! A batch ends after 64 lines, after 1 MiB, or as soon as
//! the input has no whole line buffered (the next read could wait for a slow producer);
//! the output is flushed after such a batch, so a line's envelope appears as soon as it
//! is converted.
//!
//! ```
//! use contract_draft::Converter;
//! use contract_draft::lines::{LinesOptions, convert_lines};
//!
//! let input = b"{}\n\n";
//! let mut output = Vec::new();
//! let summary = convert_lines(&Converter::default(), &input[..], &mut output, LinesOptions::default(), |_| {})?;
//! assert_eq!((summary.converted, summary.failed), (0, 2));
//! assert_eq!(output.iter().filter(|&&byte| byte == b'\n').count(), 2); // a line out for each line in
//! # Ok::<(), contract_draft::lines::StreamError>(())
//! ```

use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, mpsc};

use crate::convert::Converter;
use crate::error::Error;
use crate::error::Language;
use crate::json::{Envelope, ErrorEnvelope, JsonStyle, Layout};

/// The most threads a conversion uses; more asked for are this many.
pub const MAX_JOBS: usize = 256;

/// The longest line read by default, in bytes (16 MiB); see
/// [`LinesOptions::max_line_bytes`].
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

/// Lines per batch: enough to make handing a batch to a thread cheap beside
/// converting it.
const BATCH_LINES: usize = 64;

/// Bytes of input after which a batch ends, so that a batch of long lines stays small.
const BATCH_BYTES: usize = 1 << 20;

/// Converted batches waiting on the way back from each worker.
const QUEUE: usize = 2;

/// Input bytes the parallel pipeline holds in batches not yet written, besides
/// [`BUDGET_BYTES_PER_JOB`] a job: past it, reading waits for the writer. (One more
/// batch, of at most the line limit, may be read before it waits.)
const BUDGET_BYTES: usize = 16 << 20;

/// What each job adds to [`BUDGET_BYTES`]: enough to keep every worker busy with lines
/// of a few KB.
const BUDGET_BYTES_PER_JOB: usize = 256 << 10;

/// How to run a JSON Lines conversion; by default on one thread, HTML-safe, with lines
/// of at most [`DEFAULT_MAX_LINE_BYTES`]. Start from `LinesOptions::default()` and set
/// the fields to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinesOptions {
    /// How many threads convert (at most [`MAX_JOBS`] are used).
    pub jobs: NonZeroUsize,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as Rails does (see [`JsonStyle`]).
    pub html_safe: bool,
    /// The longest line converted, in bytes (its line break aside). A longer line gets
    /// an [`InputTooLarge`](crate::ErrorKind::InputTooLarge) error envelope naming it; it is
    /// skipped to its end without being held in memory, and the stream goes on.
    pub max_line_bytes: usize,
    /// The language of error envelopes' messages (Chinese, the API's, by default).
    pub language: Language,
}

impl Default for LinesOptions {
    fn default() -> Self {
        Self {
            jobs: NonZeroUsize::MIN,
            html_safe: true,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            language: Language::Chinese,
        }
    }
}

/// What a JSON Lines conversion did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinesSummary {
    /// Lines converted to a draft.
    pub converted: u64,
    /// Lines that gave an error envelope.
    pub failed: u64,
    /// The first line (counting from 1) that failed, if any.
    pub first_failure: Option<u64>,
}

impl LinesSummary {
    /// Lines read so far.
    pub fn lines(&self) -> u64 {
        self.converted + self.failed
    }

    fn add(&mut self, batch: &Batch) {
        self.first_failure = self.first_failure.or(batch.first_failure);
        self.converted += batch.converted;
        self.failed += batch.failed;
    }
}

/// Converts every line of `input` with `converter` and writes each line's envelope, on
/// a line of its own, to `output`, in input order. A line that does not convert gives
/// its error envelope and the conversion goes on. `progress` is called after each batch
/// is written, with the summary so far.
///
/// The output is flushed whenever the input has nothing more buffered, so with a
/// producer that pauses, each envelope is written as soon as its line is converted;
/// give a file a large buffer (`BufReader::with_capacity`) to keep batches full.
///
/// ```
/// use contract_draft::Converter;
/// use contract_draft::lines::{LinesOptions, convert_lines};
/// use std::num::NonZeroUsize;
///
/// let sample = String::from_utf8(include_bytes!("../fixtures/bundle.json").to_vec())?.replace('\n', "");
/// let input = format!("{sample}\nnot json\n{sample}\n");
/// let mut output = Vec::new();
/// let mut options = LinesOptions::default();
/// options.jobs = NonZeroUsize::new(2).unwrap();
/// let summary = convert_lines(&Converter::default(), input.as_bytes(), &mut output, options, |_| {})?;
/// assert_eq!((summary.converted, summary.failed, summary.first_failure), (2, 1, Some(2)));
/// let lines: Vec<&str> = std::str::from_utf8(&output)?.lines().collect();
/// assert!(lines[0].starts_with(r#"{"code":0,"data":{"id":0,"#));
/// assert!(lines[1].starts_with(r#"{"code":100000,"message":"#));
/// assert_eq!(lines[2], lines[0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn convert_lines<R: BufRead + Send, W: Write>(
    converter: &Converter,
    input: R,
    mut output: W,
    options: LinesOptions,
    mut progress: impl FnMut(&LinesSummary),
) -> Result<LinesSummary, StreamError> {
    let style = JsonStyle { layout: Layout::Compact, html_safe: options.html_safe };
    let jobs = options.jobs.get().min(MAX_JOBS);
    let mut reader = LineReader { input, max_line_bytes: options.max_line_bytes, next_line: 1 };
    let mut summary = LinesSummary::default();
    let mut write = |batch: &Batch| -> Result<(), StreamError> {
        output.write_all(&batch.output).map_err(StreamError::Write)?;
        if batch.drained {
            output.flush().map_err(StreamError::Write)?;
        }
        summary.add(batch);
        progress(&summary);
        Ok(())
    };
    if jobs == 1 {
        let mut batch = Batch::default();
        // A reader that panics is caught as on the workers, whatever the jobs.
        let mut read = |batch: &mut Batch| {
            panic::catch_unwind(AssertUnwindSafe(|| reader.read_batch(batch)))
                .map_err(|_| StreamError::Panicked)?
                .map_err(StreamError::Read)
        };
        while read(&mut batch)? {
            batch.convert_caught(converter, style, &options)?;
            write(&batch)?;
        }
    } else {
        in_parallel(converter, reader, style, &options, jobs, &mut write)?;
    }
    output.flush().map_err(StreamError::Write)?;
    Ok(summary)
}

/// Why a JSON Lines conversion stopped before the end of its input. (A line that does
/// not convert does not stop it: it gets its error envelope.)
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The input could not be read.
    #[error("cannot read the input: {0}")]
    Read(#[source] io::Error),
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(#[source] io::Error),
    /// A conversion or the input's reader panicked: a bug of this crate, or of the
    /// caller's `BufRead`.
    #[error("a conversion or the input's reader panicked (a bug of contract-draft or of the reader)")]
    Panicked,
}

/// The parallel pipeline: `jobs` workers, each taking the next batch of input when it
/// is free ([`Intake`]), and the calling thread taking the converted batches back in
/// the order they were read and writing them. Whoever reads a batch says so on the
/// `dealt` channel while it holds the input, and each worker's channel keeps its
/// batches in order, so the output keeps the input's order by construction; a free
/// worker takes the next batch, so batches of any size share the work evenly.
/// After the output fails, it returns once a read in progress does.
fn in_parallel<R: BufRead + Send>(
    converter: &Converter,
    reader: LineReader<R>,
    style: JsonStyle,
    options: &LinesOptions,
    jobs: usize,
    write: &mut dyn FnMut(&Batch) -> Result<(), StreamError>,
) -> Result<(), StreamError> {
    let (deal, dealt) = mpsc::channel::<usize>();
    // Written batches go back to the intake, which counts the input they held off the
    // bytes in flight and reuses their buffers.
    let (spent, returned) = mpsc::channel::<Batch>();
    let intake = Mutex::new(Intake {
        reader,
        deal: Some(deal),
        returned,
        spare: Vec::new(),
        in_flight: 0,
        budget: BUDGET_BYTES + jobs * BUDGET_BYTES_PER_JOB,
    });
    std::thread::scope(|scope| {
        let mut from_workers = Vec::with_capacity(jobs);
        let mut workers = Vec::with_capacity(jobs);
        for worker in 0..jobs {
            let (done, from_worker) = mpsc::sync_channel::<Result<Batch, StreamError>>(QUEUE);
            let intake = &intake;
            workers.push(scope.spawn(move || -> Result<(), StreamError> {
                loop {
                    let next = match intake.lock() {
                        Ok(mut intake) => {
                            // A reader that panics ends the input for every worker.
                            let read = panic::catch_unwind(AssertUnwindSafe(|| intake.next(worker)));
                            read.unwrap_or_else(|_| {
                                intake.deal = None;
                                Err(StreamError::Panicked)
                            })
                        }
                        // Only a panic while reading poisons the lock; its worker reports it.
                        Err(_) => return Ok(()),
                    };
                    let Some(mut batch) = next? else { return Ok(()) };
                    let outcome = batch.convert_caught(converter, style, options).map(|()| batch);
                    if done.send(outcome).is_err() {
                        return Ok(());
                    }
                }
            }));
            from_workers.push(from_worker);
        }
        // The dealing ends after the last batch (or a failed read): the stream is done.
        let written =
            dealt.iter().map_while(|worker| from_workers[worker].recv().ok()).try_for_each(|done| {
                let batch = done?;
                write(&batch)?;
                // The intake may have stopped; then the batch is simply not needed.
                let _ = spent.send(batch);
                Ok(())
            });
        // On an error the workers stop as their channels close.
        drop((from_workers, spent, dealt));
        let read = workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or(Err(StreamError::Panicked)))
            .fold(Ok(()), Result::and);
        written.and(read)
    })
}

/// The input of the parallel pipeline, taken by one worker at a time.
struct Intake<R> {
    reader: LineReader<R>,
    /// Tells the writer which worker has each batch, in the order read; `None` once the
    /// input ended or failed.
    deal: Option<mpsc::Sender<usize>>,
    /// Batches the writer has written.
    returned: mpsc::Receiver<Batch>,
    /// Written batches, whose buffers are reused: after the first few batches, reading
    /// and converting allocate no batch memory.
    spare: Vec<Batch>,
    /// Input bytes in batches not yet written.
    in_flight: usize,
    /// Past this many bytes in flight, the intake waits for the writer.
    budget: usize,
}

impl<R: BufRead> Intake<R> {
    /// The next batch, for `worker`; `None` when there is no more (the input ended or
    /// failed, or the writer stopped).
    fn next(&mut self, worker: usize) -> Result<Option<Batch>, StreamError> {
        let Some(deal) = &self.deal else { return Ok(None) };
        // Take back what the writer has written, waiting while over the budget.
        loop {
            let batch = if self.in_flight > self.budget {
                // The writer returns every batch until it stops.
                let Ok(batch) = self.returned.recv() else { return Ok(None) };
                batch
            } else {
                let Ok(batch) = self.returned.try_recv() else { break };
                batch
            };
            self.in_flight -= batch.text.len();
            self.spare.push(batch);
        }
        let mut batch = self.spare.pop().unwrap_or_default();
        let more = self.reader.read_batch(&mut batch);
        if !matches!(more, Ok(true)) || deal.send(worker).is_err() {
            self.deal = None;
            return more.map(|_| None).map_err(StreamError::Read);
        }
        self.in_flight += batch.text.len();
        Ok(Some(batch))
    }
}

/// Where a line of a batch is.
#[derive(Debug, Clone)]
enum Line {
    /// Its bytes, in the batch's text.
    Text(Range<usize>),
    /// It was longer than the limit and was skipped.
    TooLong,
}

/// A batch of input lines and the envelopes they gave.
#[derive(Debug, Default)]
struct Batch {
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
}

impl Batch {
    /// [`Batch::convert`], with a panic (a bug) turned into [`StreamError::Panicked`]
    /// rather than taking the program down, on the calling thread as on the workers.
    fn convert_caught(
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
        for (number, line) in (self.first_line..).zip(&self.lines) {
            let conversion = match line {
                Line::Text(bytes) => converter.convert_json(&self.text[bytes.clone()]),
                Line::TooLong => Err(Error::line_too_long(options.max_line_bytes)),
            };
            let written = match conversion {
                Ok(conversion) => {
                    self.converted += 1;
                    style.append(&mut self.output, &Envelope::new(&conversion.draft))
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

/// Runs `work`, turning a panic into [`StreamError::Panicked`].
fn caught(work: impl FnOnce() -> Result<(), StreamError>) -> Result<(), StreamError> {
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or(Err(StreamError::Panicked))
}

/// Reads lines as bytes (so that a line of invalid UTF-8 is that line's error, not the
/// stream's) into batches, never holding more of a line than the limit. (A byte order
/// mark before the first line is the first bundle's to skip, as before any bundle.)
struct LineReader<R> {
    input: R,
    max_line_bytes: usize,
    /// The number of the next line, from 1.
    next_line: u64,
}

impl<R: BufRead> LineReader<R> {
    /// Fills `batch` with the next lines (reusing its buffers); false at the end.
    fn read_batch(&mut self, batch: &mut Batch) -> io::Result<bool> {
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
    fn a_panic_is_a_stream_error() {
        assert!(matches!(caught(|| panic!("a bug")), Err(StreamError::Panicked)));
        assert!(matches!(caught(|| Ok(())), Ok(())));
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
