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
    html_pages(out)
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
    assert_no_chart_title_repeats_the_headline(&out);
}

#[test]
fn a_site_with_its_own_categories_words() {
    let (_dir, root) = copy_fixture("valid/own_words");
    let (_out_dir, out) = build_to_temp(&root);
    insta::assert_snapshot!("own_words_words", site_words(&out));
    assert_one_starting_value_per_figure(&root, &out);
    assert_no_chart_title_repeats_the_headline(&out);
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
    assert_one_starting_value_per_figure(&root, &out);
    assert_no_chart_title_repeats_the_headline(&out);
}

/// No chart title repeats its page's headline (the `<h1>`, or the finding a narrative's own
/// title puts first in "In short") word for word: the headline says the finding, the chart's
/// title says what is drawn. Checks that the site has pages with both.
fn assert_no_chart_title_repeats_the_headline(out: &Path) {
    let mut pages_with_both = 0;
    for page in html_pages(out) {
        let html = read(&page);
        let main = block(&html, r"(?s)<main[^>]*>(.*)</main>").unwrap_or(&html);
        let mut headlines = all(main, r"(?s)<h1[^>]*>(.*?)</h1>");
        if let Some(summary) = block(main, r#"(?s)<section class="summary"[^>]*>(.*?)</section>"#) {
            headlines.extend(all(summary, r"(?s)<li>(.*?)</li>").into_iter().take(1));
        }
        let titles = all(main, r#"(?s)<p class="chart-title">(.*?)</p>"#);
        if !titles.is_empty() && !headlines.is_empty() {
            pages_with_both += 1;
        }
        for title in &titles {
            assert!(
                !headlines
                    .iter()
                    .any(|h| h.trim_end_matches('.') == title.trim_end_matches('.')),
                "{}: the chart title repeats the headline: {title}",
                page.display()
            );
        }
    }
    assert!(
        pages_with_both > 3,
        "only {pages_with_both} pages have a headline and a chart"
    );
}

/// The names a site's sentences use for its categories: labels and phrases from site.toml
/// (or the built-in four), longest first so that the most specific matches.
fn category_names(root: &Path) -> Vec<String> {
    let text = read(&root.join("site.toml"));
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut names: Vec<String> = match table.get("categories").and_then(|c| c.as_table()) {
        Some(categories) => categories
            .values()
            .flat_map(|c| {
                ["label", "phrase"]
                    .into_iter()
                    .filter_map(|k| c.get(k).and_then(|v| v.as_str()).map(str::to_lowercase))
                    .collect::<Vec<_>>()
            })
            .collect(),
        None => [
            "new things",
            "improving what exists",
            "making the team faster",
            "keeping the lights on",
        ]
        .map(String::from)
        .to_vec(),
    };
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// Every starting value a page states for a category's share ("from 30% to 35%", "up from
/// 22%", "against 54% in"), by the category its sentence names first.
fn starting_values(html: &str, names: &[String]) -> Vec<(String, String, String)> {
    let main = block(html, r"(?s)<main[^>]*>(.*)</main>").unwrap_or(html);
    let without = Regex::new(r"(?s)<svg.*?</svg>|<details.*?</details>|<table.*?</table>")
        .unwrap()
        .replace_all(main, " ");
    let page = text(&without);
    let starts = Regex::new(
        r"(?:from|up from|down from|against) (\d+%)(?: to \d+%| in | the sprint before| last sprint)",
    )
    .unwrap();
    let team = Regex::new(r"([A-Z][\w&]*(?: [A-Z&][\w&]*)*)(?:’s|'s|’|') time").unwrap();
    let mut found = Vec::new();
    for sentence in page.split_inclusive(['.', '!', '?']) {
        let lower = sentence.to_lowercase();
        let Some(name) = names
            .iter()
            .filter_map(|n| lower.find(n.as_str()).map(|at| (at, n)))
            .min_by_key(|(at, n)| (*at, std::cmp::Reverse(n.len())))
            .map(|(_, n)| n.clone())
        else {
            continue;
        };
        // "37% of Payments’ time" is the team's figure, not the site's.
        let whose = team
            .captures(sentence)
            .map(|c| format!(" of {}", &c[1]))
            .unwrap_or_default();
        for start in starts.captures_iter(sentence) {
            found.push((
                format!("{name}{whose}"),
                start[1].to_string(),
                sentence.trim().to_string(),
            ));
        }
    }
    found
}

/// No page states two different starting values for one category's share: every comparison on
/// a page starts at the same sprint (the comparison window, or the page's own scope).
fn assert_one_starting_value_per_figure(root: &Path, out: &Path) {
    let names = category_names(root);
    let mut pages = 0;
    for page in html_pages(out) {
        let found = starting_values(&read(&page), &names);
        pages += usize::from(!found.is_empty());
        for (name, value, sentence) in &found {
            let other = found.iter().find(|(n, v, _)| n == name && v != value);
            if let Some((_, other_value, other_sentence)) = other {
                panic!(
                    "{} states two starting values for {name}: {value} (\"{sentence}\") and {other_value} (\"{other_sentence}\")",
                    page.display()
                );
            }
        }
    }
    assert!(
        pages > 0,
        "no page compares anything: the check would pass vacuously"
    );
}

#[test]
fn no_page_states_two_starting_values_for_one_figure() {
    let (_dir, root) = copy_example();
    let (_out_dir, out) = build_to_temp(&root);
    assert_one_starting_value_per_figure(&root, &out);
}

#[test]
fn the_starting_value_check_catches_two_baselines() {
    let names = vec!["keeping the lights on".to_string()];
    let page = "<main><p>Keeping the lights on grew from 23% to 35% of engineering time.</p>\
                <p>Keeping the lights on took 35%, up from 22% in May.</p></main>";
    let found = starting_values(page, &names);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_ne!(found[0].1, found[1].1);
}
