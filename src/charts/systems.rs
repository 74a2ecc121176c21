//! Systems: the cost of owning one system per sprint, the share of upkeep each system causes,
//! and how far behind each system's libraries are (libyears, now and over snapshots).

use plotters::prelude::RGBColor;

use super::request::{Books, ChartRequest};
use super::spec::{Series, Shape, Spec, parse_color, source_note};
use super::table::{Table, ValueKind};
use crate::words::narrate::{self, capitalize, join_words, percent};

/// Colours for systems (which have no colour of their own): mid-tones that read on light and
/// dark backgrounds, distinct from the grey of "no system".
pub(super) const PALETTE_SYSTEMS: [&str; 8] = [
    "#c2416b", "#3d8fb3", "#9c7a15", "#5f7d2b", "#6b7fa8", "#8a5cd6", "#0f8a6a", "#d9730d",
];

pub(super) fn system_color(index: usize) -> RGBColor {
    parse_color(PALETTE_SYSTEMS[index % PALETTE_SYSTEMS.len()])
}

pub(super) fn system_cost_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let index = request.subject.unwrap_or(0);
    let system = &books.ledger.systems[index];
    let account = &books.accounts.systems[index];
    let end = request.sprint + 1;
    let start = request.last.map_or(0, |n| end.saturating_sub(n.max(1)));
    let sprints: Vec<usize> = (start..end).collect();
    let labels: Vec<String> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect();
    let slots = narrate::shown_slots(books.config, books.accounts);
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| Series {
            label: books.config.category_label(slot).to_string(),
            color: parse_color(books.config.category_color(slot)),
            values: sprints
                .iter()
                .map(|&s| account.by_sprint[s][slot])
                .collect(),
        })
        .collect();
    let first = sprints.first().map_or(0.0, |&s| account.effort[s]);
    let last = sprints.last().map_or(0.0, |&s| account.effort[s]);
    let unit = books.config.effort_unit.as_str();
    let caption = if sprints.len() < 2 || (last - first).abs() < 0.5 {
        format!(
            "Owning {} took {} in sprint {}.",
            system.name,
            narrate::effort(books.config, last),
            labels.last().map_or("", String::as_str)
        )
    } else {
        format!(
            "Owning {} took {} in sprint {}, against {} in {}.",
            system.name,
            narrate::effort(books.config, last),
            labels.last().map_or("", String::as_str),
            narrate::effort(books.config, first),
            labels.first().map_or("", String::as_str)
        )
    };
    let table = Table {
        row_header: "Sprint".into(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::Columns { percent: false },
        title: caption.clone(),
        subtitle: format!(
            "Effort on {} per sprint by category, in {unit}: its cost of ownership",
            system.name
        ),
        desc: format!(
            "Stacked columns, one per sprint, of the work recorded on {}. {caption}",
            system.name
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        labels,
        series,
        table,
    }
}

pub(super) fn upkeep_by_system_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let end = request.sprint + 1;
    let start = request.last.map_or(0, |n| end.saturating_sub(n.max(1)));
    let sprints: Vec<usize> = (start..end).collect();
    let labels: Vec<String> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect();
    let systems = &books.accounts.systems;
    let mut series: Vec<Series> = books
        .ledger
        .systems
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            sprints
                .iter()
                .any(|&s| systems[*i].upkeep_share[s].unwrap_or(0.0) > 0.0)
        })
        .map(|(i, system)| Series {
            label: system.name.clone(),
            color: system_color(i),
            values: sprints
                .iter()
                .map(|&s| systems[i].upkeep_share[s].unwrap_or(0.0))
                .collect(),
        })
        .collect();
    let rest: Vec<f64> = (0..sprints.len())
        .map(|k| {
            let named: f64 = series.iter().map(|s| s.values[k]).sum();
            let any = books
                .accounts
                .upkeep_slot
                .is_some_and(|slot| books.accounts.sprints[sprints[k]].by_category[slot] > 0.0);
            if any { (1.0 - named).max(0.0) } else { 0.0 }
        })
        .collect();
    if rest.iter().any(|v| *v > 0.0005) {
        series.push(Series {
            label: "No system named".into(),
            color: parse_color(crate::load::config::UNCATEGORIZED_COLOR),
            values: rest,
        });
    }
    let top = series
        .iter()
        .filter(|s| s.label != "No system named")
        .max_by(|a, b| {
            a.values
                .last()
                .unwrap_or(&0.0)
                .total_cmp(b.values.last().unwrap_or(&0.0))
        });
    let caption = match top {
        Some(s) if sprints.len() > 1 => format!(
            "{} caused {} of all keeping-the-lights-on work in sprint {}, against {} in {}.",
            s.label,
            percent(*s.values.last().unwrap_or(&0.0)),
            labels.last().map_or("", String::as_str),
            percent(*s.values.first().unwrap_or(&0.0)),
            labels.first().map_or("", String::as_str)
        ),
        Some(s) => format!(
            "{} caused {} of all keeping-the-lights-on work in sprint {}.",
            s.label,
            percent(*s.values.last().unwrap_or(&0.0)),
            labels.last().map_or("", String::as_str)
        ),
        None => "No keeping-the-lights-on work names a system yet.".to_string(),
    };
    let table = Table {
        row_header: "Sprint".into(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Share,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::Columns { percent: true },
        title: caption.clone(),
        subtitle: "Share of all keeping-the-lights-on effort, by the system it was spent on, % of each sprint".into(),
        desc: format!(
            "Stacked columns, one per sprint, splitting the upkeep by system: {}. {caption}",
            join_words(&series.iter().map(|s| s.label.clone()).collect::<Vec<_>>())
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: "% of upkeep".into(),
        labels,
        series,
        table,
    }
}

pub(super) fn libyears_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let mut systems: Vec<usize> = (0..books.ledger.systems.len())
        .filter(|&i| !books.ledger.systems[i].dependencies.is_empty())
        .collect();
    let years = |i: usize| books.accounts.systems[i].libyears;
    systems.sort_by(|&a, &b| years(b).total_cmp(&years(a)).then(a.cmp(&b)));
    let labels: Vec<String> = systems
        .iter()
        .map(|&i| books.ledger.systems[i].name.clone())
        .collect();
    let caption = match systems.first() {
        Some(&i) => format!(
            "{} is furthest behind: its libraries are {} years older, added up, than their newest versions.",
            books.ledger.systems[i].name,
            narrate::number(years(i))
        ),
        None => "No dependency data yet.".to_string(),
    };
    let table = Table {
        row_header: "System".into(),
        columns: vec!["Libyears".into(), "A major version behind".into()],
        kind: ValueKind::Effort,
        rows: systems
            .iter()
            .map(|&i| {
                (
                    books.ledger.systems[i].name.clone(),
                    vec![years(i), books.accounts.systems[i].behind_major as f64],
                )
            })
            .collect(),
    };
    let _ = request;
    Spec {
        shape: Shape::ValueBars {
            unit: "years".into(),
        },
        title: caption.clone(),
        subtitle: "Libyears per system: how far behind its libraries are, added up, in years"
            .into(),
        desc: format!(
            "Horizontal bars, largest first: {}. {caption}",
            join_words(
                &systems
                    .iter()
                    .map(|&i| format!(
                        "{} {} years",
                        books.ledger.systems[i].name,
                        narrate::number(years(i))
                    ))
                    .collect::<Vec<_>>()
            )
        ),
        caption,
        source_note: "Source: content/data/systems.toml.".into(),
        axis: "Libyears".into(),
        series: systems
            .iter()
            .map(|&i| Series {
                label: books.ledger.systems[i].name.clone(),
                color: system_color(i),
                values: vec![years(i)],
            })
            .collect(),
        labels,
        table,
    }
}

