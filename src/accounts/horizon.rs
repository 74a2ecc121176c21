//! How far ahead forecasts and paybacks look.
//!
//! A pace near zero, a huge scope or a tiny interest can put a finish millions of sprints away,
//! past the last date the calendar can hold. Such a forecast is a result ("not within 100 years
//! at this pace"), not a date: every projection goes through [`Horizon::project`], which stays
//! in plain numbers until the date is known to exist, so no span arithmetic can overflow.

use jiff::Span;
use jiff::civil::Date;

use crate::load::input::Day;

/// Forecasts further ahead than this are reported as beyond the horizon.
pub const HORIZON_YEARS: i16 = 100;

/// Days in [`HORIZON_YEARS`] years, for projections with no starting day.
pub const HORIZON_DAYS: i64 = 36_525;

/// The window a projection may land in: from a starting day to 100 years later, or to the
/// calendar's last day (9999-12-31) when that comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    /// The day projections count from (the current sprint's end).
    pub from: Day,
    /// The last day a projection may fall on.
    pub until: Day,
}

/// Why a projection has no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beyond {
    /// More than [`HORIZON_YEARS`] away.
    Years,
    /// Later than 9999-12-31, the last date tally can represent, and within 100 years.
    Calendar,
}

impl Beyond {
    /// When it is not: "within 100 years", for "it does not finish within 100 years".
    pub fn limit(self) -> &'static str {
        match self {
            Self::Years => "within 100 years",
            Self::Calendar => "before the end of the year 9999",
        }
    }

    /// The words readers see in a table cell: "not within 100 years".
    pub fn words(self) -> String {
        format!("not {}", self.limit())
    }

    /// The reason given in `data/accounts.json`.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Years => "beyond the 100-year horizon at this pace",
            Self::Calendar => "after 9999-12-31, the last date that can be represented",
        }
    }
}

impl Horizon {
    /// The horizon of projections that count from `from`.
    pub fn from(from: Day) -> Self {
        let until = from
            .0
            .checked_add(Span::new().years(HORIZON_YEARS))
            .unwrap_or(Date::MAX);
        Self {
            from,
            until: Day(until),
        }
    }

    /// Why projections past this horizon have no date.
    pub fn beyond(&self) -> Beyond {
        if self.until.0 == Date::MAX && self.span_days() < HORIZON_DAYS {
            Beyond::Calendar
        } else {
            Beyond::Years
        }
    }

    /// Days from `from` to `until`.
    fn span_days(&self) -> i64 {
        i64::from((self.until.0 - self.from.0).get_days())
    }

    /// The day `sprints` sprints of `cadence` days after `from` (whole sprints: a part sprint
    /// counts as one), or `None` when it falls after `until` or the count is not a number.
    pub fn project(&self, sprints: f64, cadence: i64) -> Option<Day> {
        let days = days_for(sprints, cadence)?;
        if days > self.span_days() {
            return None;
        }
        let span = Span::new().try_days(days).ok()?;
        self.from.0.checked_add(span).ok().map(Day)
    }

    /// Whether `sprints` sprints of `cadence` days end within the horizon.
    pub fn reaches(&self, sprints: f64, cadence: i64) -> bool {
        days_for(sprints, cadence).is_some_and(|days| days <= self.span_days())
    }
}

/// Whether `sprints` sprints of `cadence` days fit in [`HORIZON_YEARS`] years, for a projection
/// with no starting day (a site without sprints).
pub fn within_years(sprints: f64, cadence: i64) -> bool {
    days_for(sprints, cadence).is_some_and(|days| days <= HORIZON_DAYS)
}

/// Whole days in `sprints` sprints (rounded up) of `cadence` days, computed in floating point
/// so that it cannot overflow; `None` when it is not a finite count or more than fits an `i64`.
fn days_for(sprints: f64, cadence: i64) -> Option<i64> {
    if !sprints.is_finite() || sprints < 0.0 {
        return None;
    }
    let days = sprints.ceil() * cadence.max(1) as f64;
    // 2^53: beyond it, days are not exact integers (and far beyond any horizon anyway).
    (days <= 9_007_199_254_740_992.0).then_some(days as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn day(y: i16, m: i8, d: i8) -> Day {
        Day(date(y, m, d))
    }

    #[test]
    fn projections_count_whole_sprints() {
        let horizon = Horizon::from(day(2026, 11, 13));
        assert_eq!(horizon.until, day(2126, 11, 13));
        // 2.5 sprints count as 3: 42 days.
        assert_eq!(horizon.project(2.5, 14), Some(day(2026, 12, 25)));
        assert_eq!(horizon.project(0.0, 14), Some(day(2026, 11, 13)));
    }

    #[test]
    fn the_last_day_of_the_horizon_is_in_it_and_the_next_is_not() {
        let horizon = Horizon::from(day(2026, 11, 13));
        let days = (horizon.until.0 - horizon.from.0).get_days();
        assert_eq!(horizon.project(f64::from(days), 1), Some(day(2126, 11, 13)));
        assert_eq!(horizon.project(f64::from(days) + 1.0, 1), None);
        assert!(!horizon.reaches(f64::from(days) + 1.0, 1));
        assert_eq!(horizon.beyond(), Beyond::Years);
    }

    #[test]
    fn huge_and_broken_counts_are_beyond_not_a_panic() {
        let horizon = Horizon::from(day(2026, 11, 13));
        for sprints in [1e7, 1e300, f64::MAX, f64::INFINITY, f64::NAN, -1.0] {
            assert_eq!(horizon.project(sprints, 14), None, "{sprints}");
        }
        // A cadence as long as the calendar.
        assert_eq!(horizon.project(3.0, i64::MAX), None);
    }

    #[test]
    fn near_the_end_of_the_calendar_the_calendar_is_the_limit() {
        let horizon = Horizon::from(day(9999, 12, 31));
        assert_eq!(horizon.until, day(9999, 12, 31));
        assert_eq!(horizon.project(1.0, 14), None);
        assert_eq!(horizon.beyond(), Beyond::Calendar);
        assert_eq!(
            horizon.beyond().words(),
            "not before the end of the year 9999"
        );
        let horizon = Horizon::from(day(9990, 1, 1));
        assert_eq!(horizon.project(2.0, 14), Some(day(9990, 1, 29)));
        assert_eq!(horizon.beyond(), Beyond::Calendar);
    }

    #[test]
    fn without_a_starting_day_the_limit_is_100_years_of_days() {
        assert!(within_years(2608.0, 14));
        assert!(!within_years(2610.0, 14));
        assert!(!within_years(f64::NAN, 14));
    }
}
