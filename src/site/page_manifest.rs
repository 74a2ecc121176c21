//! The list of pages a build rendered, kept in the output next to them (`.tally-pages`), so that
//! the next build can take over a page whose fingerprint is unchanged without rendering it.
//!
//! It lives inside the output folder, and so is swapped in with the pages it describes: the
//! list and the files can never disagree about which build they come from. Each line holds a
//! page's fingerprint, its size in bytes and its path; a page is taken over only when the file
//! is still there with that size. A list that cannot be read is ignored (every page is rendered).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The file's name, in the output's root.
pub const PAGES_MANIFEST: &str = ".tally-pages";

/// The first line: the format, so that a later format is never misread.
const HEADER: &str = "tally pages 1";

/// What the previous build rendered: path → (fingerprint, size in bytes).
pub type Pages = HashMap<String, (u64, u64)>;

/// Reads the manifest of the site in `folder`; empty when there is none or it is not ours.
pub fn read(folder: &Path) -> Pages {
    fs::read_to_string(folder.join(PAGES_MANIFEST))
        .ok()
        .and_then(|text| parse(&text))
        .unwrap_or_default()
}

/// The manifest's lines read back, or `None` for anything but the format written here.
fn parse(text: &str) -> Option<Pages> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    lines
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            Some((path, (fingerprint, size)))
        })
        .collect()
}

/// The manifest's text for these pages, sorted by path so that it is the same for the same
/// build.
pub fn text(pages: &[(String, u64, u64)]) -> String {
    let mut sorted: Vec<&(String, u64, u64)> = pages.iter().collect();
    sorted.sort();
    let mut text = format!("{HEADER}\n");
    for (path, fingerprint, size) in sorted {
        text.push_str(&format!("{fingerprint:016x} {size} {path}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_was_written() {
        let pages = vec![
            ("sprints/s2/index.html".to_string(), 7, 1200),
            ("index.html".to_string(), u64::MAX, 0),
            ("guides/a page with spaces/index.html".to_string(), 1, 2),
        ];
        let read = parse(&text(&pages)).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(read["index.html"], (u64::MAX, 0));
        assert_eq!(read["guides/a page with spaces/index.html"], (1, 2));
    }

    #[test]
    fn anything_else_is_ignored() {
        assert!(parse("").is_none());
        assert!(parse("tally pages 2\n0000000000000001 5 index.html\n").is_none());
        assert!(parse("tally pages 1\nzz 5 index.html\n").is_none());
        assert!(parse("tally pages 1\n0000000000000001 many index.html\n").is_none());
        assert!(parse("tally pages 1\n0000000000000001 5\n").is_none());
    }

    #[test]
    fn the_text_is_sorted_by_path() {
        let pages = vec![("b".to_string(), 2, 2), ("a".to_string(), 1, 1)];
        assert_eq!(
            text(&pages),
            "tally pages 1\n0000000000000001 1 a\n0000000000000002 2 b\n"
        );
    }
}
