//! The integration tests, one binary so they link once.

// Ids and amounts are written as the documented sample writes them.
#![allow(clippy::unreadable_literal)]
// Test inputs are built for clarity, not speed.
#![allow(clippy::format_collect)]

mod any_deserializer;
mod autotraits;
mod bad_input;
#[path = "../shared/bad_input_cases.rs"]
mod bad_input_cases;
mod company;
mod echo;
mod envelopes;
mod fidelity;
mod golden;
mod hiding;
mod jsonl;
mod layers;
mod limits;
mod plans;
mod properties;
mod receivables;
mod request;
mod robustness;
mod snapshots;
mod submit;
#[path = "../shared/support.rs"]
mod support;
mod tolerant_input;
mod wrong_types;
