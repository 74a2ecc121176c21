//! One mistake, one report: a broken entry of one data file must not turn every reference to it
//! into an error of its own. Each case makes one mistake in a copy of the example site and
//! asserts the exact number of errors `tally check` reports (and that the report fits on a
//! screen).

mod common;
use common::{assert_contains_all, check, copy_example_as, replace_first as edit};

/// A copy of the example site (the repository root): its `site.toml`, `content/` and `themes/`.
fn example_site() -> (tempfile::TempDir, std::path::PathBuf) {
    copy_example_as("site", &["content", "themes"])
}

/// `tally check`'s report on the site with one edit made: (number of errors, the report).
fn errors_after(file: &str, text: &str, replacement: &str) -> (usize, String) {
    let (_dir, root) = example_site();
    edit(&root, file, text, replacement);
    let (code, stderr) = check(&root);
    assert_eq!(code, Some(1), "{stderr}");
    let reported = stderr.lines().filter(|l| l.starts_with("error")).count();
    let summary = match reported {
        1 => "tally: the site has 1 error".to_string(),
        n => format!("tally: the site has {n} errors"),
    };
    assert!(stderr.contains(&summary), "{stderr}");
    (reported, stderr)
}

/// Asserts that the one edit yields exactly `expected` errors, the first with `message`.
fn assert_errors(file: &str, text: &str, replacement: &str, expected: usize, message: &str) {
    let (count, report) = errors_after(file, text, replacement);
    assert_eq!(count, expected, "{report}");
    assert!(report.contains(message), "{report}");
    assert!(
        report.lines().count() < 50,
        "more than a screenful:\n{report}"
    );
}

#[test]
fn a_team_without_a_name_is_one_error_not_hundreds() {
    assert_errors(
        "content/data/teams.toml",
        "name = \"Payments\"\n",
        "",
        1,
        "missing key `name`",
    );
}

#[test]
fn a_teams_file_that_cannot_be_read_is_one_error() {
    assert_errors(
        "content/data/teams.toml",
        "people = 6\n",
        "people = \n",
        1,
        "content/data/teams.toml:7",
    );
}

#[test]
fn a_team_id_that_cannot_be_used_is_two_errors() {
    // The id itself, and the uses of `payments` (once, with a count): the author may have meant
    // to rename the team.
    assert_errors(
        "content/data/teams.toml",
        "id = \"payments\"",
        "id = \"pay ments\"",
        2,
        "`pay ments` cannot be a team id",
    );
}

#[test]
fn a_renamed_team_is_one_error_naming_the_other_uses() {
    let (count, report) = errors_after(
        "content/data/teams.toml",
        "id = \"payments\"",
        "id = \"payment\"",
    );
    assert_eq!(count, 1, "{report}");
    assert_contains_all(
        &report,
        &[
            "unknown team `payments`",
            "did you mean `payment`?",
            "more times, in content/data/incidents.toml, content/data/initiatives.toml, content/data/releases.toml, content/data/sprints/2026-S10.toml",
        ],
    );
}

#[test]
fn a_bad_lifecycle_is_one_error_not_hundreds() {
    assert_errors(
        "content/data/systems.toml",
        "lifecycle = \"maintain\"",
        "lifecycle = \"maintained\"",
        1,
        "`maintained` is not one of the allowed values",
    );
}

#[test]
fn a_system_with_an_unknown_owner_is_one_error() {
    assert_errors(
        "content/data/systems.toml",
        "owner = \"payments\"",
        "owner = \"paymnts\"",
        1,
        "unknown team `paymnts`",
    );
}

#[test]
fn a_broken_current_sprint_file_is_one_error() {
    // Before: the sprint's own error, "current_sprint names an unknown sprint", and its
    // dependency snapshot "belongs to no sprint".
    assert_errors(
        "content/data/sprints/2026-S23.toml",
        "effort = 4.5\n",
        "effort = 4.5.\n",
        1,
        "content/data/sprints/2026-S23.toml",
    );
}

