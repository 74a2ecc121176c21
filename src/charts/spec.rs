//! A chart described before it is drawn: its shape, its words, its series and its table. Every
//! chart family builds a [`Spec`]; the shapes draw it. The helpers here are the ones several
//! families share to build theirs.

use plotters::prelude::RGBColor;

use super::request::{Books, ChartRequest};
use super::size::{Size, WIDE};
use super::table::{Table, ValueKind};
use crate::load::config::Config;
use crate::words::findings::{self, Subject};
use crate::words::narrate::{join_words, percent, shown_slots};

/// A series: a label, a colour and one value per x position.
#[derive(Debug)]
pub(super) struct Series {
    /// What the series is, as the legend and the table's column say.
    pub(super) label: String,
    /// Its colour (always beside its label).
    pub(super) color: RGBColor,
    /// One value per x position (or per row).
    pub(super) values: Vec<f64>,
    /// Whether it is drawn in a muted tone because the chart highlights another series.
    pub(super) muted: bool,
}

impl Series {
    /// A category's series: its label and colour, with one value per x position.
    pub(super) fn category(config: &Config, slot: usize, values: Vec<f64>) -> Self {
        Series {
            label: config.category_label(slot).to_string(),
            color: parse_color(config.category_color(slot)),
            values,
            muted: false,
        }
    }

