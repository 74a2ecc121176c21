//! Charts: SVG drawn with plotters, plus the words and numbers that go with each.
//!
//! A [`Chart`] is more than a picture: it carries a title that states the finding, a neutral
//! subtitle with units, a caption and an SVG `<desc>` written from the data, and a [`Table`] of
//! the exact numbers (shown under the chart and written as CSV). Bars always start at zero, every
//! colour has a text label beside it, and text uses `currentColor`, so the page's colour scheme
//! (light or dark) restyles it.
//!
//! The module map, from the bottom up (each module imports only the ones listed before it):
//! - `request`: what to draw ([`ChartKind`], [`ChartRequest`]) and what from ([`Books`]);
//! - `table`: the numbers behind a chart, shown under it and written as CSV;
//! - `size`: the two sizes a chart is drawn at (the wide form and the phone form) and their
//!   text metrics;
//! - `spec`: a chart described before drawing (its shape, words, series and table), and the
//!   helpers every family uses to build one;
//! - `frame`: the shared plotting set-up: sizes, fonts, axes, scales, legends and the
//!   horizontal and vertical chart frames;
//! - `svg`: the accessible wrapper (`role`, `<title>`, `<desc>`, ids, `currentColor`);
//! - `shapes`: the shapes several families draw (stacked columns, lines, labelled bars);
//! - `phone`: the phone form of every chart (the last 6 sprints as bars, small multiples,
//!   labels above bars);
//! - one module per chart family: `mix` (investment mix, category split and trend), `teams`,
//!   `initiatives` (burn-up), `systems` (cost, upkeep, libyears), `debt`, `capitalization`,
//!   `targets`, each with its own shape where no other family draws it.

mod capitalization;
mod debt;
mod frame;
mod initiatives;
mod mix;
mod phone;
mod request;
#[cfg(test)]
mod rules_tests;
mod shapes;
mod size;
mod spec;
mod svg;
mod systems;
mod table;
mod targets;
mod teams;

pub use crate::error::ChartError;
pub use capitalization::month_label;
pub use frame::nice_max;
pub use initiatives::{forecast_sentence, month_year};
pub use request::{Books, ChartKind, ChartRequest};
pub use table::{Table, ValueKind, format_csv_number, guard_csv_cell};

use spec::{Shape, Spec};

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
    /// The wide form's inline SVG, with `role="img"`, `<title>` and `<desc>` (class
    /// `chart-wide`).
    pub svg: String,
    /// The phone form's inline SVG, with the same title and description and its own ids
    /// (class `chart-narrow`): the page shows one of the two by the screen's width.
    pub svg_narrow: String,
    /// How the phone form differs from the wide one ("the last 6 of 12 sprints"), shown with
    /// it; empty when it shows the same data.
    pub narrow_note: String,
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
        ChartKind::InvestmentMix => mix::mix_spec(books, request, true),
        ChartKind::InvestmentMixEffort => mix::mix_spec(books, request, false),
        ChartKind::CategorySplit => mix::split_spec(books, request),
        ChartKind::CategoryTrend => mix::trend_spec(books, request),
        ChartKind::TeamSplit => teams::team_split_spec(books, request),
        ChartKind::BurnUp => initiatives::burn_up_spec(books, request),
        ChartKind::SystemCost => systems::system_cost_spec(books, request),
        ChartKind::UpkeepBySystem => systems::upkeep_by_system_spec(books, request),
        ChartKind::Libyears => systems::libyears_spec(books, request),
        ChartKind::LibyearsTrend => systems::libyears_trend_spec(books, request),
        ChartKind::DebtMap => debt::debt_map_spec(books, request),
        ChartKind::Capitalization => capitalization::capitalization_spec(books, request),
        ChartKind::Targets => targets::targets_spec(books, request),
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
    let svg = draw_shape(&spec).map_err(fail)?;
    let svg = svg::finish_svg(&svg, &id, "chart-wide", &spec.title, &spec.desc);
    let mut spec = spec;
    let (narrow, narrow_note) = spec.draw_phone().map_err(fail)?;
    let svg_narrow = svg::finish_svg(
        &narrow,
        &format!("{id}-narrow"),
        "chart-narrow",
        &spec.title,
        &spec.desc,
    );
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
        svg_narrow,
        narrow_note,
        source_note: spec.source_note,
        table_header,
        table_rows,
        table,
        fingerprint,
    })
}

/// Draws a described chart as plotters' SVG, by its shape.
fn draw_shape(spec: &Spec) -> Result<String, String> {
    match &spec.shape {
        Shape::Columns { percent } => spec.draw_columns(*percent),
        Shape::Bars => spec.draw_share_bars(),
        Shape::ValueBars { unit } => spec.draw_value_bars(unit),
        Shape::Lines { percent } => spec.draw_lines(*percent),
        Shape::StackedRows => spec.draw_stacked_rows(),
        Shape::BurnUp(burn) => spec.draw_burn_up(burn),
        Shape::Scatter { points, x_axis } => spec.draw_scatter(points, x_axis),
        Shape::Dots { rows } => spec.draw_dots(rows),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
