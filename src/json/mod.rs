//! The JSON edge on the way out: the response envelopes, the output style (layout, HTML
//! escaping) and the JSON Lines stream, which reads bundles and writes envelopes.

mod envelope;
mod lines;
mod style;

pub use envelope::{Envelope, ErrorEnvelope, FieldProblem};
pub use lines::{DEFAULT_MAX_LINE_BYTES, LinesOptions, LinesSummary, MAX_JOBS, StreamError, convert_lines};
pub use style::{JsonStyle, Layout};
