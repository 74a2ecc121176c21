//! The full books: initiatives, systems, dependencies, debt, capitalization and targets, built
//! by the CLI from `tests/fixtures/valid/books` and checked against hand-computed figures.

use std::path::PathBuf;

mod common;
use common::{accounts_json as json, assert_contains_all, read, read_containing};

/// The books fixture built into a temporary folder: (the folder, the output inside it).
fn built() -> (tempfile::TempDir, PathBuf) {
    common::build_to_temp(&common::fixture("valid/books"))
}

#[test]
fn every_page_of_the_books_is_built_at_its_address() {
    let (_dir, out) = built();
    for page in [
        "initiatives/index.html",
        "initiatives/checkout/index.html",
        "systems/index.html",
        "systems/shop/index.html",
        "dependencies/index.html",
        "debt/index.html",
        "capitalization/index.html",
        "data/capitalization-rows.csv",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
}

#[test]
fn initiative_progress_and_forecast_match_hand_computed_figures() {
    let (_dir, out) = built();
    let initiative = &json(&out)["initiatives"]["checkout"];
    // 9 in S1 and 8 in S2; pace (9 + 8) / 2.
    assert_eq!(initiative["done"], 17.0);
    assert_eq!(initiative["scope"], 60.0);
    assert_eq!(initiative["pace"], 8.5);
    // 43 to go: 5 sprints at 9 (70 days after 2026-11-27), 6 at 8 (84 days).
    assert_eq!(initiative["forecast_earliest"], "2027-02-05");
    assert_eq!(initiative["forecast_latest"], "2027-02-19");
    assert_eq!(initiative["status"], "on track");
    read_containing(
        &out.join("initiatives/checkout/index.html"),
        &[
            "At the pace of the last 2 sprints this finishes in February 2027; the target is March 2027.",
            "role=\"img\"",
        ],
    );
}

#[test]
fn systems_carry_libyears_and_cost_of_ownership() {
    let (_dir, out) = built();
    let system = &json(&out)["systems"]["shop"];
    // 730 days / 365.25.
    assert_eq!(system["libyears"], 1.998631);
    assert_eq!(system["dependencies_behind"], 1);
    assert_eq!(system["cost_of_ownership"]["S2"]["effort"], 12.0);
    assert_eq!(
        system["cost_of_ownership"]["S2"]["categories"]["ktlo"],
        12.0
    );
    // All of S2's upkeep named the shop.
    assert_eq!(system["cost_of_ownership"]["S2"]["upkeep_share"], 1.0);
    let page = read_containing(&out.join("systems/index.html"), &["Shop &lt;monolith&gt;"]);
    assert!(!page.contains("Shop <monolith>"));
}

#[test]
fn debt_payback_is_principal_over_interest() {
    let (_dir, out) = built();
    let debt = &json(&out)["debt"]["slow-release"];
    assert_eq!(debt["payback_sprints"], 13.333333);
    read_containing(
        &out.join("debt/index.html"),
        &[
            "We lose about 3 person-days every sprint to this; fixing it costs about 40, so it pays for itself in about 14 sprints.",
        ],
    );
}

#[test]
fn capitalization_follows_the_rules_and_traces_to_rows() {
    let (_dir, out) = built();
    let cap = &json(&out)["capitalization"];
    // S1: the checkout work predates cap_start (expensed); App's `new` work is capitalized by
    // its category but has no cost (App has no day cost).
    assert_eq!(cap["sprints"]["S1"]["capitalized"], 10.0);
    assert_eq!(cap["sprints"]["S1"]["expensed"], 20.0);
    assert_eq!(cap["sprints"]["S1"]["cost_complete"], false);
    // S2: inside the window: 8 person-days at 500.
    assert_eq!(cap["sprints"]["S2"]["capitalized"], 8.0);
    assert_eq!(cap["sprints"]["S2"]["capitalized_cost"], 4000.0);
    assert_eq!(cap["months"]["2026-11"]["capitalized"], 18.0);
    read_containing(
        &out.join("data/capitalization-rows.csv"),
        &[
            "S1,2026-11-02,pay,New checkout,,new,checkout,9,4500,expensed,\"initiative capitalizable, but the sprint starts before cap_start: expensed\"",
            "S1,2026-11-02,pay,\"'=HYPERLINK(\"\"x\"\") upgrade\"",
        ],
    );
    let page = read_containing(
        &out.join("capitalization/index.html"),
        &["for discussion with the auditor"],
    );
    // 4,000 capitalized, amortized over 12 months from January 2027.
    assert_contains_all(
        &page,
        &[
            "$4,000 is spread evenly over 12 months: $333 a month.",
            "App have none",
        ],
    );
}

#[test]
fn targets_and_data_quality_are_shown() {
    let (_dir, out) = built();
    let targets = &json(&out)["targets"];
    assert_eq!(targets["ktlo"]["target"], 0.3);
    assert_eq!(targets["ktlo"]["actual"], 0.6);
    assert_eq!(targets["ktlo"]["recent_average"], 0.36);
    read_containing(
        &out.join("index.html"),
        &[
            "Keeping the lights on is furthest from its target: 60% of the time in sprint S2, against a target of 30%.",
            "How complete is the data for sprint S2?",
        ],
    );
    let sprint = read(&out.join("sprints/S1/index.html"));
    // S1: 5 of 30 uncategorized; 24 without a system; 21 without an initiative.
    assert_contains_all(
        &sprint,
        &[
            "<dt>No category</dt><dd>17% of effort</dd>",
            "<dt>No system named</dt><dd>80% of effort</dd>",
            "<dt>Not part of a big project</dt><dd>70% of effort</dd>",
        ],
    );
}

#[test]
fn the_quality_panel_speaks_only_of_what_the_site_uses() {
    // `small` names no system and no big project in any work row, and gives capacity in one
    // of its two sprints.
    let (_dir, root) = common::copy_fixture("valid/small");
    let (_out_dir, out) = common::build_to_temp(&root);
    let home = read(&out.join("index.html"));
    let panel = &home[home.find("<aside class=\"quality\"").unwrap()..];
    let panel = &panel[..panel.find("</aside>").unwrap()];
    assert!(panel.contains("<dt>No category</dt>"), "{panel}");
    assert!(!panel.contains("system"), "{panel}");
    assert!(!panel.contains("big project"), "{panel}");
    assert!(
        panel.contains("No capacity given in 1 of 2 sprints."),
        "{panel}"
    );
}

#[test]
fn work_rows_must_name_defined_systems_and_initiatives() {
    let (_dir, root) = common::copy_fixture("valid/books");
    let sprint = root.join("content/data/sprints/S2.toml");
    let text = read(&sprint).replace("system = \"shop\"", "system = \"shp\"");
    std::fs::write(&sprint, text).unwrap();
    let (code, stderr) = common::check(&root);
    assert_eq!(code, Some(1));
    assert_contains_all(
        &stderr,
        &[
            "error: unknown system `shp`",
            "--> content/data/sprints/S2.toml:8:10",
            "did you mean `shop`?",
        ],
    );
}

/// The books with a big project that replaces the shop: 4 person-days of it name the shop in
/// S2 (App) and 2 more do not (Payments, $500 a day).
fn books_with_a_replacement() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::copy_fixture("valid/books");
    let initiatives = root.join("content/data/initiatives.toml");
    let mut text = read(&initiatives);
    text.push_str(
        "\n[[initiative]]\nid = \"shop-breakup\"\nname = \"Breaking up the shop\"\ncategory = \"new\"\nowner = \"pay\"\nreplaces = \"shop\"\nstart = 2026-11-16\nscope = 40\n",
    );
    std::fs::write(&initiatives, text).unwrap();
    let sprint = root.join("content/data/sprints/S2.toml");
    let mut text = read(&sprint);
    text.push_str(
        "\n[[work]]\nteam = \"app\"\ncategory = \"new\"\neffort = 4\nsystem = \"shop\"\ninitiative = \"shop-breakup\"\n\n[[work]]\nteam = \"pay\"\ncategory = \"new\"\neffort = 2\ninitiative = \"shop-breakup\"\n",
    );
    std::fs::write(&sprint, text).unwrap();
    (dir, root)
}

