//! The investment mix: stacked columns of effort by category per sprint (in % or effort), one
//! sprint's split by category, and each category's trend over sprints.

use plotters::prelude::RGBColor;

use super::request::{Books, ChartRequest};
use super::spec::{Series, Shape, Spec, parse_color, source_note, window};
use super::table::{Table, ValueKind};
use crate::words::narrate::{self, capitalize, join_words, percent, shown_slots};

pub(super) fn team_effort(
    books: &Books<'_>,
    sprint: usize,
    team: Option<usize>,
    slot: usize,
) -> f64 {
    let account = &books.accounts.sprints[sprint];
    match team {
        Some(t) => account.teams[t].by_category[slot],
        None => account.by_category[slot],
    }
}

pub(super) fn total_effort(books: &Books<'_>, sprint: usize, team: Option<usize>) -> f64 {
    let account = &books.accounts.sprints[sprint];
    match team {
        Some(t) => account.teams[t].effort,
        None => account.effort,
    }
}

pub(super) fn whose(books: &Books<'_>, team: Option<usize>) -> String {
    match team {
        Some(t) => format!("{}'s", books.ledger.teams[t].name),
        None => "engineering".to_string(),
    }
}

pub(super) fn mix_spec(books: &Books<'_>, request: &ChartRequest, as_percent: bool) -> Spec {
    let config = books.config;
    let sprints = window(request);
    let labels: Vec<String> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect();
    let slots = shown_slots(config, books.accounts);
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| Series {
            label: config.category_label(slot).to_string(),
            color: parse_color(config.category_color(slot)),
            values: sprints
                .iter()
                .map(|&s| {
                    let value = team_effort(books, s, request.team, slot);
                    if as_percent {
                        crate::accounts::ratio(value, total_effort(books, s, request.team))
                    } else {
                        value
                    }
                })
                .collect(),
        })
        .collect();
    let caption =
        narrate::mix_caption(config, books.ledger, books.accounts, &sprints, request.team);
    let (subtitle, axis, kind) = if as_percent {
        (
            format!(
                "Share of {} effort by category, % of each sprint",
                whose(books, request.team)
            ),
            "% of effort".to_string(),
            ValueKind::Share,
        )
    } else {
        (
            format!(
                "{} effort by category, in {}",
                capitalize(&whose(books, request.team)),
                config.effort_unit.as_str()
            ),
            capitalize(config.effort_unit.as_str()),
            ValueKind::Effort,
        )
    };
    let table = Table {
        row_header: "Sprint".to_string(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    let desc = format!(
        "Stacked columns, one per sprint from {} to {}, split by category: {}. {caption}",
        labels.first().map_or("", String::as_str),
        labels.last().map_or("", String::as_str),
        join_words(&series.iter().map(|s| s.label.clone()).collect::<Vec<_>>())
    );
    Spec {
        shape: Shape::Columns {
            percent: as_percent,
        },
        title: caption.clone(),
        subtitle,
        caption,
        desc,
        source_note: source_note(books, &sprints),
        axis,
        labels,
        series,
        table,
    }
}

pub(super) fn split_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let config = books.config;
    let sprint = request.sprint;
    let id = &books.ledger.sprints[sprint].id;
    let mut slots = shown_slots(config, books.accounts);
    let total = total_effort(books, sprint, request.team);
    slots.sort_by(|&a, &b| {
        team_effort(books, sprint, request.team, b)
            .total_cmp(&team_effort(books, sprint, request.team, a))
            .then(a.cmp(&b))
    });
    let shares: Vec<f64> = slots
        .iter()
        .map(|&s| crate::accounts::ratio(team_effort(books, sprint, request.team, s), total))
        .collect();
    let caption = match (request.team, slots.first()) {
        (_, _) if total == 0.0 => format!("No work is recorded for sprint {id}."),
        (None, _) => narrate::sprint_headline(config, books.ledger, books.accounts, sprint),
        (Some(team), Some(&top)) => format!(
            "{} spent {} of its time on {} in sprint {id}.",
            books.ledger.teams[team].name,
            percent(shares[0]),
            config.category_label(top).to_lowercase()
        ),
        (Some(_), None) => String::new(),
    };
    let labels: Vec<String> = slots
        .iter()
        .map(|&s| config.category_label(s).to_string())
        .collect();
    let series = vec![Series {
        label: "Share".to_string(),
        color: RGBColor(0, 0, 0),
        values: shares.clone(),
    }];
    let colors: Vec<RGBColor> = slots
        .iter()
        .map(|&s| parse_color(config.category_color(s)))
        .collect();
    let desc = format!(
        "Horizontal bars, largest first: {}. {caption}",
        join_words(
            &labels
                .iter()
                .zip(&shares)
                .map(|(l, s)| format!("{l} {}", percent(*s)))
                .collect::<Vec<_>>()
        )
    );
    let table = Table {
        row_header: "Category".to_string(),
        columns: vec![format!("Share of {id}")],
        kind: ValueKind::Share,
        rows: labels
            .iter()
            .zip(&shares)
            .map(|(l, s)| (l.clone(), vec![*s]))
            .collect(),
    };
    let mut spec = Spec {
        shape: Shape::Bars,
        title: caption.clone(),
        subtitle: format!(
            "Share of {} effort by category in sprint {id}, %",
            whose(books, request.team)
        ),
        caption,
        desc,
        source_note: source_note(books, &[sprint]),
        axis: "% of effort".to_string(),
        labels,
        series,
        table,
    };
    // Bars carry their own colours: keep them in the series list, one per bar.
    spec.series = colors
        .into_iter()
        .zip(spec.labels.iter())
        .zip(&shares)
        .map(|((color, label), share)| Series {
            label: label.clone(),
            color,
            values: vec![*share],
        })
        .collect();
    spec
}

