//! Payment-plan schedules (回款计划): a contract's total split into installments with
//! due dates, as ikcrm lists a contract's plans.
//!
//! A [`ScheduleRequest`] names the total, the day counting starts from, the precision of
//! each installment and the terms: percentages of the total with one balance term, or
//! `n` equal installments. [`ScheduleRequest::schedule`] makes the plans:
//! - the installments add up to the total exactly: a percentage is rounded half away
//!   from zero to the precision and the balance takes the exact rest; equal
//!   installments differ by at most one unit of the precision, the earlier ones taking
//!   the extra units (100 in 3: 33.34, 33.33, 33.33);
//! - installment dates are calendar months (or days) after the start, counted from the
//!   start day each time and clamped to the month's last day (from 2026-01-31: 02-28,
//!   03-31, 04-30), so they never drift; they never go back in time;
//! - with `today`, each plan's status says whether it is overdue (the published
//!   `delay_undone`, 逾期未完成), due today or not yet due.
//!
//! ```
//! use contract_draft::Envelope;
//! use contract_draft::plans::ScheduleRequest;
//!
//! let request = ScheduleRequest::from_json(br#"{"total_amount": "100", "start": "2026-01-31",
//!     "terms": {"equal": 3, "every_months": 1}}"#)?;
//! let schedule = request.schedule()?;
//! let amounts: Vec<String> = schedule.received_payment_plans.iter().map(|plan| plan.amount.to_string()).collect();
//! assert_eq!(amounts, ["33.34", "33.33", "33.33"]);
//! let dates: Vec<String> = schedule.received_payment_plans.iter().map(|plan| plan.receive_date.to_string()).collect();
//! assert_eq!(dates, ["2026-01-31", "2026-02-28", "2026-03-31"]);
//! # Ok::<(), contract_draft::Error>(())
//! ```

// `terms` (what a schedule is made from, and its reading) uses none of the others;
// `amounts` (exact splitting) and `dates` (due dates) use the terms; `schedule` uses all
// three (tests/integration/layers.rs keeps each folder free of cycles).
mod amounts;
mod dates;
mod schedule;
mod terms;

pub use schedule::{PlanSchedule, PlanStatus, ScheduledPlan};
pub use terms::{Offset, ScheduleRequest, Share, Term, Terms};
