//! `contract-draft`: the library's conversion for people and scripts. See `--help` and
//! the README.

mod args;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use args::{Command, Options, Source};
use contract_draft::{CompanySettings, Converter, Envelope, ErrorEnvelope, JsonStyle};

/// The documented sample's records and company settings, compiled in.
const SAMPLE_BUNDLE: &[u8] = include_bytes!("../../../fixtures/bundle.json");
const SAMPLE_SETTINGS: &[u8] = include_bytes!("../../../fixtures/settings.json");

/// Exit status for invalid input.
const INVALID_INPUT: u8 = 1;
/// Exit status for wrong usage, an unreadable file or unwritable output.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("contract-draft: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(USAGE_ERROR);
        }
    };
    match command {
        Command::Help => exit_for(write_stdout(args::USAGE.as_bytes()), ExitCode::SUCCESS),
        Command::Version => {
            let version = format!("contract-draft {}\n", env!("CARGO_PKG_VERSION"));
            exit_for(write_stdout(version.as_bytes()), ExitCode::SUCCESS)
        }
        Command::Convert(options) => convert(&options),
    }
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
    let conversion = CompanySettings::from_json(&settings)
        .and_then(|settings| Converter::new(&settings))
        .and_then(|converter| converter.convert_json(&bundle));
    match conversion {
        Ok(conversion) => {
            for note in &conversion.notes {
                eprintln!("contract-draft: note: {note}");
            }
            let printed = print_json(&Envelope::new(&conversion.draft), options.style);
            exit_for(printed, ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("contract-draft: {error}");
            let printed = print_json(&ErrorEnvelope::from(&error), options.style);
            exit_for(printed, ExitCode::from(INVALID_INPUT))
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
        (None, _) => {
            serde_json::to_vec(&CompanySettings::default()).map_err(|error| error.to_string())?
        }
    };
    Ok((bundle, settings))
}

/// Prints `value` as JSON on standard output, with a final newline.
fn print_json(value: &impl serde::Serialize, style: JsonStyle) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    style.write(&mut out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// `status` when the output was written; a closed pipe (`contract-draft | head`) ends
/// the program quietly; any other write failure is exit status 2.
fn exit_for(written: io::Result<()>, status: ExitCode) -> ExitCode {
    match written {
        Ok(()) => status,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            eprintln!("contract-draft: cannot write the output: {error}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract_draft::Error;

    #[test]
    fn the_compiled_in_sample_converts() -> Result<(), Error> {
        let converter = Converter::new(&CompanySettings::from_json(SAMPLE_SETTINGS)?)?;
        let conversion = converter.convert_json(SAMPLE_BUNDLE)?;
        assert_eq!(conversion.draft.custom_fields.len(), 6);
        assert!(conversion.notes.is_empty());
        Ok(())
    }
}
