//! The briefs (`for/<audience>/`): each leads with the reader's top finding and the blocks
//! `[briefs.<audience>]` chooses, on the small, books and own_words fixtures; the yearly figures
//! of `accounts.json`, computed by hand; bad `[briefs.*]` tables located.

use std::path::Path;

mod common;
use common::{accounts_json, assert_check_fails_with, assert_contains_all, build_to_temp, read};

/// Appends a table to the end of a site's `site.toml`.
fn append_to_site_toml(root: &Path, text: &str) {
    let path = root.join("site.toml");
    let old = read(&path);
    std::fs::write(&path, format!("{old}\n{text}")).unwrap();
}

/// The `id`s of a brief's blocks, in page order.
fn block_ids(html: &str) -> Vec<String> {
    html.split("<section class=\"brief-block brief-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The brief's headline.
fn headline(html: &str) -> String {
    let start = html.find("<h1>").expect("an h1") + 4;
    html[start..start + html[start..].find("</h1>").unwrap()].to_string()
}

fn brief(out: &Path, audience: &str) -> String {
    read(&out.join(format!("for/{audience}/index.html")))
}

#[test]
fn every_fixture_has_four_briefs_with_their_default_blocks() {
    for fixture in ["valid/small", "valid/books", "valid/own_words"] {
        let (_dir, out) = build_to_temp(&common::fixture(fixture));
        let expected = [
            (
                "executive",
                vec!["time_mix", "upkeep_cost", "decisions", "delivery", "ask"],
            ),
            (
                "finance",
                vec![
                    "cost_by_period",
                    "capex_opex",
                    "amortization",
                    "cost_per_year",
                    "left_out",
                ],
            ),
            ("product", vec!["capacity", "roadmap", "slips"]),
            (
                "engineering",
                vec!["debt", "freshness", "upkeep_by_system", "team_targets"],
            ),
        ];
        for (audience, blocks) in expected {
            let html = brief(&out, audience);
            assert_eq!(block_ids(&html), blocks, "{fixture} {audience}");
            let h1 = headline(&html);
            assert!(
                !h1.starts_with("For "),
                "{fixture} {audience}: the headline is a finding: {h1}"
            );
            // A block with nothing to show says why, never an empty table.
            assert!(
                !html.contains("<tbody>\n  \n  </tbody>"),
                "{fixture} {audience}: empty table"
            );
        }
    }
}

#[test]
fn own_words_briefs_use_its_own_names_and_hand_computed_money() {
    let (_dir, out) = build_to_temp(&common::fixture("valid/own_words"));
    let executive = brief(&out, "executive");
    // Upkeep (`run`): R1 6 person-days (core 4 × €400 + edge 2 × €300 = €2,200), R2 9
    // (3 × 400 + 6 × 300 = €3,000): €2,600 a sprint on average, × 26 sprints = €67,600 a year;
    // 7.5 person-days over 10 working days is 0.75 people, "about one of our 5 engineers".
    assert_contains_all(
        &executive,
        &[
            "Running work costs about €68,000 a year",
            "about one of our 5 engineers",
        ],
    );
    assert!(!executive.contains("ktlo") && !executive.contains("Keeping the lights on"));
    let json = accounts_json(&out);
    let upkeep = &json["yearly"]["upkeep"];
    assert_eq!(json["yearly"]["sprints_per_year"], 26.0);
    assert_eq!(json["yearly"]["engineers"], 5.0);
    assert_eq!(upkeep["effort_per_sprint"], 7.5);
    assert_eq!(upkeep["cost_per_sprint"], 2600.0);
    assert_eq!(upkeep["cost_per_year"], 67600.0);
    assert_eq!(upkeep["effort_per_year"], 195.0);
    assert_eq!(upkeep["people"], 0.75);
    assert_eq!(upkeep["cost_complete"], true);
    // ledgerdb: run 4 then 3, 3.5 a sprint at core's €400: €1,400 a sprint, €36,400 a year.
    let ledgerdb = &json["systems"]["ledgerdb"]["upkeep_yearly"];
    assert_eq!(ledgerdb["effort_per_year"], 91.0);
    assert_eq!(ledgerdb["cost_per_year"], 36400.0);
    // The portal's flaky tests: 2 person-days of interest at edge's €300 = €600 a sprint,
    // 52 person-days and €15,600 a year.
    let debt = &json["debt"]["flaky-tests"];
    assert_eq!(debt["interest_cost"], 600.0);
    assert_eq!(debt["interest_per_year"], 52.0);
    assert_eq!(debt["interest_cost_per_year"], 15600.0);
    let engineering = brief(&out, "engineering");
    assert!(engineering.contains("Flaky portal tests"), "{engineering}");
}

#[test]
fn blocks_can_be_chosen_and_ordered() {
    let (_dir, root) = common::copy_fixture("valid/own_words");
    append_to_site_toml(
        &root,
        "[briefs.finance]\nblocks = [\"left_out\", \"cost_by_period\"]\n",
    );
    let (_out_dir, out) = build_to_temp(&root);
    assert_eq!(
        block_ids(&brief(&out, "finance")),
        vec!["left_out", "cost_by_period"]
    );
}

#[test]
fn a_brief_without_the_data_says_so_plainly() {
    // The small fixture has no big projects, systems or debt.
    let (_dir, out) = build_to_temp(&common::fixture("valid/small"));
    let engineering = brief(&out, "engineering");
    assert_contains_all(
        &engineering,
        &["No tech debt is recorded", "No systems are recorded"],
    );
    let product = brief(&out, "product");
    assert!(
        product.contains("No big projects are recorded"),
        "{product}"
    );
}

#[test]
fn unknown_blocks_and_audiences_are_located_with_a_suggestion() {
    let (_dir, root) = common::copy_fixture("valid/own_words");
    append_to_site_toml(&root, "[briefs.finanse]\nblocks = [\"ask\"]\n");
    assert_check_fails_with(
        &root,
        &[
            "`[briefs.finanse]` names no audience",
            "did you mean `finance`?",
            "site.toml:",
        ],
    );
    let (_dir, root) = common::copy_fixture("valid/own_words");
    append_to_site_toml(&root, "[briefs.finance]\nblocks = [\"capex_opx\"]\n");
    assert_check_fails_with(
        &root,
        &[
            "a brief has no block called `capex_opx`",
            "did you mean `capex_opex`?",
        ],
    );
}

/// The example's executive brief: the late break-up with its three what-if scenarios under the
/// open decisions, and the monolith not listed a second time as a rising system.
#[test]
fn the_executive_brief_carries_the_scenarios_of_its_open_decisions() {
    let (_dir, out) = build_to_temp(common::repo());
    let html = read(&out.join("for/executive/index.html"));
    let decisions = &html[html.find("brief-decisions").expect("a decisions block")..];
    let decisions = &decisions[..decisions.find("</section>").unwrap()];
    assert_contains_all(
        decisions,
        &[
            "Breaking up the storefront monolith",
            "What if: “Two more engineers on the break-up from next sprint” (about $12,000 a sprint). Breaking up the storefront monolith, with 2 more people from next sprint, finishes in April 2027, before its June 2027 target; it pays for itself by July 2027.",
        ],
    );
    assert_eq!(decisions.matches("What if: ").count(), 3, "{decisions}");
    assert!(
        !decisions.contains("<th scope=\"row\">Storefront (the monolith)</th>"),
        "{decisions}"
    );
}

/// `ask = "…"` in a sprint narrative's front matter is the executive brief's ask, ahead of any
/// "What we ask for" section (and no unknown-field error).
#[test]
fn the_ask_can_be_written_in_front_matter() {
    let (_dir, root) = common::copy_fixture("valid/small");
    common::replace_first(
        &root,
        "content/sprints/S2.md",
        "sprint = \"S2\"\n",
        "sprint = \"S2\"\nask = \"Fund one more person for upkeep <from next sprint> & keep it.\"\n",
    );
    let (_out_dir, out) = build_to_temp(&root);
    let html = brief(&out, "executive");
    let ask = &html[html.find("brief-ask").expect("an ask block")..];
    assert!(
        ask.contains("Fund one more person for upkeep &lt;from next sprint&gt; &amp; keep it."),
        "{ask}"
    );
}
