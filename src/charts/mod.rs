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
//!   `targets`, `scenarios` (a what-if scenario's burn-up), each with its own shape where no
//!   other family draws it.

mod capitalization;
mod debt;
mod delivery;
mod frame;
mod initiatives;
mod mix;
mod notes;
mod phone;
mod request;
mod scenarios;
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
        ChartKind::Scenario => scenarios::scenario_spec(books, request),
        ChartKind::Releases => delivery::releases_spec(books, request),
        ChartKind::ChangeFailureRate => delivery::change_failure_spec(books, request),
        ChartKind::TimeToRestore => delivery::restore_spec(books, request),
    };
    let fingerprint = crate::text::fingerprint(&(&id, format!("{spec:?}")));
    if let Some(previous) = previous.filter(|p| p.fingerprint == fingerprint) {
        return Ok(previous.clone());
    }
    let mut spec = spec;
    let noted = notes::notes_sentence(&spec);
    if !noted.is_empty() {
        spec.desc = format!("{} {noted}", spec.desc);
    }
    let notes_cells = notes::notes_cells(&spec);
    let svg = draw_shape(&spec).map_err(fail)?;
    let svg = svg::finish_svg(&svg, &id, "chart-wide", &spec.title, &spec.desc);
    let (narrow, narrow_note) = spec.draw_phone().map_err(fail)?;
    let svg_narrow = svg::finish_svg(
        &narrow,
        &format!("{id}-narrow"),
        "chart-narrow",
        &spec.title,
        &spec.desc,
    );
    let mut table = spec.table;
    let mut table_header = vec![table.row_header.clone()];
    table_header.extend(table.columns.iter().cloned());
    let noted = !spec.annotations.is_empty();
    if noted {
        table_header.push(notes::NOTES_COLUMN.to_string());
        table.notes = notes_cells;
    }
    let table_rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let mut row = vec![label.clone()];
            row.extend(values.iter().map(|v| table.display(*v)));
            if noted {
                row.push(table.notes.get(i).cloned().unwrap_or_default());
            }
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

/// The chart rules of the style guide, on a small site built in memory: bars sorted by value
/// (except over time), the headline's category highlighted and the rest muted in both forms,
/// share axes ending at a round ceiling above the largest share, and no empty Uncategorized.
#[cfg(test)]
mod rule_tests {
    use std::sync::Arc;

    use super::spec::{mute, parse_color};
    use super::*;
    use crate::accounts::Accounts;
    use crate::diagnostics::SourceFile;
    use crate::load::config::Config;
    use crate::load::ledger::Ledger;
    use crate::words::findings::{self, Subject};

    /// Team A (2 people) and team B (3 people).
    const TEAMS: &str = "[[team]]\nid = \"a\"\nname = \"Team A\"\npeople = 2\n\n[[team]]\nid = \"b\"\nname = \"Team B\"\npeople = 3\n";

    /// A sprint `id` starting on `start` (a Monday), with `rows` of (team, category, effort).
    fn sprint(id: &str, start: &str, end: &str, rows: &[(&str, &str, f64)]) -> Arc<SourceFile> {
        let mut text = format!("id = \"{id}\"\nstart = {start}\nend = {end}\n");
        for (team, category, effort) in rows {
            text.push_str(&format!(
                "[[work]]\nteam = \"{team}\"\ncategory = \"{category}\"\neffort = {effort}\n"
            ));
        }
        SourceFile::new(format!("{id}.toml"), text)
    }

    /// Three sprints in which upkeep (`ktlo`) climbs past a third: 20%, 20%, then 40%, with new
    /// things at 43% in the last. Team B records three times Team A's time in S3.
    fn sprints() -> Vec<Arc<SourceFile>> {
        let steady = |id, start, end| {
            sprint(
                id,
                start,
                end,
                &[
                    ("a", "new", 30.0),
                    ("b", "new", 30.0),
                    ("a", "improve", 15.0),
                    ("b", "productivity", 5.0),
                    ("b", "ktlo", 20.0),
                ],
            )
        };
        vec![
            steady("S1", "2026-01-05", "2026-01-16"),
            steady("S2", "2026-01-19", "2026-01-30"),
            sprint(
                "S3",
                "2026-02-02",
                "2026-02-13",
                &[
                    ("a", "new", 13.0),
                    ("b", "new", 30.0),
                    ("a", "improve", 10.0),
                    ("b", "productivity", 7.0),
                    ("a", "ktlo", 2.0),
                    ("b", "ktlo", 38.0),
                ],
            ),
        ]
    }

