//! The command line: what the user asked for, parsed by hand (std only, so the library
//! pulls in no argument-parsing crate).

use std::ffi::OsString;
use std::path::PathBuf;

use contract_draft::{JsonStyle, Layout};

/// Usage help, printed for `--help` and on wrong usage.
pub const USAGE: &str = "\
Usage: contract-draft [OPTIONS] [FILE|-]

Prints the contract draft that ikcrm's new_from_opportunity endpoint returns, as
its JSON envelope. FILE (or - for standard input) holds a bundle:
{\"opportunity\": {...}, \"customer\": {...}, \"user\": {...}}.
Without FILE, converts the documented sample with the sample company's settings.

Options:
  --settings FILE   company settings (JSON; see the README); default: none
  --compact         print the envelope on one line
  --no-html-escape  write <, >, &, U+2028 and U+2029 as themselves (by default
                    they are \\u escapes, as Rails writes them, so the JSON can
                    be embedded in a web page)
  -h, --help        print this help
  -V, --version     print the version

Exit status: 0 converted; 1 invalid input (the error envelope on standard output,
the message on standard error); 2 wrong usage or an unreadable file.
";

/// Where a bundle comes from.
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
}

/// The options of a conversion.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The bundle to convert.
    pub source: Source,
    /// The company settings file, if any.
    pub settings: Option<PathBuf>,
    /// How to write the JSON.
    pub style: JsonStyle,
}

/// Parses the arguments after the program name; `Err` holds what was wrong.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let mut source = None;
    let mut settings = None;
    let mut style = JsonStyle::default();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-h" | "--help") => return Ok(Command::Help),
            Some("-V" | "--version") => return Ok(Command::Version),
            Some("--compact") => style.layout = Layout::Compact,
            Some("--no-html-escape") => style.html_safe = false,
            Some("--settings") => {
                let file = args.next().ok_or("--settings needs a file")?;
                if settings.replace(PathBuf::from(file)).is_some() {
                    return Err("--settings is given twice".into());
                }
            }
            Some(flag) if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option {flag}"));
            }
            _ => {
                let input = if arg == "-" {
                    Source::Stdin
                } else {
                    Source::File(arg.into())
                };
                if source.replace(input).is_some() {
                    return Err("give at most one input file".into());
                }
            }
        }
    }
    Ok(Command::Convert(Options {
        source: source.unwrap_or(Source::Sample),
        settings,
        style,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Command, String> {
        parse(words.split_whitespace().map(OsString::from))
    }

    fn options(source: Source, settings: Option<&str>, layout: Layout, html_safe: bool) -> Command {
        Command::Convert(Options {
            source,
            settings: settings.map(PathBuf::from),
            style: JsonStyle { layout, html_safe },
        })
    }

    #[test]
    fn no_arguments_convert_the_sample_pretty_and_html_safe() {
        assert_eq!(
            parse_words(""),
            Ok(options(Source::Sample, None, Layout::Pretty, true))
        );
    }

    #[test]
    fn file_settings_and_style() {
        assert_eq!(
            parse_words("--compact b.json --settings s.json"),
            Ok(options(
                Source::File("b.json".into()),
                Some("s.json"),
                Layout::Compact,
                true
            ))
        );
        assert_eq!(
            parse_words("- --no-html-escape"),
            Ok(options(Source::Stdin, None, Layout::Pretty, false))
        );
    }

    #[test]
    fn wrong_usage_is_refused() {
        assert!(parse_words("--colour").is_err());
        assert!(parse_words("a.json b.json").is_err());
        assert!(parse_words("--settings").is_err());
        assert!(parse_words("--settings a --settings b").is_err());
        assert_eq!(parse_words("--help"), Ok(Command::Help));
    }
}
