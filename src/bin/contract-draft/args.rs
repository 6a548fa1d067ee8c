//! The command line: what the user asked for, parsed by hand (std only, so the library
//! pulls in no argument-parsing crate).

use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use contract_draft::{JsonStyle, Layout};

/// Usage help, printed for `--help` and on wrong usage.
pub const USAGE: &str = "\
Usage: contract-draft [OPTIONS] [FILE|-]
       contract-draft --jsonl [OPTIONS] [FILE|-]
       contract-draft receivables [OPTIONS] FILE|-

Prints the contract draft that ikcrm's new_from_opportunity endpoint returns, as
its JSON envelope. FILE (or - for standard input) holds a bundle:
{\"opportunity\": {...}, \"customer\": {...}, \"user\": {...}}.
Without FILE, converts the documented sample with the sample company's settings.

With --jsonl, FILE (standard input by default) holds one bundle per line, and each
line's envelope is printed on its own line, in input order; a summary goes to
standard error.

'receivables' reads {\"total_amount\": ..., \"received_payment_plans\": [...],
\"received_payments\": [...]} and prints the contract's six receivable fields.

Options:
  --settings FILE   company settings (JSON; see the README); default: none
  --compact         print the envelope on one line
  --no-html-escape  write <, >, &, U+2028 and U+2029 as themselves (by default
                    they are \\u escapes, as Rails writes them, so the JSON can
                    be embedded in a web page)
  --jsonl           one bundle per input line, one compact envelope per output line
  --jobs N          with --jsonl: convert on N threads (default: the number of cores)
  -h, --help        print this help
  -V, --version     print the version

Exit status: 0 converted; 1 invalid input (the error envelope on standard output,
the message on standard error; with --jsonl, any line invalid); 2 wrong usage, an
unreadable file or unwritable output.
";

/// Where the input comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum Source {
    /// The documented sample, compiled in.
    Sample,
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

/// What to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print the usage help.
    Help,
    /// Print the version.
    Version,
    /// Convert one bundle.
    Convert(Options),
    /// Convert a stream of bundles, one a line, on `jobs` threads.
    Lines(Options, NonZeroUsize),
    /// Work out a contract's receivables.
    Receivables(Source, JsonStyle),
}

/// The options of a conversion.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The bundles to convert.
    pub source: Source,
    /// The company settings file, if any.
    pub settings: Option<PathBuf>,
    /// How to write the JSON.
    pub style: JsonStyle,
}

/// Everything the arguments may set, before it is checked to make one command.
#[derive(Default)]
struct Given {
    receivables: bool,
    source: Option<Source>,
    settings: Option<PathBuf>,
    compact: bool,
    raw_html: bool,
    jsonl: bool,
    jobs: Option<NonZeroUsize>,
}

/// Parses the arguments after the program name; `Err` holds what was wrong.
/// `cores` is the default number of `--jobs`.
pub fn parse(args: impl IntoIterator<Item = OsString>, cores: NonZeroUsize) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    let mut given =
        Given { receivables: args.next_if(|arg| arg == "receivables").is_some(), ..Given::default() };
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-h" | "--help") => return Ok(Command::Help),
            Some("-V" | "--version") => return Ok(Command::Version),
            Some("--compact") => given.compact = true,
            Some("--no-html-escape") => given.raw_html = true,
            Some("--jsonl") => given.jsonl = true,
            Some("--settings") => {
                let file = args.next().ok_or("--settings needs a file")?;
                if given.settings.replace(PathBuf::from(file)).is_some() {
                    return Err("--settings is given twice".into());
                }
            }
            Some("--jobs") => {
                let count = args.next().ok_or("--jobs needs a number")?;
                let count = count.to_str().and_then(|count| count.parse().ok());
                given.jobs = Some(count.ok_or("--jobs needs a whole number above 0")?);
            }
            Some(flag) if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option {flag}"));
            }
            _ => {
                let input = if arg == "-" { Source::Stdin } else { Source::File(arg.into()) };
                if given.source.replace(input).is_some() {
                    return Err("give at most one input file".into());
                }
            }
        }
    }
    given.into_command(cores)
}

impl Given {
    fn into_command(self, cores: NonZeroUsize) -> Result<Command, String> {
        let layout = if self.compact || self.jsonl { Layout::Compact } else { Layout::Pretty };
        let style = JsonStyle { layout, html_safe: !self.raw_html };
        if self.jobs.is_some() && !self.jsonl {
            return Err("--jobs goes with --jsonl".into());
        }
        if self.receivables {
            if self.jsonl || self.settings.is_some() {
                return Err("receivables takes neither --jsonl nor --settings".into());
            }
            let source = self.source.ok_or("receivables needs a FILE (or - for standard input)")?;
            return Ok(Command::Receivables(source, style));
        }
        let source = self.source.unwrap_or(if self.jsonl { Source::Stdin } else { Source::Sample });
        let options = Options { source, settings: self.settings, style };
        Ok(if self.jsonl {
            Command::Lines(options, self.jobs.unwrap_or(cores))
        } else {
            Command::Convert(options)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: NonZeroUsize = NonZeroUsize::new(2).unwrap();

    fn parse_words(words: &str) -> Result<Command, String> {
        parse(words.split_whitespace().map(OsString::from), TWO)
    }

    fn options(source: Source, settings: Option<&str>, layout: Layout, html_safe: bool) -> Options {
        Options { source, settings: settings.map(PathBuf::from), style: JsonStyle { layout, html_safe } }
    }

    #[test]
    fn no_arguments_convert_the_sample_pretty_and_html_safe() {
        assert_eq!(
            parse_words(""),
            Ok(Command::Convert(options(Source::Sample, None, Layout::Pretty, true)))
        );
    }

    #[test]
    fn file_settings_and_style() {
        assert_eq!(
            parse_words("--compact b.json --settings s.json"),
            Ok(Command::Convert(options(
                Source::File("b.json".into()),
                Some("s.json"),
                Layout::Compact,
                true
            )))
        );
        assert_eq!(
            parse_words("- --no-html-escape"),
            Ok(Command::Convert(options(Source::Stdin, None, Layout::Pretty, false)))
        );
    }

    #[test]
    fn jsonl_reads_standard_input_compactly_on_every_core_by_default() {
        assert_eq!(
            parse_words("--jsonl"),
            Ok(Command::Lines(options(Source::Stdin, None, Layout::Compact, true), TWO))
        );
        let one = NonZeroUsize::MIN;
        assert_eq!(
            parse_words("--jsonl --jobs 1 in.jsonl"),
            Ok(Command::Lines(options(Source::File("in.jsonl".into()), None, Layout::Compact, true), one))
        );
    }

    #[test]
    fn receivables_is_a_subcommand() {
        let style = JsonStyle { layout: Layout::Pretty, html_safe: true };
        assert_eq!(parse_words("receivables -"), Ok(Command::Receivables(Source::Stdin, style)));
        assert!(parse_words("receivables").is_err());
        assert!(parse_words("receivables a.json --jsonl").is_err());
        assert_eq!(
            parse_words("./receivables"),
            Ok(Command::Convert(options(Source::File("./receivables".into()), None, Layout::Pretty, true)))
        );
    }

    #[test]
    fn wrong_usage_is_refused() {
        for words in [
            "--colour",
            "a.json b.json",
            "--settings",
            "--settings a --settings b",
            "--jobs 2",
            "--jsonl --jobs 0",
            "--jsonl --jobs many",
        ] {
            assert!(parse_words(words).is_err(), "{words}");
        }
        assert_eq!(parse_words("--help"), Ok(Command::Help));
    }
}
