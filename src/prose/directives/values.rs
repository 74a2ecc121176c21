//! The numbers behind `{{ value(...) }}` and `{{ delta(...) }}`: a checked [`Measure`] summed
//! over its sprints from the accounts, and the short text that goes in the prose.

use std::ops::Range;

use crate::accounts::delivery::median;
use crate::accounts::ratio;
use crate::charts::Books;
use crate::words::findings::baseline;
use crate::words::{delivery, narrate};

use super::types::{Against, Measure, Metric, Period};

/// The sums a measure is computed from, over one or more sprints.
#[derive(Debug, Default)]
struct Sums {
    sprints: usize,
    effort: f64,
    base: f64,
    person_days: f64,
    working_days: f64,
    cost_known: f64,
    missing_cost: Vec<usize>,
    planned: f64,
    capacity: f64,
    effort_with_capacity: f64,
    has_capacity: bool,
}

fn sprints_of(period: Period) -> Range<usize> {
    match period {
        Period::Sprint(s) => s..s + 1,
        Period::Last { count, end } => (end + 1).saturating_sub(count)..end + 1,
    }
}

fn sums(measure: &Measure, period: Period, books: &Books<'_>) -> Sums {
    let config = books.config;
    let mut sums = Sums::default();
    for s in sprints_of(period) {
        let account = &books.accounts.sprints[s];
        sums.sprints += 1;
        sums.working_days += f64::from(account.working_days);
        let teams: Vec<usize> = match measure.team {
            Some(t) => vec![t],
            None => (0..account.teams.len()).collect(),
        };
        for t in teams {
            let team = &account.teams[t];
            let effort = measure
                .category
                .map_or(team.effort, |c| team.by_category[c]);
            sums.effort += effort;
            sums.person_days += config.to_person_days(effort);
            match books.ledger.teams[t].day_cost {
                Some(cost) => sums.cost_known += config.to_person_days(effort) * cost,
                None if effort > 0.0 && !sums.missing_cost.contains(&t) => {
                    sums.missing_cost.push(t)
                }
                None => {}
            }
            sums.planned += team.planned;
            if let Some(capacity) = team.capacity {
                sums.has_capacity = true;
                sums.capacity += capacity;
                sums.effort_with_capacity += team.effort;
            }
        }
        // The share's base: the team's effort when a team and a category are given, else the
        // organisation's.
        sums.base += match (measure.team, measure.category) {
            (Some(t), Some(_)) => account.teams[t].effort,
            _ => account.effort,
        };
    }
    if measure.category.is_none() && measure.team.is_none() {
        sums.base = sums.effort;
    }
    sums.missing_cost.sort_unstable();
    sums
}

/// A delivery metric over a period: counts are totals over its sprints, the rate pools its
/// releases, times to restore are the median (or worst) of its incidents, in minutes. A team's
/// counts are its own releases and the incidents that name it.
fn delivery_number(measure: &Measure, period: Period, books: &Books<'_>) -> Option<f64> {
    let record = &books.ledger.delivery;
    let sprints = sprints_of(period);
    let in_period = |s: Option<usize>| s.is_some_and(|s| sprints.contains(&s));
    let releases = record
        .releases
        .iter()
        .filter(|r| in_period(r.sprint) && measure.team.is_none_or(|t| r.team == t));
    let (count, failed) = releases.fold((0u64, 0u64), |(c, f), r| (c + r.count, f + r.failed));
    let minutes: Vec<f64> = record
        .incidents
        .iter()
        .filter(|i| in_period(i.sprint) && measure.team.is_none_or(|t| i.teams.contains(&t)))
        .map(|i| i.minutes())
        .collect();
    match measure.metric {
        Metric::Releases => Some(count as f64),
        Metric::FailedReleases => Some(failed as f64),
        Metric::ChangeFailureRate => (count > 0).then(|| failed as f64 / count as f64),
        Metric::Incidents => Some(minutes.len() as f64),
        Metric::TimeToRestore => median(&minutes),
        Metric::TimeToRestoreWorst => minutes.iter().copied().reduce(f64::max),
        _ => None,
    }
}

/// The text of a delivery metric's value: `212`, `1.1%`, `40 minutes`.
fn delivery_text(metric: Metric, value: Option<f64>) -> String {
    match (metric, value) {
        (Metric::ChangeFailureRate, Some(v)) => delivery::rate(v),
        (Metric::ChangeFailureRate, None) => "unknown (no releases in these sprints)".to_string(),
        (Metric::TimeToRestore | Metric::TimeToRestoreWorst, Some(v)) => delivery::duration(v),
        (Metric::TimeToRestore | Metric::TimeToRestoreWorst, None) => {
            "none (no incident in these sprints)".to_string()
        }
        (_, v) => delivery::count(v.unwrap_or(0.0) as u64),
    }
}

