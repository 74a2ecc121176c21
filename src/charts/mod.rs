//! Charts: SVG drawn with plotters, plus the words and numbers that go with each.
//!
//! A [`Chart`] is more than a picture: it carries a title that states the finding, a neutral
//! subtitle with units, a caption and an SVG `<desc>` written from the data, and a [`Table`] of
//! the exact numbers (shown under the chart and written as CSV). Bars always start at zero, every
//! colour has a text label beside it, and text uses `currentColor`, so the page's colour scheme
//! (light or dark) restyles it.

use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{SegmentValue, SegmentedCoord};
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;

use crate::accounts::Accounts;
pub use crate::error::ChartError;
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::text::escape_xml;
use crate::words::narrate::{self, capitalize, join_words, percent, shown_slots};

mod books;
pub use books::{forecast_sentence, month_label, month_year};

/// The charts tally can draw, by the name authors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Stacked columns per sprint, by category, in % of each sprint's effort.
    InvestmentMix,
    /// Stacked columns per sprint, by category, in effort.
    InvestmentMixEffort,
    /// One sprint's split by category, as sorted horizontal bars.
    CategorySplit,
    /// Each category's share as a line over sprints.
    CategoryTrend,
    /// Effort by team, split by category, as horizontal stacked bars.
    TeamSplit,
    /// An initiative's work done against its scope, with a forecast cone.
    BurnUp,
    /// A system's cost of ownership per sprint, by category.
    SystemCost,
    /// Each system's share of all keeping-the-lights-on effort per sprint.
    UpkeepBySystem,
    /// Libyears per system.
    Libyears,
    /// Libyears per system over the dependency snapshots.
    LibyearsTrend,
    /// Each open debt item's principal against its interest.
    DebtMap,
    /// Capitalizable and expensed work per month.
    Capitalization,
    /// Actual share against target per category.
    Targets,
}

impl ChartKind {
    /// Every chart, with its name.
    pub const ALL: [(&'static str, ChartKind); 13] = [
        ("investment_mix", ChartKind::InvestmentMix),
        ("investment_mix_effort", ChartKind::InvestmentMixEffort),
        ("category_split", ChartKind::CategorySplit),
        ("category_trend", ChartKind::CategoryTrend),
        ("team_split", ChartKind::TeamSplit),
        ("burn_up", ChartKind::BurnUp),
        ("system_cost", ChartKind::SystemCost),
        ("upkeep_by_system", ChartKind::UpkeepBySystem),
        ("libyears", ChartKind::Libyears),
        ("libyears_trend", ChartKind::LibyearsTrend),
        ("debt_map", ChartKind::DebtMap),
        ("capitalization", ChartKind::Capitalization),
        ("targets", ChartKind::Targets),
    ];

    /// The chart called `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    /// The chart's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("chart", |(n, _)| n)
    }

    /// Whether the chart is about one initiative or one system (given as the request's subject).
    pub fn needs_subject(self) -> Option<&'static str> {
        match self {
            ChartKind::BurnUp => Some("initiative"),
            ChartKind::SystemCost => Some("system"),
            _ => None,
        }
    }
}

/// What to draw: a chart kind and its options.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChartRequest {
    /// Which chart.
    pub kind: ChartKind,
    /// The sprint (index), for single-sprint charts; the last sprint shown for series.
    pub sprint: usize,
    /// How many sprints a series shows, ending at `sprint`; `None` for all.
    pub last: Option<usize>,
    /// Restrict to one team (index).
    pub team: Option<usize>,
    /// Show one category (slot) only; `category_trend` only.
    pub category: Option<usize>,
    /// The initiative (`burn_up`) or system (`system_cost`) the chart is about (index).
    pub subject: Option<usize>,
}

