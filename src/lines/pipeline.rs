//! The pipeline: batches read on the calling thread or by workers, converted, and
//! written back in input order.

use std::io::{BufRead, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, mpsc};

use super::batch::Batch;
use super::reader::LineReader;
use super::{LinesOptions, LinesSummary, MAX_JOBS, StreamError};
use crate::convert::Converter;
use crate::json::{JsonStyle, Layout};

/// Converted batches waiting on the way back from each worker.
const QUEUE: usize = 2;

/// Input bytes the parallel pipeline holds in batches not yet written, besides
/// [`BUDGET_BYTES_PER_JOB`] a job: past it, reading waits for the writer. (One more
/// batch, of at most the line limit, may be read before it waits.)
const BUDGET_BYTES: usize = 16 << 20;

/// What each job adds to [`BUDGET_BYTES`]: enough to keep every worker busy with lines
/// of a few KB.
const BUDGET_BYTES_PER_JOB: usize = 256 << 10;

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
/// let sample = String::from_utf8(include_bytes!("../../fixtures/bundle.json").to_vec())?.replace('\n', "");
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
    let mut reader = LineReader::new(input, options.max_line_bytes);
    let mut summary = LinesSummary::default();
    let mut write = |batch: &Batch| -> Result<(), StreamError> {
        output.write_all(batch.output()).map_err(StreamError::Write)?;
        if batch.drained() {
            output.flush().map_err(StreamError::Write)?;
        }
        batch.add_to(&mut summary);
        progress(&summary);
        Ok(())
    };
    if jobs == 1 {
        let mut batch = Batch::default();
        // A reader that panics is caught as on the workers, whatever the jobs.
        let mut read = |batch: &mut Batch| {
            panic::catch_unwind(AssertUnwindSafe(|| batch.read_from(&mut reader)))
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
            self.in_flight -= batch.input_bytes();
            self.spare.push(batch);
        }
        let mut batch = self.spare.pop().unwrap_or_default();
        let more = batch.read_from(&mut self.reader);
        if !matches!(more, Ok(true)) || deal.send(worker).is_err() {
            self.deal = None;
            return more.map(|_| None).map_err(StreamError::Read);
        }
        self.in_flight += batch.input_bytes();
        Ok(Some(batch))
    }
}