pub(super) fn trend_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let mut spec = mix_spec(books, request, true);
    let config = books.config;
    let sprints = window(request);
    spec.shape = Shape::Lines { percent: true };
    if let Some(slot) = request.category {
        let label = config.category_label(slot);
        spec.series.retain(|s| s.label == label);
        let kept = spec.table.columns.iter().position(|c| c == label);
        spec.table.columns.retain(|c| c == label);
        for (_, values) in &mut spec.table.rows {
            *values = kept.map(|k| vec![values[k]]).unwrap_or_default();
        }
    }
    spec.subtitle = format!(
        "Each category's share of {} effort per sprint, %",
        whose(books, request.team)
    );
    // Lead with the category that moved most over the window.
    let moved = spec
        .series
        .iter()
        .map(|s| {
            let first = s.values.first().copied().unwrap_or(0.0);
            let last = s.values.last().copied().unwrap_or(0.0);
            (s.label.clone(), first, last)
        })
        .max_by(|a, b| (a.2 - a.1).abs().total_cmp(&(b.2 - b.1).abs()));
    let whose_time = match request.team {
        Some(t) => format!("{}'s time", books.ledger.teams[t].name),
        None => "engineering time".to_string(),
    };
    if let (Some((label, first, last)), true) = (moved, sprints.len() > 1) {
        let change = (last - first) * 100.0;
        // The change as the reader can check it: from the rounded figures shown.
        let shown_change = (last * 100.0).round() - (first * 100.0).round();
        let (first, last, change_words) = (
            percent(first),
            percent(last),
            narrate::points_change(shown_change),
        );
        spec.caption = match (request.category.is_some(), change.abs() < 2.0) {
            (true, true) => format!("{label} held steady at about {last} of {whose_time}."),
            (true, false) => {
                format!("{label} went from {first} to {last} of {whose_time}, {change_words}.")
            }
            (false, true) => {
                "Each category's share held roughly steady over these sprints.".to_string()
            }
            (false, false) => format!(
                "{label} moved the most: from {first} to {last} of {whose_time}, {change_words}."
            ),
        };
    }
    spec.title = spec.caption.clone();
    let lines = if request.category.is_some() {
        "A line of one category's share"
    } else {
        "Lines, one per category,"
    };
    spec.desc = format!("{lines} over sprints. {}", spec.caption);
    spec
}
