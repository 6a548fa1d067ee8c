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
    use contract_draft::Converter;
    use contract_draft::lines::{LinesOptions, StreamError, convert_lines};
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

/// Converts `lines` of bundles read through `reader` (given the lines' bytes) on `jobs`
/// threads, to a sink: how the stream stopped, and how many lines were written first.
fn stream_through<R: std::io::Read + Send>(
    reader: impl FnOnce(std::io::Cursor<Vec<u8>>) -> R,
    lines: usize,
    jobs: usize,
) -> (contract_draft::lines::StreamError, u64) {
    use contract_draft::Converter;
    use contract_draft::lines::{LinesOptions, convert_lines};
    let reader =
        std::io::BufReader::new(reader(std::io::Cursor::new(lines_every_seventh_broken(lines).into_bytes())));
    let mut options = LinesOptions::default();
    options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
    let mut written = 0;
    let error = convert_lines(&Converter::default(), reader, std::io::sink(), options, |summary| {
        written = summary.lines();
    })
    .unwrap_err();
    (error, written)
}

#[test]
fn a_failing_input_stops_the_stream_with_a_read_error() {
    for jobs in [1, 2] {
        let (error, written) = stream_through(|good| FailingReader { good }, 100, jobs);
        assert!(matches!(error, contract_draft::lines::StreamError::Read(_)), "--jobs {jobs}: {error}");
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
    for jobs in [1, 2, 3] {
        let (error, written) = stream_through(|good| PanickingReader { good }, 300, jobs);
        assert!(matches!(error, contract_draft::lines::StreamError::Panicked), "--jobs {jobs}: {error}");
        assert_eq!(written, 300, "every line read before the panic is written");
    }
}

/// A failure past the first batch of at most 256 lines is reported by its line in the
/// stream, not its place in its batch (line 300, not 44).
#[test]
fn the_first_failure_is_counted_from_the_start_of_the_stream() {
    use contract_draft::Converter;
    use contract_draft::lines::{LinesOptions, convert_lines};
    let input = lines_broken_at(700, &[300, 650]);
    for jobs in [1, 2, 3] {
        let mut options = LinesOptions::default();
        options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
        let summary =
            convert_lines(&Converter::default(), input.as_bytes(), std::io::sink(), options, |_| {}).unwrap();
        assert_eq!(
            (summary.converted, summary.failed, summary.first_failure),
            (698, 2, Some(300)),
            "--jobs {jobs}"
        );
    }
}

/// What makes `--jsonl` a stage of a distributed engine (docs/PROGRAM.md, "At scale"): a
/// line's envelope depends on the line alone, so converting the parts of any split of
/// a stream (at line ends, as Spark and Hadoop split text) and concatenating the
/// outputs gives the output of the whole, blank, invalid and over-long lines included.
mod any_split {
    use contract_draft::Converter;
    use contract_draft::lines::{LinesOptions, convert_lines};
    use proptest::prelude::*;

    use crate::support::fixture;

    const LIMIT: usize = 4096;

    fn line(kind: u8, index: usize) -> String {
        match kind {
            0 => fixture("bundle.json").replace('\n', "").replacen(
                "CRM集团版",
                &format!("<{index}> & 标题"),
                1,
            ),
            1 => String::new(),
            2 => "{not json".to_owned(),
            3 => r#"{"opportunity": [], "customer": {}, "user": {}}"#.to_owned(),
            _ => "x".repeat(LIMIT + 1 + index),
        }
    }

    fn converted(input: &str, jobs: usize) -> String {
        let mut options = LinesOptions::default();
        options.jobs = std::num::NonZeroUsize::new(jobs).unwrap();
        options.max_line_bytes = LIMIT;
        let mut output = Vec::new();
        convert_lines(&Converter::default(), input.as_bytes(), &mut output, options, |_| {}).unwrap();
        String::from_utf8(output).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_split_of_a_stream_converts_to_the_same_lines(
            kinds in proptest::collection::vec(0_u8..5, 0..40),
            cuts in proptest::collection::vec(any::<proptest::sample::Index>(), 0..5),
            ends_with_newline in any::<bool>(),
            jobs in 1_usize..3,
        ) {
            let lines: Vec<String> = kinds.iter().enumerate().map(|(index, kind)| line(*kind, index)).collect();
            let text = |lines: &[String], last: bool| {
                let mut text = lines.join("\n");
                if last && !lines.is_empty() {
                    text.push('\n');
                }
                text
            };
            let input = text(&lines, ends_with_newline);
            let whole = converted(&input, jobs);
            // One line out per line in (a blank last line without its line break is none).
            prop_assert_eq!(whole.lines().count(), input.lines().count());
            let mut cuts: Vec<usize> = cuts.iter().map(|cut| cut.index(lines.len() + 1)).collect();
            cuts.extend([0, lines.len()]);
            cuts.sort_unstable();
            let parts: String = cuts
                .windows(2)
                .map(|part| {
                    let last = part[1] == lines.len();
                    converted(&text(&lines[part[0]..part[1]], !last || ends_with_newline), jobs)
                })
                .collect();
            prop_assert_eq!(parts, whole);
        }
    }
}

/// A line of exactly the limit is read (as JSON, here not a bundle); one byte more is
/// too large.
#[test]
fn a_line_at_the_limit_is_read_and_one_byte_more_is_not() {
    use contract_draft::Converter;
    use contract_draft::lines::{LinesOptions, convert_lines};
    let envelope_of = |line: &str| {
        let mut options = LinesOptions::default();
        options.max_line_bytes = 10;
        let mut output = Vec::new();
        let input = format!("{line}\n");
        convert_lines(&Converter::default(), input.as_bytes(), &mut output, options, |_| {}).unwrap();
        String::from_utf8(output).unwrap()
    };
    assert!(!envelope_of("[12345678]").contains("超过长度限制"), "{}", envelope_of("[12345678]"));
    assert!(envelope_of("[123456789]").contains("超过长度限制"), "{}", envelope_of("[123456789]"));
    assert!(
        !envelope_of("[12345678]\r").contains("超过长度限制"),
        "a \\r\\n line break is no part of the line"
    );
}

/// The batch path reads each line into the records of the line before, reusing their
/// buffers: a line's envelope must still be the one it gets alone, whatever came before
/// it (records of other shapes, lines that failed halfway through reading).
mod reused_records {
    use contract_draft::lines::{LinesOptions, convert_lines};
    use contract_draft::{Bundle, Converter, strategy};
    use proptest::prelude::*;

    fn converted(converter: &Converter, input: &str) -> String {
        let mut output = Vec::new();
        convert_lines(converter, input.as_bytes(), &mut output, LinesOptions::default(), |_| {}).unwrap();
        String::from_utf8(output).unwrap()
    }

    /// A bundle's line, or (`broken`) the same line cut short after its opportunity,
    /// which fails once the first records have been read into.
    fn line(bundle: &Bundle, broken: bool) -> String {
        let json = String::from_utf8(bundle.to_json()).unwrap();
        if broken { json[..json.find(r#","customer""#).unwrap()].to_owned() } else { json }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// The records are read into those of the line before, and the draft is filled
        /// in the one before: nothing of a line reaches the next, under any settings
        /// (custom fields, hidden numbers, terms), whatever the bundles hold.
        #[test]
        fn each_line_converts_as_it_does_alone(
            (settings, first) in strategy::mapped(),
            others in proptest::collection::vec((strategy::bundle(), any::<bool>()), 0..12),
            first_broken in any::<bool>(),
        ) {
            let converter = Converter::new(&settings)?;
            let lines: Vec<String> = std::iter::once((&first, first_broken))
                .chain(others.iter().map(|(bundle, broken)| (bundle, *broken)))
                .map(|(bundle, broken)| line(bundle, broken))
                .collect();
            let alone: String = lines.iter().map(|line| converted(&converter, line)).collect();
            prop_assert_eq!(converted(&converter, &lines.join("\n")), alone);
        }
    }
}
