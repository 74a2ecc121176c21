//! Content that must never silently disappear or break the page: narratives at the address of a
//! generated page, two sources for one output file, charts inside paragraphs, duplicate anchors,
//! invisible control characters and files that are not UTF-8.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{
    assert_contains_all, assert_pages_contain, copy_fixture, fixture_with as site_with, html_pages,
    read, read_containing, stderr, tally,
};

/// `tally build` of `root` into `root/../public`.
fn build(root: &Path) -> Output {
    tally()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(root.join("../public"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Builds and expects success; returns the output folder.
fn built(root: &Path) -> PathBuf {
    let output = build(root);
    assert!(output.status.success(), "{}", stderr(&output));
    root.join("../public")
}

/// Builds and expects a report of invalid input (exit 1); returns the report.
fn refused(root: &Path) -> String {
    let output = build(root);
    let report = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(!report.contains("panicked"), "{report}");
    report
}

fn narrative(title: &str, body: &str) -> Vec<u8> {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n").into_bytes()
}

#[test]
fn a_narrative_at_a_generated_address_is_shown_on_that_page() {
    let pages = [
        ("content/initiatives.md", "initiatives/"),
        ("content/debt/_index.md", "debt/"),
        ("content/capitalization/_index.md", "capitalization/"),
        ("content/systems.md", "systems/"),
        ("content/dependencies/_index.md", "dependencies/"),
        ("content/teams/_index.md", "teams/"),
        ("content/sprints/S1.md", "sprints/S1/"),
        ("content/initiatives/checkout.md", "initiatives/checkout/"),
    ];
    let files: Vec<(&str, Vec<u8>)> = pages
        .iter()
        .map(|(file, _)| {
            (
                *file,
                narrative(&format!("About {file}"), &format!("Marker for {file}.")),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(f, b)| (*f, b.as_slice())).collect();
    let (_dir, root) = site_with("valid/books", &files);
    let out = built(&root);
    for (file, address) in pages {
        let page = read(&out.join(address).join("index.html"));
        assert!(
            page.contains(&format!("<p>Marker for {file}.</p>")),
            "{address} does not show {file}"
        );
        assert!(
            page.contains(&format!("<h1>About {file}</h1>")),
            "{address} does not take the title of {file}"
        );
    }
}

#[test]
fn a_narrative_on_the_glossary_and_an_audience_page_is_shown() {
    let (_dir, root) = site_with(
        "valid/narratives",
        &[
            (
                "content/glossary.md",
                &narrative("Words we use", "Marker on the glossary."),
            ),
            (
                "content/for/finance.md",
                &narrative("For finance", "Marker for finance."),
            ),
        ],
    );
    let out = built(&root);
    assert_pages_contain(
        &out,
        &[
            (
                "glossary/index.html",
                &[
                    "<h1>Words we use</h1>",
                    "<p>Marker on the glossary.</p>",
                    "class=\"glossary\"",
                ],
            ),
            ("for/finance/index.html", &["<p>Marker for finance.</p>"]),
        ],
    );
}

#[test]
fn a_narrative_template_applies_on_a_generated_page() {
    let (_dir, root) = site_with(
        "valid/books",
        &[
            (
                "content/debt/_index.md",
                b"+++\ntitle = \"Debt\"\ntemplate = \"plain.html\"\n+++\nBody.\n",
            ),
            (
                "templates/plain.html",
                b"PLAIN {{ narrative.title }} {{ headline }}",
            ),
        ],
    );
    let out = built(&root);
    let page = read(&out.join("debt/index.html"));
    assert!(page.starts_with("PLAIN Debt "), "{page}");
}

#[test]
fn a_page_and_a_folder_at_one_address_are_an_error_naming_both() {
    let (_dir, root) = site_with(
        "valid/books",
        &[
            ("content/guides/a.md", &narrative("A", "The page.")),
            (
                "content/guides/a/index.md",
                &narrative("Inside", "A page inside."),
            ),
        ],
    );
    let report = refused(&root);
    assert_contains_all(
        &report,
        &[
            "error: `content/guides/a.md` and the folder `content/guides/a/`",
            "written to `guides/a/index.html`",
            "--> content/guides/a.md:1:1",
            "move `content/guides/a.md` to `content/guides/a/_index.md`",
        ],
    );
    assert_eq!(report.matches("error:").count(), 1, "{report}");
    assert!(!root.join("../public").exists());
}

#[test]
fn a_copied_file_where_tally_writes_one_is_an_error() {
    let (_dir, root) = site_with(
        "valid/books",
        &[
            ("content/atom.xml", b"<feed/>"),
            ("content/style.css", b"body{}"),
            ("content/sprints/S1/index.html", b"<p>mine</p>"),
            ("content/sitemap.xml/logo.png", b"png"),
            ("static/data/accounts.json", b"{}"),
        ],
    );
    let report = refused(&root);
    for expected in [
        "the feed of sprint reports and `content/atom.xml` would both be written to `atom.xml`",
        "the theme's `style.css` and `content/style.css` would both be written to `style.css`",
        "put yours at `static/style.css`",
        "the page of sprint `S1` and `content/sprints/S1/index.html` would both be written to `sprints/S1/index.html`",
        "the sitemap would be written to `sitemap.xml`, but `content/sitemap.xml/logo.png` needs a folder",
        "the export of every figure and `static/data/accounts.json` would both be written",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in\n{report}"
        );
    }
    assert_eq!(report.matches("error:").count(), 5, "{report}");
}

#[test]
fn the_sitemap_lists_every_address_once() {
    let (_dir, root) = site_with(
        "valid/books",
        &[
            ("content/guides/a/_index.md", &narrative("A", "The folder.")),
            ("content/guides/a/b.md", &narrative("B", "A page inside.")),
            ("content/debt/_index.md", &narrative("Debt", "Words.")),
        ],
    );
    let out = built(&root);
    let sitemap = read(&out.join("sitemap.xml"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&str> = locs.iter().copied().collect();
    assert_eq!(locs.len(), unique.len(), "{sitemap}");
    assert!(sitemap.contains("guides/a/"), "{sitemap}");
}

/// Every `<p>…</p>` of a page, checked to hold no block (a figure, a table, a list).
fn assert_paragraphs_hold_no_blocks(html: &str) {
    for paragraph in html.split("<p>").skip(1) {
        let inside = paragraph.split("</p>").next().unwrap();
        for block in ["<figure", "<table", "<div", "<ul", "<details"] {
            assert!(
                !inside.contains(block),
                "a paragraph holds `{block}`: <p>{inside}"
            );
        }
    }
}

#[test]
fn a_chart_inside_a_paragraph_list_quote_or_table_gives_valid_html() {
    let body = "a {{ chart(name=\"investment_mix\") }} b\n\n\
                Line one\n{{ chart(name=\"category_split\") }}\nline three\n\n\
                - item {{ chart(name=\"team_split\") }}\n- other\n\n\
                1. loose\n\n   para {{ chart(name=\"investment_mix\", last=2) }} tail\n\n\
                > quote {{ chart(name=\"category_split\", sprint=\"S1\") }} end\n\n\
                | x |\n|---|\n| {{ chart(name=\"team_split\", sprint=\"S1\") }} |\n\n\
                {{ chart(name=\"investment_mix\", last=1) }}\n\nafter\n";
    let (_dir, root) = site_with(
        "valid/narratives",
        &[("content/guides/charts.md", &narrative("Charts", body))],
    );
    let out = built(&root);
    let page = read(&out.join("guides/charts/index.html"));
    assert_eq!(page.matches("<figure class=\"chart\"").count(), 7, "{page}");
    assert_eq!(page.matches("</figure>").count(), 7, "{page}");
    assert_paragraphs_hold_no_blocks(&page);
    for words in [
        "<p>a</p>",
        "<p>b</p>",
        "<p>Line one</p>",
        "<p>line three</p>",
        "<p>tail</p>",
        "<p>end</p>",
    ] {
        assert!(page.contains(words), "missing {words}");
    }
    assert_contains_all(
        &page,
        &[
            "<blockquote>\n<p>quote</p>\n<figure",
            "<td data-label=\"x\"><figure",
        ],
    );
}

#[test]
fn a_chart_inside_a_heading_link_or_emphasis_and_a_term_inside_a_link_are_located_errors() {
    let body = "# Title {{ chart(name=\"investment_mix\") }}\n\n\
                Some *very {{ chart(name=\"team_split\") }}* words.\n\n\
                [see {{ chart(name=\"category_split\") }}](/sprints/)\n\n\
                [the {{ term(\"monolith\") }}](/sprints/)\n";
    let (_dir, root) = site_with(
        "valid/narratives",
        &[("content/guides/charts.md", &narrative("Charts", body))],
    );
    let report = refused(&root);
    for expected in [
        "error: a chart cannot go inside a heading\n --> content/guides/charts.md:4:9",
        "error: a chart cannot go inside emphasized or struck-through words\n --> content/guides/charts.md:6:12",
        "error: a chart cannot go inside a link or an image\n --> content/guides/charts.md:8:6",
        "error: a glossary term cannot go inside a link or an image: the term is a link itself\n  --> content/guides/charts.md:10:6",
        "help: put the chart on a line of its own",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in\n{report}"
        );
    }
}

#[test]
fn a_chart_shown_twice_on_one_page_is_a_located_error() {
    let (_dir, root) = site_with(
        "valid/narratives",
        &[
            (
                "content/guides/twice.md",
                &narrative(
                    "Twice",
                    "{{ chart(name=\"team_split\") }}\n\n{{ chart(name=\"team_split\") }}\n",
                ),
            ),
            (
                "content/teams/_index.md",
                &narrative("Teams", "{{ chart(name=\"team_split\") }}\n"),
            ),
        ],
    );
    let report = refused(&root);
    assert!(
        report.contains(
            "error: this chart is already on this page\n --> content/guides/twice.md:6:1"
        ),
        "{report}"
    );
    assert!(
        report
            .contains("error: the page already shows this chart\n --> content/teams/_index.md:4:1"),
        "{report}"
    );
}

/// The ids given to more than one element of a page.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut repeated = Vec::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap().to_string();
        if !seen.insert(id.clone()) {
            repeated.push(id);
        }
    }
    repeated
}

fn assert_no_page_repeats_an_id(out: &Path) {
    for page in html_pages(out) {
        let repeated = repeated_ids(&read(&page));
        assert!(
            repeated.is_empty(),
            "{} repeats the ids {repeated:?}",
            page.display()
        );
    }
}

#[test]
fn glossary_entries_and_headings_never_share_an_id() {
    let glossary =
        std::fs::read_to_string(common::fixture("valid/narratives").join("content/glossary.toml"))
            .unwrap()
            + "\n[[term]]\nterm = \"day-cost\"\nmeans = \"What a team costs per day.\"\n\
           [[term]]\nterm = \"day cost\"\nmeans = \"The same, spelled apart.\"\n\
           [[term]]\nterm = \"main\"\nmeans = \"The main thing.\"\n";
    let (_dir, root) = site_with(
        "valid/narratives",
        &[
            ("content/glossary.toml", glossary.as_bytes()),
            (
                "content/glossary.md",
                &narrative(
                    "Words",
                    "## Monolith\n\n## Main\n\n## Term monolith\n\nThe monolith and the day cost.",
                ),
            ),
        ],
    );
    let out = built(&root);
    read_containing(
        &out.join("glossary/index.html"),
        &["id=\"day-cost\"", "id=\"day-cost-2\""],
    );
    assert_no_page_repeats_an_id(&out);
}

#[test]
fn a_glossary_term_defined_twice_with_other_spacing_is_located() {
    let glossary = std::fs::read_to_string(
        common::fixture("valid/narratives").join("content/glossary.toml"),
    )
    .unwrap()
        + "\n[[term]]\nterm = \"day cost\"\nmeans = \"x\"\n[[term]]\nterm = \"Day  Cost\"\nmeans = \"y\"\n";
    let line = glossary.lines().count() - 1;
    let (_dir, root) = site_with(
        "valid/narratives",
        &[("content/glossary.toml", glossary.as_bytes())],
    );
    let report = refused(&root);
    assert_contains_all(
        &report,
        &[
            "error: `Day  Cost` is defined twice in the glossary",
            &format!("content/glossary.toml:{line}:8"),
        ],
    );
}

#[test]
fn the_example_site_repeats_no_id_on_any_page() {
    let (_dir, out) = common::build_to_temp(common::repo());
    assert_no_page_repeats_an_id(&out);
}

#[test]
fn an_invisible_control_character_is_a_located_error_in_every_kind_of_file() {
    let cases: [(&str, &[u8], &str, &str); 5] = [
        (
            "content/guides/how.md",
            b"+++\ntitle = \"How\"\n+++\nRed \x1b[31mtext\x1b[0m.\n",
            "content/guides/how.md:4:5",
            "U+001B ESC",
        ),
        (
            "site.toml",
            b"title = \"Fixture\x00\"\n",
            "site.toml:1:17",
            "U+0000 NUL",
        ),
        (
            "content/glossary.toml",
            b"[[term]]\nterm = \"x\"\nmeans = \"a\x7fb\"\n",
            "content/glossary.toml:3:11",
            "U+007F DEL",
        ),
        (
            "content/data/teams.toml",
            "# \u{85}\n".as_bytes(),
            "content/data/teams.toml:1:3",
            "U+0085 NEL",
        ),
        (
            "templates/page.html",
            b"{% extends \"theme/page.html\" %}\x07",
            "templates/page.html:1:32",
            "U+0007 BEL",
        ),
    ];
    for (file, bytes, position, name) in cases {
        let (_dir, root) = copy_fixture("valid/narratives");
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if file.ends_with("teams.toml") {
            let mut text = std::fs::read(&path).unwrap();
            text.splice(0..0, bytes.iter().copied());
            std::fs::write(&path, text).unwrap();
        } else if file == "site.toml" {
            let text = read(&path).replacen("title = \"Fixture", "title = \"Fixture\0", 1);
            std::fs::write(&path, text).unwrap();
        } else {
            std::fs::write(&path, bytes).unwrap();
        }
        let report = refused(&root);
        assert!(
            report.contains(&format!("an invisible control character, {name}")),
            "{file}: {report}"
        );
        assert!(
            report.contains(&format!("--> {position}")),
            "{file}: {report}"
        );
        assert!(
            report.contains(&format!("help: remove the invisible character {name}")),
            "{file}: {report}"
        );
        assert_eq!(report.matches("error:").count(), 1, "{file}: {report}");
    }
}

#[test]
fn a_control_character_written_as_an_escape_in_data_is_located() {
    let (_dir, root) = copy_fixture("valid/narratives");
    let path = root.join("content/data/teams.toml");
    let text = read(&path).replacen("name = \"Payments", "name = \"Pay\\u001bments", 1);
    assert!(text.contains("\\u001b"));
    std::fs::write(&path, &text).unwrap();
    let report = refused(&root);
    assert!(report.contains("U+001B ESC"), "{report}");
    let line = text.lines().position(|l| l.contains("\\u001b")).unwrap() + 1;
    assert!(
        report.contains(&format!("--> content/data/teams.toml:{line}:")),
        "{report}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_located_at_its_first_bad_byte() {
    for (file, bytes, position) in [
        (
            "content/guides/how.md",
            &b"+++\ntitle = \"How\"\n+++\nCaf\xe9 prices.\n"[..],
            "content/guides/how.md:4:4",
        ),
        (
            "site.toml",
            &b"title = \"Fixture\"\ndescription = \"\xff\"\n"[..],
            "site.toml:2:16",
        ),
    ] {
        let (_dir, root) = copy_fixture("valid/narratives");
        let path = root.join(file);
        if file == "site.toml" {
            let mut text = std::fs::read(&path).unwrap();
            let end = text.iter().position(|&b| b == b'\n').unwrap() + 1;
            text.splice(0..end, bytes.iter().copied());
            std::fs::write(&path, text).unwrap();
        } else {
            std::fs::write(&path, bytes).unwrap();
        }
        let report = refused(&root);
        assert!(
            report.contains("error: this file is not UTF-8 text"),
            "{file}: {report}"
        );
        assert!(
            report.contains(&format!("--> {position}")),
            "{file}: {report}"
        );
        assert!(
            report.contains("help: save the file as UTF-8"),
            "{file}: {report}"
        );
        assert!(
            !report.contains("stream did not contain"),
            "{file}: {report}"
        );
    }
}

#[test]
fn a_character_reference_to_a_control_character_in_a_narrative_is_located() {
    for (reference, name) in [
        ("&#27;", "U+001B ESC"),
        ("&#x7F;", "U+007F DEL"),
        ("&#0;", "U+0000 NUL"),
    ] {
        let (_dir, root) = copy_fixture("valid/narratives");
        let path = root.join("content/guides/how.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = format!(
            "+++\ntitle = \"How\"\n+++\nA tab &#9; is fine; this is not: {reference} here.\n"
        );
        std::fs::write(&path, &text).unwrap();
        let report = refused(&root);
        assert!(
            report.contains(&format!("invisible control character, {name}")),
            "{report}"
        );
        assert!(
            report.contains("--> content/guides/how.md:4:34"),
            "{report}"
        );
    }
}
