//! Reading and editing the files of a site or of its output, and looking into what they say.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file's text; a missing file fails the test with its path.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A file's text, which must contain every one of `parts`: the test fails naming the first part
/// missing and quoting the text.
pub fn read_containing(path: &Path, parts: &[&str]) -> String {
    let text = read(path);
    assert_contains_all(&text, parts);
    text
}

/// `data/accounts.json` of a built site.
pub fn accounts_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&read(&out.join("data/accounts.json"))).unwrap()
}

/// Replaces the first `text` in `file` (relative to the site root) by `replacement`; the text
/// must be there.
pub fn replace_first(root: &Path, file: &str, text: &str, replacement: &str) {
    let path = root.join(file);
    let before = read(&path);
    assert!(before.contains(text), "{file} has no `{text}`");
    std::fs::write(&path, before.replacen(text, replacement, 1)).unwrap();
}

/// Writes `line` into `site.toml` right after its first line (before any table).
pub fn add_to_site_toml(root: &Path, line: &str) {
    let path = root.join("site.toml");
    let text = read(&path);
    let (first, rest) = text.split_once('\n').unwrap();
    std::fs::write(&path, format!("{first}\n{line}\n{rest}")).unwrap();
}

/// Every file under `dir` (relative path with `/` → bytes), symlinks not followed; empty when
/// `dir` is missing.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap();
            let name = name.to_string_lossy().replace('\\', "/");
            (name, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

/// Each page (a file under `out`, a built site) must contain every one of its parts: the test
/// fails naming the first part missing and quoting the page.
pub fn assert_pages_contain(out: &Path, pages: &[(&str, &[&str])]) {
    for (page, parts) in pages {
        read_containing(&out.join(page), parts);
    }
}

/// Every HTML page under `out` (a built site), in path order.
pub fn html_pages(out: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    pages
}

/// Fails the test, naming the first missing part and quoting `text`, unless `text` contains
/// every one of `parts`.
pub fn assert_contains_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
}
