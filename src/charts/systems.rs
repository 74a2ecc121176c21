//! Systems: the cost of owning one system per sprint, the share of upkeep each system causes,
//! and how far behind each system's libraries are (libyears, now and over snapshots).

use plotters::prelude::RGBColor;

use super::request::{Books, ChartRequest};
use super::spec::{
    Series, Shape, Spec, chart_slots, first_label, last_label, parse_color, series_names,
    series_table, source_note, sprint_labels, sprint_mark, window,
};
use super::table::{Table, ValueKind};
use crate::words::narrate::{self, capitalize, join_words, percent};

/// Colours for systems (which have no colour of their own): mid-tones that read on light and
/// dark backgrounds, distinct from the grey of "no system".
const PALETTE_SYSTEMS: [&str; 8] = [
    "#c2416b", "#3d8fb3", "#9c7a15", "#5f7d2b", "#6b7fa8", "#8a5cd6", "#0f8a6a", "#d9730d",
];

/// The label of the upkeep that names no system.
const NO_SYSTEM: &str = "No system named";

/// A system's colour, by its place in the list.
fn system_color(index: usize) -> RGBColor {
    parse_color(PALETTE_SYSTEMS[index % PALETTE_SYSTEMS.len()])
}

/// A system's series: its name and colour, with one value per x position.
fn system_series(books: &Books<'_>, index: usize, values: Vec<f64>) -> Series {
    Series {
        label: books.ledger.systems[index].name.clone(),
        color: system_color(index),
        values,
        muted: false,
    }
}

/// The effort on one system per sprint, by category: its cost of ownership.
pub(super) fn system_cost_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let index = request.subject.unwrap_or(0);
    let system = &books.ledger.systems[index];
    let account = &books.accounts.systems[index];
    let sprints = window(request);
    let labels = sprint_labels(books, &sprints);
    // Only the categories of work on this system in these sprints: a system is owned in one or
    // two of them, and empty ones would only fill the legend.
    let all_slots = chart_slots(books, &sprints, None);
    let mut slots: Vec<usize> = all_slots
        .iter()
        .copied()
        .filter(|&slot| {
            sprints
                .iter()
                .any(|&s| account.own_by_sprint[s][slot] > 0.0)
        })
        .collect();
    if slots.is_empty() {
        slots = all_slots;
    }
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| {
            let values = sprints
                .iter()
                .map(|&s| account.own_by_sprint[s][slot])
                .collect();
            Series::category(books.config, slot, values)
        })
        .collect();
    let first = sprints.first().map_or(0.0, |&s| account.to_own[s]);
    let last = sprints.last().map_or(0.0, |&s| account.to_own[s]);
    let unit = books.config.effort_unit.as_str();
    let caption = if sprints.len() < 2 || (last - first).abs() < 0.5 {
        format!(
            "Owning {} took {} in sprint {}.",
            system.name,
            narrate::effort(books.config, last),
            last_label(&labels)
        )
    } else {
        format!(
            "Owning {} took {} in sprint {}, against {} in {}.",
            system.name,
            narrate::effort(books.config, last),
            last_label(&labels),
            narrate::effort(books.config, first),
            first_label(&labels)
        )
    };
    let mut table = series_table("Sprint", ValueKind::Effort, &labels, &series);
    // The work on replacing it is the cure: not drawn, not counted, but in the table.
    let replacing: Vec<String> = account
        .replaced_by
        .iter()
        .map(|&i| books.ledger.initiatives[i].name.clone())
        .collect();
    let not_counted = if replacing.is_empty() {
        String::new()
    } else {
        table
            .columns
            .push(format!("{} (not counted)", join_words(&replacing)));
        for ((_, values), &s) in table.rows.iter_mut().zip(&sprints) {
            values.push(account.replacing[s]);
        }
        format!(
            "; work on {}, which replaces it, is not counted",
            join_words(&replacing)
        )
    };
    let shape = Shape::Columns { percent: false };
    let mut spec = Spec {
        mark: sprint_mark(books, request, &sprints),
        subtitle: format!(
            "Effort on {} per sprint by category, in {unit}: its cost of ownership{not_counted}",
            system.name
        ),
        desc: format!(
            "Stacked columns, one per sprint, of the work recorded on {}. {caption}",
            system.name
        ),
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        ..Spec::wide(shape, caption, labels, series, table)
    };
    // A system's page is about what it costs to keep: its upkeep is highlighted.
    spec.highlight_slot(books.config, books.config.upkeep_slot());
    spec
}

/// Each system's share of all keeping-the-lights-on effort per sprint, and the share that names
/// no system.
pub(super) fn upkeep_by_system_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let sprints = window(request);
    let labels = sprint_labels(books, &sprints);
    let series = upkeep_series(books, &sprints);
    let top = series
        .iter()
        .filter(|s| s.label != NO_SYSTEM)
        .max_by(|a, b| a.last_value().total_cmp(&b.last_value()));
    let caption = match top {
        Some(s) if sprints.len() > 1 => format!(
            "{} caused {} of all keeping-the-lights-on work in sprint {}, against {} in {}.",
            s.label,
            percent(s.last_value()),
            last_label(&labels),
            percent(s.first_value()),
            first_label(&labels)
        ),
        Some(s) => format!(
            "{} caused {} of all keeping-the-lights-on work in sprint {}.",
            s.label,
            percent(s.last_value()),
            last_label(&labels)
        ),
        None => "No keeping-the-lights-on work names a system yet.".to_string(),
    };
    let top_label = top.map(|s| s.label.clone());
    let table = series_table("Sprint", ValueKind::Share, &labels, &series);
    let mut spec = Spec {
        mark: sprint_mark(books, request, &sprints),
        subtitle: "Share of all keeping-the-lights-on effort, by the system it was spent on, % of each sprint".into(),
        desc: format!(
            "Stacked columns, one per sprint, splitting the upkeep by system: {}. {caption}",
            series_names(&series)
        ),
        source_note: source_note(books, &sprints),
        axis: "% of upkeep".into(),
        ..Spec::wide(Shape::Columns { percent: true }, caption, labels, series, table)
    };
    // The title is about the system with the biggest share: it is highlighted.
    if let Some(label) = top_label {
        spec.highlight(&label);
    }
    spec
}

