//! The swap, the lock and resolving paths, on temporary folders.

use super::*;

fn site_with_output() -> (tempfile::TempDir, Output) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("site.toml"), "").unwrap();
    let output = Output::locate(&root, &root.join("public")).unwrap();
    (temp, output)
}

fn folder_with(path: &Path, file: &str, text: &str) {
    fs::create_dir_all(path).unwrap();
    fs::write(path.join(file), text).unwrap();
}

/// A site whose output holds an `index.html` that says "old", and a staging folder beside
/// it whose `index.html` says "new": (the temporary folder, the output, the staging folder).
fn old_output_and_new_staging() -> (tempfile::TempDir, Output, PathBuf) {
    let (temp, output) = site_with_output();
    folder_with(&output.real, "index.html", "old");
    let staging = output.sibling("tally-building-1");
    folder_with(&staging, "index.html", "new");
    (temp, output, staging)
}

/// The text of `file` in `folder`.
fn text_of(folder: &Path, file: &str) -> String {
    fs::read_to_string(folder.join(file)).unwrap()
}

#[test]
fn the_two_rename_swap_replaces_the_output_and_says_where_the_old_site_went() {
    let (_temp, output, staging) = old_output_and_new_staging();
    let previous = swap_with_two_renames(&staging, &output).unwrap();
    assert_eq!(text_of(&output.real, "index.html"), "new");
    assert_eq!(text_of(&previous, "index.html"), "old");
    assert_eq!(previous, output.sibling("old"));
    assert!(!staging.exists());
}

#[test]
fn the_two_rename_swap_names_the_folder_in_its_way() {
    let (_temp, output, staging) = old_output_and_new_staging();
    folder_with(&output.sibling("old"), "notes.txt", "mine");
    let message = swap_with_two_renames(&staging, &output)
        .unwrap_err()
        .to_string();
    assert!(message.contains(".public.old"), "{message}");
    assert_eq!(text_of(&output.real, "index.html"), "old");
    assert_eq!(text_of(&output.sibling("old"), "notes.txt"), "mine");
}

#[cfg(target_os = "linux")]
#[test]
fn the_exchange_swaps_two_folders_in_one_step() {
    let (_temp, output, staging) = old_output_and_new_staging();
    if exchange(&staging, &output.real).unwrap() {
        assert_eq!(text_of(&output.real, "index.html"), "new");
        assert_eq!(text_of(&staging, "index.html"), "old");
    }
}

#[test]
fn resolving_applies_dot_dot_after_the_part_that_exists() {
    let temp = tempfile::tempdir().unwrap();
    let real = fs::canonicalize(temp.path()).unwrap();
    assert_eq!(
        resolve(&temp.path().join("a/b/../../c")).unwrap(),
        real.join("c")
    );
    assert_eq!(resolve(&temp.path().join("x/..")).unwrap(), real);
}

#[test]
fn a_second_lock_on_the_same_output_waits_until_the_first_is_released() {
    let (_temp, output) = site_with_output();
    let first = OutputLock::acquire(&output).unwrap();
    let path = output.sibling("tally-lock");
    let other = File::open(&path).unwrap();
    assert!(matches!(
        other.try_lock(),
        Err(fs::TryLockError::WouldBlock)
    ));
    drop(first);
    assert!(!path.exists(), "the lock file was left behind");
    let second = OutputLock::acquire(&output).unwrap();
    drop(second);
}