#[test]
fn the_cost_of_ownership_leaves_out_the_big_project_that_replaces_the_system() {
    let (_dir, root) = books_with_a_replacement();
    let (_out_dir, out) = common::build_to_temp(&root);
    let owning = &json(&out)["systems"]["shop"]["cost_of_ownership"];
    // S1: 6 of upkeep, nothing replacing it yet.
    assert_eq!(owning["S1"]["effort"], 6.0);
    assert_eq!(owning["S1"]["to_own"], 6.0);
    assert_eq!(owning["S1"]["replacing"], 0.0);
    // S2: 12 of upkeep and 4 of the break-up name the shop (effort 16, unchanged meaning);
    // owning it takes 12; the break-up spent 4 + 2 = 6, on whatever system.
    assert_eq!(owning["S2"]["effort"], 16.0);
    assert_eq!(owning["S2"]["categories"]["new"], 4.0);
    assert_eq!(owning["S2"]["to_own"], 12.0);
    assert_eq!(owning["S2"]["replacing"], 6.0);
    // The page: (6 + 12) / 2 = 9 person-days a sprint to own; the break-up spent 6 in its one
    // sprint so far, at its owner's $500 a day: $3,000.
    let page = read_containing(
        &out.join("systems/shop/index.html"),
        &[
            "9 person-days</span> per sprint to own, on average over the last 2 sprints, not counting the work on replacing it",
            "$3,000</span> per sprint so far on Breaking up the shop, which replaces it",
            "Breaking up the shop (not counted)",
        ],
    );
    // The shop's owner (App) has no day cost: no money sentence that would say "unknown".
    assert!(!page.contains("class=\"cost-of-ownership\""), "{page}");
    // The overview's table uses the same figure: 12 in S2, 9 on average.
    let overview = read(&out.join("systems/index.html"));
    let row = &overview[overview.find("Shop &lt;monolith&gt;</a>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert_contains_all(row, &[">12</td>", ">9</td>"]);
    // The chart draws only the cost to own (12 in S2); its table adds the break-up, not counted.
    let csv = read(&out.join("data/charts/system-cost-shop-S2.csv"));
    assert!(
        csv.starts_with("Sprint,Keeping the lights on,Breaking up the shop (not counted)\n"),
        "only the categories of work on the shop, then the replacement: {csv}"
    );
    assert!(csv.contains("S2,12,6\n"), "{csv}");
}

#[test]
fn a_replacement_must_name_a_defined_system() {
    let (_dir, root) = books_with_a_replacement();
    common::replace_first(
        &root,
        "content/data/initiatives.toml",
        "replaces = \"shop\"",
        "replaces = \"shp\"",
    );
    common::assert_check_fails_with(&root, &["initiatives.toml", "shp", "did you mean `shop`?"]);
}

#[test]
fn capitalization_says_why_its_share_of_effort_and_of_cost_differ() {
    let (_dir, out) = built();
    // Effort: 10 (App's new work) + 8 (the checkout in S2, after cap_start) of 50 = 36%. Cost:
    // only Payments has a day cost: 8 of its 35 person-days = 23%. App's 15 person-days have no
    // cost; 10 of them (67%) were capitalizable.
    read_containing(
        &out.join("capitalization/index.html"),
        &[
            "36% of engineering effort over these 2 sprints",
            "<p class=\"cost-note\">Why 36% of the effort but 23% of the cost: App has no day cost, so its work counts in effort but not in money, and 67% of it was capitalizable, against 23% for the teams with a day cost.</p>",
        ],
    );
}

#[test]
fn the_burn_up_calls_its_line_the_estimate_in_its_legend_table_and_words() {
    let (_dir, out) = built();
    let page = read(&out.join("initiatives/checkout/index.html"));
    let chart = &page[page.find("<figure class=\"chart\"").unwrap()..];
    let chart = &chart[..chart.find("</figure>").unwrap()];
    assert_contains_all(
        chart,
        &[
            "Work done against the estimate",
            ">Estimate</th>",
            "\nEstimate\n",
        ],
    );
    let words = chart.replace("scope=\"", "");
    assert!(!words.to_lowercase().contains("scope"), "{chart}");
}

#[test]
fn the_targets_chart_averages_over_the_sites_comparison_window() {
    let (_dir, root) = common::copy_fixture("valid/books");
    let site = root.join("site.toml");
    let text = read(&site);
    std::fs::write(&site, format!("{text}\n[compare]\nwindow = 2\n")).unwrap();
    let (_out_dir, out) = common::build_to_temp(&root);
    let csv = read(&out.join("data/charts/targets-S2.csv"));
    assert!(csv.contains("Average, last 2 sprints"), "{csv}");
    let sprint = read(&out.join("sprints/S2/index.html"));
    assert!(
        sprint.contains("\nAverage of the last 2 sprints\n"),
        "the legend in both forms"
    );
    assert!(!sprint.contains("last 6 sprints"));
}

/// A site where nothing can be capitalized has no capitalization page, and its big projects'
/// pages neither link to one nor show an empty capitalization section: `check` passes.
#[test]
fn without_anything_capitalizable_no_page_links_to_capitalization() {
    let (_dir, root) = common::copy_fixture("valid/books");
    common::replace_first(
        &root,
        "site.toml",
        "capitalizable = true",
        "capitalizable = false",
    );
    common::replace_first(
        &root,
        "content/data/initiatives.toml",
        "capitalizable = true\n",
        "",
    );
    common::assert_checks(&root);
    let (_out_dir, out) = common::build_to_temp(&root);
    assert!(!out.join("capitalization/index.html").exists());
    let page = read(&out.join("initiatives/checkout/index.html"));
    assert!(!page.contains("capitalization/index.html"), "{page}");
    assert!(!page.contains("<h2>Capitalization</h2>"), "{page}");
}