impl ChartRequest {
    /// A stable, unique file-name-safe id for this request, used for its CSV and SVG ids.
    pub fn slug(&self, config: &Config, ledger: &Ledger) -> String {
        let mut slug = self.kind.name().replace('_', "-");
        if let Some(team) = self.team {
            slug.push_str("-team-");
            slug.push_str(&ledger.teams[team].id);
        }
        match (self.kind.needs_subject(), self.subject) {
            (Some("initiative"), Some(i)) => {
                slug.push('-');
                slug.push_str(&ledger.initiatives[i].id);
            }
            (Some(_), Some(i)) => {
                slug.push('-');
                slug.push_str(&ledger.systems[i].id);
            }
            _ => {}
        }
        if let Some(slot) = self.category {
            slug.push('-');
            slug.push_str(config.category_id(slot));
        }
        slug.push('-');
        slug.push_str(&ledger.sprints[self.sprint].id);
        if matches!(
            self.kind,
            ChartKind::InvestmentMix | ChartKind::InvestmentMixEffort | ChartKind::CategoryTrend
        ) {
            match self.last {
                Some(n) => slug.push_str(&format!("-last-{n}")),
                None => slug.push_str("-all"),
            }
        }
        slug
    }
}

/// How a table column's numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A share from 0 to 1, shown as a percentage.
    Share,
    /// Effort in the site's unit.
    Effort,
}

/// The numbers behind a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Header of the first column (what the rows are).
    pub row_header: String,
    /// The value columns' headers.
    pub columns: Vec<String>,
    /// The kind of every value column.
    pub kind: ValueKind,
    /// One row per sprint, category or team.
    pub rows: Vec<(String, Vec<f64>)>,
}

impl Table {
    /// A cell as shown on the page.
    pub fn display(&self, value: f64) -> String {
        match self.kind {
            ValueKind::Share => format!("{:.1}%", value * 100.0),
            ValueKind::Effort => narrate::number(value),
        }
    }

    /// The table as CSV: exact numbers, text cells guarded against formula injection.
    pub fn csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let unit = match self.kind {
            ValueKind::Share => " (share from 0 to 1)",
            ValueKind::Effort => "",
        };
        let mut header = vec![guard_csv_cell(&self.row_header)];
        header.extend(
            self.columns
                .iter()
                .map(|c| guard_csv_cell(&format!("{c}{unit}"))),
        );
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&header);
        for (label, values) in &self.rows {
            let mut record = vec![guard_csv_cell(label)];
            record.extend(values.iter().map(|v| format_csv_number(*v)));
            let _ = writer.write_record(&record);
        }
        writer
            .into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// Rounds to 4 decimals and drops trailing zeros, so CSVs are exact enough and stable.
pub fn format_csv_number(value: f64) -> String {
    debug_assert!(
        value.is_finite(),
        "a non-finite number reached a CSV: {value}"
    );
    let text = format!("{:.4}", (value * 10_000.0).round() / 10_000.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Prefixes a `'` to cells a spreadsheet would run as a formula.
pub fn guard_csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A drawn chart with its words and numbers.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    /// Unique id: the CSV's file name and the SVG's element ids.
    pub id: String,
    /// The finding, as a title.
    pub title: String,
    /// What is measured, in which unit, over which sprints.
    pub subtitle: String,
    /// A plain-language sentence from the data.
    pub caption: String,
    /// The SVG's `<desc>`: the caption plus the key numbers.
    pub desc: String,
    /// The inline SVG, with `role="img"`, `<title>` and `<desc>`.
    pub svg: String,
    /// Where the numbers come from and what they cover.
    pub source_note: String,
    /// The table's header row.
    pub table_header: Vec<String>,
    /// The table's rows, formatted for reading.
    pub table_rows: Vec<Vec<String>>,
    #[serde(skip)]
    /// The numbers, for the CSV.
    pub table: Table,
    /// A hash of everything the chart is drawn from, to reuse it when nothing changed.
    #[serde(skip)]
    pub fingerprint: u64,
}

/// Everything a chart is drawn from.
pub struct Books<'a> {
    /// Site configuration (categories, units).
    pub config: &'a Config,
    /// Teams and sprints.
    pub ledger: &'a Ledger,
    /// The computed figures.
    pub accounts: &'a Accounts,
}

