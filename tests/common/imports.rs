//! `tally import` on the import fixture site (`tests/fixtures/import/site`), run from the
//! exports folder (`tests/fixtures/import/exports`) so that reports name files as given.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use super::{assert_contains_all, copy_fixture, fixture, stderr, stdout, tally};

pub fn import_fixtures() -> PathBuf {
    fixture("import")
}

/// A copy of the fixture site in a temporary folder, so imports never write into the repo.
pub fn import_site() -> (TempDir, PathBuf) {
    copy_fixture("import/site")
}

/// Runs `tally import ...` from the exports folder (so files are named as in the report).
pub fn import(root: &Path, args: &[&str]) -> Output {
    tally()
        .current_dir(import_fixtures().join("exports"))
        .arg("import")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// `tally import <args> --sprint S1`.
pub fn import_s1(root: &Path, args: &[&str]) -> Output {
    import(root, &[args, &["--sprint", "S1"]].concat())
}

/// `tally import <args> --sprint S1 --dry-run`.
pub fn dry_run_s1(root: &Path, args: &[&str]) -> Output {
    import(root, &[args, &["--sprint", "S1", "--dry-run"]].concat())
}

pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
    stdout(output)
}

pub fn failed(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
    stderr(output)
}

/// `tally import <args> --sprint S1` must fail, with every one of `parts` in its report.
pub fn assert_import_s1_fails_with(root: &Path, args: &[&str], parts: &[&str]) {
    assert_contains_all(&failed(&import_s1(root, args)), parts);
}

pub fn sprint(root: &Path, id: &str) -> String {
    std::fs::read_to_string(root.join(format!("content/data/sprints/{id}.toml"))).unwrap()
}

pub fn set_effort_mode(root: &Path, mode: &str) {
    let path = root.join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("effort = \"estimate\"", &format!("effort = \"{mode}\""));
    assert_ne!(text, changed);
    std::fs::write(path, changed).unwrap();
}

/// (ref, effort) of every row printed by a dry run, in order.
pub fn printed_rows(out: &str) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut effort = String::new();
    for line in out.lines() {
        if let Some(value) = line.strip_prefix("effort = ") {
            effort = value.to_string();
        }
        if let Some(value) = line.strip_prefix("ref = ") {
            rows.push((value.trim_matches('"').to_string(), effort.clone()));
        }
    }
    rows
}

pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(r, e)| (r.to_string(), e.to_string()))
        .collect()
}

/// Adds a line to the fixture site's `[import]` table (after its `points_per_day`).
pub fn add_import_rule(root: &Path, line: &str) {
    let path = root.join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("points_per_day = 2.0\n"), "{text}");
    let changed = text.replace(
        "points_per_day = 2.0\n",
        &format!("points_per_day = 2.0\n{line}\n"),
    );
    std::fs::write(&path, changed).unwrap();
}
