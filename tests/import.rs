//! `tally import`: fixture exports of Jira, Linear and GitHub, written with the quirks of real
//! exports (repeated Jira columns, every parent spelling, short Linear rows, formula guards,
//! odd dates, a BOM and CRLF line ends), imported into a copy of `tests/fixtures/import/site`.
//! Rows, effort and the reconciliation are checked exactly against figures computed by hand;
//! malformed files, bad rules and a missing sprint must give located, helpful errors; a
//! re-import must give the same bytes; hand-written rows and comments must survive; and the
//! site must still build.
//!
//! Hand-computed figures (sprint S1: 2026-11-02 to 2026-11-13, 10 working days; team `pay`
//! has a capacity row of 30, `web` has 2 people so 20; `points_per_day = 2`):
//! - Jira, estimate: PAY-101 3 points = 1.5; PAY-102 1 = 0.5; PAY-103 2 = 1; PAY-104 no points,
//!   original estimate 14400 s = 4 h = 0.5; PAY-105 4 = 2; PAY-106 nothing: the median of
//!   0.5, 0.5, 1, 1.5, 2 = 1. pay = 6.5. SHOP-7 5 = 2.5, SHOP-8 0.5 = 0.25; web = 2.75.
//! - Jira, points-share: pay's median points 2.5 (of 3, 1, 2, 4) for PAY-104 and PAY-106,
//!   weights 3, 1, 2, 2.5, 4, 2.5 = 15 over 30: 6, 2, 4, 5, 8, 5. web: 5 and 0.5 over 20:
//!   18.18 and 1.82 (1818.18 and 181.82 hundredths; the spare hundredth goes to the larger
//!   remainder).
//! - Jira, count: pay 30 / 6 = 5 each; web 20 / 2 = 10 each.
//! - Linear, estimate: PAY-201 3 = 1.5, PAY-202 2 = 1, PAY-203 none: median of 1.5 and 1 =
//!   1.25; WEB-31 5 = 2.5.
//! - GitHub, count, `--repo northwind/app`: web has #43 alone = 20; app has #41, #45, #47:
//!   20 / 3 = 6.67, 6.67, 6.66.

mod common;
use common::{
    assert_contains_all, assert_import_s1_fails_with, build_in_place, dry_run_s1, failed, import,
    import_s1, import_site as site, pairs, printed_rows, set_effort_mode, sprint, succeeded, tally,
};

const ORIGINAL_S1: &str = include_str!("fixtures/import/site/content/data/sprints/S1.toml");

/// What `tally import jira jira.csv --sprint S1` prints.
const JIRA_REPORT: &str = include_str!("fixtures/import/expected/jira-report.txt");

/// The sprint file after that import.
const S1_AFTER_JIRA: &str = include_str!("fixtures/import/expected/S1-after-jira.toml");

/// What a dry run of the Linear export prints: the rows, then the reconciliation.
const LINEAR_DRY_RUN: &str = include_str!("fixtures/import/expected/linear-dry-run.txt");

/// What a dry run of both GitHub exports (`--repo northwind/app`, effort by count) prints.
const GITHUB_DRY_RUN: &str = include_str!("fixtures/import/expected/github-dry-run.txt");

#[test]
fn jira_rows_effort_and_reconciliation_are_exact() {
    let (_dir, root) = site();
    let out = succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    assert_eq!(out, JIRA_REPORT);
    assert_eq!(sprint(&root, "S1"), S1_AFTER_JIRA);
}

#[test]
fn reimporting_gives_the_same_bytes() {
    let (_dir, root) = site();
    succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    let first = sprint(&root, "S1");
    let out = succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    assert!(
        out.contains("8 rows with source = \"jira\" written, replacing 8; 2 other rows kept"),
        "{out}"
    );
    assert!(
        out.ends_with("content/data/sprints/S1.toml is already up to date.\n"),
        "{out}"
    );
    assert_eq!(sprint(&root, "S1"), first);
    // The same holds with two sources in the file, each re-imported in turn.
    succeeded(&import_s1(&root, &["linear", "linear.csv"]));
    let both = sprint(&root, "S1");
    succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    succeeded(&import_s1(&root, &["linear", "linear.csv"]));
    assert_eq!(sprint(&root, "S1"), both);
}

