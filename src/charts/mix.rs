//! The investment mix: stacked columns of effort by category per sprint (in % or effort), one
//! sprint's split by category, and each category's trend over sprints.

use super::request::{Books, ChartRequest};
use super::spec::{
    Series, Shape, Spec, chart_slots, first_label, highlight_slot, last_label, parse_color,
    series_names, series_table, source_note, sprint_labels, sprint_mark, window,
};
use super::table::{Table, ValueKind};
use crate::accounts::ratio;
use crate::words::narrate::{self, capitalize, join_words, percent};

/// The effort of a team (or of everyone) on one category in one sprint.
fn team_effort(books: &Books<'_>, sprint: usize, team: Option<usize>, slot: usize) -> f64 {
    let account = &books.accounts.sprints[sprint];
    match team {
        Some(t) => account.teams[t].by_category[slot],
        None => account.by_category[slot],
    }
}

/// The effort of a team (or of everyone) in one sprint.
fn total_effort(books: &Books<'_>, sprint: usize, team: Option<usize>) -> f64 {
    let account = &books.accounts.sprints[sprint];
    match team {
        Some(t) => account.teams[t].effort,
        None => account.effort,
    }
}

/// "Platform's" or "engineering", as subtitles name whose effort a chart shows.
fn whose(books: &Books<'_>, team: Option<usize>) -> String {
    match team {
        Some(t) => format!("{}'s", books.ledger.teams[t].name),
        None => "engineering".to_string(),
    }
}

/// Stacked columns per sprint of the effort by category, in % of each sprint or in effort, with
/// the category the sprint's headline is about highlighted (and the title about it, when the
/// category that moved most is another one).
pub(super) fn mix_spec(books: &Books<'_>, request: &ChartRequest, as_percent: bool) -> Spec {
    let mut spec = mix_columns(books, request, as_percent);
    if request.team.is_some() {
        // A team's page has no finding of its own to highlight: the chart highlights the
        // category its title talks about, the one that moved most.
        if let Some(label) = mover(&spec.series).map(|s| s.label.clone()) {
            spec.highlight(&label);
        }
        return spec;
    }
    let slot = highlight_slot(books, request.sprint, None);
    spec.highlight_slot(books.config, slot);
    if let Some(slot) = slot
        && window(request).len() > 1
        && mover(&spec.series).map(|s| s.label.as_str()) != Some(books.config.category_label(slot))
        && as_percent
        && let Some(series) = spec
            .series
            .iter()
            .find(|s| s.label == books.config.category_label(slot))
    {
        let whose_time = whose_time(books, request.team);
        let (first, last) = (first_label(&spec.labels), last_label(&spec.labels));
        let span = if spec.labels.len() == books.accounts.window {
            format!(
                "over the last {} sprints ({first} to {last})",
                spec.labels.len()
            )
        } else {
            format!("from {first} to {last}")
        };
        let sentence = change_sentence(
            &series.label,
            series.first_value(),
            series.last_value(),
            &whose_time,
        );
        spec.title = format!("{} {span}.", sentence.trim_end_matches('.'));
    }
    spec
}

/// The columns of [`mix_spec`], before any highlight.
fn mix_columns(books: &Books<'_>, request: &ChartRequest, as_percent: bool) -> Spec {
    let config = books.config;
    let sprints = window(request);
    let labels = sprint_labels(books, &sprints);
    let slots = chart_slots(books, &sprints, request.team);
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| {
            let values = sprints
                .iter()
                .map(|&s| {
                    let value = team_effort(books, s, request.team, slot);
                    if as_percent {
                        ratio(value, total_effort(books, s, request.team))
                    } else {
                        value
                    }
                })
                .collect();
            Series::category(config, slot, values)
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
    let table = series_table("Sprint", kind, &labels, &series);
    let desc = format!(
        "Stacked columns, one per sprint from {} to {}, split by category: {}. {caption}",
        first_label(&labels),
        last_label(&labels),
        series_names(&series)
    );
    let shape = Shape::Columns {
        percent: as_percent,
    };
    Spec {
        annotations: super::notes::sprint_annotations(books, &sprints, request.team),
        mark: sprint_mark(books, request, &sprints),
        subtitle,
        desc,
        source_note: source_note(books, &sprints),
        axis,
        ..Spec::wide(shape, caption, labels, series, table)
    }
}

/// One sprint's split by category, as bars sorted largest first, each in its category's colour.
pub(super) fn split_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let config = books.config;
    let sprint = request.sprint;
    let id = &books.ledger.sprints[sprint].id;
    let mut slots = chart_slots(books, &[sprint], request.team);
    let total = total_effort(books, sprint, request.team);
    slots.sort_by(|&a, &b| {
        team_effort(books, sprint, request.team, b)
            .total_cmp(&team_effort(books, sprint, request.team, a))
            .then(a.cmp(&b))
    });
    let shares: Vec<f64> = slots
        .iter()
        .map(|&s| ratio(team_effort(books, sprint, request.team, s), total))
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
    // Bars carry their own colours: one series per bar.
    let series = slots
        .iter()
        .zip(&labels)
        .zip(&shares)
        .map(|((&slot, label), share)| Series {
            label: label.clone(),
            color: parse_color(config.category_color(slot)),
            values: vec![*share],
            muted: false,
        })
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
        notes: Vec::new(),
        row_header: "Category".to_string(),
        columns: vec![format!("Share of {id}")],
        kind: ValueKind::Share,
        rows: labels
            .iter()
            .zip(&shares)
            .map(|(l, s)| (l.clone(), vec![*s]))
            .collect(),
    };
    // The title says what is drawn: the headline above the chart already says the finding.
    let title = if total == 0.0 {
        caption.clone()
    } else {
        match request.team {
            Some(t) => format!(
                "Where {}'s time went in sprint {id}, largest share first",
                books.ledger.teams[t].name
            ),
            None => format!("Where engineering time went in sprint {id}, largest share first"),
        }
    };
    let mut spec = Spec {
        title,
        subtitle: format!(
            "Share of {} effort by category in sprint {id}, %",
            whose(books, request.team)
        ),
        desc,
        source_note: source_note(books, &[sprint]),
        axis: "% of effort".to_string(),
        ..Spec::wide(Shape::Bars, caption, labels, series, table)
    };
    spec.highlight_slot(config, highlight_slot(books, sprint, request.team));
    spec
}