/// Draws the requested chart.
pub fn draw(books: &Books<'_>, request: &ChartRequest) -> Result<Chart, ChartError> {
    draw_reusing(books, request, None)
}

/// Draws the requested chart, or returns `previous` when everything it is drawn from (data,
/// words, colours) is unchanged: `tally serve` keeps charts across rebuilds this way.
pub fn draw_reusing(
    books: &Books<'_>,
    request: &ChartRequest,
    previous: Option<&Chart>,
) -> Result<Chart, ChartError> {
    let id = request.slug(books.config, books.ledger);
    let fail = |e: String| ChartError {
        chart: id.clone(),
        message: e,
    };
    let spec = match request.kind {
        ChartKind::InvestmentMix => mix_spec(books, request, true),
        ChartKind::InvestmentMixEffort => mix_spec(books, request, false),
        ChartKind::CategorySplit => split_spec(books, request),
        ChartKind::CategoryTrend => trend_spec(books, request),
        ChartKind::TeamSplit => team_split_spec(books, request),
        ChartKind::BurnUp => books::burn_up_spec(books, request),
        ChartKind::SystemCost => books::system_cost_spec(books, request),
        ChartKind::UpkeepBySystem => books::upkeep_by_system_spec(books, request),
        ChartKind::Libyears => books::libyears_spec(books, request),
        ChartKind::LibyearsTrend => books::libyears_trend_spec(books, request),
        ChartKind::DebtMap => books::debt_map_spec(books, request),
        ChartKind::Capitalization => books::capitalization_spec(books, request),
        ChartKind::Targets => books::targets_spec(books, request),
    };
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut hasher);
        format!("{spec:?}").hash(&mut hasher);
        hasher.finish()
    };
    if let Some(previous) = previous.filter(|p| p.fingerprint == fingerprint) {
        return Ok(previous.clone());
    }
    let svg = spec.draw().map_err(fail)?;
    let svg = finish_svg(&svg, &id, &spec.title, &spec.desc);
    let table = spec.table;
    let mut table_header = vec![table.row_header.clone()];
    table_header.extend(table.columns.iter().cloned());
    let table_rows = table
        .rows
        .iter()
        .map(|(label, values)| {
            let mut row = vec![label.clone()];
            row.extend(values.iter().map(|v| table.display(*v)));
            row
        })
        .collect();
    Ok(Chart {
        id,
        title: spec.title,
        subtitle: spec.subtitle,
        caption: spec.caption,
        desc: spec.desc,
        svg,
        source_note: spec.source_note,
        table_header,
        table_rows,
        table,
        fingerprint,
    })
}

/// A series: a label, a colour and one value per x position.
#[derive(Debug)]
struct Series {
    label: String,
    color: RGBColor,
    values: Vec<f64>,
}

#[derive(Debug)]
enum Shape {
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
    BurnUp(books::BurnUp),
    /// Labelled points.
    Scatter {
        points: Vec<(String, f64, f64)>,
        x_axis: String,
    },
    /// Target, actual and average marks per row: (label, colour, target, actual, average).
    Dots {
        rows: Vec<(String, RGBColor, f64, f64, f64)>,
    },
}

#[derive(Debug)]
struct Spec {
    shape: Shape,
    title: String,
    subtitle: String,
    caption: String,
    desc: String,
    source_note: String,
    axis: String,
    labels: Vec<String>,
    series: Vec<Series>,
    table: Table,
}

fn window(request: &ChartRequest) -> Vec<usize> {
    let end = request.sprint + 1;
    let start = request.last.map_or(0, |n| end.saturating_sub(n.max(1)));
    (start..end).collect()
}