    /// The first value (0 when there is none).
    pub(super) fn first_value(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    /// The last value (0 when there is none).
    pub(super) fn last_value(&self) -> f64 {
        self.values.last().copied().unwrap_or(0.0)
    }

    /// The series that moved most from its first value to its last (the last such one).
    pub(super) fn most_moved(series: &[Series]) -> Option<&Series> {
        series.iter().max_by(|a, b| {
            (a.last_value() - a.first_value())
                .abs()
                .total_cmp(&(b.last_value() - b.first_value()).abs())
        })
    }

    /// A legend entry only, for shapes drawn from their own data.
    pub(super) fn legend(label: &str, color: RGBColor) -> Self {
        Series {
            label: label.to_string(),
            color,
            values: vec![],
            muted: false,
        }
    }
}

/// The shape a chart is drawn as, with any data beyond its series.
#[derive(Debug)]
pub(super) enum Shape {
    /// Stacked columns over x labels.
    Columns { percent: bool },
    /// Sorted horizontal bars of shares, one per label, each its own colour.
    Bars,
    /// Horizontal bars of amounts, one per label, with a unit after each value.
    ValueBars { unit: String },
    /// Lines over x labels, of shares (in %) or of amounts.
    Lines { percent: bool },
    /// Horizontal stacked bars, one per label.
    StackedRows,
    /// Work done against scope, with a forecast cone.
    BurnUp(BurnUp),
    /// Labelled points.
    Scatter {
        points: Vec<(String, f64, f64)>,
        x_axis: String,
    },
    /// Target, actual and average marks per row.
    Dots { rows: Vec<TargetRow> },
}

/// Data of a burn-up chart beyond its series.
#[derive(Debug, Clone)]
pub(super) struct BurnUp {
    /// Cumulative done, per past sprint (x = 0..).
    pub done: Vec<f64>,
    /// Scope in force, per past sprint.
    pub scope: Vec<f64>,
    /// Sprints to go at the fastest and the slowest pace (`None` when unbounded).
    pub fast: Option<f64>,
    pub slow: Option<f64>,
    /// Sprints to go at the average pace.
    pub expected: Option<f64>,
    /// The initiative's colour (its category's).
    pub color: RGBColor,
    /// The x position of the target date, when there is one (drawn as a line labelled
    /// "target").
    pub target: Option<f64>,
    /// The x axis's label at each position, past and to come: the month each sprint ends, so
    /// that the axis reads in dates throughout.
    pub dates: Vec<String>,
    /// A scenario's cone, drawn over today's (which is then grey).
    pub scenario: Option<Cone>,
}

/// A forecast cone that changes pace after `delay` sprints: a scenario's.
#[derive(Debug, Clone)]
pub(super) struct Cone {
    /// Sprints before the change applies.
    pub delay: f64,
    /// Effort per sprint before it applies, at the fastest, average and slowest pace.
    pub before: [f64; 3],
    /// Sprints to go at each pace (`None`: never, or beyond the horizon).
    pub to_go: [Option<f64>; 3],
    /// Its colour.
    pub color: RGBColor,
    /// Whether a plan that never finishes draws a flat line (a stopped project).
    pub flat_when_never: bool,
}

/// A row of the targets chart: label, colour, target, actual share and average share.
pub(super) type TargetRow = (String, RGBColor, f64, f64, f64);

/// The x position a trend chart marks as its sprint: the current sprint ("now"), or the sprint
/// of the page when the chart ends before it ("this sprint").
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mark {
    /// The position among the chart's x labels.
    pub(super) index: usize,
    /// The word written at it.
    pub(super) word: &'static str,
}

impl Mark {
    /// "now" on the last of `count` past sprints (the current one), as a burn-up marks it.
    pub(super) fn now_at_last(count: usize) -> Option<Self> {
        count
            .checked_sub(1)
            .map(|index| Self { index, word: "now" })
    }
}

/// The word that marks the request's sprint: "now" on the current sprint's charts, "this
/// sprint" on an earlier sprint's.
pub(super) fn mark_word(books: &Books<'_>, request: &ChartRequest) -> &'static str {
    if request.sprint == books.ledger.current {
        "now"
    } else {
        "this sprint"
    }
}

/// The mark of `request`'s sprint among `sprints` (the chart's x positions), if it is one.
pub(super) fn sprint_mark(
    books: &Books<'_>,
    request: &ChartRequest,
    sprints: &[usize],
) -> Option<Mark> {
    let index = sprints.iter().position(|&s| s == request.sprint)?;
    Some(Mark {
        index,
        word: mark_word(books, request),
    })
}

/// An incident or event drawn on a trend chart at the x position of its sprint.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Annotation {
    /// The position among the chart's x labels.
    pub(super) index: usize,
    /// The short label written beside the rule: the event's label or the incident's title.
    pub(super) label: String,
    /// The label with what it is, for the table and the description: "Critical incident:
    /// Checkout down".
    pub(super) long: String,
}

/// A chart before drawing: its shape, its words, its x labels (or rows), series and table.
#[derive(Debug)]
pub(super) struct Spec {
    /// The size it is drawn at (the wide form's, until the phone form is drawn).
    pub(super) size: Size,
    /// The sprint a trend chart marks, if any.
    pub(super) mark: Option<Mark>,
    /// Incidents and events drawn on a trend chart: a thin rule and a short label each.
    pub(super) annotations: Vec<Annotation>,
    /// How it is drawn.
    pub(super) shape: Shape,
    /// The finding, as a title.
    pub(super) title: String,
    /// What is measured, in which unit.
    pub(super) subtitle: String,
    /// A plain-language sentence from the data.
    pub(super) caption: String,
    /// The SVG's `<desc>`.
    pub(super) desc: String,
    /// Where the numbers come from.
    pub(super) source_note: String,
    /// The name of the value axis.
    pub(super) axis: String,
    /// The x labels of columns and lines, or the rows of bars.
    pub(super) labels: Vec<String>,
    /// The series, or the legend's entries for shapes drawn from their own data.
    pub(super) series: Vec<Series>,
    /// The numbers, for the table and the CSV.
    pub(super) table: Table,
}

impl Spec {
    /// A chart at the wide size whose title is its finding (the caption), with no sprint marked,
    /// no annotations and no words yet: each chart family sets what it adds over this (the
    /// subtitle, the description, the source, the axis, and a mark or another title).
    pub(super) fn wide(
        shape: Shape,
        caption: String,
        labels: Vec<String>,
        series: Vec<Series>,
        table: Table,
    ) -> Self {
        Spec {
            size: WIDE,
            mark: None,
            annotations: Vec::new(),
            shape,
            title: caption.clone(),
            subtitle: String::new(),
            caption,
            desc: String::new(),
            source_note: String::new(),
            axis: String::new(),
            labels,
            series,
            table,
        }
    }
}

/// The sprints a series shows: the last `request.last` up to the request's sprint, or all.
pub(super) fn window(request: &ChartRequest) -> Vec<usize> {
    let end = request.sprint + 1;
    let start = request.last.map_or(0, |n| end.saturating_sub(n.max(1)));
    (start..end).collect()
}

/// The sprints' ids, as x labels.
pub(super) fn sprint_labels(books: &Books<'_>, sprints: &[usize]) -> Vec<String> {
    sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect()
}

/// The first x label, as a caption names where a range starts ("" when there is none).
pub(super) fn first_label(labels: &[String]) -> &str {
    labels.first().map_or("", String::as_str)
}

/// The last x label, as a caption names where a range ends ("" when there is none).
pub(super) fn last_label(labels: &[String]) -> &str {
    labels.last().map_or("", String::as_str)
}

/// The series' labels as words: "A, B and C".
pub(super) fn series_names(series: &[Series]) -> String {
    join_words(&series.iter().map(|s| s.label.clone()).collect::<Vec<_>>())
}

/// A table with a row per x label and a column per series.
pub(super) fn series_table(
    row_header: &str,
    kind: ValueKind,
    labels: &[String],
    series: &[Series],
) -> Table {
    Table {
        notes: Vec::new(),
        row_header: row_header.to_string(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    }
}

/// Where the numbers come from: the sprints, and how much of their effort has no category.
pub(super) fn source_note(books: &Books<'_>, sprints: &[usize]) -> String {
    let ids: Vec<&str> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.as_str())
        .collect();
    let range = match ids.as_slice() {
        [] => "no sprints".to_string(),
        [one] => format!("sprint data {one}"),
        [first, .., last] => format!("sprint data {first} to {last}"),
    };
    let accounts = books.accounts;
    let total: f64 = sprints.iter().map(|&s| accounts.sprints[s].effort).sum();
    let uncategorized: f64 = sprints
        .iter()
        .map(|&s| accounts.sprints[s].by_category[books.config.uncategorized_slot()])
        .sum();
    let share = if total > 0.0 {
        uncategorized / total
    } else {
        0.0
    };
    if share == 0.0 {
        format!("Source: {range}; all effort has a category.")
    } else {
        format!(
            "Source: {range}; {} of effort uncategorized.",
            percent(share)
        )
    }
}

/// The category slots a chart of `sprints` shows: every category, and `Uncategorized` only when
/// some of this effort (of `team`, or of everyone) has no category. An empty `Uncategorized`
/// stays in the page's tables and the data-quality panel, but draws no bar, line or legend.
pub(super) fn chart_slots(books: &Books<'_>, sprints: &[usize], team: Option<usize>) -> Vec<usize> {
    let empty = books.config.uncategorized_slot();
    let uncategorized: f64 = sprints
        .iter()
        .map(|&s| {
            let account = &books.accounts.sprints[s];
            match team {
                Some(t) => account.teams[t].by_category[empty],
                None => account.by_category[empty],
            }
        })
        .sum();
    shown_slots(books.config, books.accounts)
        .into_iter()
        .filter(|&slot| slot != empty || uncategorized > 0.0)
        .collect()
}

/// The category a chart of `sprint` highlights: the one its headline finding is about (see
/// [`findings`]). A finding about a big project highlights the project's category; a finding
/// about the sprint as a whole ("nothing moved much") highlights nothing, and every series
/// keeps its colour. A team's chart highlights the team's largest category in the sprint,
/// which its page's headline names.
pub(super) fn highlight_slot(
    books: &Books<'_>,
    sprint: usize,
    team: Option<usize>,
) -> Option<usize> {
    let account = books.accounts.sprints.get(sprint)?;
    if let Some(t) = team {
        let figures = account.teams.get(t)?;
        if figures.effort <= 0.0 {
            return None;
        }
        return shown_slots(books.config, books.accounts)
            .into_iter()
            .filter(|&s| s != books.config.uncategorized_slot())
            .max_by(|&a, &b| {
                figures.by_category[a]
                    .total_cmp(&figures.by_category[b])
                    .then(b.cmp(&a))
            });
    }
    if account.effort <= 0.0 {
        return None;
    }
    match findings::headline(books.config, books.ledger, books.accounts, sprint).subject {
        Subject::Category(slot) => Some(slot),
        Subject::Initiative(i) => books.ledger.initiatives.get(i).map(|i| i.category),
        Subject::Sprint => None,
    }
}

/// The muted tone of a colour: mostly a mid grey, with a trace of the colour left so that
/// stacked segments still differ. Mid grey reads on light and dark backgrounds alike.
pub(super) fn mute(color: RGBColor) -> RGBColor {
    let blend = |c: u8| ((f64::from(c) * 0.3 + 150.0 * 0.7).round()).clamp(0.0, 255.0) as u8;
    RGBColor(blend(color.0), blend(color.1), blend(color.2))
}

/// Parses `#rrggbb` (checked in config) into a plotters colour.
pub(super) fn parse_color(hex: &str) -> RGBColor {
    let channel =
        |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128);
    RGBColor(channel(1), channel(3), channel(5))
}

impl Spec {
    /// Draws the series labelled `label` in its colour and mutes the others (the style
    /// guide's highlight rule); nothing changes when no series has that label.
    pub(super) fn highlight(&mut self, label: &str) {
        if !self.series.iter().any(|s| s.label == label) || self.series.len() < 2 {
            return;
        }
        for s in self.series.iter_mut().filter(|s| s.label != label) {
            s.muted = true;
            s.color = mute(s.color);
        }
    }

    /// Highlights the category in `slot`, when there is one.
    pub(super) fn highlight_slot(&mut self, config: &Config, slot: Option<usize>) {
        if let Some(slot) = slot {
            self.highlight(config.category_label(slot));
        }
    }

    /// Whether series `s` is the highlighted one (another is muted and it is not).
    pub(super) fn is_highlighted(&self, s: &Series) -> bool {
        !s.muted && self.series.iter().any(|o| o.muted)
    }

    /// Each x position's total over the series: the height of its stack.
    pub(super) fn stack_totals(&self) -> Vec<f64> {
        (0..self.labels.len().max(1))
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect()
    }
}