/// Each category's share as a line over sprints (or one category's), led by the one that
/// moved most.
pub(super) fn trend_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let mut spec = mix_columns(books, request, true);
    let sprints = window(request);
    spec.shape = Shape::Lines { percent: true };
    if let Some(slot) = request.category {
        keep_one_category(&mut spec, books.config.category_label(slot));
    } else {
        spec.highlight_slot(
            books.config,
            highlight_slot(books, request.sprint, request.team),
        );
    }
    spec.subtitle = format!(
        "Each category's share of {} effort per sprint, %",
        whose(books, request.team)
    );
    if sprints.len() > 1
        && let Some(caption) = trend_caption(books, request, &spec.series)
    {
        spec.caption = caption;
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

/// Keeps only the category labelled `label` in a trend's series and table.
fn keep_one_category(spec: &mut Spec, label: &str) {
    spec.series.retain(|s| s.label == label);
    let kept = spec.table.columns.iter().position(|c| c == label);
    spec.table.columns.retain(|c| c == label);
    for (_, values) in &mut spec.table.rows {
        *values = kept.map(|k| vec![values[k]]).unwrap_or_default();
    }
}

/// A trend's caption, led by the category that moved most over the window (`None` when no
/// category is shown).
fn trend_caption(books: &Books<'_>, request: &ChartRequest, series: &[Series]) -> Option<String> {
    let whose_time = whose_time(books, request.team);
    // The title talks about the highlighted line, when one is.
    if let Some(line) = series
        .iter()
        .find(|s| !s.muted && series.iter().any(|o| o.muted))
    {
        return Some(change_sentence(
            &line.label,
            line.first_value(),
            line.last_value(),
            &whose_time,
        ));
    }
    let moved = Series::most_moved(series)?;
    let (label, first, last) = (&moved.label, moved.first_value(), moved.last_value());
    let change = (last - first) * 100.0;
    // The change as the reader can check it: from the rounded figures shown.
    let shown_change = (last * 100.0).round() - (first * 100.0).round();
    let (first, last, change_words) = (
        percent(first),
        percent(last),
        narrate::points_change(shown_change),
    );
    Some(match (request.category.is_some(), change.abs() < 2.0) {
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
    })
}

/// "engineering time" or "Platform's time".
fn whose_time(books: &Books<'_>, team: Option<usize>) -> String {
    match team {
        Some(t) => format!("{}'s time", books.ledger.teams[t].name),
        None => "engineering time".to_string(),
    }
}

/// "Label went from 30% to 35% of engineering time, up 5 points." (or "held steady at about").
fn change_sentence(label: &str, first: f64, last: f64, whose_time: &str) -> String {
    let shown_change = (last * 100.0).round() - (first * 100.0).round();
    if ((last - first) * 100.0).abs() < 2.0 {
        return format!(
            "{label} held steady at about {} of {whose_time}.",
            percent(last)
        );
    }
    format!(
        "{label} went from {} to {} of {whose_time}, {}.",
        percent(first),
        percent(last),
        narrate::points_change(shown_change)
    )
}

/// The series whose share moved most from its first value to its last, chosen as
/// [`narrate::mix_caption`] chooses (whole tenths of a point, a rise before a fall, then the
/// earlier category), so that the highlight matches the title.
fn mover(series: &[Series]) -> Option<&Series> {
    series
        .iter()
        .enumerate()
        .max_by_key(|(k, s)| {
            let change = s.last_value() - s.first_value();
            (
                (change.abs() * 1000.0).round() as i64,
                change > 0.0,
                std::cmp::Reverse(*k),
            )
        })
        .map(|(_, s)| s)
}
