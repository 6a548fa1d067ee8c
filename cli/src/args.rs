//! The command line, as clap parses it: `--opt=value`, `--`, `-j N`, `-h`, and
//! suggestions for misspelled options.

// The doc comments of the options are the program's help text, shown as written: JSON
// and key names there are for people reading `--help`, not Markdown.
#![allow(clippy::doc_markdown)]

use std::ffi::OsStr;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use contract_draft::lines::{DEFAULT_MAX_LINE_BYTES, MAX_JOBS};
use contract_draft::{JsonStyle, Language, Layout};

/// The largest `--max-line-bytes`: 1 GiB. A larger line is not a bundle.
const MAX_LINE_BYTES_CAP: usize = 1 << 30;

const EXIT_STATUS: &str = "\
Exit status: 0 converted; 1 invalid input (the error envelope on standard output, the
message on standard error; with --jsonl, any line invalid); 2 wrong usage, an unreadable
file, invalid settings with --jsonl, or standard output that cannot be written (also when
the input was invalid).";

/// Prints the contract draft that ikcrm's new_from_opportunity endpoint returns, as its
/// JSON envelope.
#[derive(Debug, Parser)]
#[command(
    name = "contract-draft",
    version,
    after_help = EXIT_STATUS,
    override_usage = "contract-draft [OPTIONS] [FILE|-]\n       contract-draft --jsonl [OPTIONS] [FILE|-]\n       contract-draft receivables [OPTIONS] FILE|-\n       contract-draft plans [OPTIONS] FILE|-\n       contract-draft submit [--settings FILE] [OPTIONS] FILE|-",
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub convert: ConvertArgs,
}

impl Cli {
    /// Parses the command line, refusing what clap's rules cannot express.
    pub fn parse_checked() -> Result<Self, clap::Error> {
        Self::try_parse().and_then(Self::checked)
    }

    fn checked(self) -> Result<Self, clap::Error> {
        if self.convert.inputs.len() > 1 {
            let subcommand = ["receivables", "plans", "submit"]
                .into_iter()
                .find(|name| self.convert.inputs.contains(&Input::File((*name).into())));
            let message = if let Some(subcommand) = subcommand {
                format!("options go after the subcommand: contract-draft {subcommand} [OPTIONS] FILE|-")
            } else {
                "give at most one FILE (or - for standard input)".to_owned()
            };
            return Err(<Self as clap::CommandFactory>::command()
                .error(clap::error::ErrorKind::TooManyValues, message));
        }
        Ok(self)
    }
}

/// Converting one bundle, or one bundle a line.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The bundle, {"opportunity": …, "customer": …, "user": …} ('-': standard input).
    /// Without it: the documented sample with the sample company's settings, or with
    /// --jsonl, standard input.
    #[arg(value_name = "FILE|-", num_args = 0..)]
    inputs: Vec<Input>,
    /// Company settings (JSON; see docs/SETTINGS.md); by default none.
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// One bundle per input line, one compact envelope per output line, in input order;
    /// a summary on standard error.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: convert on N threads, from 1 to 256 [default: the number of cores].
    #[arg(short = 'j', long, value_name = "N", requires = "jsonl",
          value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS as i64))]
    pub jobs: Option<u16>,
    #[command(flatten)]
    pub limits: Limits,
    #[command(flatten)]
    pub output: Output,
}

/// What the program can do besides converting.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Works out a contract's six receivable fields from {"total_amount": …,
    /// "received_payment_plans": […], "received_payments": […]}.
    Receivables {
        #[command(flatten)]
        file: FileArgs,
    },
    /// Splits a contract's total into dated payment-plan installments (回款计划) from
    /// {"total_amount": …, "start": "YYYY-MM-DD", "today": …, "precision": 2, "terms": …}.
    Plans {
        #[command(flatten)]
        file: FileArgs,
    },
    /// Checks a contract form ({"contract": {…}}, as a client posts it back) and prints
    /// the create request's body; every problem is reported at once.
    Submit {
        /// Company settings (JSON; see docs/SETTINGS.md); by default none.
        #[arg(long, value_name = "FILE")]
        settings: Option<PathBuf>,
        #[command(flatten)]
        file: FileArgs,
    },
}

/// The arguments of a subcommand that reads one JSON document.
#[derive(Debug, Args)]
pub struct FileArgs {
    /// The document ('-': standard input).
    #[arg(value_name = "FILE|-")]
    pub input: Input,
    #[command(flatten)]
    pub limits: Limits,
    #[command(flatten)]
    pub output: Output,
}

