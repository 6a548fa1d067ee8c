//! What a schedule is made from (the total, the start, the terms), and reading it from
//! JSON. Scheduling itself is `schedule`'s: this module uses no other of `plans`.

use std::fmt;
use std::marker::PhantomData;

use chrono::NaiveDate;
use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::encoding::bounded::too_many;
use crate::encoding::reader::{Problem, read_json};

use crate::encoding::record::Required;
use crate::error::{Error, ErrorKind};
use crate::limits::MAX_PLAN_TERMS;
use crate::money::Amount;

/// What share of the total a term takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Share {
    /// This percentage of the total (above 0, at most 100), rounded half away from zero
    /// to the schedule's precision.
    Percent(Amount),
    /// The exact rest of the total: the last term, when the others are percentages.
    Balance,
}

/// When a term is due, after the schedule's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Offset {
    /// This many calendar months after the start day, clamped to the month's last day.
    Months(u32),
    /// This many days after the start.
    Days(u32),
}

/// One installment of a schedule made of percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Required<RawTerm>")]
#[non_exhaustive]
pub struct Term {
    /// Its share of the total.
    pub share: Share,
    /// When it is due.
    pub offset: Offset,
}

impl Term {
    /// A term of `share`, due `offset` after the start.
    pub const fn new(share: Share, offset: Offset) -> Self {
        Self { share, offset }
    }
}

/// How the total is split.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Terms {
    /// Percentages, the last term taking the balance. JSON: a list of
    /// `{"percent": "30", "after_months": 0}` and one `{"balance": true, …}`, each with
    /// `after_months` or `after_days` (neither: due at the start).
    Split(Vec<Term>),
    /// `count` installments (1 to 120) differing by at most one unit of the precision,
    /// one every `every_months` months from the start. JSON:
    /// `{"equal": 3, "every_months": 1}`.
    Equal {
        /// How many installments.
        count: u32,
        /// Months between installments.
        every_months: u32,
    },
}

/// What a payment-plan schedule is made from.
///
/// JSON: `{"total_amount": "100000.0", "start": "2026-01-31", "today": "2026-03-15",
/// "precision": 2, "terms": …}` (see [`Terms`]); `today` and `precision` may be left out.
/// Unknown keys are refused: a misspelt term would change the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScheduleRequest {
    /// The contract's total, which the installments add up to exactly.
    pub total_amount: Amount,
    /// The day offsets count from.
    pub start: NaiveDate,
    /// The day statuses are told for; none: statuses are `""`.
    pub today: Option<NaiveDate>,
    /// Fractional digits of each installment, 0 to 6 (2 by default).
    pub precision: u32,
    /// How the total is split.
    pub terms: Terms,
}

impl ScheduleRequest {
    /// A request for `total_amount` from `start` split by `terms`, with 2 fractional
    /// digits and no `today`: start here, then set public fields.
    pub const fn new(total_amount: Amount, start: NaiveDate, terms: Terms) -> Self {
        Self { total_amount, start, today: None, precision: DEFAULT_PRECISION, terms }
    }

    /// Reads a request from JSON; errors name the field by its path. What the shape
    /// cannot tell (a balance that is not last, percentages above 100) is
    /// [`ScheduleRequest::schedule`]'s to check.
    pub fn from_json(json: &[u8]) -> Result<Self, Error> {
        read_json::<Required<RawRequest>>(json).map(|raw| raw.0.into_request())
    }