fn source_note(books: &Books<'_>, sprints: &[usize]) -> String {
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

fn unit_label(config: &Config) -> &'static str {
    config.effort_unit.as_str()
}

fn team_effort(books: &Books<'_>, sprint: usize, team: Option<usize>, slot: usize) -> f64 {
    let account = &books.accounts.sprints[sprint];
    match team {
        Some(t) => account.teams[t].by_category[slot],
        None => account.by_category[slot],
    }
}

fn total_effort(books: &Books<'_>, sprint: usize, team: Option<usize>) -> f64 {
    let account = &books.accounts.sprints[sprint];
    match team {
        Some(t) => account.teams[t].effort,
        None => account.effort,
    }
}

fn whose(books: &Books<'_>, team: Option<usize>) -> String {
    match team {
        Some(t) => format!("{}'s", books.ledger.teams[t].name),
        None => "engineering".to_string(),
    }
}

fn mix_spec(books: &Books<'_>, request: &ChartRequest, as_percent: bool) -> Spec {
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
                unit_label(config)
            ),
            capitalize(unit_label(config)),
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

fn split_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
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

fn trend_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
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

fn team_split_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let config = books.config;
    let sprint = request.sprint;
    let account = &books.accounts.sprints[sprint];
    let id = &books.ledger.sprints[sprint].id;
    let slots = shown_slots(config, books.accounts);
    let teams: Vec<usize> = (0..books.ledger.teams.len()).collect();
    let labels: Vec<String> = teams
        .iter()
        .map(|&t| books.ledger.teams[t].name.clone())
        .collect();
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| Series {
            label: config.category_label(slot).to_string(),
            color: parse_color(config.category_color(slot)),
            values: teams
                .iter()
                .map(|&t| account.teams[t].by_category[slot])
                .collect(),
        })
        .collect();
    let busiest = teams.iter().max_by(|&&a, &&b| {
        account.teams[a]
            .effort
            .total_cmp(&account.teams[b].effort)
            .then(b.cmp(&a))
    });
    let caption = match busiest {
        Some(&t) if account.effort > 0.0 => format!(
            "{} recorded the most time in sprint {id}: {}, {}.",
            books.ledger.teams[t].name,
            narrate::effort(config, account.teams[t].effort),
            narrate::people(account.teams[t].fte)
        ),
        _ => format!("No work is recorded for sprint {id}."),
    };
    let table = Table {
        row_header: "Team".to_string(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::StackedRows,
        title: caption.clone(),
        subtitle: format!(
            "Effort by team and category in sprint {id}, in {}",
            unit_label(config)
        ),
        desc: format!("Horizontal stacked bars, one per team, split by category. {caption}"),
        caption,
        source_note: source_note(books, &[sprint]),
        axis: capitalize(unit_label(config)),
        labels,
        series,
        table,
    }
}

/// Parses `#rrggbb` (checked in config) into a plotters colour.
fn parse_color(hex: &str) -> RGBColor {
    let channel =
        |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128);
    RGBColor(channel(1), channel(3), channel(5))
}

/// Colours for systems (which have no colour of their own): mid-tones that read on light and
/// dark backgrounds, distinct from the grey of "no system".
const PALETTE_SYSTEMS: [&str; 8] = [
    "#c2416b", "#3d8fb3", "#9c7a15", "#5f7d2b", "#6b7fa8", "#8a5cd6", "#0f8a6a", "#d9730d",
];

const WIDTH: u32 = 720;
const FONT: &str = "sans-serif";
const TEXT: RGBColor = RGBColor(0, 0, 0);
const GRID: RGBColor = RGBColor(128, 128, 128);
const LEGEND_ROW: u32 = 22;

/// Approximate width in pixels of text at 13 px: plotters has no font metrics without system
/// fonts, so estimate generously.
fn text_width(text: &str) -> u32 {
    (text.chars().count() as u32) * 15 / 2 + 4
}