#[test]
fn a_broken_sprint_file_with_a_snapshot_is_one_error() {
    assert_errors(
        "content/data/sprints/2026-S16.toml",
        "[[work]]",
        "[[wrk]]",
        1,
        "unknown key `wrk`",
    );
}

#[test]
fn a_bad_initiative_is_one_error() {
    assert_errors(
        "content/data/initiatives.toml",
        "scope = 520",
        "scope = \"lots\"",
        1,
        "content/data/initiatives.toml",
    );
}

#[test]
fn an_initiative_with_an_unknown_owner_is_one_error() {
    assert_errors(
        "content/data/initiatives.toml",
        "owner = \"payments\"",
        "owner = \"paymnts\"",
        1,
        "unknown team `paymnts`",
    );
}

#[test]
fn an_initiative_with_an_unknown_category_is_one_error() {
    assert_errors(
        "content/data/initiatives.toml",
        "category = \"new\"",
        "category = \"nwe\"",
        1,
        "unknown category `nwe`",
    );
}

#[test]
fn a_bad_debt_item_is_one_error() {
    assert_errors(
        "content/data/debt.toml",
        "status = \"paying\"",
        "status = \"payed\"",
        1,
        "`payed` is not one of the allowed values",
    );
}

#[test]
fn two_bad_debt_items_are_two_errors() {
    let (_dir, root) = example_site();
    let path = root.join("content/data/debt.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("status = \"open\"", "status = \"opened\""),
    )
    .unwrap();
    let (_, stderr) = check(&root);
    let opened = text.matches("status = \"open\"").count();
    assert!(opened >= 2, "the example has {opened} open items");
    // Every bad entry is reported, not only the first.
    assert_eq!(
        stderr
            .matches("`opened` is not one of the allowed values")
            .count(),
        opened,
        "{stderr}"
    );
}

#[test]
fn a_bad_dependency_snapshot_row_is_one_error() {
    assert_errors(
        "content/data/dependencies/2026-S16.toml",
        "released = 2022-05-09",
        "released = \"May 2022\"",
        1,
        "content/data/dependencies/2026-S16.toml",
    );
}

#[test]
fn a_bad_category_entry_is_one_error() {
    assert_errors(
        "site.toml",
        "capitalizable = true",
        "capitalizable = \"yes\"",
        1,
        "site.toml:18",
    );
}

#[test]
fn a_bad_glossary_term_is_one_error() {
    assert_errors(
        "content/glossary.toml",
        "term = \"sprint\"\n",
        "",
        1,
        "missing key `term`",
    );
}

/// `tally check` on a folder holding only this `site.toml`: its report.
fn check_site_toml(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), text).unwrap();
    let (code, stderr) = check(dir.path());
    assert_eq!(code, Some(1));
    stderr
}

#[test]
fn a_table_nested_5000_deep_is_located_at_the_nesting() {
    let header = vec!["a"; 5000].join(".");
    let report = check_site_toml(&format!("title = \"x\"\n\n[{header}]\nb = 1\n"));
    // Part 80 is where the limit is passed: 79 parts of `a.` before it, after the `[`.
    assert_contains_all(
        &report,
        &[
            "--> site.toml:3:160",
            "this key has too many parts",
            "help: ",
        ],
    );
    let report = check_site_toml(&format!(
        "title = \"x\"\n{} = 1\n",
        vec!["k"; 100].join(".")
    ));
    assert!(report.contains("--> site.toml:2:159"), "{report}");
}

#[test]
fn lists_nested_5000_deep_are_located_with_a_plain_message() {
    let report = check_site_toml(&format!(
        "title = \"x\"\na = {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    ));
    assert_contains_all(
        &report,
        &[
            "--> site.toml:2:",
            "nest too deep",
            "help: check for a run of `[`",
        ],
    );
}
