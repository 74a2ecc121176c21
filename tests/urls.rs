//! Addresses in links: pages whose file names hold spaces, accents or emoji keep their real
//! names on disk and are linked percent-encoded everywhere (pages, sitemap, feed, search), and
//! `tally check` still follows those links. Also `base_url` and the not-found page.

use std::path::{Path, PathBuf};

mod common;
use common::{
    add_to_site_toml, assert_contains_all, assert_pages_contain, copy_fixture,
    fixture_with as site_with, html_pages, read, read_containing, run_on as tally,
};

/// The small fixture with three pages whose names need encoding, linking to each other.
fn site_with_odd_names() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = copy_fixture("valid/small");
    let guides = root.join("content/guides");
    std::fs::write(
        guides.join("my file ü.md"),
        "+++\ntitle = \"My file\"\nsummary = \"Spaces and an umlaut.\"\ndate = 2026-11-20\n+++\n\n\
         To [the party](<party 🎉.md>), [the party again](party%20%F0%9F%8E%89.md#top) and [the quote](<it's & co.md>).\n",
    )
    .unwrap();
    std::fs::write(
        guides.join("party 🎉.md"),
        "+++\ntitle = \"Party\"\n+++\n\n# Top\n\nBack to [mine](<my file ü.md>) or [mine, root-relative](/guides/my%20file%20%C3%BC/).\n",
    )
    .unwrap();
    std::fs::write(
        guides.join("it's & co.md"),
        "+++\ntitle = \"Quote\"\n+++\n\nBack to [mine](<my file ü.md>).\n",
    )
    .unwrap();
    (dir, root)
}

/// Every `href="..."` and `src="..."` of a page.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for piece in html.split(attribute).skip(1) {
            found.push(piece.split('"').next().unwrap_or("").to_string());
        }
    }
    found
}

