//! The delivery record's charts: releases per sprint with the failed ones marked, the
//! change-failure rate per sprint, and each incident's time to restore. The first two are
//! trend charts and carry the incidents and events as annotations.

use plotters::prelude::RGBColor;

use super::notes::sprint_annotations;
use super::request::{Books, ChartRequest};
use super::spec::{
    Series, Shape, Spec, first_label, last_label, series_names, series_table, sprint_labels,
    sprint_mark, window,
};
use super::table::{Table, ValueKind};
use crate::words::delivery::{count, duration, rate};
use crate::words::narrate::join_words;

/// Releases that went well: a calm blue-grey that reads on light and dark pages.
const RELEASED: RGBColor = RGBColor(91, 127, 166);
/// Releases that failed in production, and the change-failure rate: a red.
const FAILED: RGBColor = RGBColor(192, 57, 43);

/// A delivery chart over `sprints`: the request's sprint marked, the incidents and events
/// drawn, and the releases file named as the source of its numbers.
fn over_sprints(books: &Books<'_>, request: &ChartRequest, sprints: &[usize], spec: Spec) -> Spec {
    Spec {
        annotations: sprint_annotations(books, sprints, None),
        mark: sprint_mark(books, request, sprints),
        source_note: format!(
            "Source: content/data/releases.toml, sprints {} to {}; releases outside every sprint count only for their quarter.",
            first_label(&spec.labels),
            last_label(&spec.labels)
        ),
        ..spec
    }
}

/// The releases and the failed releases in `sprints`, summed.
fn released_and_failed(books: &Books<'_>, sprints: &[usize]) -> (u64, u64) {
    let figures = |s: usize| &books.accounts.delivery.sprints[s];
    (
        sprints.iter().map(|&s| figures(s).releases).sum(),
        sprints.iter().map(|&s| figures(s).failed).sum(),
    )
}

/// Releases per sprint, stacked: those that went well, then those that failed in production.
pub(super) fn releases_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let sprints = window(request);
    let labels = sprint_labels(books, &sprints);
    let figures = |s: usize| &books.accounts.delivery.sprints[s];
    let series = vec![
        Series {
            label: "Went well".to_string(),
            color: RELEASED,
            values: sprints
                .iter()
                .map(|&s| (figures(s).releases - figures(s).failed) as f64)
                .collect(),
            muted: false,
        },
        Series {
            label: "Failed in production".to_string(),
            color: FAILED,
            values: sprints.iter().map(|&s| figures(s).failed as f64).collect(),
            muted: false,
        },
    ];
    let (released, failed) = released_and_failed(books, &sprints);
    let caption = format!(
        "The teams released {} times in these {} sprints; {} of the releases failed in production.",
        count(released),
        sprints.len(),
        count(failed)
    );
    let table = series_table("Sprint", ValueKind::Effort, &labels, &series);
    let spec = Spec {
        subtitle: "Releases per sprint: those that went well, and those that failed in production (a rollback, hotfix or incident)".to_string(),
        desc: format!(
            "Stacked columns, one per sprint from {} to {}: {}. {caption}",
            first_label(&labels),
            last_label(&labels),
            series_names(&series)
        ),
        axis: "Releases".to_string(),
        ..Spec::wide(Shape::Columns { percent: false }, caption, labels, series, table)
    };
    over_sprints(books, request, &sprints, spec)
}