/// The raw number a measure stands for over a period (`None` where it is unknown).
fn number(measure: &Measure, period: Period, books: &Books<'_>) -> Option<f64> {
    if measure.metric.is_delivery() {
        return delivery_number(measure, period, books);
    }
    let sums = sums(measure, period, books);
    let per_sprint = |x: f64| ratio(x, sums.sprints as f64);
    match measure.metric {
        Metric::Share => Some(ratio(sums.effort, sums.base)),
        Metric::Effort => Some(per_sprint(sums.effort)),
        Metric::Fte => Some(ratio(sums.person_days, sums.working_days)),
        Metric::Cost => (sums.cost_known > 0.0 || sums.missing_cost.is_empty())
            .then(|| per_sprint(sums.cost_known)),
        Metric::PlannedShare => {
            let effort = sums.effort;
            Some(ratio(sums.planned, effort))
        }
        Metric::CapacityUsed => (sums.has_capacity && sums.capacity > 0.0)
            .then(|| sums.effort_with_capacity / sums.capacity),
        _ => None,
    }
}

/// The text of `{{ value(...) }}`: `38%`, `12.5 person-days`, `4.2`, `$12,300`.
pub fn value_text(measure: &Measure, books: &Books<'_>) -> String {
    if measure.metric.is_delivery() {
        return delivery_text(measure.metric, number(measure, measure.period, books));
    }
    let Some(value) = number(measure, measure.period, books) else {
        return match measure.metric {
            Metric::CapacityUsed => "unknown (no capacity given)".to_string(),
            _ => "unknown (no day cost given)".to_string(),
        };
    };
    match measure.metric {
        Metric::Share | Metric::PlannedShare | Metric::CapacityUsed => narrate::percent(value),
        // Prose gives two significant figures; the tables and CSVs keep the exact values.
        Metric::Effort => narrate::spoken_effort(books.config, value),
        Metric::Fte => narrate::spoken_number(value),
        Metric::Cost => {
            let missing = sums(measure, measure.period, books).missing_cost;
            let money = narrate::spoken_money(books.config, value);
            if missing.is_empty() {
                money
            } else {
                let names: Vec<String> = missing
                    .iter()
                    .map(|&t| books.ledger.teams[t].name.clone())
                    .collect();
                format!("{money} (excluding {})", narrate::join_words(&names))
            }
        }
        _ => delivery_text(measure.metric, Some(value)),
    }
}

/// The text of `{{ delta(...) }}`: `up 9 points over the last 6 sprints` (the site's
/// comparison window, the default), `down 12% from last sprint` (`against="previous"`).
pub fn delta_text(measure: &Measure, books: &Books<'_>) -> String {
    let (previous, against) = match (measure.period, measure.against) {
        (Period::Sprint(s), Against::Previous) => match s.checked_sub(1) {
            Some(p) => (Period::Sprint(p), "from last sprint".to_string()),
            None => return "with no earlier sprint to compare".to_string(),
        },
        (Period::Sprint(s), Against::Window) => match baseline(books.ledger, books.accounts, s) {
            Some(window) => (Period::Sprint(window.start), window.words),
            None => return "with no earlier sprint to compare".to_string(),
        },
        (Period::Last { count, end }, _) => match end.checked_sub(count) {
            Some(p) => (
                Period::Last { count, end: p },
                format!("from the {count} sprints before"),
            ),
            None => return "with no earlier sprints to compare".to_string(),
        },
    };
    let (Some(now), Some(before)) = (
        number(measure, measure.period, books),
        number(measure, previous, books),
    ) else {
        return "with no comparable figure before".to_string();
    };
    if measure.metric.is_share() {
        let change = narrate::points_change((now - before) * 100.0);
        return format!("{change} {against}");
    }
    if before == 0.0 {
        return if now == 0.0 {
            format!("unchanged {against}")
        } else {
            format!("up from none {against}")
        };
    }
    let relative = (now - before) / before * 100.0;
    if relative.abs() < 0.5 {
        format!("unchanged {against}")
    } else if relative > 0.0 {
        format!("up {:.0}% {against}", relative)
    } else {
        format!("down {:.0}% {against}", -relative)
    }
}
