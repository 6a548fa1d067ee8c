//! The command line: what the user asked for, parsed by hand (std only, so the library
//! pulls in no argument-parsing crate).

use std::ffi::OsString;
use std::path::PathBuf;

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
    /// Print one line instead of pretty JSON.
    pub compact: bool,
}

/// Parses the arguments after the program name; `Err` holds what was wrong.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let mut source = None;
    let mut settings = None;
    let mut compact = false;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-h" | "--help") => return Ok(Command::Help),
            Some("-V" | "--version") => return Ok(Command::Version),
            Some("--compact") => compact = true,
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
        compact,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Command, String> {
        parse(words.split_whitespace().map(OsString::from))
    }

    #[test]
    fn no_arguments_convert_the_sample() {
        assert_eq!(
            parse_words(""),
            Ok(Command::Convert(Options {
                source: Source::Sample,
                settings: None,
                compact: false
            }))
        );
    }

    #[test]
    fn file_settings_and_compact() {
        assert_eq!(
            parse_words("--compact b.json --settings s.json"),
            Ok(Command::Convert(Options {
                source: Source::File("b.json".into()),
                settings: Some("s.json".into()),
                compact: true
            }))
        );
        assert_eq!(
            parse_words("-"),
            Ok(Command::Convert(Options {
                source: Source::Stdin,
                settings: None,
                compact: false
            }))
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
