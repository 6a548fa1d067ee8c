//! JSON Lines: one bundle per input line, one compact envelope per output line, in input
//! order, on as many threads as asked, in memory that does not grow with the input.
//!
//! The input is read in batches of lines. With one job everything happens on the calling
//! thread; with more, a reader thread hands batches to the workers and the calling
//! thread writes their results in input order. A fixed number of batches is in flight at
//! any time (a window of tickets the writer hands back), so a slow line holds up
//! neither memory nor order.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, mpsc};

use crate::convert::Converter;
use crate::envelope::{Envelope, ErrorEnvelope};
use crate::output::{JsonStyle, Layout};

/// Lines per batch: enough to make handing a batch to a thread cheap beside
/// converting it.
const BATCH_LINES: usize = 64;

/// How to run a JSON Lines conversion; by default on one thread, HTML-safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinesOptions {
    /// How many threads convert.
    pub jobs: NonZeroUsize,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as Rails does (see [`JsonStyle`]).
    pub html_safe: bool,
}

impl Default for LinesOptions {
    fn default() -> Self {
        Self { jobs: NonZeroUsize::MIN, html_safe: true }
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
        if self.first_failure.is_none() {
            self.first_failure = batch.first_failure.map(|index| self.lines() + index as u64 + 1);
        }
        self.converted += batch.converted;
        self.failed += batch.failed;
    }
}

/// Converts every line of `input` with `converter` and writes each line's envelope, on
/// a line of its own, to `output`, in input order. A line that does not convert gives
/// its error envelope and the conversion goes on. `progress` is called after each batch
/// is written, with the summary so far.
///
/// ```
/// use contract_draft::{Converter, LinesOptions, convert_lines};
/// use std::num::NonZeroUsize;
///
/// let sample = String::from_utf8(include_bytes!("../fixtures/bundle.json").to_vec())?.replace('\n', "");
/// let input = format!("{sample}\nnot json\n{sample}\n");
/// let mut output = Vec::new();
/// let options = LinesOptions { jobs: NonZeroUsize::new(2).unwrap(), html_safe: true };
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
    let mut summary = LinesSummary::default();
    let mut write = |batch: &Batch| -> Result<(), StreamError> {
        output.write_all(&batch.output).map_err(StreamError::Write)?;
        summary.add(batch);
        progress(&summary);
        Ok(())
    };
    if options.jobs.get() == 1 {
        let mut lines = LineReader::new(input);
        let mut batch = Batch::default();
        while lines.read_batch(&mut batch.input).map_err(StreamError::Read)? {
            batch.convert(converter, style)?;
            write(&batch)?;
        }
    } else {
        in_parallel(converter, input, style, options.jobs, &mut write)?;
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
    /// A conversion thread panicked, which is a bug of this crate.
    #[error("a conversion thread panicked (a bug of contract-draft)")]
    Panicked,
}

/// The parallel pipeline: a reader thread, `jobs` workers, and the calling thread
/// writing in order. After the output fails, it returns once the reader's read in
/// progress does.
fn in_parallel<R: BufRead + Send>(
    converter: &Converter,
    input: R,
    style: JsonStyle,
    jobs: NonZeroUsize,
    write: &mut dyn FnMut(&Batch) -> Result<(), StreamError>,
) -> Result<(), StreamError> {
    let window = jobs.get() * 4;
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Batch)>(window);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Result<(usize, Batch), StreamError>>();
    // Batches the writer is done with go back to the reader, whose buffers it reuses.
    let (spent_tx, spent_rx) = mpsc::sync_channel::<Batch>(window);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<(), StreamError> {
            let mut lines = LineReader::new(input);
            let mut number = 0;
            loop {
                // The first `window` batches are new; each later one waits for a spent
                // batch, so no more than `window` are ever in flight.
                let mut batch = if number < window {
                    Batch::default()
                } else {
                    let Ok(batch) = spent_rx.recv() else { return Ok(()) };
                    batch
                };
                let more = lines.read_batch(&mut batch.input).map_err(StreamError::Read)?;
                if !more || work_tx.send((number, batch)).is_err() {
                    return Ok(());
                }
                number += 1;
            }
        });
        for _ in 0..jobs.get() {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || {
                while let Ok((number, mut batch)) =
                    work_rx.lock().map_err(drop).and_then(|rx| rx.recv().map_err(drop))
                {
                    let outcome = panic::catch_unwind(AssertUnwindSafe(|| batch.convert(converter, style)));
                    let done = match outcome {
                        Ok(Ok(())) => Ok((number, batch)),
                        Ok(Err(error)) => Err(error),
                        Err(_) => Err(StreamError::Panicked),
                    };
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let written = done_rx.iter().try_for_each(|done| {
            let (number, batch) = done?;
            waiting.insert(number, batch);
            while let Some(batch) = waiting.remove(&next) {
                write(&batch)?;
                next += 1;
                // The reader may have stopped; then the batch is simply not needed.
                let _ = spent_tx.send(batch);
            }
            Ok(())
        });
        // On an error the reader and the workers stop as their channels close.
        drop((spent_tx, done_rx));
        let read = reader.join().unwrap_or(Err(StreamError::Panicked));
        written.and(read)
    })
}

/// A batch of input lines and the envelopes they gave.
#[derive(Debug, Default)]
struct Batch {
    input: Vec<Vec<u8>>,
    output: Vec<u8>,
    converted: u64,
    failed: u64,
    /// The index in the batch of its first failed line.
    first_failure: Option<usize>,
}

impl Batch {
    /// Converts the batch's lines into its output. Fails only if an envelope does not
    /// serialize, which the crate's types never do.
    fn convert(&mut self, converter: &Converter, style: JsonStyle) -> Result<(), StreamError> {
        self.output.clear();
        (self.converted, self.failed, self.first_failure) = (0, 0, None);
        for (index, line) in self.input.iter().enumerate() {
            let written = match converter.convert_json(line) {
                Ok(conversion) => {
                    self.converted += 1;
                    style.write(&mut self.output, &Envelope::new(&conversion.draft))
                }
                Err(error) => {
                    self.failed += 1;
                    self.first_failure.get_or_insert(index);
                    style.write(&mut self.output, &ErrorEnvelope::from(&error))
                }
            };
            written.map_err(|error| StreamError::Write(error.into()))?;
            self.output.push(b'\n');
        }
        Ok(())
    }
}

/// Reads lines as bytes (so that a line of invalid UTF-8 is that line's error, not the
/// stream's), reusing their buffers. (A byte order mark before the first line is the
/// first bundle's to skip, as before any bundle.)
struct LineReader<R> {
    input: R,
}

impl<R: BufRead> LineReader<R> {
    fn new(input: R) -> Self {
        Self { input }
    }

    /// Fills `lines` with the next batch (reusing its buffers); false at the end.
    fn read_batch(&mut self, lines: &mut Vec<Vec<u8>>) -> io::Result<bool> {
        let mut count = 0;
        while count < BATCH_LINES {
            if count == lines.len() {
                lines.push(Vec::new());
            }
            let line = &mut lines[count];
            line.clear();
            if self.input.read_until(b'\n', line)? == 0 {
                break;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
            }
            count += 1;
        }
        lines.truncate(count);
        Ok(count > 0)
    }
}
