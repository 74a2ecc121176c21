//! How pages write dates: one place for each format, so that every page shows a sprint's dates
//! and a narrative's date the same way.

use crate::load::ledger::Sprint;

/// `2 Nov – 13 Nov 2026`.
pub fn date_range(sprint: &Sprint) -> String {
    let (start, end) = (sprint.start.0, sprint.end.0);
    if start.year() == end.year() {
        format!(
            "{} – {}",
            start.strftime("%-d %b"),
            end.strftime("%-d %b %Y")
        )
    } else {
        format!(
            "{} – {}",
            start.strftime("%-d %b %Y"),
            end.strftime("%-d %b %Y")
        )
    }
}

/// `2 Nov – 13 Nov`, for tables.
pub fn short_date_range(sprint: &Sprint) -> String {
    format!(
        "{} – {}",
        sprint.start.0.strftime("%-d %b"),
        sprint.end.0.strftime("%-d %b")
    )
}

/// `2 November 2026`.
pub fn long_date(date: jiff::civil::Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}
