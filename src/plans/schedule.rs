//! The schedule: each installment with its due date and status, written as ikcrm lists
//! a contract's payment plans.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::amounts;
use super::dates::due;
use super::terms::{Offset, ScheduleRequest, Terms};
use crate::encoding::date::IsoDate;
use crate::encoding::stack_text::serialize_display;
use crate::error::{Error, ErrorKind};
use crate::money::MAX_FRACTION_DIGITS;
use crate::money::RubyDecimal;

impl ScheduleRequest {
    /// The schedule (see the [module docs](crate::plans::ScheduleRequest)): every installment
    /// with its due date and status. Refuses, with an
    /// [`InvalidValue`](crate::ErrorKind::InvalidValue) error naming the term: a
    /// precision above 6; no balance term, or one that is not last, or a second one,
    /// among percentages; a percentage of 0 or above 100; an installment that would be
    /// zero or negative; `equal` below 1 or above 120; a total with more fractional
    /// digits than the precision, split equally; a due date before an earlier term's or
    /// beyond the calendar.
    pub fn schedule(&self) -> Result<PlanSchedule, Error> {
        PlanSchedule::of(self)
    }
}

/// A contract's payment plans, as `data` of ikcrm's list of them:
/// `{"received_payment_plans": […], "total_count": N}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PlanSchedule {
    /// The installments, in order.
    pub received_payment_plans: Vec<ScheduledPlan>,
    /// How many there are.
    pub total_count: usize,
}

/// One installment (第N期回款计划), not yet saved, paid or invoiced.
///
/// Written with exactly the keys ikcrm lists a plan with, in its order: `id` (`null`),
/// `title` (`"第N期回款计划"`), `period_name` (`"第N期"`), `receive_stage` (N),
/// `payment_type`, `payment_type_i18n`, `created_at` (`""`), `amount` (a Ruby decimal
/// string), `note` (`""`), `receive_date`, `received_types` (`"0"`), `paid_up` (false),
/// `received_amount` (`"0.0"`), `received_types_mapped` (`""`), `invoice_amount`
/// (`"0.0"`), `status`, `status_i18n` (`""` without a status), `is_deletable` (true).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScheduledPlan {
    /// Its place, from 1.
    pub receive_stage: u32,
    /// The amount due.
    pub amount: Decimal,
    /// The day it is due.
    pub receive_date: NaiveDate,
    /// Whether it is overdue on the request's `today`; `None` without a `today`.
    pub status: Option<PlanStatus>,
}

/// Where an unpaid installment stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanStatus {
    /// Due before the day: `delay_undone`, 逾期未完成 (the published pair).
    Overdue,
    /// Due that day: `due_today`, 今日到期.
    DueToday,
    /// Due after the day: `undone`, 未完成.
    NotYetDue,
}

impl PlanStatus {
    /// The status of a plan due on `due`, told on `today`.
    pub fn on(today: NaiveDate, due: NaiveDate) -> Self {
        match due.cmp(&today) {
            std::cmp::Ordering::Less => Self::Overdue,
            std::cmp::Ordering::Equal => Self::DueToday,
            std::cmp::Ordering::Greater => Self::NotYetDue,
        }
    }

    /// The `status` key's value.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Overdue => "delay_undone",
            Self::DueToday => "due_today",
            Self::NotYetDue => "undone",
        }
    }

    /// The `status_i18n` key's value.
    pub const fn i18n(self) -> &'static str {
        match self {
            Self::Overdue => "逾期未完成",
            Self::DueToday => "今日到期",
            Self::NotYetDue => "未完成",
        }
    }
}

impl PlanSchedule {
    /// See [`ScheduleRequest::schedule`].
    pub(super) fn of(request: &ScheduleRequest) -> Result<Self, Error> {
        let precision = request.precision;
        if precision > MAX_FRACTION_DIGITS {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "precision",
                format_args!("{precision} fractional digits is above {MAX_FRACTION_DIGITS}"),
            ));
        }
        let (installments, offsets): (Vec<Decimal>, Vec<(String, Offset)>) = match &request.terms {
            Terms::Split(terms) => {
                let shares: Vec<_> = terms.iter().map(|term| term.share).collect();
                let offsets =
                    terms.iter().enumerate().map(|(index, term)| (format!("terms[{index}]"), term.offset));
                (amounts::split(request.total_amount, precision, &shares)?, offsets.collect())
            }
            Terms::Equal { count, every_months } => {
                let offsets = (0..*count).map(|index| {
                    ("terms.every_months".to_owned(), Offset::Months(index.saturating_mul(*every_months)))
                });
                (amounts::equal(request.total_amount, precision, *count)?, offsets.collect())
            }
        };
        if !(1..=9999).contains(&request.start.year()) {
            return Err(Error::new(ErrorKind::InvalidValue, "start", "is outside the years 0001 to 9999"));
        }
        let mut plans = Vec::with_capacity(installments.len());
        let mut previous = request.start;
        for (stage, (amount, (path, offset))) in (1..).zip(installments.into_iter().zip(offsets)) {
            let Some(receive_date) =
                due(request.start, offset).filter(|day| *day >= previous && day.year() <= 9999)
            else {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    path,
                    "is due before an earlier term, or after 9999-12-31",
                ));
            };
            previous = receive_date;
            let status = request.today.map(|today| PlanStatus::on(today, receive_date));
            plans.push(ScheduledPlan { receive_stage: stage, amount, receive_date, status });
        }
        Ok(Self { total_count: plans.len(), received_payment_plans: plans })
    }
}

impl Serialize for ScheduledPlan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let stage = self.receive_stage;
        let (status, status_i18n) = self.status.map_or(("", ""), |status| (status.name(), status.i18n()));
        let mut map = serializer.serialize_map(Some(18))?;
        map.serialize_entry("id", &())?;
        map.serialize_entry("title", &format_args!("第{stage}期回款计划"))?;
        map.serialize_entry("period_name", &format_args!("第{stage}期"))?;
        map.serialize_entry("receive_stage", &stage)?;
        map.serialize_entry("payment_type", "")?;
        map.serialize_entry("payment_type_i18n", "")?;
        map.serialize_entry("created_at", "")?;
        map.serialize_entry("amount", &Written(&RubyDecimal(self.amount)))?;
        map.serialize_entry("note", "")?;
        map.serialize_entry("receive_date", &Written(&IsoDate(self.receive_date)))?;
        map.serialize_entry("received_types", "0")?;
        map.serialize_entry("paid_up", &false)?;
        map.serialize_entry("received_amount", "0.0")?;
        map.serialize_entry("received_types_mapped", "")?;
        map.serialize_entry("invoice_amount", "0.0")?;
        map.serialize_entry("status", status)?;
        map.serialize_entry("status_i18n", status_i18n)?;
        map.serialize_entry("is_deletable", &true)?;
        map.end()
    }
}

/// A value written as its `Display` text, in one piece.
struct Written<'a, T>(&'a T);

impl<T: std::fmt::Display> Serialize for Written<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_display(serializer, self.0)
    }
}
