//! `contract-draft`: the library's conversion for people and scripts. See `--help` and
//! docs/PROGRAM.md.
//!
//! What a pipeline can rely on: the draft or error envelope always reaches standard
//! output if it can be written, whatever happens to standard error (whose failures are
//! ignored); output that cannot be written is exit status 2, whatever the input was; no
//! option value or input size makes the program allocate without bound or panic.

mod args;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use args::{Answer, Cli, Command, ConvertArgs, FileArgs, Input};
use contract_draft::lines::{LinesOptions, LinesSummary, MAX_JOBS, StreamError, convert_lines};
use contract_draft::plans::ScheduleRequest;
use contract_draft::receivables::ContractPayments;
use contract_draft::submit::ContractForm;
use contract_draft::{
    CompanySettings, Converter, ECHO_LIMIT, Envelope, Error, ErrorEnvelope, JsonStyle, Visible,
};
use serde::Serialize;

/// The allocator: faster than the system's for the many small strings a batch reads
/// and frees (cli/Cargo.toml says by how much, and what it costs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The documented sample's records and company settings, compiled in.
const SAMPLE_BUNDLE: &[u8] = include_bytes!("../../fixtures/bundle.json");
const SAMPLE_SETTINGS: &[u8] = include_bytes!("../../fixtures/settings.json");

/// Exit status for invalid input.
const INVALID_INPUT: u8 = 1;
/// Exit status for wrong usage, an unreadable file or unwritable output.
const USAGE_ERROR: u8 = 2;

/// The most characters of a line of a usage error on standard error.
const MESSAGE_LINE: usize = 200;

/// The input buffer: large enough that a batch of JSON Lines fills from one read.
const INPUT_BUFFER: usize = 256 << 10;

/// Writes a line to standard error, prefixed with the program's name, control characters
/// and bidirectional overrides written visibly ([`Visible`]). A failure there is
/// ignored: it must never keep the draft or its envelope from standard output.
macro_rules! say {
    ($($arg:tt)*) => {
        say(format_args!($($arg)*))
    };
}

fn say(message: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "contract-draft: {}", Visible(&message.to_string()));
}