    /// Reads the request for a contract's schedule whose total and start are the
    /// contract's: `{"terms": …, "today": …, "precision": …}` as a client sends it for a
    /// saved contract (`today` and `precision` may be left out; no other key).
    ///
    /// ```
    /// use contract_draft::plans::ScheduleRequest;
    /// use contract_draft::chrono::NaiveDate;
    ///
    /// let start = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
    /// let request = ScheduleRequest::for_contract(br#"{"terms": {"equal": 2, "every_months": 1}}"#, "100".parse()?, start)?;
    /// assert_eq!(request.schedule()?.received_payment_plans[1].receive_date.to_string(), "2026-02-28");
    /// assert!(ScheduleRequest::for_contract(br#"{"terms": {"equal": 2}, "start": "2026-01-01"}"#, "100".parse()?, start).is_err());
    /// # Ok::<(), contract_draft::Error>(())
    /// ```
    pub fn for_contract(json: &[u8], total_amount: Amount, start: NaiveDate) -> Result<Self, Error> {
        read_json::<Required<RawContractRequest>>(json).map(|raw| Self {
            total_amount,
            start,
            today: raw.0.today,
            precision: raw.0.precision.unwrap_or(DEFAULT_PRECISION),
            terms: raw.0.terms,
        })
    }
}

/// Installments have two fractional digits unless the request says otherwise.
const DEFAULT_PRECISION: u32 = 2;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    total_amount: Amount,
    #[serde(deserialize_with = "crate::encoding::date::required")]
    start: NaiveDate,
    #[serde(default, deserialize_with = "crate::encoding::date::optional")]
    today: Option<NaiveDate>,
    #[serde(default)]
    precision: Option<u32>,
    terms: Terms,
}

/// A contract's schedule request as written: the total and start are the contract's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContractRequest {
    #[serde(default, deserialize_with = "crate::encoding::date::optional")]
    today: Option<NaiveDate>,
    #[serde(default)]
    precision: Option<u32>,
    terms: Terms,
}

impl RawRequest {
    fn into_request(self) -> ScheduleRequest {
        ScheduleRequest {
            total_amount: self.total_amount,
            start: self.start,
            today: self.today,
            precision: self.precision.unwrap_or(DEFAULT_PRECISION),
            terms: self.terms,
        }
    }
}

/// A term as written: which keys it has is checked when it is read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    #[serde(default)]
    percent: Option<Amount>,
    #[serde(default)]
    balance: Option<bool>,
    #[serde(default)]
    after_months: Option<u32>,
    #[serde(default)]
    after_days: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEqual {
    equal: u32,
    #[serde(default)]
    every_months: Option<u32>,
}

impl<'de> Deserialize<'de> for Terms {
    /// A list of terms, or `{"equal": n, "every_months": m}`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TermsVisitor(PhantomData))
    }
}

struct TermsVisitor<'de>(PhantomData<&'de ()>);

impl<'de> Visitor<'de> for TermsVisitor<'de> {
    type Value = Terms;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a list of terms or {"equal": n, "every_months": m}"#)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Terms, A::Error> {
        let mut terms = Vec::new();
        while let Some(term) = seq.next_element::<Term>()? {
            if terms.len() == MAX_PLAN_TERMS {
                return Err(too_many(MAX_PLAN_TERMS, "items"));
            }
            terms.push(term);
        }
        Ok(Terms::Split(terms))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Terms, A::Error> {
        let raw = RawEqual::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Terms::Equal { count: raw.equal, every_months: raw.every_months.unwrap_or(0) })
    }
}

impl TryFrom<Required<RawTerm>> for Term {
    type Error = Problem<&'static str>;

    /// The term a written one (an object) says, if it says one thing: a percentage or
    /// the balance, due after months or days.
    fn try_from(Required(raw): Required<RawTerm>) -> Result<Self, Problem<&'static str>> {
        let invalid = |detail| Problem(ErrorKind::InvalidValue, detail);
        let share = match (raw.percent, raw.balance) {
            (Some(percent), None | Some(false)) => Share::Percent(percent),
            (None, Some(true)) => Share::Balance,
            (Some(_), Some(true)) => return Err(invalid("a term is a percent or the balance, not both")),
            (None, _) => return Err(invalid(r#"a term needs "percent" or "balance": true"#)),
        };
        let offset = match (raw.after_months, raw.after_days) {
            (Some(_), Some(_)) => return Err(invalid("a term is due after_months or after_days, not both")),
            (months, None) => Offset::Months(months.unwrap_or(0)),
            (None, Some(days)) => Offset::Days(days),
        };
        Ok(Term { share, offset })
    }
}