#[test]
fn hand_written_rows_comments_and_other_sources_survive() {
    let (_dir, root) = site();
    succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    let out = succeeded(&import_s1(&root, &["linear", "linear.csv"]));
    assert!(
        out.contains("4 rows with source = \"linear\" written, replacing 0; 10 other rows kept"),
        "{out}"
    );
    let text = sprint(&root, "S1");
    // Everything before the first imported row, and the capacity part, byte for byte.
    let head = ORIGINAL_S1.split("# Capacity").next().unwrap();
    assert!(text.starts_with(head), "{text}");
    assert!(
        text.ends_with("# Capacity from the planning sheet.\n[[capacity]]\nteam = \"pay\"\neffort = 30\n# End of sprint S1.\n"),
        "{text}"
    );
    // The Jira rows are untouched by the Linear import: the file holds both blocks.
    assert!(
        text.contains(S1_AFTER_JIRA.split("# Capacity").next().unwrap()),
        "{text}"
    );
    assert_eq!(text.matches("\nsource = \"jira\"\n").count(), 8);
    assert_eq!(text.matches("\nsource = \"linear\"\n").count(), 4);
    // An author's comment above an imported row is kept (above the block) on re-import.
    let commented = text.replace(
        "[[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 1\ntitle = \"Refund retries",
        "# Checked with the payments lead.\n[[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 1\ntitle = \"Refund retries",
    );
    assert_ne!(commented, text);
    std::fs::write(root.join("content/data/sprints/S1.toml"), &commented).unwrap();
    succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    let again = sprint(&root, "S1");
    assert!(
        again.contains("# Imported by `tally import jira` from jira.csv; a new import replaces every row with source = \"jira\".\n# Checked with the payments lead.\n[[work]]\n"),
        "{again}"
    );
    succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    assert_eq!(sprint(&root, "S1"), again);
}

#[test]
fn points_share_splits_each_teams_capacity_by_points() {
    let (_dir, root) = site();
    set_effort_mode(&root, "points-share");
    let out = succeeded(&dry_run_s1(&root, &["jira", "jira.csv"]));
    assert_eq!(
        printed_rows(&out),
        pairs(&[
            ("PAY-101", "6"),
            ("PAY-102", "2"),
            ("PAY-103", "4"),
            ("PAY-104", "5"),
            ("PAY-105", "8"),
            ("PAY-106", "5"),
            ("SHOP-7", "18.18"),
            ("SHOP-8", "1.82"),
        ])
    );
    assert_contains_all(
        &out,
        &[
            "Effort: points-share (each team's capacity split over its items by story points)\n",
            "  items imported    8 (50 person-days)\n",
            "    pay  6 items, 30 person-days, capacity 30 (its capacity row)\n",
            "    web  2 items, 20 person-days, capacity 20 (2 people × 10 working days)\n",
            "  estimates         6 from `Custom field (Story Points)`\n",
            "  no estimate       2 items: counted as the median points of the team's other items\n",
            "  PAY-104  no story points: counted as the median of its team's other items, 2.5 points\n",
            "  PAY-106  no story points: counted as the median of its team's other items, 2.5 points\n",
        ],
    );
    // A dry run writes nothing.
    assert_eq!(sprint(&root, "S1"), ORIGINAL_S1);
    assert!(
        out.ends_with("Dry run: content/data/sprints/S1.toml would change; nothing was written.\n")
    );
}

#[test]
fn count_splits_each_teams_capacity_equally() {
    let (_dir, root) = site();
    set_effort_mode(&root, "count");
    let out = succeeded(&dry_run_s1(&root, &["jira", "jira.csv"]));
    let rows = printed_rows(&out);
    let efforts: Vec<&str> = rows.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(efforts, ["5", "5", "5", "5", "5", "5", "10", "10"]);
    assert!(out.contains("  no estimate       0\n"), "{out}");
}

#[test]
fn linear_short_rows_formula_guards_and_labels() {
    let (_dir, root) = site();
    let out = succeeded(&dry_run_s1(&root, &["linear", "linear.csv"]));
    assert_eq!(out, LINEAR_DRY_RUN);
    assert_eq!(sprint(&root, "S1"), ORIGINAL_S1);
}

