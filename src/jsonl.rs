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
use std::sync::{Mutex, mpsc};

use crate::convert::Converter;
use crate::envelope::{Envelope, ErrorEnvelope};
use crate::output::{JsonStyle, Layout};

/// Lines per batch: enough to make handing a batch to a thread cheap beside
/// converting it.
const BATCH_LINES: usize = 64;

/// How to run a JSON Lines conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinesOptions {
    /// How many threads convert.
    pub jobs: NonZeroUsize,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as Rails does (see [`JsonStyle`]).
    pub html_safe: bool,
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
) -> io::Result<LinesSummary> {
    let style = JsonStyle { layout: Layout::Compact, html_safe: options.html_safe };
    let mut summary = LinesSummary::default();
    let mut write = |batch: &Batch| -> io::Result<()> {
        output.write_all(&batch.output)?;
        summary.add(batch);
        progress(&summary);
        Ok(())
    };
    if options.jobs.get() == 1 {
        let mut lines = LineReader::new(input);
        let mut batch = Batch::default();
        while lines.read_batch(&mut batch.input)? {
            batch.convert(converter, style)?;
            write(&batch)?;
        }
    } else {
        in_parallel(converter, input, style, options.jobs, &mut write)?;
    }
    output.flush()?;
    Ok(summary)
}

/// The parallel pipeline: a reader thread, `jobs` workers, and the calling thread
/// writing in order.
fn in_parallel<R: BufRead + Send>(
    converter: &Converter,
    input: R,
    style: JsonStyle,
    jobs: NonZeroUsize,
    write: &mut dyn FnMut(&Batch) -> io::Result<()>,
) -> io::Result<()> {
    let window = jobs.get() * 4;
    let (ticket_tx, ticket_rx) = mpsc::sync_channel::<Batch>(window);
    for _ in 0..window {
        ticket_tx.send(Batch::default()).map_err(|_| closed())?;
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Batch)>(window);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<io::Result<(u64, Batch)>>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> io::Result<()> {
            let mut lines = LineReader::new(input);
            for number in 0.. {
                // A ticket is a batch the writer is done with: its buffers are reused.
                let Ok(mut batch) = ticket_rx.recv() else {
                    return Ok(());
                };
                if !lines.read_batch(&mut batch.input)? {
                    return Ok(());
                }
                if work_tx.send((number, batch)).is_err() {
                    return Ok(());
                }
            }
            Ok(())
        });
        for _ in 0..jobs.get() {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = work_rx.lock().map_err(drop).and_then(|rx| rx.recv().map_err(drop));
                    let Ok((number, mut batch)) = next else {
                        return;
                    };
                    let done = batch.convert(converter, style).map(|()| (number, batch));
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
                // The reader may have stopped; then the ticket is simply not needed.
                let _ = ticket_tx.send(batch);
            }
            Ok(())
        });
        drop(ticket_tx);
        // On a write error the reader and workers stop as their channels close.
        drop(done_rx);
        let read = reader.join().unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")));
        written.and(read)
    })
}

fn closed() -> io::Error {
    io::Error::other("a conversion thread stopped")
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
    fn convert(&mut self, converter: &Converter, style: JsonStyle) -> io::Result<()> {
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
            written.map_err(io::Error::from)?;
            self.output.push(b'\n');
        }
        Ok(())
    }
}

/// Reads lines as bytes (so that a line of invalid UTF-8 is that line's error, not the
/// stream's), reusing their buffers.
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