/// The width of the label area beside horizontal bars: the longest label, up to two fifths of
/// the chart.
fn label_area(longest: u32) -> u32 {
    (longest + 16).min(WIDTH * 2 / 5)
}

/// Shortens a label to fit `max_px`, ending it with an ellipsis (the table keeps the full text).
fn fit_label(text: &str, max_px: u32) -> String {
    if text_width(text) <= max_px {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if text_width(&kept) + 8 > max_px {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// Lays out legend entries in rows; returns each entry's (x, row) and the number of rows.
fn legend_layout(labels: &[&str], width: u32) -> (Vec<(u32, u32)>, u32) {
    let mut positions = Vec::with_capacity(labels.len());
    let (mut x, mut row) = (8u32, 0u32);
    for label in labels {
        let entry = 18 + text_width(label) + 16;
        if x + entry > width && x > 8 {
            x = 8;
            row += 1;
        }
        positions.push((x, row));
        x += entry;
    }
    (positions, if labels.is_empty() { 0 } else { row + 1 })
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[Series],
) -> Result<(), String> {
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    let (positions, _) = legend_layout(&labels, WIDTH);
    for (s, (x, row)) in series.iter().zip(positions) {
        let y = (row * LEGEND_ROW + 6) as i32;
        let x = x as i32;
        area.draw(&Rectangle::new(
            [(x, y), (x + 12, y + 12)],
            s.color.filled(),
        ))
        .map_err(|e| e.to_string())?;
        area.draw(&Text::new(
            s.label.clone(),
            (x + 18, y),
            (FONT, 15).into_font().color(&TEXT),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Keeps at most ~12 x labels readable by showing every k-th.
fn label_step(count: usize, width: u32, longest: usize) -> usize {
    let per_label = (longest as u32 * 8 + 12).max(24);
    let fits = (width / per_label).max(1) as usize;
    count.div_ceil(fits).max(1)
}

/// The coordinates of a chart with one horizontal row per label.
type Rows = Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>;

impl Spec {
    /// A chart with one horizontal row per label (shortened to fit the label area), an x axis
    /// from zero to `x_max` labelled by `x_format`, and the site's grid, text and axis styles.
    fn horizontal_chart<'a, 'b>(
        &self,
        area: &'a DrawingArea<SVGBackend<'b>, Shift>,
        x_max: f64,
        (top, right): (u32, u32),
        x_format: &dyn Fn(&f64) -> String,
    ) -> Result<ChartContext<'a, SVGBackend<'b>, Rows>, String> {
        let n = self.labels.len().max(1);
        let longest = self
            .labels
            .iter()
            .map(|l| text_width(l))
            .max()
            .unwrap_or(40);
        let mut chart = ChartBuilder::on(area)
            .margin_right(right)
            .margin_left(8)
            .margin_top(top)
            .x_label_area_size(36)
            .y_label_area_size(label_area(longest))
            .build_cartesian_2d(0f64..x_max, (0..n.max(2) - 1).into_segmented())
            .map_err(|e| e.to_string())?;
        let labels = &self.labels;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.mix(0.35))
            .axis_style(TEXT)
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) if *i < labels.len() => {
                    fit_label(&labels[labels.len() - 1 - i], label_area(longest) - 16)
                }
                _ => String::new(),
            })
            .x_label_formatter(x_format)
            .x_desc(self.axis.as_str())
            .label_style((FONT, 15).into_font().color(&TEXT))
            .axis_desc_style((FONT, 15).into_font().color(&TEXT))
            .draw()
            .map_err(|e| e.to_string())?;
        Ok(chart)
    }

    fn draw(&self) -> Result<String, String> {
        match &self.shape {
            Shape::Columns { percent } => self.draw_columns(*percent),
            Shape::Bars => self.draw_bars(),
            Shape::ValueBars { unit } => self.draw_value_bars(unit),
            Shape::Lines { percent } => self.draw_lines(*percent),
            Shape::StackedRows => self.draw_stacked_rows(),
            Shape::BurnUp(burn) => self.draw_burn_up(burn),
            Shape::Scatter { points, x_axis } => self.draw_scatter(points, x_axis),
            Shape::Dots { rows } => self.draw_dots(rows),
        }
    }

    fn legend_height(&self) -> u32 {
        let labels: Vec<&str> = self.series.iter().map(|s| s.label.as_str()).collect();
        legend_layout(&labels, WIDTH).1 * LEGEND_ROW + 8
    }

    fn x_formatter(&self) -> impl Fn(&SegmentValue<usize>) -> String + '_ {
        let longest = self
            .labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1);
        let step = label_step(self.labels.len(), WIDTH - 80, longest);
        let count = self.labels.len();
        move |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(i) if *i < count && (count - 1 - i).is_multiple_of(step) => {
                self.labels[*i].clone()
            }
            _ => String::new(),
        }
    }

    fn draw_columns(&self, percent: bool) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let totals: Vec<f64> = (0..n)
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        let y_max = if percent {
            100.0
        } else {
            nice_max(totals.iter().copied().fold(0.0, f64::max))
        };
        let legend = self.legend_height();
        let height = 340 + legend;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top, plot) = root.split_vertically(legend);
            draw_legend(&top, &self.series)?;
            let mut chart = ChartBuilder::on(&plot)
                .margin_right(40)
                .margin_left(8)
                .margin_top(8)
                .x_label_area_size(36)
                .y_label_area_size(64)
                .build_cartesian_2d((0..n.max(2) - 1).into_segmented(), 0f64..y_max)
                .map_err(|e| e.to_string())?;
            let formatter = self.x_formatter();
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID.mix(0.35))
                .axis_style(TEXT)
                .x_labels(n)
                .x_label_formatter(&formatter)
                .y_label_formatter(&|v| {
                    if percent {
                        format!("{v:.0}%")
                    } else {
                        narrate::number(*v)
                    }
                })
                .y_desc(self.axis.as_str())
                .label_style((FONT, 15).into_font().color(&TEXT))
                .axis_desc_style((FONT, 15).into_font().color(&TEXT))
                .draw()
                .map_err(|e| e.to_string())?;
            let gap = if n > 40 { 0 } else { 3 };
            for i in 0..self.labels.len() {
                let mut base = 0.0;
                for s in &self.series {
                    let value = s.values[i] * if percent { 100.0 } else { 1.0 };
                    if value <= 0.0 {
                        continue;
                    }
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), base),
                            (SegmentValue::Exact(i + 1), base + value),
                        ],
                        s.color.filled(),
                    );
                    bar.set_margin(0, 0, gap, gap);
                    chart
                        .draw_series(std::iter::once(bar))
                        .map_err(|e| e.to_string())?;
                    base += value;
                }
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    fn draw_bars(&self) -> Result<String, String> {
        let n = self.series.len().max(1);
        let height = 60 + 34 * n as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let mut chart =
                self.horizontal_chart(&root, 100f64, (10, 40), &|v| format!("{v:.0}%"))?;
            for (k, s) in self.series.iter().enumerate() {
                let row = n - 1 - k;
                let value = s.values[0] * 100.0;
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(row)),
                        (value, SegmentValue::Exact(row + 1)),
                    ],
                    s.color.filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                chart
                    .draw_series(std::iter::once(bar))
                    .map_err(|e| e.to_string())?;
                let label = EmptyElement::at((value, SegmentValue::CenterOf(row)))
                    + Text::new(
                        percent(s.values[0]),
                        (6, -7),
                        (FONT, 15).into_font().color(&TEXT),
                    );
                chart
                    .draw_series(std::iter::once(label))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    fn draw_lines(&self, percent: bool) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let scale = if percent { 100.0 } else { 1.0 };
        let top = self
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .fold(0.0f64, |a, b| a.max(*b))
            * scale;
        let y_max = if percent {
            nice_max(top.max(10.0)).min(100.0)
        } else {
            nice_max(top)
        };
        let legend = self.legend_height();
        let height = 320 + legend;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top_area, plot) = root.split_vertically(legend);
            draw_legend(&top_area, &self.series)?;
            let mut chart = ChartBuilder::on(&plot)
                .margin_right(40)
                .margin_left(8)
                .margin_top(8)
                .x_label_area_size(36)
                .y_label_area_size(64)
                .build_cartesian_2d((0..n.max(2) - 1).into_segmented(), 0f64..y_max)
                .map_err(|e| e.to_string())?;
            let formatter = self.x_formatter();
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID.mix(0.35))
                .axis_style(TEXT)
                .x_labels(n)
                .x_label_formatter(&formatter)
                .y_label_formatter(&|v| {
                    if percent {
                        format!("{v:.0}%")
                    } else {
                        narrate::number(*v)
                    }
                })
                .y_desc(self.axis.as_str())
                .label_style((FONT, 15).into_font().color(&TEXT))
                .axis_desc_style((FONT, 15).into_font().color(&TEXT))
                .draw()
                .map_err(|e| e.to_string())?;
            for (k, s) in self.series.iter().enumerate() {
                let points: Vec<(SegmentValue<usize>, f64)> = s
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (SegmentValue::CenterOf(i), v * scale))
                    .collect();
                chart
                    .draw_series(LineSeries::new(points.clone(), s.color.stroke_width(3)))
                    .map_err(|e| e.to_string())?;
                // A different marker per series, so lines differ by shape as well as colour.
                for point in points.iter().filter(|_| n <= 40) {
                    let marker: DynElement<_, _> = match k % 3 {
                        0 => Circle::new(point.clone(), 4, s.color.filled()).into_dyn(),
                        1 => TriangleMarker::new(point.clone(), 5, s.color.filled()).into_dyn(),
                        _ => Cross::new(point.clone(), 4, s.color.stroke_width(2)).into_dyn(),
                    };
                    chart
                        .draw_series(std::iter::once(marker))
                        .map_err(|e| e.to_string())?;
                }
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    fn draw_stacked_rows(&self) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let totals: Vec<f64> = (0..n)
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        let x_max = nice_max(totals.iter().copied().fold(0.0, f64::max));
        let legend = self.legend_height();
        let height = legend + 60 + 36 * n as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top, plot) = root.split_vertically(legend);
            draw_legend(&top, &self.series)?;
            let mut chart =
                self.horizontal_chart(&plot, x_max, (8, 56), &|v| narrate::number(*v))?;
            for (i, total_value) in totals.iter().enumerate().take(self.labels.len()) {
                let row = n - 1 - i;
                let mut base = 0.0;
                for s in &self.series {
                    let value = s.values[i];
                    if value <= 0.0 {
                        continue;
                    }
                    let mut bar = Rectangle::new(
                        [
                            (base, SegmentValue::Exact(row)),
                            (base + value, SegmentValue::Exact(row + 1)),
                        ],
                        s.color.filled(),
                    );
                    bar.set_margin(5, 5, 0, 0);
                    chart
                        .draw_series(std::iter::once(bar))
                        .map_err(|e| e.to_string())?;
                    base += value;
                }
                let total = EmptyElement::at((base, SegmentValue::CenterOf(row)))
                    + Text::new(
                        narrate::number(*total_value),
                        (6, -7),
                        (FONT, 15).into_font().color(&TEXT),
                    );
                chart
                    .draw_series(std::iter::once(total))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }
}

