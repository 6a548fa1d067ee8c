//! `contract-draft`: the library's conversion for people and scripts. See `--help` and
//! the README.

mod args;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use args::{Command, Options, Source};
use contract_draft::{Bundle, CompanySettings, Converter, Envelope, ErrorEnvelope};

/// The documented sample's records and company settings, compiled in.
const SAMPLE_BUNDLE: &[u8] = include_bytes!("../../../fixtures/bundle.json");
const SAMPLE_SETTINGS: &[u8] = include_bytes!("../../../fixtures/settings.json");

/// Exit status for invalid input.
const INVALID_INPUT: u8 = 1;
/// Exit status for wrong usage or an unreadable file.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("contract-draft: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let result = match command {
        Command::Help => write_stdout(args::USAGE.as_bytes()),
        Command::Version => {
            write_stdout(format!("contract-draft {}\n", env!("CARGO_PKG_VERSION")).as_bytes())
        }
        Command::Convert(options) => return convert(&options),
    };
    exit_for(result)
}

/// Converts one bundle and prints its envelope.
fn convert(options: &Options) -> ExitCode {
    let (bundle, settings) = match read_inputs(options) {
        Ok(inputs) => inputs,
        Err(problem) => {
            eprintln!("contract-draft: {problem}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let draft = CompanySettings::from_json(&settings)
        .and_then(|settings| Converter::new(&settings))
        .and_then(|converter| {
            let bundle = Bundle::from_json(&bundle)?;
            Ok(converter.convert(&bundle.opportunity, &bundle.customer, &bundle.user))
        });
    match draft {
        Ok(draft) => exit_for(print_json(&Envelope::new(&draft), options.compact)),
        Err(error) => {
            eprintln!("contract-draft: {error}");
            match print_json(&ErrorEnvelope::from(&error), options.compact) {
                Ok(()) => ExitCode::from(INVALID_INPUT),
                Err(write_error) => exit_for(Err(write_error)),
            }
        }
    }
}

/// The bundle and settings bytes the options name.
fn read_inputs(options: &Options) -> Result<(Vec<u8>, Vec<u8>), String> {
    let bundle = match &options.source {
        Source::Sample => SAMPLE_BUNDLE.to_vec(),
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| format!("cannot read standard input: {error}"))?;
            bytes
        }
        Source::File(path) => std::fs::read(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?,
    };
    let settings = match (&options.settings, &options.source) {
        (Some(path), _) => std::fs::read(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?,
        (None, Source::Sample) => SAMPLE_SETTINGS.to_vec(),
        (None, _) => br#"{"version": 1}"#.to_vec(),
    };
    Ok((bundle, settings))
}

/// Prints `value` as JSON on standard output, pretty unless `compact`.
fn print_json(value: &impl serde::Serialize, compact: bool) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if compact {
        serde_json::to_writer(&mut out, value)
    } else {
        serde_json::to_writer_pretty(&mut out, value)
    };
    written.map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Success, or exit status 2 with a message when standard output failed; a closed pipe
/// (`contract-draft | head`) ends the program quietly.
fn exit_for(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("contract-draft: cannot write the output: {error}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_sample_converts() {
        let settings = CompanySettings::from_json(SAMPLE_SETTINGS).unwrap();
        let bundle = Bundle::from_json(SAMPLE_BUNDLE).unwrap();
        let draft = Converter::new(&settings).unwrap().convert(
            &bundle.opportunity,
            &bundle.customer,
            &bundle.user,
        );
        assert_eq!(draft.custom_fields.len(), 6);
    }
}