fn main() -> ExitCode {
    let cli = match Cli::parse_checked() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            // clap quotes option values whole; a message quotes at most a line of them.
            let message = error.render().to_string();
            let mut stderr = io::stderr().lock();
            for line in message.lines() {
                let line = quoted_in_part(line);
                let line = line.as_str();
                let cut = line.char_indices().nth(MESSAGE_LINE).map_or(line, |(end, _)| &line[..end]);
                let _ = writeln!(stderr, "{}{}", Visible(cut), if cut.len() < line.len() { "…" } else { "" });
            }
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(USAGE_ERROR));
        }
        Err(error) => {
            // Help and version go to standard output.
            let printed = error.print();
            let status = u8::try_from(error.exit_code()).unwrap_or(USAGE_ERROR);
            return if printed.is_err() && !error.use_stderr() {
                ExitCode::from(USAGE_ERROR)
            } else {
                ExitCode::from(status)
            };
        }
    };
    let outcome = match &cli.command {
        Some(Command::Receivables { file }) => receivables(file),
        Some(Command::Plans { file }) => plans(file),
        Some(Command::Submit { settings, file }) => submit(settings.as_deref(), file),
        None if cli.convert.jsonl => convert_stream(&cli.convert),
        None => convert(&cli.convert),
    };
    match outcome {
        Ok(status) => status,
        Err(Failure::Stopped(problem)) => {
            say!("{problem}");
            ExitCode::from(USAGE_ERROR)
        }
        // A closed pipe (`contract-draft … | head`) ends the program quietly, as a
        // program killed by SIGPIPE would, but not as a success.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::from(USAGE_ERROR)
        }
        Err(Failure::Output(error)) => {
            say!("cannot write the output: {error}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// Why the program could not do what it was asked (exit status 2).
enum Failure {
    /// An input could not be read, or a conversion failed inside.
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
fn convert(args: &ConvertArgs) -> Result<ExitCode, Failure> {
    let style = args.output.style(false);
    let limit = args.limits.max_line_bytes;
    let converter = match converter(args)? {
        Ok(converter) => converter,
        Err(error) => return invalid(&error, style),
    };
    let bundle = match args.input() {
        None => SAMPLE_BUNDLE.to_vec(),
        Some(input) => match read_all(input, limit)? {
            Some(bundle) => bundle,
            None => return invalid(&Error::input_too_large(limit), style),
        },
    };
    match converter.convert_json(&bundle) {
        Ok(conversion) => {
            for note in &conversion.notes {
                say!("note: {note}");
            }
            if conversion.omitted_notes > 0 {
                say!("note: and {} more notes", conversion.omitted_notes);
            }
            print_json(&Envelope::new(&conversion.draft), style.style)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => invalid(&error, style),
    }
}

/// Converts a stream of bundles, one a line.
fn convert_stream(args: &ConvertArgs) -> Result<ExitCode, Failure> {
    let style = args.output.style(true);
    // Settings that cannot convert any line are the run's problem, not a line's: no
    // envelope stands for every line (one line out per line in), so it is status 2.
    let converter =
        converter(args)?.map_err(|error| Failure::Stopped(format!("invalid settings: {error}")))?;
    let input = args.input().cloned().unwrap_or(Input::Stdin);
    let reader = open(&input)?;
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let cores = NonZeroUsize::new(cores.get().min(MAX_JOBS)).unwrap_or(NonZeroUsize::MIN);
    let mut options = LinesOptions::default();
    options.jobs = args.jobs(cores);
    options.html_safe = style.style.html_safe;
    options.language = style.language;
    options.max_line_bytes = args.limits.max_line_bytes;
    let mut progress = Progress::new();
    let output = QuitOnClosedPipe(io::BufWriter::with_capacity(1 << 16, io::stdout().lock()));
    let summary = convert_lines(&converter, reader, output, options, |summary| progress.show(summary));
    progress.clear();
    let summary = summary.map_err(|error| match error {
        StreamError::Write(error) => Failure::Output(error),
        StreamError::Read(error) => unreadable(&input, &error),
        other => Failure::Stopped(other.to_string()),
    })?;
    let first = summary.first_failure.map(|line| format!(" (the first at line {line})")).unwrap_or_default();
    say!("{} converted, {} failed{first}", summary.converted, summary.failed);
    Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(INVALID_INPUT) })
}

/// Reads the whole of `input` (at most `limit` bytes), answers it with `answer` and
/// prints the answer: the subcommands that read one JSON document.
fn answer_file<T: Serialize>(
    input: &Input,
    limit: usize,
    style: Answer,
    answer: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<ExitCode, Failure> {
    let Some(document) = read_all(input, limit)? else {
        return invalid(&Error::input_too_large(limit), style);
    };
    match answer(&document) {
        Ok(answer) => {
            print_json(&answer, style.style)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => invalid(&error, style),
    }
}

/// Works out a contract's receivables and prints them.
fn receivables(file: &FileArgs) -> Result<ExitCode, Failure> {
    answer_file(&file.input, file.limits.max_line_bytes, file.output.style(false), |payments| {
        ContractPayments::from_json(payments)?.receivables().map(Envelope::new)
    })
}

/// Checks a contract form and prints the create request's body.
fn submit(settings: Option<&std::path::Path>, file: &FileArgs) -> Result<ExitCode, Failure> {
    let (limit, style) = (file.limits.max_line_bytes, file.output.style(false));
    let settings = match settings {
        None => Ok(CompanySettings::default()),
        Some(path) => read_settings(path, Some(&file.input), limit)?,
    };
    let converter = match settings.and_then(|settings| Converter::new(&settings)) {
        Ok(converter) => converter,
        Err(error) => return invalid(&error, style),
    };
    answer_file(&file.input, limit, style, |form| converter.create_request(&ContractForm::from_json(form)?))
}

/// Prints the payment-plan schedule a request asks for.
fn plans(file: &FileArgs) -> Result<ExitCode, Failure> {
    answer_file(&file.input, file.limits.max_line_bytes, file.output.style(false), |request| {
        ScheduleRequest::from_json(request)?.schedule().map(Envelope::new)
    })
}

/// Reports invalid input: the error envelope on standard output, the message on
/// standard error, exit status 1 (2 if the envelope cannot be written).
fn invalid(error: &Error, answer: Answer) -> Result<ExitCode, Failure> {
    say!("{error}");
    print_json(&ErrorEnvelope::new(error, answer.language), answer.style)?;
    Ok(ExitCode::from(INVALID_INPUT))
}

/// The converter for the options' settings: the sample company's for the sample, the
/// defaults when none are given. The inner `Err` is invalid settings; a settings file
/// that cannot be read, or is over the size limit, is a [`Failure`].
fn converter(args: &ConvertArgs) -> Result<Result<Converter, Error>, Failure> {
    let limit = args.limits.max_line_bytes;
    let settings = match (&args.settings, args.input()) {
        (Some(path), input) => {
            let data = if args.jsonl { Some(input.unwrap_or(&Input::Stdin)) } else { input };
            read_settings(path, data, limit)?
        }
        (None, None) if !args.jsonl => CompanySettings::from_json(SAMPLE_SETTINGS),
        (None, _) => Ok(CompanySettings::default()),
    };
    Ok(settings.and_then(|settings| Converter::new(&settings)))
}

/// The company settings in the file at `path`; a file that cannot be read, or is over
/// the size limit, is a [`Failure`], invalid settings the inner `Err`.
///
/// `-` reads the settings from standard input, unless `data` (the input the document
/// comes from) is standard input too.
fn read_settings(
    path: &std::path::Path,
    data: Option<&Input>,
    limit: usize,
) -> Result<Result<CompanySettings, Error>, Failure> {
    let input = Input::from(path.as_os_str());
    if input == Input::Stdin && data == Some(&Input::Stdin) {
        return Err(Failure::Stopped(
            "--settings - and the input cannot both be standard input: give one of them as a FILE".to_owned(),
        ));
    }
    let Some(settings) = read_all(&input, limit)? else {
        let path = shown(path);
        return Err(Failure::Stopped(format!(
            "the settings file {path} is longer than {limit} bytes (--max-line-bytes)"
        )));
    };
    Ok(CompanySettings::from_json(&settings))
}

/// A buffered reader of standard input or a file.
fn open(input: &Input) -> Result<Box<dyn BufRead + Send>, Failure> {
    Ok(match input {
        Input::Stdin => Box::new(BufReader::with_capacity(INPUT_BUFFER, io::stdin())),
        Input::File(path) => Box::new(BufReader::with_capacity(
            INPUT_BUFFER,
            File::open(path).map_err(|error| unreadable(input, &error))?,
        )),
    })
}

/// All of `input`, or `None` if it is longer than `limit` bytes (reading stops there).
fn read_all(input: &Input, limit: usize) -> Result<Option<Vec<u8>>, Failure> {
    let mut bytes = Vec::new();
    let most = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    open(input)?.take(most).read_to_end(&mut bytes).map_err(|error| unreadable(input, &error))?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

fn unreadable(input: &Input, error: &io::Error) -> Failure {
    let what = match input {
        Input::Stdin => "standard input".to_owned(),
        Input::File(path) => shown(path),
    };
    Failure::Stopped(format!("cannot read {what}: {error}"))
}

/// A line of clap's with each `'…'` quotation (an argument as given) cut to
/// [`ECHO_LIMIT`] characters, as the library quotes input.
fn quoted_in_part(line: &str) -> String {
    let mut parts = line.split('\'');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for (index, part) in parts.enumerate() {
        out.push('\'');
        // Odd parts (the first after a quote, the third, …) are inside quotes.
        match part.char_indices().nth(ECHO_LIMIT) {
            Some((end, _)) if index % 2 == 0 => {
                out.push_str(&part[..end]);
                out.push('…');
            }
            _ => out.push_str(part),
        }
    }
    out
}

/// A file name as messages quote input: at most [`ECHO_LIMIT`] characters of it, then
/// `…` (`say` writes control characters visibly).
fn shown(path: &std::path::Path) -> String {
    let name = path.display().to_string();
    match name.char_indices().nth(ECHO_LIMIT) {
        Some((end, _)) => format!("{}…", &name[..end]),
        None => name,
    }
}

/// Standard output for `--jsonl`: when the reader of the output goes away
/// (`contract-draft --jsonl | head`), the program ends at once with status 2, as a
/// program killed by SIGPIPE would end, rather than reading input it no longer needs.
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
        std::process::exit(USAGE_ERROR.into());
    }
}

/// Prints `value` as JSON on standard output, with a final newline, in one write.
fn print_json(value: &impl serde::Serialize, style: JsonStyle) -> io::Result<()> {
    let mut json = Vec::with_capacity(8 << 10);
    style.append(&mut json, value).map_err(io::Error::from)?;
    json.push(b'\n');
    let mut out = io::stdout().lock();
    out.write_all(&json)?;
    out.flush()
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
            let _ = write!(
                io::stderr().lock(),
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
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
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
