//! Dates in exports: the calendar day an item was resolved, completed or closed.
//!
//! Only the day counts. A timestamp's day is taken as written: `2026-11-13T23:30:00+01:00` is
//! the 13th, and a UTC timestamp (`...Z`, as Linear and GitHub write) is its UTC day.

use jiff::civil::Date;
use jiff::fmt::{strtime, temporal::Pieces};

/// An ISO 8601 date or date and time: `2026-11-13`, `2026-11-13T16:05:00.000Z`,
/// `2026-11-13 16:05`.
pub fn iso(text: &str) -> Option<Date> {
    Pieces::parse(text.trim()).ok().map(|pieces| pieces.date())
}

/// A date in a strftime-like `format` (e.g. Jira's `%d/%b/%y %I:%M %p`), else ISO 8601.
pub fn formatted(text: &str, format: &str) -> Option<Date> {
    strtime::parse(format, text.trim())
        .and_then(|tm| tm.to_date())
        .ok()
        .or_else(|| iso(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const JIRA: &str = "%d/%b/%y %I:%M %p";

    #[test]
    fn jira_dates_with_short_hours_and_any_case() {
        assert_eq!(
            formatted("13/Nov/26 4:05 PM", JIRA),
            Some(date(2026, 11, 13))
        );
        assert_eq!(
            formatted("2/nov/26 12:01 am", JIRA),
            Some(date(2026, 11, 2))
        );
        assert_eq!(
            formatted("2026-11-13 09:00", JIRA),
            Some(date(2026, 11, 13))
        );
        assert_eq!(formatted("13.11.2026", JIRA), None);
    }

    #[test]
    fn iso_timestamps_keep_their_written_day() {
        assert_eq!(iso("2026-11-13T23:30:00+01:00"), Some(date(2026, 11, 13)));
        assert_eq!(iso("2026-11-13T16:05:00.000Z"), Some(date(2026, 11, 13)));
        assert_eq!(iso("2026-11-13"), Some(date(2026, 11, 13)));
        assert_eq!(iso("Nov 13"), None);
    }
}
