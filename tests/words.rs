//! The words a reader sees first, page by page: each built page's headline, kicker, byline,
//! lead, "In short", key figures, chart titles and source notes, the data-quality panel and the
//! notes, written to one insta snapshot per site. A diff of sentences is the review of a change
//! to the generated words (`INSTA_UPDATE=always cargo test --test words` to accept one, after
//! reading the snapshot whole).
//!
//! Three sites: the example, `tests/fixtures/valid/own_words` (its own categories) and the
//! browser suite's hard site (`e2e/hard-site.py --sprints 4`: long labels, 20 categories).

mod common;

use std::path::Path;

use common::*;
use regex::Regex;

/// The text of an HTML fragment: glossary tips dropped, tags removed, entities and spaces
/// folded.
fn text(html: &str) -> String {
    let tips = Regex::new(r#"(?s)<span class="term-tip"[^>]*>.*?</span>"#).unwrap();
    let tags = Regex::new(r"(?s)<[^>]+>").unwrap();
    let without = tips.replace_all(html, "");
    let plain = tags.replace_all(&without, " ");
    let plain = plain
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'");
    let spaced: Vec<&str> = plain.split_whitespace().collect();
    spaced
        .join(" ")
        .replace(" .", ".")
        .replace(" ,", ",")
        .replace(" :", ":")
        .replace(" ;", ";")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// Every match of `pattern`'s first group in `html`, as text.
fn all(html: &str, pattern: &str) -> Vec<String> {
    Regex::new(pattern)
        .unwrap()
        .captures_iter(html)
        .map(|c| text(&c[1]))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The first match of `pattern`'s first group, as raw HTML.
fn block<'a>(html: &'a str, pattern: &str) -> Option<&'a str> {
    Regex::new(pattern)
        .unwrap()
        .captures(html)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// The reader's first words on one page.
fn page_words(html: &str) -> String {
    let main = block(html, r"(?s)<main[^>]*>(.*)</main>").unwrap_or(html);
    let mut lines = Vec::new();
    let mut push = |label: &str, items: Vec<String>| {
        for item in items {
            lines.push(format!("{label}: {item}"));
        }
    };
    push("kicker", all(main, r#"(?s)<p class="kicker">(.*?)</p>"#));
    push("h1", all(main, r"(?s)<h1[^>]*>(.*?)</h1>"));
    push("byline", all(main, r#"(?s)<p class="meta[^"]*">(.*?)</p>"#));
    push("goal", all(main, r#"(?s)<p class="goal">(.*?)</p>"#));
    push("lead", all(main, r#"(?s)<p class="lead">(.*?)</p>"#));
    if let Some(summary) = block(main, r#"(?s)<section class="summary"[^>]*>(.*?)</section>"#) {
        push("in short", all(summary, r"(?s)<li>(.*?)</li>"));
    }
    if let Some(tiles) = block(main, r#"(?s)<ul class="key-figures">(.*?)</ul>"#) {
        push("tile", all(tiles, r"(?s)<li>(.*?)</li>"));
    }
    if let Some(narrative) = block(
        main,
        r#"(?s)<section class="narrative"[^>]*>(.*?)</section>"#,
    ) {
        push(
            "narrative",
            all(narrative, r"(?s)<p>(.*?)</p>")
                .into_iter()
                .take(1)
                .collect(),
        );
    }
    push(
        "chart",
        all(main, r#"(?s)<p class="chart-title">(.*?)</p>"#),
    );
    push(
        "source",
        all(main, r#"(?s)<p class="chart-source">(.*?)<a "#),
    );
    if let Some(quality) = block(main, r#"(?s)<aside class="quality"[^>]*>(.*?)</aside>"#) {
        push("quality", all(quality, r"(?s)<h2[^>]*>(.*?)</h2>"));
        push("quality", all(quality, r"(?s)<div><dt>(.*?)</div>"));
        push("quality", all(quality, r"(?s)<li>(.*?)</li>"));
    }
    if let Some(notes) = block(main, r#"(?s)<aside class="notes"[^>]*>(.*?)</aside>"#) {
        push("note", all(notes, r"(?s)<li>(.*?)</li>"));
    }
    lines.join("\n")
}

/// Every HTML page of a built site, by its path, with its words.
fn site_words(out: &Path) -> String {
    let mut pages: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|path| {
            let name = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            format!("== {name}\n{}\n", page_words(&read(path)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_example_sites_words() {
    let (_dir, root) = copy_example();
    let (_out_dir, out) = build_to_temp(&root);
    insta::assert_snapshot!("example_words", site_words(&out));
}

#[test]
fn a_site_with_its_own_categories_words() {
    let (_dir, root) = copy_fixture("valid/own_words");
    let (_out_dir, out) = build_to_temp(&root);
    insta::assert_snapshot!("own_words_words", site_words(&out));
}

#[test]
fn the_hard_sites_words() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hard");
    let status = std::process::Command::new("python3")
        .arg(repo().join("e2e/hard-site.py"))
        .args(["--sprints", "4"])
        .arg(&root)
        .status()
        .expect("python3 runs e2e/hard-site.py, which writes the hard site");
    assert!(status.success(), "e2e/hard-site.py failed");
    let (_out_dir, out) = build_to_temp(&root);
    insta::assert_snapshot!("hard_words", site_words(&out));
}