/// A round axis maximum above `value`: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_max(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * magnitude >= value * 1.05 {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

/// Adds accessibility to plotters' SVG: `role="img"`, `<title>`, `<desc>`, a class for CSS, and
/// `currentColor` for text and axes so dark mode restyles them.
fn finish_svg(svg: &str, id: &str, title: &str, desc: &str) -> String {
    let svg = svg.replace("#000000", "currentColor");
    let Some(open_end) = svg.find('>') else {
        return svg;
    };
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen(
        "<svg ",
        &format!("<svg role=\"img\" class=\"chart-svg\" aria-labelledby=\"{id}-title {id}-desc\" "),
        1,
    );
    format!(
        "{open}>\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{}",
        escape_xml(title),
        escape_xml(desc),
        &rest[1..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_guards_formulas_and_keeps_numbers_exact() {
        let table = Table {
            row_header: "Team".into(),
            columns: vec!["=SUM(A1)".into()],
            kind: ValueKind::Effort,
            rows: vec![
                ("+evil".into(), vec![12.34567]),
                ("@x, \"y\"".into(), vec![3.0]),
            ],
        };
        let csv = table.csv();
        assert_eq!(
            csv,
            "Team,'=SUM(A1)\n'+evil,12.3457\n\"'@x, \"\"y\"\"\",3\n"
        );
    }

    #[test]
    fn an_unchanged_chart_is_reused_and_a_changed_one_redrawn() {
        use crate::accounts::Accounts;
        use crate::diagnostics::SourceFile;
        use crate::load::config::Config;
        use crate::load::ledger::Ledger;
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let teams = SourceFile::new(
            "teams.toml",
            "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 1\n",
        );
        let sprint = |effort: u32| {
            SourceFile::new(
                "s.toml",
                format!(
                    "id = \"S1\"\nstart = 2026-01-05\nend = 2026-01-16\n[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = {effort}\n"
                ),
            )
        };
        let request = ChartRequest {
            kind: ChartKind::TeamSplit,
            sprint: 0,
            last: None,
            team: None,
            category: None,
            subject: None,
        };
        let draw_with = |effort: u32, previous: Option<&Chart>| {
            let ledger = Ledger::check(&config, teams.clone(), vec![sprint(effort)]).unwrap();
            let accounts = Accounts::compute(&config, &ledger);
            let books = Books {
                config: &config,
                ledger: &ledger,
                accounts: &accounts,
            };
            draw_reusing(&books, &request, previous).unwrap()
        };
        let first = draw_with(5, None);
        let mut marked = first.clone();
        marked.svg = "reused".into();
        // Same data: the previous chart comes back as it was.
        assert_eq!(draw_with(5, Some(&marked)).svg, "reused");
        // The team's effort changed: the chart is drawn again.
        let changed = draw_with(7, Some(&marked));
        assert_ne!(changed.svg, "reused");
    }

    #[test]
    fn long_labels_are_shortened_to_fit() {
        assert_eq!(fit_label("Payments", 200), "Payments");
        let short = fit_label(
            "A very long system name that does not fit beside the bars at all",
            150,
        );
        assert!(short.ends_with('…'));
        assert!(text_width(&short) <= 150, "{short}");
    }

    #[test]
    fn axis_maximum_is_round_and_above_the_data() {
        assert_eq!(nice_max(93.0), 100.0);
        assert_eq!(nice_max(120.0), 150.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert!(nice_max(47.0) >= 47.0);
    }

    #[test]
    fn svg_gets_title_desc_and_current_color() {
        let svg = finish_svg(
            "<svg width=\"1\" xmlns=\"x\">\n<text fill=\"#000000\">a</text></svg>",
            "c1",
            "A & B",
            "<desc>",
        );
        assert!(svg.starts_with("<svg role=\"img\" class=\"chart-svg\" aria-labelledby=\"c1-title c1-desc\" width=\"1\""), "{svg}");
        assert!(svg.contains("<title id=\"c1-title\">A &amp; B</title>"));
        assert!(svg.contains("<desc id=\"c1-desc\">&lt;desc&gt;</desc>"));
        assert!(svg.contains("fill=\"currentColor\""));
    }
}
