//! A site in its own words: categories `build`, `grow` and `run` (marked `kind = "upkeep"`), its
//! own teams and systems. Nothing here is named as in the example site, so every feature that
//! only worked because a category was called `ktlo` fails here. Figures are computed by hand from
//! `tests/fixtures/valid/own_words`.

use std::path::{Path, PathBuf};

mod common;
use common::{
    assert_check_fails_with, assert_pages_contain, build_to_temp as build, read, read_containing,
    tally,
};

fn fixture() -> PathBuf {
    common::fixture("valid/own_words")
}

/// A copy of the fixture with `text` replaced by `replacement` in `file`.
fn edited(file: &str, text: &str, replacement: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::copy_fixture("valid/own_words");
    common::replace_first(&root, file, text, replacement);
    (dir, root)
}

#[test]
fn systems_count_the_category_marked_upkeep() {
    let (_dir, out) = build(&fixture());
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/accounts.json"))).unwrap();
    let systems = &json["systems"];
    // R1: run is 4 (ledgerdb) + 2 (portal); R2: 3 + 6.
    assert_eq!(
        systems["ledgerdb"]["cost_of_ownership"]["R1"]["upkeep_share"],
        0.666667
    );
    assert_eq!(
        systems["portal"]["cost_of_ownership"]["R1"]["upkeep_share"],
        0.333333
    );
    assert_eq!(
        systems["portal"]["cost_of_ownership"]["R2"]["upkeep_share"],
        0.666667
    );
    assert_eq!(
        systems["portal"]["cost_of_ownership"]["R2"]["categories"]["run"],
        6.0
    );
    read_containing(
        &out.join("systems/index.html"),
        &[
            "Old portal causes 67% of all keeping-the-lights-on work: the biggest upkeep bill of any system.",
        ],
    );
}

#[test]
fn the_narrative_names_who_carried_the_upkeep() {
    let (_dir, out) = build(&fixture());
    // R2's run: Edge 6 of 9. `grow` is the largest category (10 of 24), so falling back to the
    // largest would speak of growing instead.
    // The label "Running" has no phrase: it is quoted as written, never lower-cased.
    assert_pages_contain(
        &out,
        &[
            (
                "sprints/R2/index.html",
                &["Edge carried about two thirds of the time spent on Running work."],
            ),
            (
                "sprints/R1/index.html",
                &["Core carried about two thirds of the time spent on Running work."],
            ),
        ],
    );
    // The author's directive on the site's own category: 9 of 24, against 6 of 20.
    read_containing(
        &out.join("sprints/R2/index.html"),
        &["<p>Running took 38% of our time, up 8 points since the sprint before.</p>"],
    );
}

#[test]
fn debt_and_initiatives_work_on_their_own_ids() {
    let (_dir, out) = build(&fixture());
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/accounts.json"))).unwrap();
    // 12 / 2.
    assert_eq!(json["debt"]["flaky-tests"]["payback_sprints"], 6.0);
    // 6 + 5 of 40.
    assert_eq!(json["initiatives"]["revamp"]["done"], 11.0);
    assert!(out.join("systems/portal/index.html").is_file());
}

#[test]
fn two_upkeep_categories_are_a_located_error() {
    let (_dir, root) = edited(
        "site.toml",
        "capitalizable = true\n",
        "capitalizable = true\nkind = \"upkeep\"\n",
    );
    assert_check_fails_with(
        &root,
        &[
            "error: two categories are marked as upkeep: `build` and `run`",
            "--> site.toml:22:8",
            "help: mark only the category",
        ],
    );
}

#[test]
fn an_unknown_kind_lists_the_allowed_ones() {
    let (_dir, root) = edited("site.toml", "kind = \"upkeep\"", "kind = \"upkep\"");
    assert_check_fails_with(
        &root,
        &[
            "`upkep` is not one of the allowed values",
            "--> site.toml:21:8",
            "help: use one of: upkeep",
        ],
    );
}

#[test]
fn systems_without_an_upkeep_category_are_a_located_error() {
    let (_dir, root) = edited("site.toml", "kind = \"upkeep\"\n", "");
    assert_check_fails_with(
        &root,
        &[
            "error: no category is marked as upkeep, and the systems in content/data/systems.toml need one",
            "--> site.toml:6:1",
            "kind = \"upkeep\"",
            "tally: the site has 1 error",
        ],
    );
}

