//! Running the `tally` binary: the command itself, the usual runs (`build`, `check`), and what
//! a run printed.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

/// `tally`, as `assert_cmd` runs it.
pub fn tally() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("tally").unwrap()
}

/// `tally` as a plain process, for runs that are spawned, killed or read as they go.
pub fn tally_process() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_tally"))
}

/// What a run printed on stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What a run printed on stderr.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// stderr with `\` turned into `/`, so that paths compare the same on every platform.
pub fn stderr_slashed(output: &Output) -> String {
    stderr(output).replace('\\', "/")
}

/// Fails the test when tally panicked (a message, or the exit code of a panic).
pub fn assert_no_panic(output: &Output) {
    let stderr = stderr_slashed(output);
    assert!(!stderr.contains("panicked"), "tally panicked:\n{stderr}");
    assert_ne!(output.status.code(), Some(101), "exit 101:\n{stderr}");
}

/// `tally <args> --root <root>`: all it printed, and how it exited.
pub fn output_on(root: &Path, args: &[&str]) -> Output {
    tally().args(args).arg("--root").arg(root).output().unwrap()
}

/// `tally <args> --root <root>`: (exit code, stderr).
pub fn run_on(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = output_on(root, args);
    (output.status.code(), stderr(&output))
}

/// `tally check --root <root>`: (exit code, stderr).
pub fn check(root: &Path) -> (Option<i32>, String) {
    run_on(root, &["check"])
}

/// `tally <verb> --root <root>`; it must succeed.
fn assert_succeeds(root: &Path, verb: &str) {
    tally().args([verb, "--root"]).arg(root).assert().success();
}

/// `tally check --root <root>`; it must succeed.
pub fn assert_checks(root: &Path) {
    assert_succeeds(root, "check");
}

/// `tally build --root <root>` into `<root>/public`; it must succeed.
pub fn build_in_place(root: &Path) {
    assert_succeeds(root, "build");
}

/// `tally build` of `root` into a new temporary folder; it must succeed: (the temporary
/// folder, the output folder inside it).
pub fn build_to_temp(root: &Path) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    tally()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .success();
    (dir, out)
}

/// A copy of `tests/fixtures/<name>` built in place, into `<root>/public`; the build must
/// succeed: (the temporary folder, the site root inside it).
pub fn copy_and_build(name: &str) -> (TempDir, PathBuf) {
    let (dir, root) = super::copy_fixture(name);
    build_in_place(&root);
    (dir, root)
}

/// `tally check --root <root>`; it must fail with exit code 1 and a report that contains every
/// one of `parts`: the report.
pub fn assert_check_fails_with(root: &Path, parts: &[&str]) -> String {
    let (code, report) = check(root);
    assert_eq!(code, Some(1), "{report}");
    super::assert_contains_all(&report, parts);
    report
}
