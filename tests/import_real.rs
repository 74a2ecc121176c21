//! `tally import` on exports shaped exactly like the real tools' files: a Jira Cloud "Export
//! CSV (all fields)" (155 columns; both story point columns, the old one empty; repeated
//! Watchers, Comment, Sprint and Labels; Σ time fields; a BOM and CRLF), a Linear CSV (30
//! quoted columns, dates as JavaScript's `Date.toString()` writes them, in several zones), and
//! the JSON of `gh issue view --json` (one object, and several one after the other).
//!
//! Hand-computed figures (sprint S1, 2026-11-02 to 2026-11-13; `points_per_day = 2`, 8 hours a
//! day; `pay` has a capacity row of 30, `web` 2 people × 10 days = 20):
//! - Jira Cloud: PAY-301 `Story point estimate` 3 = 1.5; PAY-302 2 = 1; PAY-303 no points,
//!   `Σ Original Estimate` 28800 s = 8 h = 1 (its `Original Estimate` 14400 and `Time Spent`
//!   36000 come later in the list); PAY-304 nothing: the median of 1.5, 1, 1 = 1. DI-7 has no
//!   team rule; PAY-305 is not resolved.
//! - With `estimate_columns = ["Time Spent"]`: only PAY-303 has one, 36000 s = 10 h = 1.25;
//!   the other three count as that median, 1.25.
//! - Linear: PAY-401 3 = 1.5; PAY-402 none: the median, 1.5; completed at 23:30 GMT+0100 on
//!   11 November, so in the sprint. INS-12 (team Insights) has no team rule.
//! - `gh issue view`: #51 (label web) alone for web = its capacity, 20; #52 the same from the
//!   stream of objects, #53 is open and #54 matches no team rule.

mod common;
use common::{
    add_import_rule, assert_contains_all, dry_run_s1, failed, import_s1, import_site as site,
    pairs, printed_rows, succeeded,
};

#[test]
fn the_jira_cloud_export_has_155_columns_and_both_story_point_columns() {
    let text =
        std::fs::read_to_string(common::import_fixtures().join("exports/jira-cloud.csv")).unwrap();
    let header = text.lines().next().unwrap();
    let columns: Vec<&str> = header.split(',').collect();
    assert_eq!(columns.len(), 155);
    for name in ["Watchers", "Comment", "Sprint", "Labels"] {
        assert!(
            columns.iter().filter(|c| **c == name).count() >= 2,
            "{name}"
        );
    }
    assert!(columns.contains(&"Custom field (Story Points)"));
    assert!(columns.contains(&"Custom field (Story point estimate)"));
}

#[test]
fn jira_cloud_story_point_estimates_are_read_row_by_row() {
    let (_dir, root) = site();
    let out = succeeded(&dry_run_s1(&root, &["jira", "jira-cloud.csv"]));
    assert_eq!(
        printed_rows(&out),
        pairs(&[
            ("PAY-301", "1.5"),
            ("PAY-302", "1"),
            ("PAY-303", "1"),
            ("PAY-304", "1"),
        ])
    );
    assert_contains_all(
        &out,
        &[
            "  estimates         2 from `Custom field (Story point estimate)`, 1 from `Σ Original Estimate`\n",
            "  no estimate       1 item: counted as the median of the team's other items\n",
            "  PAY-304  no value in any estimate column: counted as the median of its team's other items, 1 person-day\n",
            "  DI-7     no team rule matched (project DI)\n",
            "To import the items no team rule matched, add to site.toml (with the right team id):\n  # takes 1 item\n  [[import.team]]\n  when = { project = \"DI\" }\n  team = \"<team id>\"\n",
        ],
    );
}

#[test]
fn estimate_columns_replaces_the_list_of_columns_read() {
    let (_dir, root) = site();
    add_import_rule(&root, "estimate_columns = [\"Time Spent\"]");
    let out = succeeded(&dry_run_s1(&root, &["jira", "jira-cloud.csv"]));
    assert_eq!(
        printed_rows(&out),
        pairs(&[
            ("PAY-301", "1.25"),
            ("PAY-302", "1.25"),
            ("PAY-303", "1.25"),
            ("PAY-304", "1.25"),
        ])
    );
    assert!(
        out.contains("  estimates         1 from `Time Spent`\n  no estimate       3 items: counted as the median of the team's other items\n"),
        "{out}"
    );
}

#[test]
fn an_empty_estimate_columns_list_is_located() {
    let (_dir, root) = site();
    add_import_rule(&root, "estimate_columns = []");
    let err = failed(&dry_run_s1(&root, &["jira", "jira-cloud.csv"]));
    assert_contains_all(
        &err,
        &[
            "error: `estimate_columns` names no column\n --> site.toml:",
            "help: list the export's columns that hold estimates",
            "tally: the site has 1 error",
        ],
    );
}

#[test]
fn linear_dates_as_javascript_writes_them_in_any_zone() {
    let (_dir, root) = site();
    let out = succeeded(&dry_run_s1(&root, &["linear", "linear-cloud.csv"]));
    assert_eq!(
        printed_rows(&out),
        pairs(&[("PAY-401", "1.5"), ("PAY-402", "1.5")])
    );
    assert_contains_all(
        &out,
        &[
            "  items read        4\n",
            "  estimates         1 from `Estimate`\n",
            "  INS-12   no team rule matched (team Insights)\n",
            "  PAY-403  not completed (status \"In Progress\")\n",
            "  when = { team = \"Insights\" }\n",
        ],
    );
}

#[test]
fn a_linear_date_nobody_writes_is_located_and_says_which_forms_work() {
    let (dir, root) = site();
    let text = std::fs::read_to_string(common::import_fixtures().join("exports/linear-cloud.csv"))
        .unwrap();
    let export = dir.path().join("linear-edited.csv");
    std::fs::write(
        &export,
        text.replace("Thu Nov 05 2026 16:06:19 GMT+0000 (GMT)", "last Thursday"),
    )
    .unwrap();
    let err = failed(&import_s1(&root, &["linear", export.to_str().unwrap()]));
    assert_contains_all(
        &err,
        &[
            "error: `last Thursday` (PAY-401) is not a date tally can read\n",
            "help: Linear writes dates like `Thu May 23 2024 16:06:19 GMT+0000 (GMT)` or `2024-05-23T16:06:19.000Z`",
            "tally: the export has 1 error",
        ],
    );
}

#[test]
fn gh_issue_view_prints_one_object_or_several() {
    let (_dir, root) = site();
    let one = succeeded(&dry_run_s1(&root, &["github", "gh-issue-view.json"]));
    assert_eq!(printed_rows(&one), pairs(&[("#51", "20")]));
    let many = succeeded(&dry_run_s1(&root, &["github", "gh-issue-view-many.json"]));
    assert_eq!(printed_rows(&many), pairs(&[("#52", "20")]));
    assert_contains_all(
        &many,
        &[
            "  items read        3\n",
            "  #53  not closed (state OPEN)\n",
            "  #54  no team rule matched\n",
            "  [import]\n  default_team = \"<team id>\"\n",
        ],
    );
}

#[test]
fn default_team_takes_what_no_rule_matches() {
    let (_dir, root) = site();
    add_import_rule(&root, "default_team = \"web\"");
    let out = succeeded(&dry_run_s1(&root, &["jira", "jira-cloud.csv"]));
    assert!(
        out.contains("  DI-7  no team rule matched: imported for the default team `web`\n"),
        "{out}"
    );
    assert!(
        !out.contains("To import the items no team rule matched"),
        "{out}"
    );
}
