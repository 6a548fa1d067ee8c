//! Payment-plan schedules: the issue's examples as shipped text, and the properties the
//! rounding and date rules promise, against a naive month arithmetic written here.

use chrono::{Datelike, NaiveDate};
use contract_draft::plans::{Offset, ScheduleRequest, Share, Term, Terms};
use contract_draft::{Amount, Envelope, ErrorKind};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::support::raw_at;

fn schedule_json(request: &str) -> String {
    let schedule = ScheduleRequest::from_json(request.as_bytes()).and_then(|request| request.schedule());
    serde_json::to_string(&Envelope::new(schedule.unwrap())).unwrap()
}

fn problem(request: &str) -> (ErrorKind, String, String) {
    let error =
        ScheduleRequest::from_json(request.as_bytes()).and_then(|request| request.schedule()).unwrap_err();
    (error.kind(), error.path().to_owned(), error.detail().to_owned())
}

#[test]
fn percentages_with_a_balance_as_published() {
    let json = schedule_json(
        r#"{"total_amount": "100000.0", "start": "2026-01-31", "today": "2026-03-15", "precision": 2,
            "terms": [{"percent": "30", "after_months": 0}, {"percent": "40", "after_months": 1},
                      {"balance": true, "after_months": 3}]}"#,
    );
    assert_eq!(
        raw_at(&json, "/data/received_payment_plans/0"),
        r#"{"id":null,"title":"第1期回款计划","period_name":"第1期","receive_stage":1,"payment_type":"","payment_type_i18n":"","created_at":"","amount":"30000.0","note":"","receive_date":"2026-01-31","received_types":"0","paid_up":false,"received_amount":"0.0","received_types_mapped":"","invoice_amount":"0.0","status":"delay_undone","status_i18n":"逾期未完成","is_deletable":true}"#
    );
    let field =
        |index: usize, key: &str| raw_at(&json, &format!("/data/received_payment_plans/{index}/{key}"));
    assert_eq!(
        (field(1, "amount"), field(1, "receive_date")),
        (r#""40000.0""#.into(), r#""2026-02-28""#.into())
    );
    assert_eq!(
        (field(2, "amount"), field(2, "receive_date")),
        (r#""30000.0""#.into(), r#""2026-04-30""#.into())
    );
    assert_eq!((field(2, "status"), field(2, "status_i18n")), (r#""undone""#.into(), r#""未完成""#.into()));
    assert_eq!(raw_at(&json, "/data/total_count"), "3");
    assert!(json.starts_with(r#"{"code":0,"data":{"received_payment_plans":["#));
}

#[test]
fn equal_installments_give_the_earlier_ones_the_extra_units() {
    let json = schedule_json(
        r#"{"total_amount": "100", "start": "2024-01-31", "terms": {"equal": 3, "every_months": 1}}"#,
    );
    let field =
        |index: usize, key: &str| raw_at(&json, &format!("/data/received_payment_plans/{index}/{key}"));
    let amounts: Vec<String> = (0..3).map(|index| field(index, "amount")).collect();
    assert_eq!(amounts, [r#""33.34""#, r#""33.33""#, r#""33.33""#]);
    let dates: Vec<String> = (0..3).map(|index| field(index, "receive_date")).collect();
    assert_eq!(dates, [r#""2024-01-31""#, r#""2024-02-29""#, r#""2024-03-31""#]);
    // Without today, no status.
    assert_eq!((field(0, "status"), field(0, "status_i18n")), (r#""""#.into(), r#""""#.into()));
}

#[test]
fn a_plan_due_today_is_due_today() {
    let json = schedule_json(
        r#"{"total_amount": "10", "start": "2026-03-15", "today": "2026-03-15", "precision": 0,
            "terms": [{"percent": 50, "after_days": 0}, {"balance": true, "after_days": 1}]}"#,
    );
    assert_eq!(raw_at(&json, "/data/received_payment_plans/0/status"), r#""due_today""#);
    assert_eq!(raw_at(&json, "/data/received_payment_plans/0/status_i18n"), r#""今日到期""#);
    assert_eq!(raw_at(&json, "/data/received_payment_plans/1/receive_date"), r#""2026-03-16""#);
}

#[test]
fn every_refusal_names_its_term() {
    let request =
        |terms: &str| format!(r#"{{"total_amount": "100", "start": "2026-01-31", "terms": {terms}}}"#);
    for (terms, path) in [
        (r#"[{"percent": "101"}, {"balance": true}]"#, "terms[0].percent"),
        (r#"[{"percent": "0"}, {"balance": true}]"#, "terms[0].percent"),
        // 100 % is a percentage; it leaves no balance.
        (r#"[{"percent": "100"}, {"balance": true}]"#, "terms[1].balance"),
        (r#"[{"percent": "60"}, {"percent": "40"}, {"balance": true}]"#, "terms[2].balance"),
        (r#"[{"percent": "30"}]"#, "terms"),
        (r#"[{"balance": true}, {"percent": "30"}]"#, "terms[0].balance"),
        (r#"[{"percent": "30", "after_months": 2}, {"balance": true, "after_months": 1}]"#, "terms[1]"),
        (r#"[{"percent": "30", "after_months": -1}, {"balance": true}]"#, "terms[0].after_months"),
        (r#"[{"percent": "30", "after_months": 1, "after_days": 1}, {"balance": true}]"#, "terms[0]"),
        (r#"[{"percent": "0.001"}, {"balance": true}]"#, "terms[0].percent"),
        (r#"{"equal": 0}"#, "terms.equal"),
        (r#"{"equal": 121}"#, "terms.equal"),
        (r#"{"equal": 3, "every_months": -1}"#, "terms.every_months"),
    ] {
        let (kind, found, detail) = problem(&request(terms));
        assert_eq!((kind, found.as_str()), (ErrorKind::InvalidValue, path), "{terms}: {detail}");
    }
    let (kind, path, _) =
        problem(r#"{"total_amount": "0.01", "start": "2026-01-31", "terms": {"equal": 2}}"#);
    assert_eq!((kind, path.as_str()), (ErrorKind::InvalidValue, "terms.equal"));
    let (kind, path, _) =
        problem(r#"{"total_amount": "1.005", "start": "2026-01-31", "terms": {"equal": 2}}"#);
    assert_eq!((kind, path.as_str()), (ErrorKind::InvalidValue, "total_amount"));
    let (kind, path, _) =
        problem(r#"{"total_amount": "1", "start": "2026-01-31", "precision": 7, "terms": {"equal": 1}}"#);
    assert_eq!((kind, path.as_str()), (ErrorKind::InvalidValue, "precision"));
    let (kind, path, _) = problem(r#"{"total_amount": "1", "start": "2026-02-30", "terms": {"equal": 1}}"#);
    assert_eq!((kind, path.as_str()), (ErrorKind::ImpossibleDate, "start"));
    let (kind, path, _) =
        problem(r#"{"total_amount": "1", "start": "2026-01-31", "terms": {"equal": 1}, "x": 1}"#);
    assert_eq!((kind, path.as_str()), (ErrorKind::InvalidValue, "x"));
}

/// Naive month arithmetic: the same day `months` later, or the month's last day.
fn naive_months_after(start: NaiveDate, months: u32) -> NaiveDate {
    let index = start.year() * 12 + i32::try_from(start.month0() + months).unwrap();
    let (year, month) = (index.div_euclid(12), u32::try_from(index.rem_euclid(12)).unwrap() + 1);
    (28..=start.day().max(28))
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(year, month, day.min(start.day())))
        .unwrap()
}

fn total() -> impl Strategy<Value = (Amount, u32)> {
    // A total at the precision, so that equal splits apply.
    (0_u32..=6, 1_i64..1_000_000_000_000)
        .prop_map(|(precision, units)| (Amount::new(Decimal::new(units, precision)).unwrap(), precision))
}

fn start() -> impl Strategy<Value = NaiveDate> {
    (1990_i32..2100, 1_u32..=12, 1_u32..=31).prop_filter_map("a day of the calendar", |(year, month, day)| {
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

proptest! {
    #[test]
    fn equal_installments_add_up_and_differ_by_one_unit_at_most(
        (total, precision) in total(), start in start(), count in 1_u32..=120, every in 0_u32..=24,
    ) {
        let mut request = ScheduleRequest::new(total, start, Terms::Equal { count, every_months: every });
        request.precision = precision;
        let Ok(schedule) = request.schedule() else {
            // Only a total of fewer units than installments is refused.
            prop_assert!(total.get() * Decimal::from(10_u64.pow(precision)) < Decimal::from(count));
            return Ok(());
        };
        let plans = &schedule.received_payment_plans;
        prop_assert_eq!(plans.len(), count as usize);
        prop_assert_eq!(plans.iter().map(|plan| plan.amount).sum::<Decimal>(), total.get());
        let unit = Decimal::new(1, precision);
        for pair in plans.windows(2) {
            prop_assert!(pair[0].amount >= pair[1].amount && pair[0].amount - pair[1].amount <= unit);
            prop_assert!(pair[0].receive_date <= pair[1].receive_date);
        }
        for (index, plan) in (0_u32..).zip(plans) {
            prop_assert_eq!(plan.receive_date, naive_months_after(start, index * every));
            prop_assert!(plan.amount > Decimal::ZERO && plan.amount.scale() <= precision);
        }
    }

    #[test]
    fn percentages_add_up_with_the_balance(
        (total, precision) in total(), start in start(),
        percents in proptest::collection::vec(1_i64..=4000, 1..5), months in proptest::collection::vec(0_u32..=36, 5),
    ) {
        let mut months = months;
        months.sort_unstable();
        let mut terms: Vec<Term> = percents.iter().zip(&months).map(|(percent, months)| {
            Term::new(Share::Percent(Amount::new(Decimal::new(*percent, 2)).unwrap()), Offset::Months(*months))
        }).collect();
        terms.push(Term::new(Share::Balance, Offset::Months(months[4])));
        let mut request = ScheduleRequest::new(total, start, Terms::Split(terms));
        request.precision = precision;
        // The rule: each percentage rounded half away from zero; refused when one is
        // zero or they leave no balance.
        let rounded: Vec<Decimal> = percents.iter().map(|percent| {
            (total.get() * Decimal::new(*percent, 2) / Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(precision, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        }).collect();
        let refused = rounded.iter().any(Decimal::is_zero) || rounded.iter().sum::<Decimal>() >= total.get();
        let Ok(schedule) = request.schedule() else {
            prop_assert!(refused);
            return Ok(());
        };
        prop_assert!(!refused);
        let plans = &schedule.received_payment_plans;
        prop_assert_eq!(plans.iter().map(|plan| plan.amount).sum::<Decimal>(), total.get());
        prop_assert!(plans.iter().zip(&rounded).all(|(plan, rounded)| plan.amount == *rounded));
        for (plan, (percent, months)) in plans.iter().zip(percents.iter().zip(&months)) {
            let exact = total.get() * Decimal::new(*percent, 2) / Decimal::ONE_HUNDRED;
            prop_assert!((plan.amount - exact).abs() <= Decimal::new(5, precision + 1), "{} of {}", plan.amount, exact);
            prop_assert_eq!(plan.receive_date, naive_months_after(start, *months));
        }
        prop_assert!(plans.windows(2).all(|pair| pair[0].receive_date <= pair[1].receive_date));
    }
}

/// Found by an attack on the schedules.
#[test]
fn the_largest_totals_and_the_last_years_are_handled() {
    // The share of a near-maximal total needs 32 digits before rounding.
    let json = schedule_json(
        r#"{"total_amount": "999999999999999999.999999", "start": "2026-01-31",
            "terms": [{"percent": "33.333333"}, {"balance": true}]}"#,
    );
    // 999999999999999999.999999 × 33.333333 % = 333333329999999999.99999966666667
    assert_eq!(raw_at(&json, "/data/received_payment_plans/0/amount"), r#""333333330000000000.0""#);
    assert_eq!(raw_at(&json, "/data/received_payment_plans/1/amount"), r#""666666669999999999.999999""#);
    let (kind, path, _) = problem(
        r#"{"total_amount": "100", "start": "9999-12-31", "terms": [{"percent": 50}, {"balance": true, "after_days": 1}]}"#,
    );
    assert_eq!((kind, path.as_str()), (ErrorKind::InvalidValue, "terms[1]"));
    let json = schedule_json(
        r#"{"total_amount": "2", "start": "2026-01-31", "terms": {"equal": 2, "every_months": null}}"#,
    );
    assert_eq!(raw_at(&json, "/data/received_payment_plans/1/receive_date"), r#""2026-01-31""#);
}