#[test]
fn pages_with_spaces_accents_and_emoji_in_their_names_are_linked_encoded() {
    let (_dir, root) = site_with_odd_names();
    let (code, stderr) = tally(&root, &["build", "--base-url", "https://x.test/r/"]);
    assert_eq!(code, Some(0), "{stderr}");
    let public = root.join("public");
    // On disk, the folders keep their real names.
    for page in [
        "guides/my file ü/index.html",
        "guides/party 🎉/index.html",
        "guides/it's & co/index.html",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    assert_pages_contain(
        &public,
        &[
            (
                "guides/index.html",
                &[
                    "href=\"../guides/my%20file%20%C3%BC/index.html\"",
                    "href=\"../guides/party%20%F0%9F%8E%89/index.html\"",
                    "href=\"../guides/it%27s%20%26%20co/index.html\"",
                ],
            ),
            (
                "guides/my file ü/index.html",
                &[
                    "href=\"../../guides/party%20%F0%9F%8E%89/index.html\"",
                    "href=\"../../guides/party%20%F0%9F%8E%89/index.html#top\"",
                    "href=\"../../guides/it%27s%20%26%20co/index.html\"",
                ],
            ),
        ],
    );
    // No link of any page has a raw space or a non-ASCII character.
    for page in html_pages(&public) {
        for reference in references(&read(&page)) {
            assert!(
                reference.is_ascii() && !reference.contains(' '),
                "{}: {reference}",
                page.display()
            );
        }
    }
    let sitemap = read_containing(
        &public.join("sitemap.xml"),
        &[
            "<loc>https://x.test/r/guides/my%20file%20%C3%BC/index.html</loc>",
            "<loc>https://x.test/r/guides/party%20%F0%9F%8E%89/index.html</loc>",
            "<loc>https://x.test/r/guides/it%27s%20%26%20co/index.html</loc>",
        ],
    );
    for loc in sitemap.split("<loc>").skip(1) {
        let loc = loc.split("</loc>").next().unwrap();
        assert!(loc.is_ascii() && !loc.contains(' '), "{loc}");
    }
    assert_pages_contain(
        &public,
        &[
            (
                "atom.xml",
                &["<link href=\"https://x.test/r/guides/my%20file%20%C3%BC/index.html\"/>"],
            ),
            (
                "search-index.js",
                &[
                    "\"u\":\"guides/my%20file%20%C3%BC/index.html\"",
                    "\"u\":\"guides/party%20%F0%9F%8E%89/index.html\"",
                ],
            ),
        ],
    );
}

#[test]
fn the_link_checker_follows_encoded_links_and_finds_broken_ones() {
    let (_dir, root) = site_with_odd_names();
    let (code, stderr) = tally(&root, &["check"]);
    assert_eq!(code, Some(0), "{stderr}");
    let page = root.join("content/guides/it's & co.md");
    std::fs::write(
        &page,
        read(&page) + "\nAnd [a typo](<my file u.md>), [another](/guides/party%20%F0%9F%8E%88/).\n",
    )
    .unwrap();
    let (code, stderr) = tally(&root, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_contains_all(
        &stderr,
        &[
            "`guides/my file u/index.html` does not exist in the built site",
            "`guides/party 🎈/index.html` does not exist",
            "tally: the site has 2 errors",
        ],
    );
}

/// The references of the not-found page after a build with `args`.
fn not_found_page(root: &Path, args: &[&str]) -> (String, Vec<String>) {
    let mut all = vec!["build"];
    all.extend(args);
    let (code, stderr) = tally(root, &all);
    assert_eq!(code, Some(0), "{stderr}");
    let html = read(&root.join("public/404.html"));
    let references = references(&html);
    (html, references)
}

#[test]
fn the_not_found_page_carries_its_style_and_no_script_and_links_from_the_base_url() {
    let theme_css = read(&common::repo().join("themes/default/static/style.css"));
    let first_rule = theme_css.lines().find(|l| l.starts_with(":root")).unwrap();
    let (_dir, root) = copy_fixture("valid/small");
    // Published at an absolute address: every link starts there.
    let (html, references) = not_found_page(&root, &["--base-url", "https://x.test/r/"]);
    assert!(html.contains("<style>"), "{html}");
    assert!(html.contains(first_rule));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("style.css") && !html.contains("search.js"));
    assert!(
        references
            .iter()
            .any(|r| r == "https://x.test/r/sprints/index.html")
    );
    for reference in &references {
        assert!(
            reference.starts_with("https://x.test/r/") || reference.starts_with('#'),
            "{reference}"
        );
    }
    // Without a base address: from the host's root, right at every depth of a site
    // published there.
    let (_, references) = not_found_page(&root, &[]);
    assert!(
        references.iter().any(|r| r == "/sprints/index.html"),
        "{references:?}"
    );
    assert!(
        references
            .iter()
            .all(|r| r.starts_with('/') || r.starts_with('#'))
    );
    // A path on the host: links start from it.
    add_to_site_toml(&root, "base_url = \"/reports/eng\"");
    let (_, references) = not_found_page(&root, &[]);
    assert!(
        references
            .iter()
            .any(|r| r == "/reports/eng/teams/index.html"),
        "{references:?}"
    );
    assert!(
        references
            .iter()
            .all(|r| r.starts_with("/reports/eng/") || r.starts_with('#'))
    );
    // The site's own stylesheet, when it replaces the theme's, is the one inlined.
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(
        root.join("static/style.css"),
        "body { color: rebeccapurple }\n</style><script>x</script>\n",
    )
    .unwrap();
    let (html, _) = not_found_page(&root, &[]);
    assert!(html.contains("body { color: rebeccapurple }"));
    assert!(!html.contains(first_rule));
    // A `</style>` in it cannot end the element early and start a script.
    assert!(html.contains("<\\/style><script>x<\\/script>"), "{html}");
    // Two style elements end: the inlined stylesheet's and the print frame's (`@page`).
    assert_eq!(html.matches("</style>").count(), 2);
    assert_eq!(html.matches("<style>").count(), 2);
}

#[test]
fn base_url_must_be_an_http_address_or_a_path_on_the_host() {
    let (_dir, root) = copy_fixture("valid/small");
    // On the command line: a usage error.
    for bad in [
        "javascript:alert(1)//",
        "//evil.example/",
        "data:text/html,x",
        "https://x.test/a b",
    ] {
        let (code, stderr) = tally(&root, &["build", "--base-url", bad]);
        assert_eq!(code, Some(2), "{bad}: {stderr}");
        assert_contains_all(
            &stderr,
            &[
                "invalid value",
                "help: write the address the site is published at",
            ],
        );
    }
    let (code, stderr) = tally(&root, &["build", "--base-url", "javascript:alert(1)//"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("not a `javascript:` one"), "{stderr}");
    assert!(!root.join("public").exists());
    // In site.toml: a located error.
    add_to_site_toml(&root, "base_url = \"javascript:alert(1)//\"");
    for command in ["build", "check"] {
        let (code, stderr) = tally(&root, &[command]);
        assert_eq!(code, Some(1), "{stderr}");
        assert_contains_all(
            &stderr,
            &[
                "error: `base_url` must be an `https://` or `http://` address, not a `javascript:` one",
                "--> site.toml:2:12",
                "help: write the address the site is published at",
            ],
        );
    }
    // What the README and the example use keeps working.
    for good in [
        "/",
        "/reports/eng/",
        "https://intranet.example/reports/eng/",
        "http://127.0.0.1:8080/r",
    ] {
        let (_dir, root) = copy_fixture("valid/small");
        add_to_site_toml(&root, &format!("base_url = \"{good}\""));
        let (code, stderr) = tally(&root, &["build"]);
        assert_eq!(code, Some(0), "{good}: {stderr}");
        let (code, stderr) = tally(&root, &["build", "--base-url", good]);
        assert_eq!(code, Some(0), "{good}: {stderr}");
    }
}

#[test]
fn a_site_with_its_own_base_template_still_builds_its_not_found_page() {
    let (_dir, root) = site_with(
        "valid/small",
        &[(
            "templates/base.html",
        "<!doctype html><html><head><title>{% block title %}{% endblock title %}</title><link rel=\"stylesheet\" href=\"{{ root }}style.css\"></head>\
         <body>{% block content %}{% endblock content %}</body></html>".as_bytes(),
        )],
    );
    let (html, references) = not_found_page(&root, &["--base-url", "https://x.test/r/"]);
    assert!(html.contains("This page does not exist"));
    assert!(
        references
            .iter()
            .all(|r| r.starts_with("https://x.test/r/")),
        "{references:?}"
    );
}
