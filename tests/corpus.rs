//! A corpus of real-world markdown shapes, written for these tests (no third-party text):
//! release notes with braces in prose, an API reference with GitHub-style anchors made from
//! dots and parentheses, a rule's page with its own `<a id>` anchors next to headings of the
//! same words and a `### main` heading, code that shows `href="{{ user.url }}"`, product names
//! and addresses, link text repeated on every page, a repeated heading, a first heading that
//! repeats the title, and one file with a byte-order mark and CRLF line endings.
//!
//! `tally check` must find nothing in it (no false positives), and must find a broken link and
//! jargon planted in it, each where it was written.

use std::collections::HashSet;
use std::path::Path;

mod common;
use common::{
    assert_pages_contain, build_to_temp, copy_fixture, fixture, html_pages, output_on, read,
    read_containing, stderr,
};

const CORPUS: &str = "valid/corpus";

/// `tally check --format json` of `root`, parsed.
fn check_json(root: &Path, strict: bool) -> serde_json::Value {
    let mut args = vec!["check", "--format", "json"];
    if strict {
        args.push("--strict");
    }
    let output = output_on(root, &args);
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_corpus_checks_with_no_finding_at_all() {
    let root = fixture(CORPUS);
    let notes = std::fs::read(root.join("content/notes/release-notes.md")).unwrap();
    assert!(
        notes.starts_with("\u{feff}+++\r\n".as_bytes()),
        "the BOM and CRLF shape is kept"
    );
    let report = check_json(&root, true);
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["ok"], true);
    assert_eq!(report["pages"], 18);
}

/// Every `id="..."` of a page.
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"")
        .filter_map(|(at, _)| html[at + 5..].split('"').next())
        .collect()
}

#[test]
fn the_corpus_renders_as_written_with_unique_github_anchors() {
    let (_dir, out) = build_to_temp(&fixture(CORPUS));
    let notes = read_containing(
        &out.join("notes/release-notes/index.html"),
        &[
            "from { and } to {{ and }}.",
            "A template writes {{ user.name }} where",
            "write {{ value(metric=“share”, category=“ktlo”) }} or\n{{ value(metric=“share”) }}.",
            "The share of upkeep was 38% this sprint.",
            "<code class=\"language-html\">&lt;a href=\"{{ user.url }}\"&gt;",
            "<h2 id=\"version-20\">Version 2.0</h2>",
            "<h2 id=\"version-20-1\">Version 2.0</h2>",
        ],
    );
    // The leading `# Release notes` repeats the title: the page has one H1.
    assert_eq!(notes.matches("<h1").count(), 1, "{notes}");
    assert_pages_contain(
        &out,
        &[
            (
                "api/fs/index.html",
                &[
                    "<h2 id=\"linking-to-libraries-included-with-nodejs\">",
                    "<h3 id=\"fsopenpath-flags-mode-callback\">",
                    "<h3 id=\"optionsconfigparsers\">",
                    "<h4 id=\"example\">",
                    "<h4 id=\"example-1\">",
                    "<h2 id=\"ünïcode-café\">",
                    "<code>--legacy-bundling</code>",
                    "it reads as –legacy-bundling",
                ],
            ),
            (
                "rules/no-focused-tests/index.html",
                &[
                    "<a id=\"overview\"></a>",
                    "<h2 id=\"overview-1\">Overview</h2>",
                    "<a name=\"faq\"></a>",
                    "<h2 id=\"faq-1\">FAQ</h2>",
                    "<main id=\"main\"",
                    "<h3 id=\"main-1\">main</h3>",
                    "<details>\n<summary>Raw HTML passes through</summary>",
                ],
            ),
        ],
    );
    for path in html_pages(&out) {
        let html = read(&path);
        let mut seen = HashSet::new();
        for id in ids(&html) {
            assert!(seen.insert(id), "`{id}` twice on {}", path.display());
        }
    }
}

/// The planted line: a broken link, then jargon twice.
const API_LINE: &str = "See [the option](#optionsconfig); microservices, a microservice.";

/// The 1-based column of `part` in `line`.
fn column(line: &str, part: &str) -> usize {
    line.find(part).unwrap() + 1
}

/// The 1-based number of the line after the last of `text`.
fn next_line(text: &str) -> usize {
    text.lines().count() + 1
}

#[test]
fn a_planted_broken_link_and_jargon_are_found_each_at_its_own_place() {
    let (_dir, root) = copy_fixture(CORPUS);
    // `#optionsconfigparsers` is linked on line 5; the broken `#optionsconfig` comes after.
    let api = root.join("content/api/fs.md");
    let text = read(&api);
    let api_line = next_line(&text);
    std::fs::write(&api, format!("{text}{API_LINE}\n")).unwrap();
    // And in the file with a byte-order mark and CRLF line endings.
    let notes = root.join("content/notes/release-notes.md");
    let text = read(&notes);
    let notes_line = next_line(&text);
    std::fs::write(&notes, format!("{text}See [nothing](#nowhere).\r\n")).unwrap();

    let output = output_on(&root, &["check"]);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    for part in [
        "`api/fs/index.html` has no anchor `#optionsconfig`".to_string(),
        format!(
            "--> content/api/fs.md:{api_line}:{}",
            column(API_LINE, "#optionsconfig")
        ),
        "`notes/release-notes/index.html` has no anchor `#nowhere`".into(),
        format!("--> content/notes/release-notes.md:{notes_line}:15"),
        // Jargon is reported with the broken links, not after they are fixed; once per page.
        "warning: `microservices` is engineering jargon".into(),
        format!(
            "--> content/api/fs.md:{api_line}:{}",
            column(API_LINE, "microservices")
        ),
        "tally: the site has 2 errors".into(),
    ] {
        assert!(report.contains(&part), "{part}\n{report}");
    }
    assert_eq!(
        report.matches("is engineering jargon").count(),
        1,
        "{report}"
    );

    let json = check_json(&root, false);
    assert_eq!(json["ok"], false);
    assert_eq!(json["pages"], 18, "the pages checked, even with errors");
    let severities: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "error", "warning"], "{json:#}");
}

/// Appends `lines` to the site's `site.toml` (whose last table is `[jargon]`).
fn append_to_site_toml(root: &Path, lines: &str) {
    let path = root.join("site.toml");
    std::fs::write(&path, format!("{}\n{lines}\n", read(&path))).unwrap();
}

#[test]
fn smart_punctuation_can_be_turned_off_and_a_bad_value_is_located() {
    let (_dir, root) = copy_fixture(CORPUS);
    append_to_site_toml(&root, "[markdown]\nsmart_punctuation = false");
    let (_out_dir, out) = build_to_temp(&root);
    let api = read(&out.join("api/fs/index.html"));
    assert!(api.contains("it reads as --legacy-bundling"), "{api}");

    let (_dir, root) = copy_fixture(CORPUS);
    append_to_site_toml(&root, "[markdown]\nsmart_punctuation = \"no\"");
    let output = output_on(&root, &["check"]);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    let lines = read(&root.join("site.toml")).lines().count();
    for part in [
        "error: `smart_punctuation` is `true` or `false`, not the text \"no\"".to_string(),
        format!("--> site.toml:{lines}:21"),
        "smart_punctuation = false".into(),
    ] {
        assert!(report.contains(&part), "{part}\n{report}");
    }
}
