//! The sites tests run on: the fixtures under `tests/fixtures` and the example site (the
//! repository root), copied to a temporary folder so that no test writes into the repository.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// The repository's root, which is also the example site.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of `tests/fixtures/<name>`: (the temporary folder, the site root inside it).
pub fn copy_fixture(name: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(name), &root);
    (dir, root)
}

/// A copy of `tests/fixtures/<name>` with some files written (or overwritten) in it.
pub fn fixture_with(name: &str, files: &[(&str, &[u8])]) -> (TempDir, PathBuf) {
    let (dir, root) = copy_fixture(name);
    for (path, bytes) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    (dir, root)
}

/// A copy of the example site's `site.toml` and `content/`: (the temporary folder, the site
/// root inside it).
pub fn copy_example() -> (TempDir, PathBuf) {
    copy_example_as("site", &["content"])
}

/// A copy of the example site's `site.toml` and `folders` into `<temporary folder>/<name>`.
pub fn copy_example_as(name: &str, folders: &[&str]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo().join("site.toml"), root.join("site.toml")).unwrap();
    for folder in folders {
        copy_dir(&repo().join(folder), &root.join(folder));
    }
    (dir, root)
}