#[test]
fn github_issues_and_pull_requests_in_one_import_without_assignees() {
    let (_dir, root) = site();
    set_effort_mode(&root, "count");
    let args = [
        "github",
        "github-issues.json",
        "github-prs.json",
        "--repo",
        "northwind/app",
        "--sprint",
        "S1",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let out = succeeded(&import(&root, &dry));
    assert_eq!(out, GITHUB_DRY_RUN);
    succeeded(&import(&root, &args));
    let text = sprint(&root, "S1");
    for person in ["ana", "Ana", "bo-example", "Bo Example"] {
        assert!(!out.contains(person) && !text.contains(person), "{person}");
    }
    assert_eq!(text.matches("\nsource = \"github\"\n").count(), 4);
}

#[test]
fn github_items_have_no_estimate_and_are_all_listed() {
    let (_dir, root) = site();
    let out = succeeded(&dry_run_s1(&root, &["github", "github-issues.json"]));
    // Without --repo the keys are #number, and only the `web` label maps #43 to a team.
    assert_contains_all(
        &out,
        &[
            // No item of web has an estimate: its capacity (2 people × 10 days) goes to #43.
            "  items imported    1 (20 person-days)\n",
            "  no estimate       1 item: given an equal share of the team's capacity, as no item of the team has an estimate\n",
            "  #43  no estimate (GitHub items have none), and no other item of its team has one: given an equal share of the team's capacity, 20 person-days\n",
            "  #41  no team rule matched\n",
        ],
    );
}

#[test]
fn a_malformed_jira_export_is_located_by_line_and_column_name() {
    let (_dir, root) = site();
    assert_import_s1_fails_with(
        &root,
        &["jira", "jira-malformed.csv"],
        &[
            "error: this record has 21 fields, but the header has 22\n --> jira-malformed.csv:4:1\n",
            "error: `2026/11/05` (PAY-103) is not a date in the format `%d/%b/%y %I:%M %p`\n --> jira-malformed.csv:5:61\n",
            "^^^^^^^^^^ column `Resolved`",
            "error: `three` (PAY-104) is not a number of zero or more\n --> jira-malformed.csv:6:85\n",
            "column `Custom field (Story Points)`",
            "help: set the format of your Jira's dates in site.toml",
            "tally: the export has 3 errors",
        ],
    );
    assert_eq!(sprint(&root, "S1"), ORIGINAL_S1);
}

#[test]
fn malformed_linear_and_github_exports_are_located() {
    let (_dir, root) = site();
    assert_import_s1_fails_with(
        &root,
        &["linear", "linear-long.csv"],
        &["error: this record has 7 fields, but the header has 6\n --> linear-long.csv:3:1\n"],
    );
    assert_import_s1_fails_with(
        &root,
        &["github", "github-malformed.json"],
        &[
            "error: invalid type: string \"42\", expected u64\n --> github-malformed.json:3:17\n",
            "help: tally reads the JSON written by `gh issue list",
        ],
    );
    assert_eq!(sprint(&root, "S1"), ORIGINAL_S1);
}

#[test]
fn jira_date_format_comes_from_site_toml() {
    let (_dir, root) = site();
    let err = failed(&dry_run_s1(&root, &["jira", "jira-other-dates.csv"]));
    assert!(
        err.contains("`2026.11.13 16:05` (PAY-101) is not a date"),
        "{err}"
    );
    let path = root.join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("%d/%b/%y %I:%M %p", "%Y.%m.%d %H:%M")).unwrap();
    let out = succeeded(&dry_run_s1(&root, &["jira", "jira-other-dates.csv"]));
    assert_eq!(
        printed_rows(&out),
        pairs(&[("PAY-101", "1.5"), ("PAY-103", "1")])
    );
}

#[test]
fn import_rules_are_checked_with_locations_in_site_toml() {
    let (_dir, root) = site();
    let path = root.join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text
        .replace(
            "team = \"web\"\n\n[[import.team]]\nwhen = { team = \"Payments\" }",
            "team = \"webb\"\n\n[[import.team]]\nwhen = { team = \"Payments\" }",
        )
        .replace("category = \"productivity\"", "category = \"productivty\"")
        .replace("'^(upgrade|bump) '", "'^(upgrade|bump '")
        .replace(
            "initiative = \"checkout-v2\"\n\n[[import.rule]]\nwhen = { title",
            "initiative = \"checkout-v3\"\n\n[[import.rule]]\nwhen = { title",
        );
    std::fs::write(&path, &broken).unwrap();
    assert_import_s1_fails_with(
        &root,
        &["jira", "jira.csv"],
        &[
            "error: unknown team `webb`\n  --> site.toml:16:8\n",
            "help: did you mean `web`?",
            "error: unknown category `productivty`\n  --> site.toml:41:12\n",
            "help: did you mean `productivity`?",
            "error: unknown initiative `checkout-v3`\n  --> site.toml:46:14\n",
            "error: `title` is not a valid regular expression\n  --> site.toml:49:18\n",
            "tally: the site has 4 errors",
        ],
    );
    // A misspelt key in `when` is caught by the TOML reader, with a suggestion.
    std::fs::write(
        &path,
        text.replace(
            "when = { label = \"tech-debt\" }",
            "when = { lable = \"tech-debt\" }",
        ),
    )
    .unwrap();
    assert_import_s1_fails_with(
        &root,
        &["jira", "jira.csv"],
        &[
            "error: unknown key `lable`\n  --> site.toml:40:10\n",
            "did you mean `label`?",
        ],
    );
}

