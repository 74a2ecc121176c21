//! The delivery record in words: how long an outage lasted, how a failure rate reads, the
//! delivery page's headline (this quarter's record against the four quarters before: better,
//! worse, about the same, or the best quarter on record), a sprint's releases in one sentence,
//! and the one line an executive brief carries.

use crate::accounts::{Accounts, DeliveryFigures};
use crate::load::ledger::Ledger;
use crate::text::group_thousands;

/// How long something took, as a person says it: "40 minutes", "1 hour 5 minutes",
/// "3 hours 45 minutes", "2 days 4 hours". Under a minute reads "less than a minute".
pub fn duration(minutes: f64) -> String {
    let total = minutes.max(0.0).round() as u64;
    if total == 0 {
        return "less than a minute".to_string();
    }
    let unit = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let (days, hours, mins) = (total / 1440, total / 60 % 24, total % 60);
    match (days, hours, mins) {
        (0, 0, m) => unit(m, "minute"),
        (0, h, 0) => unit(h, "hour"),
        (0, h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
        (d, 0, _) => unit(d, "day"),
        (d, h, _) => format!("{} {}", unit(d, "day"), unit(h, "hour")),
    }
}

/// A count with thousands grouped: `1,204`.
pub fn count(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// A failure rate: `0%`, `0.5%`, `1.2%`, `12%` (a decimal below 10%, where it matters).
pub fn rate(share: f64) -> String {
    let points = share * 100.0;
    if points == 0.0 {
        "0%".to_string()
    } else if points < 9.95 {
        // Rounded half away from zero, as a person would: 0.25% reads 0.3%.
        format!("{:.1}%", (points * 10.0).round() / 10.0)
    } else {
        format!("{:.0}%", points.round())
    }
}

/// "1 of 212 releases", "no release", "all 3 releases".
fn failed_of(figures: &DeliveryFigures) -> String {
    let releases = if figures.releases == 1 {
        "release"
    } else {
        "releases"
    };
    format!(
        "{} of {} {releases}",
        count(figures.failed),
        count(figures.releases)
    )
}

/// How this quarter's rate compares with the four quarters before: `Some(true)` when it is
/// clearly lower (a fifth lower and at least 0.2 points), `Some(false)` when clearly higher,
/// `None` when about the same.
fn compared(now: f64, before: f64) -> Option<bool> {
    let gap = (now - before) * 100.0;
    if gap <= -0.2 && now <= before * 0.8 {
        Some(true)
    } else if gap >= 0.2 && now >= before * 1.25 {
        Some(false)
    } else {
        None
    }
}

/// Whether this quarter's rate is the lowest of every quarter with releases (at least three
/// of them, so that a record means something), by a clear margin.
fn is_record_low(accounts: &Accounts, now: f64) -> bool {
    let d = &accounts.delivery;
    let others: Vec<f64> = d
        .quarters
        .iter()
        .filter(|(q, _)| Some(*q) != d.this_quarter)
        .filter_map(|(_, f)| f.change_failure_rate())
        .collect();
    others.len() >= 2 && others.iter().all(|&r| now < r - 0.001)
}

/// What the quarter's incidents say about restoring service: "; service was back within 40
/// minutes at worst" or "; no incident took service down".
fn restore_clause(figures: &DeliveryFigures) -> String {
    match figures.worst_restore() {
        Some(worst) if figures.incident_count() == 1 => {
            format!("; the one incident was over in {}", duration(worst))
        }
        Some(worst) => format!(
            "; {} incidents, and service was back within {} at worst",
            figures.incident_count(),
            duration(worst)
        ),
        None => "; no incident was recorded".to_string(),
    }
}

/// The delivery page's headline: this quarter's failed releases against the four quarters
/// before, with what its incidents took to fix. A finding, so it says better, worse, about
/// the same, or the best quarter on record.
pub fn delivery_headline(accounts: &Accounts) -> String {
    let d = &accounts.delivery;
    let Some(quarter) = d.this_quarter else {
        return "No sprint is recorded yet, so there is no quarter to report on.".to_string();
    };
    let label = quarter.label();
    let empty = DeliveryFigures::default();
    let now = d.quarter(quarter).unwrap_or(&empty);
    let before = &d.last_four;
    let restore = restore_clause(now);
    let (Some(rate_now), Some(rate_before)) =
        (now.change_failure_rate(), before.change_failure_rate())
    else {
        return match now.change_failure_rate() {
            Some(r) => format!(
                "{} in {label} failed in production ({}){restore}; there is no earlier quarter to compare with.",
                crate::words::figures::capitalize(&failed_of(now)),
                rate(r)
            ),
            None => format!("No releases are recorded for {label} yet{restore}."),
        };
    };
    let against = if is_record_low(accounts, rate_now) {
        format!(
            "the lowest rate of any quarter on record (the four before: {})",
            rate(rate_before)
        )
    } else {
        match compared(rate_now, rate_before) {
            Some(true) => format!(
                "down from {} over the four quarters before",
                rate(rate_before)
            ),
            Some(false) => format!(
                "up from {} over the four quarters before",
                rate(rate_before)
            ),
            None => format!(
                "about the same as the {} of the four quarters before",
                rate(rate_before)
            ),
        }
    };
    format!(
        "{} in {label} failed in production ({}), {against}{restore}.",
        crate::words::figures::capitalize(&failed_of(now)),
        rate(rate_now)
    )
}

/// The record in one line, for an executive brief: "Delivery in 2026-Q4: 1 of 212 releases
/// failed in production (0.5%, against 1.2% over the four quarters before); the one incident
/// was over in 40 minutes." `None` when the site records no releases or incidents.
pub fn record_line(ledger: &Ledger, accounts: &Accounts) -> Option<String> {
    let record = &ledger.delivery;
    if record.releases.is_empty() && record.incidents.is_empty() {
        return None;
    }
    let d = &accounts.delivery;
    let quarter = d.this_quarter?;
    let empty = DeliveryFigures::default();
    let now = d.quarter(quarter).unwrap_or(&empty);
    let against = match d.last_four.change_failure_rate() {
        Some(before) => format!(", against {} over the four quarters before", rate(before)),
        None => String::new(),
    };
    let releases = match now.change_failure_rate() {
        Some(r) => format!(
            "{} failed in production ({}{against})",
            failed_of(now),
            rate(r)
        ),
        None => "no releases recorded".to_string(),
    };
    Some(format!(
        "Delivery in {}: {releases}{}.",
        quarter.label(),
        restore_clause(now)
    ))
}

/// A sprint's releases in one sentence, against the sprints of the comparison window before
/// it: "The teams released 58 times; 1 release failed in production (1.7%), against 1.4% over
/// the 6 sprints before." `None` when the site records no releases.
pub fn sprint_sentence(ledger: &Ledger, accounts: &Accounts, sprint: usize) -> Option<String> {
    if ledger.delivery.releases.is_empty() {
        return None;
    }
    let figures = accounts.delivery.sprints.get(sprint)?;
    if figures.releases == 0 {
        return Some("No releases are recorded for this sprint.".to_string());
    }
    let times = if figures.releases == 1 {
        "once"
    } else {
        "times"
    };
    let released = if figures.releases == 1 {
        "The teams released once".to_string()
    } else {
        format!("The teams released {} {times}", count(figures.releases))
    };
    let start = sprint.saturating_sub(accounts.window);
    let mut before = DeliveryFigures::default();
    for f in &accounts.delivery.sprints[start..sprint] {
        before.releases += f.releases;
        before.failed += f.failed;
    }
    let against = match (before.change_failure_rate(), sprint - start) {
        (Some(r), 1) => format!(", against {} in the sprint before", rate(r)),
        (Some(r), n) => format!(", against {} over the {n} sprints before", rate(r)),
        (None, _) => String::new(),
    };
    let failed = match figures.failed {
        0 => "none failed in production".to_string(),
        1 => "1 release failed in production".to_string(),
        n => format!("{} releases failed in production", count(n)),
    };
    let share = match figures.failed {
        0 => String::new(),
        _ => format!(" ({})", rate(figures.change_failure_rate().unwrap_or(0.0))),
    };
    Some(format!(
        "{released} in this sprint; {failed}{share}{against}."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_spoken() {
        assert_eq!(duration(0.2), "less than a minute");
        assert_eq!(duration(40.0), "40 minutes");
        assert_eq!(duration(60.0), "1 hour");
        assert_eq!(duration(65.0), "1 hour 5 minutes");
        assert_eq!(duration(225.0), "3 hours 45 minutes");
        assert_eq!(duration(1440.0), "1 day");
        assert_eq!(duration(3120.0), "2 days 4 hours");
    }

    #[test]
    fn rates_keep_a_decimal_where_it_matters() {
        assert_eq!(rate(0.0), "0%");
        assert_eq!(rate(1.0 / 212.0), "0.5%");
        assert_eq!(rate(0.0123), "1.2%");
        assert_eq!(rate(0.125), "13%");
        assert_eq!(rate(0.0995), "10%");
    }

    #[test]
    fn better_worse_or_about_the_same() {
        assert_eq!(compared(0.005, 0.012), Some(true));
        assert_eq!(compared(0.02, 0.012), Some(false));
        assert_eq!(compared(0.011, 0.012), None);
        // A fifth lower, but by less than 0.2 points: about the same.
        assert_eq!(compared(0.0008, 0.0012), None);
    }
}
