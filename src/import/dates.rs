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

/// A date as Linear's CSV writes it: JavaScript's `Date.toString()`
/// (`Thu May 23 2024 16:06:19 GMT+0000 (GMT)`, whatever zone name stands in the parentheses,
/// or none), `Date.toUTCString()` (`Thu, 23 May 2024 16:06:19 GMT`), else ISO 8601. The day is
/// the one written, in the zone written.
pub fn linear(text: &str) -> Option<Date> {
    let text = text.trim();
    let without_zone_name = match text.rfind(" (") {
        Some(at) if text.ends_with(')') => text[..at].trim_end(),
        _ => text,
    };
    const FORMS: [&str; 3] = [
        "%a %b %d %Y %H:%M:%S GMT%z",
        "%a %b %d %Y %H:%M:%S",
        "%a, %d %b %Y %H:%M:%S GMT",
    ];
    FORMS
        .iter()
        .find_map(|form| strtime::parse(form, without_zone_name).ok()?.to_date().ok())
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
    fn linear_writes_javascript_dates_with_any_zone_name() {
        let may_23 = Some(date(2024, 5, 23));
        assert_eq!(linear("Thu May 23 2024 16:06:19 GMT+0000 (GMT)"), may_23);
        assert_eq!(
            linear("Thu May 23 2024 16:06:19 GMT+0000 (Coordinated Universal Time)"),
            may_23
        );
        // The day as written in its zone: 23:30 in Berlin is still the 23rd there.
        assert_eq!(
            linear("Thu May 23 2024 23:30:00 GMT+0200 (Central European Summer Time)"),
            may_23
        );
        assert_eq!(linear("Thu May 23 2024 16:06:19 GMT-0700"), may_23);
        assert_eq!(linear("Thu, 23 May 2024 16:06:19 GMT"), may_23);
        assert_eq!(linear("2024-05-23T16:06:19.000Z"), may_23);
        assert_eq!(linear("  2024-05-23  "), may_23);
        assert_eq!(linear("May 23"), None);
        assert_eq!(linear("Thu May 32 2024 16:06:19 GMT+0000 (GMT)"), None);
    }

    #[test]
    fn iso_timestamps_keep_their_written_day() {
        assert_eq!(iso("2026-11-13T23:30:00+01:00"), Some(date(2026, 11, 13)));
        assert_eq!(iso("2026-11-13T16:05:00.000Z"), Some(date(2026, 11, 13)));
        assert_eq!(iso("2026-11-13"), Some(date(2026, 11, 13)));
        assert_eq!(iso("Nov 13"), None);
    }
}