#[test]
fn a_missing_sprint_points_to_tally_new_sprint() {
    let (_dir, root) = site();
    let err = failed(&import(&root, &["jira", "jira.csv", "--sprint", "S2"]));
    assert_contains_all(
        &err,
        &[
            "error: there is no sprint `S2`: content/data/sprints/S2.toml does not exist",
            "`tally new sprint S2`",
            "--start YYYY-MM-DD --end YYYY-MM-DD",
        ],
    );
    assert!(!root.join("content/data/sprints/S2.toml").exists());
}

#[test]
fn start_and_end_create_the_sprint_file_and_the_site_builds() {
    let (_dir, root) = site();
    let out = succeeded(&import(
        &root,
        &[
            "jira",
            "jira.csv",
            "--sprint",
            "S2",
            "--start",
            "2026-11-16",
            "--end",
            "2026-11-27",
        ],
    ));
    assert!(
        out.ends_with("Created content/data/sprints/S2.toml.\n"),
        "{out}"
    );
    assert!(
        out.contains("    pay  1 item, 1 person-day, capacity 30 (3 people × 10 working days)\n"),
        "{out}"
    );
    assert_eq!(
        sprint(&root, "S2"),
        "# Sprint S2, created by `tally import`: add a goal, capacity rows and hand-written work as needed.\nstart = 2026-11-16\nend = 2026-11-27\n\n# Imported by `tally import jira` from jira.csv; a new import replaces every row with source = \"jira\".\n[[work]]\nteam = \"pay\"\neffort = 1\ntitle = \"Late work\"\nref = \"PAY-109\"\nsource = \"jira\"\n"
    );
    // Dates that overlap another sprint are refused by the ledger's own check.
    let err = failed(&import(
        &root,
        &[
            "jira",
            "jira.csv",
            "--sprint",
            "S3",
            "--start",
            "2026-11-20",
            "--end",
            "2026-12-04",
        ],
    ));
    assert!(
        err.contains("sprint `S3` starts on 2026-11-20, before sprint `S2`"),
        "{err}"
    );
    assert!(!root.join("content/data/sprints/S3.toml").exists());
    build_in_place(&root);
}

#[test]
fn the_site_builds_after_every_import_with_the_imported_effort() {
    let (_dir, root) = site();
    succeeded(&import_s1(&root, &["jira", "jira.csv"]));
    succeeded(&import_s1(&root, &["linear", "linear.csv"]));
    succeeded(&import_s1(
        &root,
        &[
            "github",
            "github-issues.json",
            "github-prs.json",
            "--repo",
            "northwind/app",
        ],
    ));
    build_in_place(&root);
    let accounts = common::accounts_json(&root.join("public"));
    let s1 = &accounts["sprints"][0];
    assert_eq!(s1["id"], "S1");
    // Hand-written 4 + 3, Jira 9.25, Linear 6.25, GitHub 40: no GitHub item has an estimate,
    // so web's capacity (20) goes to #43 and app's (20) is split over #41, #45 and #47.
    assert_eq!(s1["effort"], 62.5);
    assert_eq!(s1["teams"]["pay"]["effort"], 4.0 + 6.5 + 3.75);
}

#[test]
fn repo_is_for_github_only() {
    let (_dir, root) = site();
    let err = failed(&import(
        &root,
        &["jira", "jira.csv", "--sprint", "S1", "--repo", "a/b"],
    ));
    assert!(
        err.contains("--repo applies to GitHub exports only"),
        "{err}"
    );
}

#[test]
fn the_example_export_dry_runs_against_the_example_site() {
    let repo = common::repo();
    let sprint_file = repo.join("content/data/sprints/2026-S23.toml");
    let before = std::fs::read(&sprint_file).unwrap();
    let output = tally()
        .current_dir(repo)
        .args([
            "import",
            "jira",
            "content/data/imports/jira-2026-S23.csv",
            "--sprint",
            "2026-S23",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let out = succeeded(&output);
    assert_contains_all(
        &out,
        &[
            "  items read        19\n",
            "  items imported    15 (52 person-days)\n",
            "  items skipped     4\n",
            "  OPS-45     no team rule matched (project OPS)\n",
            "  DATA-212  no category rule matched\n",
            "Dry run: content/data/sprints/2026-S23.toml would change; nothing was written.\n",
        ],
    );
    assert_eq!(std::fs::read(&sprint_file).unwrap(), before);
}