/// `tally new sprint` on `root`, then `tally build`: the stub must build as written.
fn new_sprint_builds(root: &Path) -> String {
    tally()
        .args(["new", "sprint", "--root"])
        .arg(root)
        .assert()
        .success();
    let stub = read(&root.join("content/sprints/R3.md"));
    let data = read(&root.join("content/data/sprints/R3.toml"));
    let (_dir, out) = build(root);
    assert!(out.join("sprints/R3/index.html").is_file());
    assert!(
        !stub.contains("ktlo") && !data.contains("ktlo"),
        "{stub}\n{data}"
    );
    stub
}

#[test]
fn a_new_sprint_stub_speaks_of_the_sites_upkeep_category_and_builds() {
    let (_dir, root) = common::copy_fixture("valid/own_words");
    let stub = new_sprint_builds(&root);
    assert!(
        stub.contains("Running took {{ value(metric=\"share\", category=\"run\") }} of our time, {{ delta(metric=\"share\", category=\"run\") }}."),
        "{stub}"
    );
}

#[test]
fn without_an_upkeep_category_the_stub_speaks_of_the_largest() {
    let (_dir, root) = edited("site.toml", "kind = \"upkeep\"\n", "");
    for file in ["systems.toml", "debt.toml"] {
        std::fs::remove_file(root.join("content/data").join(file)).unwrap();
    }
    for sprint in ["R1", "R2"] {
        let path = root.join(format!("content/data/sprints/{sprint}.toml"));
        let text = read(&path)
            .replace("system = \"ledgerdb\"\n", "")
            .replace("system = \"portal\"\n", "");
        std::fs::write(&path, text).unwrap();
    }
    // Growing: 8 + 10, against running 15 and building 11.
    let stub = new_sprint_builds(&root);
    assert!(
        stub.contains("Growing took {{ value(metric=\"share\", category=\"grow\") }}"),
        "{stub}"
    );
}

#[test]
fn a_scenario_runs_on_the_sites_own_ids() {
    // The new portal replaces the old one, with a target; one more Core person comes from
    // Growing, and a narrative shows the scenario.
    let (_dir, root) = edited(
        "content/data/initiatives.toml",
        "scope = 40\n",
        "scope = 40\nreplaces = \"portal\"\ntarget = 2027-03-31\n",
    );
    std::fs::write(
        root.join("content/data/scenarios.toml"),
        "[[scenario]]\nid = \"more-core\"\ntitle = \"One more Core engineer on the portal\"\ninitiative = \"revamp\"\nadd_people = 1\ntake_from = \"grow\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/notes")).unwrap();
    std::fs::write(
        root.join("content/notes/ask.md"),
        "+++\ntitle = \"What we ask for\"\n+++\n\nOne more person on the portal.\n\n{{ scenario(id=\"more-core\") }}\n",
    )
    .unwrap();
    let (_out_dir, out) = build(&root);
    let json = common::accounts_json(&out);
    let s = &json["scenarios"]["more-core"];
    // Core recorded 10 + 8 over 2 sprints with 3 people: 3 a head. 11 of 40 done at 6 / 5.5 / 5,
    // so 9 / 8.5 / 8 with the person: 29 to go is 4 sprints at every pace.
    assert_eq!(s["effort_per_person"], 3.0);
    assert_eq!(s["forecast"]["pace"], serde_json::json!([9.0, 8.5, 8.0]));
    assert_eq!(s["forecast"]["expected"], "2027-01-22");
    assert_eq!(s["forecast"]["status"], "on track");
    assert_eq!(s["cost_per_sprint"], 1200.0);
    // The old portal's upkeep, 2 then 6: too few sprints for a trend, so flat at 4.
    assert_eq!(s["upkeep"]["system"], "portal");
    assert_eq!(s["upkeep"]["flat"], true);
    assert_eq!(s["upkeep"]["level"], 4.0);
    // 29 spent by sprint 4; 4 saved a sprint from sprint 5 passes 29 in sprint 12.
    assert_eq!(s["break_even"]["sprints"], 12);
    assert_eq!(s["break_even"]["sprint_ends"], "2027-05-14");
    // Growing did 8 then 10: 9 a sprint, a third of which leaves.
    assert_eq!(s["take_from"], "grow");
    assert_eq!(s["take_from_recent_effort"], 9.0);
    let page = read_containing(
        &out.join("initiatives/revamp/index.html"),
        &[
            "What would change it",
            "One more Core engineer on the portal",
            "The new portal, with 1 more person from next sprint, finishes in January 2027, before its March 2027 target; it pays for itself by May 2027.",
            "The people come from Growing, which loses 33% of its 9 person-days a sprint.",
            ">\ntarget\n<",
        ],
    );
    assert!(
        page.contains("<h1>The new portal is on track: at this pace it finishes"),
        "{page}"
    );
    read_containing(
        &out.join("notes/ask/index.html"),
        &["scenario-more-core", "it pays for itself by May 2027"],
    );
}
