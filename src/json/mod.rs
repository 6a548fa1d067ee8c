//! The JSON edge on the way out: the response envelopes and the output style (layout,
//! HTML escaping).

mod envelope;
mod style;

pub use envelope::{Envelope, ErrorEnvelope, FieldProblem};
pub use style::{JsonStyle, Layout};
