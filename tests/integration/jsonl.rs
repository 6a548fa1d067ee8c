//! JSON Lines in the library: failing readers and writers, and line numbers across
//! batches. (The program's `--jsonl` is tested in `cli/tests`.)

use crate::support::{lines_broken_at, lines_every_seventh_broken};

/// A writer that takes `capacity` bytes, then fails.
struct FailingWriter {
    capacity: usize,
}

impl std::io::Write for FailingWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if bytes.len() > self.capacity {
            return Err(std::io::Error::other("disk full"));
        }
        self.capacity -= bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader that gives `good` bytes, then fails.
struct FailingReader {
    good: std::io::Cursor<Vec<u8>>,
}

impl std::io::Read for FailingReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        match self.good.read(buffer)? {
            0 => Err(std::io::Error::other("disk gone")),
            read => Ok(read),
        }
    }
}

#[test]
fn a_failing_output_stops_the_stream_with_a_write_error() {
    use contract_draft::{Converter, LinesOptions, StreamError, convert_lines};
    let input = lines_every_seventh_broken(2000);
    for jobs in [1, 2, 4] {
        let mut options = LinesOptions::default();
        options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
        let output = FailingWriter { capacity: 300_000 };
        let error =
            convert_lines(&Converter::default(), input.as_bytes(), output, options, |_| {}).unwrap_err();
        assert!(matches!(error, StreamError::Write(_)), "--jobs {jobs}: {error}");
    }
}

#[test]
fn a_failing_input_stops_the_stream_with_a_read_error() {
    use contract_draft::{Converter, LinesOptions, StreamError, convert_lines};
    for jobs in [1, 2] {
        let reader = std::io::BufReader::new(FailingReader {
            good: std::io::Cursor::new(lines_every_seventh_broken(100).into_bytes()),
        });
        let mut options = LinesOptions::default();
        options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
        let mut written = 0;
        let error = convert_lines(&Converter::default(), reader, std::io::sink(), options, |summary| {
            written = summary.lines();
        })
        .unwrap_err();
        assert!(matches!(error, StreamError::Read(_)), "--jobs {jobs}: {error}");
        assert_eq!(written, 100, "every line read before the failure is written");
    }
}

/// A reader that gives `good` bytes, then panics (a bug of the caller's reader).
struct PanickingReader {
    good: std::io::Cursor<Vec<u8>>,
}

impl std::io::Read for PanickingReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        match self.good.read(buffer)? {
            0 => panic!("the reader's own bug"),
            read => Ok(read),
        }
    }
}

/// A reader that panics ends the stream with `Panicked` on any number of threads; the
/// stream never hangs waiting for the batch that never comes.
#[test]
fn a_panicking_input_stops_the_stream_without_hanging() {
    use contract_draft::{Converter, LinesOptions, StreamError, convert_lines};
    for jobs in [2, 3] {
        let reader = std::io::BufReader::new(PanickingReader {
            good: std::io::Cursor::new(lines_every_seventh_broken(300).into_bytes()),
        });
        let mut options = LinesOptions::default();
        options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
        let mut written = 0;
        let error = convert_lines(&Converter::default(), reader, std::io::sink(), options, |summary| {
            written = summary.lines();
        })
        .unwrap_err();
        assert!(matches!(error, StreamError::Panicked), "--jobs {jobs}: {error}");
        assert_eq!(written, 300, "every line read before the panic is written");
    }
}

/// A failure past the first batch of 64 lines is reported by its line in the stream,
/// not its place in its batch (line 71, not 7).
#[test]
fn the_first_failure_is_counted_from_the_start_of_the_stream() {
    use contract_draft::{Converter, LinesOptions, convert_lines};
    let input = lines_broken_at(200, &[71, 150]);
    for jobs in [1, 2, 3] {
        let mut options = LinesOptions::default();
        options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
        let summary =
            convert_lines(&Converter::default(), input.as_bytes(), std::io::sink(), options, |_| {}).unwrap();
        assert_eq!(
            (summary.converted, summary.failed, summary.first_failure),
            (198, 2, Some(71)),
            "--jobs {jobs}"
        );
    }
}
