//! `tally import` keeps the sprint file as it was (its CRLF line ends and byte-order mark, new
//! rows included), and an absurd estimate in an export is reported at its place in the export,
//! never as a non-finite effort in a sprint file line that does not exist on disk.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

mod common;
use common::{assert_contains_all, stderr, tally};

/// A copy of the import fixture site, with a folder for exports beside it.
fn site() -> (TempDir, PathBuf) {
    common::copy_fixture("import/site")
}

const SPRINT: &str = "content/data/sprints/S1.toml";

/// Writes `csv` as `export.csv` next to the site and runs `tally import <format>` on it from
/// there, so the report names the export as `export.csv`.
fn import_csv(dir: &Path, root: &Path, format: &str, csv: &str) -> Output {
    std::fs::write(dir.join("export.csv"), csv).unwrap();
    tally()
        .current_dir(dir)
        .args(["import", format, "export.csv", "--sprint", "S1", "--root"])
        .arg(root)
        .output()
        .unwrap()
}

const JIRA_HEADER: &str =
    "Summary,Issue key,Issue Type,Status,Project key,Resolved,Custom field (Story Points)\n";

fn jira(points: &[&str]) -> String {
    let mut csv = JIRA_HEADER.to_string();
    for (i, p) in points.iter().enumerate() {
        csv.push_str(&format!(
            "Item {i},PAY-{},Story,Done,PAY,2026-11-10,{p}\n",
            100 + i
        ));
    }
    csv
}

#[test]
fn crlf_and_a_byte_order_mark_are_kept() {
    let (dir, root) = site();
    let path = root.join(SPRINT);
    let original = std::fs::read_to_string(&path).unwrap();
    let windows = format!("\u{feff}{}", original.replace('\n', "\r\n"));
    std::fs::write(&path, &windows).unwrap();
    let output = import_csv(dir.path(), &root, "jira", &jira(&["2", "4"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with('\u{feff}'), "the byte-order mark is gone");
    assert_eq!(after.matches('\u{feff}').count(), 1);
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "a line lost its CR:\n{after:?}"
    );
    assert!(after.contains("ref = \"PAY-101\"\r\n"), "{after:?}");
    // Every line the author wrote is still there, byte for byte.
    for line in windows.split_inclusive("\r\n") {
        assert!(after.contains(line), "lost {line:?}");
    }
    // A second import of the same export changes nothing.
    let again = import_csv(dir.path(), &root, "jira", &jira(&["2", "4"]));
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    common::assert_checks(&root);
}

#[test]
fn lf_files_stay_lf() {
    let (dir, root) = site();
    let output = import_csv(dir.path(), &root, "jira", &jira(&["2"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let after = std::fs::read_to_string(root.join(SPRINT)).unwrap();
    assert!(!after.contains('\r') && !after.starts_with('\u{feff}'));
}

#[test]
fn story_points_of_1e308_are_located_in_the_export() {
    let (dir, root) = site();
    let before = std::fs::read(root.join(SPRINT)).unwrap();
    let output = import_csv(dir.path(), &root, "jira", &jira(&["2", "1e308"]));
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("error: `1e308` (PAY-101) is too large to be an estimate"),
        "{report}"
    );
    // Line 3 of the export, the story points field (after six fields).
    assert_contains_all(
        &report,
        &[
            "--> export.csv:3:42",
            "help: tally reads estimates up to 1,000,000,000",
        ],
    );
    assert!(!report.contains("inf"), "{report}");
    assert_eq!(std::fs::read(root.join(SPRINT)).unwrap(), before);
}

#[test]
fn an_estimate_that_comes_to_centuries_is_located_at_its_line_in_the_export() {
    let (dir, root) = site();
    // 900 million points at 2 points a day.
    let output = import_csv(dir.path(), &root, "jira", &jira(&["2", "900000000"]));
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert_contains_all(
        &report,
        &[
            "error: PAY-101 comes to 450,000,000 person-days of work, more than one item can be",
            "--> export.csv:3:1",
            "points_per_day",
        ],
    );
    assert!(!report.contains("sprints/S1.toml"), "{report}");
}

#[test]
fn a_linear_estimate_of_1e308_is_located_in_the_export() {
    let (dir, root) = site();
    let csv = "ID,Title,Status,Estimate,Team,Completed\n\
               PAY-201,Retry refunds,Done,1e308,Payments,2026-11-10T16:05:00.000Z\n";
    let output = import_csv(dir.path(), &root, "linear", csv);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert_contains_all(
        &report,
        &["is too large to be an estimate", "--> export.csv:2:"],
    );
    assert!(!report.contains("inf"), "{report}");
}