/// A series per system with upkeep in these sprints, then the rest of the upkeep (which names
/// no system) when there is any.
fn upkeep_series(books: &Books<'_>, sprints: &[usize]) -> Vec<Series> {
    let systems = &books.accounts.systems;
    let share = |i: usize, s: usize| systems[i].upkeep_share[s].unwrap_or(0.0);
    let mut series: Vec<Series> = (0..books.ledger.systems.len())
        .filter(|&i| sprints.iter().any(|&s| share(i, s) > 0.0))
        .map(|i| system_series(books, i, sprints.iter().map(|&s| share(i, s)).collect()))
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
            label: NO_SYSTEM.into(),
            color: parse_color(crate::load::config::UNCATEGORIZED_COLOR),
            values: rest,
            muted: false,
        });
    }
    series
}

/// Libyears per system with dependency data, furthest behind first.
pub(super) fn libyears_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let mut systems: Vec<usize> = (0..books.ledger.systems.len())
        .filter(|&i| !books.ledger.systems[i].dependencies.is_empty())
        .collect();
    let years = |i: usize| books.accounts.systems[i].libyears;
    systems.sort_by(|&a, &b| years(b).total_cmp(&years(a)).then(a.cmp(&b)));
    let name = |i: usize| books.ledger.systems[i].name.clone();
    let labels: Vec<String> = systems.iter().map(|&i| name(i)).collect();
    let caption = match systems.first() {
        Some(&i) => format!(
            "{} is furthest behind: its libraries are {} years older, added up, than their newest versions.",
            name(i),
            narrate::number(years(i))
        ),
        None => "No dependency data yet.".to_string(),
    };
    let table = Table {
        notes: Vec::new(),
        row_header: "System".into(),
        columns: vec!["Libyears".into(), "A major version behind".into()],
        kind: ValueKind::Effort,
        rows: systems
            .iter()
            .map(|&i| {
                let behind = books.accounts.systems[i].behind_major as f64;
                (name(i), vec![years(i), behind])
            })
            .collect(),
    };
    let bars: Vec<String> = systems
        .iter()
        .map(|&i| format!("{} {} years", name(i), narrate::number(years(i))))
        .collect();
    let shape = Shape::ValueBars {
        unit: "years".into(),
    };
    let series = systems
        .iter()
        .map(|&i| system_series(books, i, vec![years(i)]))
        .collect();
    Spec {
        subtitle: "Libyears per system: how far behind its libraries are, added up, in years"
            .into(),
        desc: format!(
            "Horizontal bars, largest first: {}. {caption}",
            join_words(&bars)
        ),
        source_note: "Source: the systems list.".into(),
        axis: "Years behind the newest releases, added up (libyears)".into(),
        ..Spec::wide(shape, caption, labels, series, table)
    }
}

/// Libyears per system at each dependency snapshot, led by the system that moved most.
pub(super) fn libyears_trend_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let snapshots = &books.ledger.dependency_snapshots;
    let snapshot_sprints: Vec<usize> = snapshots.iter().map(|(s, _)| *s).collect();
    let labels = sprint_labels(books, &snapshot_sprints);
    let trend = |i: usize| &books.accounts.systems[i].libyears_trend;
    let series: Vec<Series> = (0..books.ledger.systems.len())
        .filter(|&i| trend(i).iter().any(|(_, y)| *y > 0.0))
        .map(|i| system_series(books, i, trend(i).iter().map(|(_, y)| *y).collect()))
        .collect();
    let caption = match Series::most_moved(&series) {
        Some(s) if labels.len() > 1 && (s.last_value() - s.first_value()).abs() >= 0.05 => {
            format!(
                "{} went from {} to {} libyears between {} and {}.",
                s.label,
                narrate::number(s.first_value()),
                narrate::number(s.last_value()),
                first_label(&labels),
                last_label(&labels)
            )
        }
        _ => "How far behind each system's libraries are held steady.".into(),
    };
    let table = series_table("Sprint", ValueKind::Effort, &labels, &series);
    let shape = Shape::Lines { percent: false };
    Spec {
        mark: latest_snapshot_mark(books, request, &snapshot_sprints),
        subtitle: "Libyears per system at each dependency snapshot, in years".into(),
        desc: format!(
            "Lines, one per system, over the sprints with a dependency snapshot. {caption}"
        ),
        source_note: "Source: the dependency snapshots.".into(),
        axis: "Years behind the newest releases, added up (libyears)".into(),
        ..Spec::wide(shape, caption, labels, series, table)
    }
}

/// The mark of a libyears trend: the request's sprint when it has a snapshot, else the latest
/// snapshot before it ("latest").
fn latest_snapshot_mark(
    books: &Books<'_>,
    request: &ChartRequest,
    snapshots: &[usize],
) -> Option<super::spec::Mark> {
    sprint_mark(books, request, snapshots).or_else(|| {
        let index = snapshots.iter().rposition(|&s| s <= request.sprint)?;
        Some(super::spec::Mark {
            index,
            word: "latest",
        })
    })
}
