//! A site in its own words: categories `build`, `grow` and `run` (marked `kind = "upkeep"`), its
//! own teams and systems. Nothing here is named as in the example site, so every feature that
//! only worked because a category was called `ktlo` fails here. Figures are computed by hand from
//! `tests/fixtures/valid/own_words`.

use std::path::{Path, PathBuf};

mod common;
use common::{assert_check_fails_with, build_to_temp as build, read, read_containing, tally};

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
    read_containing(
        &out.join("sprints/R2/index.html"),
        &["Edge carried about two thirds of the time spent on Running work."],
    );
    read_containing(
        &out.join("sprints/R1/index.html"),
        &["Core carried about two thirds of the time spent on Running work."],
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
