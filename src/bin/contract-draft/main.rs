//! `contract-draft`: the library's conversion for people and scripts. See `--help` and
//! the README.

mod args;

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use args::{Command, Options, Source};
use contract_draft::{
    CompanySettings, ContractPayments, Converter, Envelope, Error, ErrorEnvelope, JsonStyle, LinesOptions,
    LinesSummary, StreamError, convert_lines,
};

/// The documented sample's records and company settings, compiled in.
const SAMPLE_BUNDLE: &[u8] = include_bytes!("../../../fixtures/bundle.json");
const SAMPLE_SETTINGS: &[u8] = include_bytes!("../../../fixtures/settings.json");

/// Exit status for invalid input.
const INVALID_INPUT: u8 = 1;
/// Exit status for wrong usage, an unreadable file or unwritable output.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let command = match args::parse(std::env::args_os().skip(1), cores) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("contract-draft: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let outcome = match command {
        Command::Help => write_stdout(args::USAGE.as_bytes()).map(|()| ExitCode::SUCCESS),
        Command::Version => {
            let version = format!("contract-draft {}\n", env!("CARGO_PKG_VERSION"));
            write_stdout(version.as_bytes()).map(|()| ExitCode::SUCCESS)
        }
        Command::Convert(options) => convert(&options),
        Command::Lines(options, jobs) => convert_stream(&options, jobs),
        Command::Receivables(source, style) => receivables(&source, style),
    };
    match outcome {
        Ok(status) => status,
        Err(Failure::Stopped(problem)) => {
            eprintln!("contract-draft: {problem}");
            ExitCode::from(USAGE_ERROR)
        }
        // A closed pipe (`contract-draft --jsonl | head`) ends the program quietly.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(error)) => {
            eprintln!("contract-draft: cannot write the output: {error}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// Why the program could not do what it was asked (exit status 2).
enum Failure {
    /// An input could not be read, or a conversion thread failed.
    Stopped(String),
    /// Standard output could not be written.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Self::Output(error)
    }
}

/// Converts one bundle and prints its envelope.
fn convert(options: &Options) -> Result<ExitCode, Failure> {
    let bundle = read_all(&options.source)?;
    let conversion = converter(options)?.and_then(|converter| converter.convert_json(&bundle));
    match conversion {
        Ok(conversion) => {
            for note in &conversion.notes {
                eprintln!("contract-draft: note: {note}");
            }
            print_json(&Envelope::new(&conversion.draft), options.style)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => invalid(&error, options.style),
    }
}

/// Converts a stream of bundles, one a line.
fn convert_stream(options: &Options, jobs: NonZeroUsize) -> Result<ExitCode, Failure> {
    let converter = match converter(options)? {
        Ok(converter) => converter,
        Err(error) => return invalid(&error, options.style),
    };
    let input = open(&options.source)?;
    let lines = LinesOptions { jobs, html_safe: options.style.html_safe };
    let mut progress = Progress::new();
    let output = QuitOnClosedPipe(io::BufWriter::with_capacity(1 << 16, io::stdout().lock()));
    let summary = convert_lines(&converter, input, output, lines, |summary| {
        progress.show(summary);
    });
    progress.clear();
    let summary = summary.map_err(|error| match error {
        StreamError::Write(error) => Failure::Output(error),
        StreamError::Read(error) => unreadable(&options.source, &error),
        other => Failure::Stopped(other.to_string()),
    })?;
    let first = summary.first_failure.map(|line| format!(" (the first at line {line})")).unwrap_or_default();
    eprintln!("contract-draft: {} converted, {} failed{first}", summary.converted, summary.failed);
    Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(INVALID_INPUT) })
}

