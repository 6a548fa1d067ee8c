//! The reference service: `contract-draft` answering ikcrm's contract endpoints over
//! HTTP, on an embedded SQLite database.
//!
//! - `GET /api/v2/contracts/new_from_opportunity?opportunity_id=N`: the draft;
//! - `POST /api/v2/contracts`: a form checked and saved, answered with the saved
//!   contract and its new id (a contract number the company already has: ikcrm's
//!   duplicate error);
//! - `POST /api/v2/contracts/:id/received_payment_plans`: a saved contract's payment-plan
//!   schedule, made from the terms posted and stored;
//! - `GET /api/v2/contracts/:id/receivables`: what the saved contract's plans leave.
//!
//! Every request is authenticated as ikcrm's are (`Authorization: Token token=…,
//! device=open_api, version_code=9.9.9`), by a token the `token` command makes. Every
//! body is one of the library's envelopes and every status its error kind's.

pub mod app;
pub mod seed;
pub mod server;
pub mod store;
pub mod tokens;