pub(super) fn libyears_trend_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let snapshots = &books.ledger.dependency_snapshots;
    let labels: Vec<String> = snapshots
        .iter()
        .map(|(s, _)| books.ledger.sprints[*s].id.clone())
        .collect();
    let series: Vec<Series> = books
        .ledger
        .systems
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            books.accounts.systems[*i]
                .libyears_trend
                .iter()
                .any(|(_, y)| *y > 0.0)
        })
        .map(|(i, system)| Series {
            label: system.name.clone(),
            color: system_color(i),
            values: books.accounts.systems[i]
                .libyears_trend
                .iter()
                .map(|(_, y)| *y)
                .collect(),
        })
        .collect();
    let moved = series
        .iter()
        .map(|s| {
            (
                s,
                s.values.last().unwrap_or(&0.0) - s.values.first().unwrap_or(&0.0),
            )
        })
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let caption = match moved {
        Some((s, change)) if labels.len() > 1 && change.abs() >= 0.05 => format!(
            "{} went from {} to {} libyears between {} and {}.",
            s.label,
            narrate::number(*s.values.first().unwrap_or(&0.0)),
            narrate::number(*s.values.last().unwrap_or(&0.0)),
            labels.first().map_or("", String::as_str),
            labels.last().map_or("", String::as_str)
        ),
        _ => "How far behind each system's libraries are held steady.".into(),
    };
    let table = Table {
        row_header: "Sprint".into(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(k, l)| (l.clone(), series.iter().map(|s| s.values[k]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::Lines { percent: false },
        title: caption.clone(),
        subtitle: "Libyears per system at each dependency snapshot, in years".into(),
        desc: format!(
            "Lines, one per system, over the sprints with a dependency snapshot. {caption}"
        ),
        caption,
        source_note: "Source: content/data/dependencies/.".into(),
        axis: "Libyears".into(),
        labels,
        series,
        table,
    }
}