/// Works out a contract's receivables and prints them.
fn receivables(source: &Source, style: JsonStyle) -> Result<ExitCode, Failure> {
    let input = read_all(source)?;
    match ContractPayments::from_json(&input).and_then(|payments| payments.receivables()) {
        Ok(receivables) => {
            print_json(&Envelope::new(&receivables), style)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => invalid(&error, style),
    }
}

/// Reports invalid input: the error envelope on standard output, the message on
/// standard error, exit status 1.
fn invalid(error: &Error, style: JsonStyle) -> Result<ExitCode, Failure> {
    eprintln!("contract-draft: {error}");
    print_json(&ErrorEnvelope::from(error), style)?;
    Ok(ExitCode::from(INVALID_INPUT))
}

/// The converter for the options' settings: the sample company's for the sample, the
/// defaults when none are given. The inner `Err` is invalid settings.
fn converter(options: &Options) -> Result<Result<Converter, Error>, Failure> {
    let settings = match (&options.settings, &options.source) {
        (Some(path), _) => CompanySettings::from_json(&read_all(&Source::File(path.clone()))?),
        (None, Source::Sample) => CompanySettings::from_json(SAMPLE_SETTINGS),
        (None, _) => Ok(CompanySettings::default()),
    };
    Ok(settings.and_then(|settings| Converter::new(&settings)))
}

/// A reader of the source: the compiled-in sample, standard input or a file.
fn open(source: &Source) -> Result<Box<dyn BufRead + Send>, Failure> {
    Ok(match source {
        Source::Sample => Box::new(SAMPLE_BUNDLE),
        Source::Stdin => Box::new(BufReader::new(io::stdin())),
        Source::File(path) => {
            Box::new(BufReader::new(File::open(path).map_err(|error| unreadable(source, &error))?))
        }
    })
}

fn read_all(source: &Source) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    open(source)?.read_to_end(&mut bytes).map_err(|error| unreadable(source, &error))?;
    Ok(bytes)
}

fn unreadable(source: &Source, error: &io::Error) -> Failure {
    let what = match source {
        Source::Sample => "the compiled-in sample".to_owned(),
        Source::Stdin => "standard input".to_owned(),
        Source::File(path) => path.display().to_string(),
    };
    Failure::Stopped(format!("cannot read {what}: {error}"))
}

/// Standard output for `--jsonl`: when the reader of the output goes away
/// (`contract-draft --jsonl | head`), the program ends at once, as a program killed by
/// SIGPIPE would, rather than waiting for the input it no longer needs.
struct QuitOnClosedPipe<W>(W);

impl<W: Write> Write for QuitOnClosedPipe<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes).inspect_err(quit_on_closed_pipe)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().inspect_err(quit_on_closed_pipe)
    }
}

fn quit_on_closed_pipe(error: &io::Error) {
    if error.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
}

/// Prints `value` as JSON on standard output, with a final newline.
fn print_json(value: &impl serde::Serialize, style: JsonStyle) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    style.write(&mut out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// The progress line of `--jsonl` on standard error, shown only when that is a
/// terminal, at most five times a second.
struct Progress {
    shown: bool,
    enabled: bool,
    last: Instant,
}

impl Progress {
    const EVERY: Duration = Duration::from_millis(200);

    fn new() -> Self {
        Self { shown: false, enabled: io::stderr().is_terminal(), last: Instant::now() }
    }

    fn show(&mut self, summary: &LinesSummary) {
        if self.enabled && self.last.elapsed() >= Self::EVERY {
            eprint!(
                "\r{} lines: {} converted, {} failed",
                summary.lines(),
                summary.converted,
                summary.failed
            );
            self.shown = true;
            self.last = Instant::now();
        }
    }

    fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_sample_converts() -> Result<(), Error> {
        let converter = Converter::new(&CompanySettings::from_json(SAMPLE_SETTINGS)?)?;
        let conversion = converter.convert_json(SAMPLE_BUNDLE)?;
        assert_eq!(conversion.draft.custom_fields.len(), 6);
        assert!(conversion.notes.is_empty());
        Ok(())
    }
}