/// How much input the program reads.
#[derive(Debug, Args)]
pub struct Limits {
    /// The longest input in bytes, up to 1 GiB: a file read whole (bundle, settings,
    /// payments) or, with --jsonl, each line (a longer line gets an error envelope and the
    /// stream goes on).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_LINE_BYTES,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_LINE_BYTES_CAP as u64))]
    pub max_line_bytes: usize,
}

/// How the program writes JSON.
#[derive(Debug, Args)]
pub struct Output {
    /// Print the envelope on one line.
    #[arg(long)]
    pub compact: bool,
    /// Write <, >, &, U+2028 and U+2029 as themselves (by default they are \u escapes,
    /// as Rails writes them, so the JSON can be embedded in a web page).
    #[arg(long)]
    pub no_html_escape: bool,
    /// The language of error envelopes' messages: zh (the API's, as ikcrm's clients show
    /// them) or en. Standard error is always English.
    #[arg(long, value_name = "zh|en", default_value_t = Language::Chinese)]
    pub language: Language,
}

impl Output {
    /// The JSON style asked for; `--jsonl` is always compact.
    pub fn style(&self, jsonl: bool) -> Answer {
        let layout = if self.compact || jsonl { Layout::Compact } else { Layout::Pretty };
        Answer { style: JsonStyle::new(layout, !self.no_html_escape), language: self.language }
    }
}

/// How the program writes its answer: the JSON style, and the language of an error
/// envelope's message.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    /// Layout and escaping.
    pub style: JsonStyle,
    /// The error envelope's language.
    pub language: Language,
}

/// Where input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl From<&OsStr> for Input {
    fn from(arg: &OsStr) -> Self {
        if arg == "-" { Self::Stdin } else { Self::File(arg.into()) }
    }
}

impl ConvertArgs {
    /// The bundle file, if one was given. (The positional argument takes any number of
    /// values, so that a second file is reported as such rather than as an unknown
    /// subcommand; [`Cli::checked`] refuses more than one.)
    pub fn input(&self) -> Option<&Input> {
        self.inputs.first()
    }

    /// The threads to convert on: `--jobs`, or one a core.
    pub fn jobs(&self, cores: NonZeroUsize) -> NonZeroUsize {
        self.jobs.and_then(|jobs| NonZeroUsize::new(jobs.into())).unwrap_or(cores)
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(words: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("contract-draft").chain(words.split_whitespace()))
            .and_then(Cli::checked)
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn options_in_every_conventional_form() {
        let cli = parse("--settings=s.json -j 3 --jsonl --compact -- -").unwrap();
        assert_eq!(cli.convert.settings, Some("s.json".into()));
        assert_eq!(cli.convert.jobs, Some(3));
        assert_eq!(cli.convert.input(), Some(&Input::Stdin));
        assert_eq!(parse("--jsonl --jobs=256").unwrap().convert.jobs, Some(256));
        assert_eq!(parse("-- --compact").unwrap().convert.input(), Some(&Input::File("--compact".into())));
        assert_eq!(parse("").unwrap().convert.limits.max_line_bytes, DEFAULT_MAX_LINE_BYTES);
        assert_eq!(parse("").unwrap().convert.output.language, Language::Chinese);
        assert_eq!(parse("--language=en").unwrap().convert.output.language, Language::English);
    }

    #[test]
    fn receivables_is_a_subcommand_and_a_file_may_have_its_name() {
        assert!(matches!(parse("receivables -").unwrap().command, Some(Command::Receivables { .. })));
        assert!(parse("receivables").is_err());
        assert!(parse("receivables a.json --jsonl").is_err());
        assert_eq!(
            parse("./receivables").unwrap().convert.input(),
            Some(&Input::File("./receivables".into()))
        );
    }

    #[test]
    fn absurd_values_and_wrong_usage_are_refused() {
        for words in [
            "--colour",
            "a.json b.json",
            "a.json receivables x",
            "--settings",
            "--settings a --settings b",
            "--jobs 2",
            "--jsonl --jobs 0",
            "--jsonl --jobs 257",
            "--jsonl --jobs 18446744073709551615",
            "--jsonl --jobs many",
            "--jsonl -j 2 -j 3",
            "--max-line-bytes 0",
            "--max-line-bytes 1073741825",
            "--max-line-bytes -1",
            "--language fr",
            "--language",
        ] {
            let error = parse(words).map(drop).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{words}");
        }
    }
}
