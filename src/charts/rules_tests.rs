//! The chart rules of the style guide, on a small site built in memory: bars sorted by value
//! (except over time), the headline's category highlighted and the rest muted in both forms,
//! share axes ending at a round ceiling above the largest share, and no empty Uncategorized.

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
