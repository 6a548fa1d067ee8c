//! Due dates: calendar months after the start day, clamped to the month's last day, or
//! days after it.

use chrono::{Days, Months, NaiveDate};

use super::terms::Offset;

/// The day `offset` after `start`, counted from `start` itself (never from an earlier
/// due date, so that a clamped day does not drift: from Jan 31, one month is Feb 28 and
/// two are Mar 31); `None` beyond the calendar.
pub(super) fn due(start: NaiveDate, offset: Offset) -> Option<NaiveDate> {
    match offset {
        Offset::Months(months) => start.checked_add_months(Months::new(months)),
        Offset::Days(days) => start.checked_add_days(Days::new(u64::from(days))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn months_clamp_to_the_last_day_and_never_drift() {
        let from = |start: &str, months| due(day(start), Offset::Months(months)).unwrap().to_string();
        assert_eq!(from("2026-01-31", 1), "2026-02-28");
        assert_eq!(from("2026-01-31", 2), "2026-03-31");
        assert_eq!(from("2026-01-31", 3), "2026-04-30");
        assert_eq!(from("2024-01-31", 1), "2024-02-29");
        assert_eq!(from("2026-01-31", 0), "2026-01-31");
        assert_eq!(due(day("2026-01-31"), Offset::Days(30)), Some(day("2026-03-02")));
        assert_eq!(due(NaiveDate::MAX, Offset::Months(1)), None);
    }
}
