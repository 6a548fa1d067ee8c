//! The integration tests, one binary so they link once.

mod cli;
mod golden;
mod properties;
mod snapshots;
mod support;
