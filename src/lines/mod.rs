//! JSON Lines: one bundle per input line, one compact envelope per output line, in input
//! order, on as many threads as asked, in memory bounded by the line limit and the
//! number of batches in flight, whatever the input.
//!
//! The input is read in batches of lines. With one job everything happens on the calling
//! thread. With more, each worker takes the next batch when it is free and says so, in
//! reading order, to the calling thread, which takes the results back from the workers'
//! bounded channels in that order and writes them: the output is in input order by
//! construction.
//!
//! A batch ends after 256 lines, after 1 MiB, or as soon as
//! the input has no whole line buffered (the next read could wait for a slow producer);
//! the output is flushed after such a batch, so a line's envelope appears as soon as it
//! is converted.
//!
//! ```
//! use contract_draft::Converter;
//! use contract_draft::lines::{LinesOptions, convert_lines};
//!
//! let input = b"{}\n\n";
//! let mut output = Vec::new();
//! let summary = convert_lines(&Converter::default(), &input[..], &mut output, LinesOptions::default(), |_| {})?;
//! assert_eq!((summary.converted, summary.failed), (0, 2));
//! assert_eq!(output.iter().filter(|&&byte| byte == b'\n').count(), 2); // a line out for each line in
//! # Ok::<(), contract_draft::lines::StreamError>(())
//! ```

use std::io;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};

use crate::error::Language;

mod batch;
mod pipeline;
mod reader;

pub use pipeline::convert_lines;

/// The most threads a conversion uses; more asked for are this many.
pub const MAX_JOBS: usize = 256;

/// The longest line read by default, in bytes (16 MiB); see
/// [`LinesOptions::max_line_bytes`].
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

/// How to run a JSON Lines conversion; by default on one thread, HTML-safe, with lines
/// of at most [`DEFAULT_MAX_LINE_BYTES`]. Start from `LinesOptions::default()` and set
/// the fields to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinesOptions {
    /// How many threads convert (at most [`MAX_JOBS`] are used).
    pub jobs: NonZeroUsize,
    /// Escape `<`, `>`, `&`, U+2028 and U+2029 as Rails does (see [`JsonStyle`](crate::JsonStyle)).
    pub html_safe: bool,
    /// The longest line converted, in bytes (its line break aside). A longer line gets
    /// an [`InputTooLarge`](crate::ErrorKind::InputTooLarge) error envelope naming it; it is
    /// skipped to its end without being held in memory, and the stream goes on.
    pub max_line_bytes: usize,
    /// The language of error envelopes' messages (Chinese, the API's, by default).
    pub language: Language,
}

impl Default for LinesOptions {
    fn default() -> Self {
        Self {
            jobs: NonZeroUsize::MIN,
            html_safe: true,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            language: Language::Chinese,
        }
    }
}

/// What a JSON Lines conversion did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinesSummary {
    /// Lines converted to a draft.
    pub converted: u64,
    /// Lines that gave an error envelope.
    pub failed: u64,
    /// The first line (counting from 1) that failed, if any.
    pub first_failure: Option<u64>,
}

impl LinesSummary {
    /// Lines read so far.
    pub fn lines(&self) -> u64 {
        self.converted + self.failed
    }
}

/// Why a JSON Lines conversion stopped before the end of its input. (A line that does
/// not convert does not stop it: it gets its error envelope.)
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The input could not be read.
    #[error("cannot read the input: {0}")]
    Read(#[source] io::Error),
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(#[source] io::Error),
    /// A conversion or the input's reader panicked: a bug of this crate, or of the
    /// caller's `BufRead`.
    #[error("a conversion or the input's reader panicked (a bug of contract-draft or of the reader)")]
    Panicked,
}

/// Runs `work`, turning a panic into [`StreamError::Panicked`].
fn caught(work: impl FnOnce() -> Result<(), StreamError>) -> Result<(), StreamError> {
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or(Err(StreamError::Panicked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_a_stream_error() {
        assert!(matches!(caught(|| panic!("a bug")), Err(StreamError::Panicked)));
        assert!(matches!(caught(|| Ok(())), Ok(())));
    }
}