/// The share of each sprint's releases that failed in production, as a line.
pub(super) fn change_failure_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let sprints = window(request);
    let labels = sprint_labels(books, &sprints);
    let figures = |s: usize| &books.accounts.delivery.sprints[s];
    let series = vec![Series {
        label: "Change-failure rate".to_string(),
        color: FAILED,
        values: sprints
            .iter()
            .map(|&s| figures(s).change_failure_rate().unwrap_or(0.0))
            .collect(),
        muted: false,
    }];
    let (released, failed) = released_and_failed(books, &sprints);
    let overall = if released > 0 {
        failed as f64 / released as f64
    } else {
        0.0
    };
    let worst = sprints
        .iter()
        .copied()
        .max_by(|&a, &b| {
            let r = |s| figures(s).change_failure_rate().unwrap_or(0.0);
            r(a).total_cmp(&r(b)).then(b.cmp(&a))
        })
        .filter(|&s| figures(s).failed > 0);
    let caption = match worst {
        Some(s) => format!(
            "{} of releases failed in production over these sprints; the most in one sprint was {} in {}.",
            rate(overall),
            rate(figures(s).change_failure_rate().unwrap_or(0.0)),
            books.ledger.sprints[s].id
        ),
        None => "No release failed in production in these sprints.".to_string(),
    };
    let table = series_table("Sprint", ValueKind::Share, &labels, &series);
    let spec = Spec {
        subtitle: "Change-failure rate: the share of each sprint's releases that failed in production, %; a sprint without releases shows 0".to_string(),
        desc: format!(
            "A line of the change-failure rate over sprints from {} to {}. {caption}",
            first_label(&labels),
            last_label(&labels)
        ),
        axis: "% of releases".to_string(),
        ..Spec::wide(Shape::Lines { percent: true }, caption, labels, series, table)
    };
    over_sprints(books, request, &sprints, spec)
}

/// A severity's colour: grey for the least severe, red for the most, amber between.
fn severity_color(slot: usize, severities: usize) -> RGBColor {
    let top = severities.saturating_sub(1).max(1);
    match slot {
        0 => RGBColor(128, 138, 156),
        s if s >= top => FAILED,
        _ => RGBColor(201, 128, 30),
    }
}

/// Each incident's time to restore service, in hours, longest first, labelled with its title,
/// day and severity (colour is never alone).
pub(super) fn restore_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let record = &books.ledger.delivery;
    let accounts = &books.accounts.delivery;
    let severities = &books.config.delivery.severities;
    let mut order: Vec<usize> = (0..record.incidents.len()).collect();
    order.sort_by(|&a, &b| {
        accounts.incidents[b]
            .minutes
            .total_cmp(&accounts.incidents[a].minutes)
            .then(a.cmp(&b))
    });
    // The severity leads, so that a shortened label keeps it (colour is never alone).
    let label = |i: usize| {
        let incident = &record.incidents[i];
        format!(
            "{}: {}",
            crate::words::narrate::capitalize(&severities[incident.severity]),
            incident.title
        )
    };
    let hours = |i: usize| accounts.incidents[i].minutes / 60.0;
    let labels: Vec<String> = order.iter().map(|&i| label(i)).collect();
    let series: Vec<Series> = order
        .iter()
        .map(|&i| Series {
            label: label(i),
            color: severity_color(record.incidents[i].severity, severities.len()),
            values: vec![hours(i)],
            muted: false,
        })
        .collect();
    let all = &books.accounts.delivery;
    let minutes: Vec<f64> = all.incidents.iter().map(|a| a.minutes).collect();
    let median = crate::accounts::delivery::median(&minutes).unwrap_or(0.0);
    let caption = match order.first() {
        Some(&longest) => format!(
            "Half of the incidents were over within {}; the longest, {}, took {}.",
            duration(median),
            record.incidents[longest].title,
            duration(accounts.incidents[longest].minutes)
        ),
        None => "No incident is recorded.".to_string(),
    };
    let table = Table {
        notes: Vec::new(),
        row_header: "Incident".to_string(),
        columns: vec!["Hours to restore".to_string()],
        kind: ValueKind::Effort,
        rows: order
            .iter()
            .map(|&i| {
                let day = record.incidents[i].day().iso();
                (
                    format!("{} ({day})", label(i)),
                    vec![(hours(i) * 100.0).round() / 100.0],
                )
            })
            .collect(),
    };
    let bars: Vec<String> = order
        .iter()
        .map(|&i| format!("{} {}", label(i), duration(accounts.incidents[i].minutes)))
        .collect();
    let shape = Shape::ValueBars {
        unit: "hours".to_string(),
    };
    Spec {
        subtitle: "Time to restore: hours from the start of each incident until service was back, longest first".to_string(),
        desc: format!("Horizontal bars, longest first: {}. {caption}", join_words(&bars)),
        source_note: "Source: content/data/incidents.toml.".to_string(),
        axis: "Hours until service was back".to_string(),
        ..Spec::wide(
            shape,
            caption,
            labels,
            series,
            table,
        )
    }
}