    fn books_of(files: Vec<Arc<SourceFile>>) -> (Config, Ledger) {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let ledger = Ledger::check(&config, SourceFile::new("teams.toml", TEAMS), files).unwrap();
        (config, ledger)
    }

    fn draw_one(config: &Config, ledger: &Ledger, kind: ChartKind, sprint: usize) -> Chart {
        let accounts = Accounts::compute(config, ledger);
        let books = Books {
            config,
            ledger,
            accounts: &accounts,
        };
        let request = ChartRequest {
            kind,
            sprint,
            last: Some(6),
            team: None,
            category: None,
            subject: None,
        };
        draw(&books, &request).unwrap()
    }

    /// A colour as plotters writes it in the SVG (`#RRGGBB`).
    fn svg_color(hex: &str) -> String {
        let c = parse_color(hex);
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn muted_color(hex: &str) -> String {
        let c = mute(parse_color(hex));
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// The headline of S3 is about upkeep (slot 3): the charts below highlight it.
    fn upkeep_headline(config: &Config, ledger: &Ledger) {
        let accounts = Accounts::compute(config, ledger);
        let headline = findings::headline(config, ledger, &accounts, 2);
        assert_eq!(
            headline.subject,
            Subject::Category(3),
            "{}",
            headline.sentence
        );
    }

    #[test]
    fn the_headlines_category_keeps_its_colour_and_the_others_are_muted_in_both_forms() {
        let (config, ledger) = books_of(sprints());
        upkeep_headline(&config, &ledger);
        for kind in [
            ChartKind::CategorySplit,
            ChartKind::InvestmentMix,
            ChartKind::CategoryTrend,
            ChartKind::TeamSplit,
        ] {
            let chart = draw_one(&config, &ledger, kind, 2);
            for svg in [&chart.svg, &chart.svg_narrow] {
                let upkeep = svg_color(config.category_color(3));
                assert!(svg.contains(&upkeep), "{kind:?}: upkeep not in its colour");
                for slot in 0..3 {
                    let own = svg_color(config.category_color(slot));
                    let muted = muted_color(config.category_color(slot));
                    assert!(!svg.contains(&own), "{kind:?}: slot {slot} is not muted");
                    assert!(
                        svg.contains(&muted),
                        "{kind:?}: slot {slot} has no muted tone"
                    );
                }
                // Colour is never the only carrier: every category is named.
                for slot in 0..4 {
                    assert!(svg.contains(config.category_label(slot)), "{kind:?}");
                }
            }
        }
        // On the phone, the highlighted bar's label is written in bold.
        let split = draw_one(&config, &ledger, ChartKind::CategorySplit, 2);
        let bold_label = regex::Regex::new(r#"font-weight="bold">\s*Keeping the lights on\s*<"#);
        assert!(
            bold_label.unwrap().is_match(&split.svg_narrow),
            "{}",
            split.svg_narrow
        );
    }

    #[test]
    fn a_sprint_with_no_finding_to_highlight_keeps_every_colour() {
        let (config, ledger) = books_of(sprints().into_iter().take(1).collect());
        let accounts = Accounts::compute(&config, &ledger);
        assert_eq!(
            findings::headline(&config, &ledger, &accounts, 0).subject,
            Subject::Sprint
        );
        let chart = draw_one(&config, &ledger, ChartKind::CategorySplit, 0);
        for slot in 0..4 {
            assert!(chart.svg.contains(&svg_color(config.category_color(slot))));
            assert!(
                !chart
                    .svg
                    .contains(&muted_color(config.category_color(slot)))
            );
        }
    }

    #[test]
    fn bars_are_sorted_by_value_and_columns_keep_time_order() {
        let (config, ledger) = books_of(sprints());
        let split = draw_one(&config, &ledger, ChartKind::CategorySplit, 2);
        let shares: Vec<f64> = split.table.rows.iter().map(|(_, v)| v[0]).collect();
        assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
        assert_eq!(split.table.rows[0].0, "New things");
        // Teams by the time they recorded, most first: Team B (75) before Team A (25), though
        // Team A comes first in teams.toml.
        let teams = draw_one(&config, &ledger, ChartKind::TeamSplit, 2);
        let order: Vec<&str> = teams.table.rows.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(order, ["Team B", "Team A"]);
        let first_bar = |svg: &str, label: &str| svg.find(&format!(">\n{label}\n<")).unwrap();
        assert!(first_bar(&teams.svg_narrow, "Team B") < first_bar(&teams.svg_narrow, "Team A"));
        // Over time, the sprints stay in their order.
        let mix = draw_one(&config, &ledger, ChartKind::InvestmentMix, 2);
        let sprints: Vec<&str> = mix.table.rows.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(sprints, ["S1", "S2", "S3"]);
    }

    #[test]
    fn a_share_axis_ends_at_a_round_ceiling_above_the_largest_share() {
        let (config, ledger) = books_of(sprints());
        // The largest share of S3 is new things at 43%: the axis ends at 50%, not 100%.
        let split = draw_one(&config, &ledger, ChartKind::CategorySplit, 2);
        assert_eq!(split.table.rows[0].1[0], 0.43);
        for svg in [&split.svg, &split.svg_narrow] {
            assert!(svg.contains(">\n50%\n<"), "{svg}");
            assert!(!svg.contains(">\n100%\n<"), "{svg}");
            assert!(svg.contains(">\n0%\n<"), "bars start at zero");
            assert!(svg.contains("% of effort"), "the unit is named");
        }
        // A stack of shares still runs to 100%.
        let mix = draw_one(&config, &ledger, ChartKind::InvestmentMix, 2);
        assert!(mix.svg.contains(">\n100%\n<"));
    }

    #[test]
    fn an_empty_uncategorized_draws_nothing_but_a_used_one_does() {
        // S4 has a row without a category; S3 has none.
        let mut files = sprints();
        files.push(SourceFile::new(
            "S4.toml",
            "id = \"S4\"\nstart = 2026-02-16\nend = 2026-02-27\n[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 10\n[[work]]\nteam = \"b\"\neffort = 5\n",
        ));
        let (config, ledger) = books_of(files);
        let accounts = Accounts::compute(&config, &ledger);
        assert!(accounts.slot_is_used(config.uncategorized_slot()));
        let s3 = draw_one(&config, &ledger, ChartKind::CategorySplit, 2);
        let teams = draw_one(&config, &ledger, ChartKind::TeamSplit, 2);
        for chart in [&s3, &teams] {
            assert!(!chart.svg.contains("Uncategorized"), "{}", chart.svg);
            assert!(!chart.svg_narrow.contains("Uncategorized"));
        }
        let s4 = draw_one(&config, &ledger, ChartKind::CategorySplit, 3);
        assert!(s4.svg.contains("Uncategorized"));
        // Over a window that includes S4, the mix keeps it.
        let mix = draw_one(&config, &ledger, ChartKind::InvestmentMix, 3);
        assert!(mix.svg.contains("Uncategorized"));
    }

    #[test]
    fn a_muted_tone_is_greyer_and_deterministic() {
        let orange = parse_color("#d9730d");
        let muted = mute(orange);
        assert_ne!(muted, orange);
        assert_eq!(muted, mute(orange));
        let spread = |c: plotters::prelude::RGBColor| c.0.max(c.1).max(c.2) - c.0.min(c.1).min(c.2);
        assert!(spread(muted) < spread(orange) / 2);
    }

    #[test]
    fn a_finished_big_project_highlights_its_category() {
        use crate::words::testing::{row, site_full};
        // The database upgrade (upkeep) reaches its scope of 20 in S2: the headline is about
        // the project, and the charts highlight its category, keeping the lights on.
        let project = "[[initiative]]\nid = \"db\"\nname = \"The database upgrade\"\ncategory = \"ktlo\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 20\n";
        let work = |effort: f64| {
            row("a", "ktlo", effort) + "initiative = \"db\"\n" + &row("a", "new", 100.0 - effort)
        };
        let sprints = [row("a", "new", 100.0), work(10.0), work(10.0)];
        let refs: Vec<&str> = sprints.iter().map(String::as_str).collect();
        let (config, ledger, accounts) = site_full("", Some(project), &refs);
        assert_eq!(
            findings::headline(&config, &ledger, &accounts, 2).subject,
            Subject::Initiative(0)
        );
        let chart = draw_one(&config, &ledger, ChartKind::CategorySplit, 2);
        assert!(chart.svg.contains(&svg_color(config.category_color(3))));
        assert!(chart.svg.contains(&muted_color(config.category_color(0))));
        assert!(!chart.svg.contains(&svg_color(config.category_color(0))));
    }
}
