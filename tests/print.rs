//! How pages print: the paper size from `[print] paper` in site.toml, the running header
//! written into each page at build time, and the sentences that only offer a link, which are
//! marked `.screen-only` so print leaves them out. On `tests/fixtures/valid/small`, a site
//! with its own title ("Fixture <Org> & Co"), so the header is not the example's.

mod common;
use common::{
    assert_check_fails_with, assert_contains_all, build_in_place, copy_and_build, copy_fixture,
    read,
};

/// The `<style>` a page carries for print: everything between `<style>@page` and `</style>`.
fn page_style(html: &str) -> &str {
    let start = html
        .find("<style>@page")
        .expect("the page carries no @page style");
    let end = start + html[start..].find("</style>").unwrap();
    &html[start..end]
}

#[test]
fn every_page_prints_on_a4_with_the_site_title_and_its_own_name_in_the_header() {
    let (_dir, root) = copy_and_build("valid/small");
    let public = root.join("public");
    let sprint = read(&public.join("sprints/S1/index.html"));
    // The site's own title, with `<` written as a CSS escape so it cannot end the element.
    assert_eq!(
        page_style(&sprint),
        "<style>@page { size: A4; @top-left { content: \"Fixture \\3c Org> & Co\"; } @top-right { content: \"Sprint S1 · 2 Nov – 13 Nov 2026\"; } }"
    );
    let home = read(&public.join("index.html"));
    assert!(
        page_style(&home).contains("@top-right { content: \"Overview · sprint S2\"; }"),
        "{}",
        page_style(&home)
    );
    let teams = read(&public.join("teams/index.html"));
    assert!(
        page_style(&teams).contains("@top-right { content: \"Teams\"; }"),
        "{}",
        page_style(&teams)
    );
    // The stylesheet places the header and numbers the pages, inside its print section.
    let css = read(&public.join("style.css"));
    let print = &css[css
        .find("@media print {\n  @page {")
        .expect("no @page in a print section")..];
    assert_contains_all(
        print,
        &[
            "size: A4;",
            "@top-left {",
            "@top-right {",
            "@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);",
            "thead { display: table-header-group; }",
            ".screen-only,",
        ],
    );
    assert!(css.contains("@media screen { .print-only { display: none; } }"));
}

#[test]
fn a_sentence_that_only_offers_a_link_is_left_out_of_print() {
    let (_dir, root) = copy_and_build("valid/small");
    let public = root.join("public");
    for page in [
        "index.html",
        "sprints/S1/index.html",
        "teams/pay/index.html",
    ] {
        let html = read(&public.join(page));
        // Every download and the JSON link sit inside a .screen-only element of their own.
        for link in ["download>", "data/accounts.json\">"] {
            let mut rest = html.as_str();
            let mut seen = 0;
            while let Some(at) = rest.find(link) {
                let before = &rest[..at];
                let opened = before.rfind("class=\"screen-only\"").expect(page);
                assert!(
                    !before[opened..].contains("</span>") && !before[opened..].contains("</li>"),
                    "{page}: `{link}` outside .screen-only"
                );
                rest = &rest[at + link.len()..];
                seen += 1;
            }
            assert!(seen > 0, "{page} has no `{link}`");
        }
        assert_eq!(
            html.matches("All the numbers: <a").count(),
            html.matches("<span class=\"screen-only\">All the numbers: <a")
                .count(),
            "{page}"
        );
        // What print leaves out, the page says where to find.
        assert!(
            html.contains("<p class=\"print-only\">Printed from the web report's page "),
            "{page}"
        );
    }
    let sprint = read(&public.join("sprints/S1/index.html"));
    assert!(
        sprint.contains(
            "Printed from the web report's page sprints/S1/: the numbers behind each chart"
        )
    );
}

#[test]
fn letter_paper_is_a_site_toml_option() {
    let (_dir, root) = copy_fixture("valid/small");
    let toml = root.join("site.toml");
    let text = read(&toml);
    std::fs::write(&toml, format!("{text}\n[print]\npaper = \"Letter\"\n")).unwrap();
    build_in_place(&root);
    let sprint = read(&root.join("public/sprints/S1/index.html"));
    assert!(page_style(&sprint).starts_with("<style>@page { size: letter; "));
    let not_found = read(&root.join("public/404.html"));
    assert!(page_style(&not_found).starts_with("<style>@page { size: letter; "));
}

#[test]
fn an_unknown_paper_is_located_and_names_the_two_sizes() {
    let (_dir, root) = copy_fixture("valid/small");
    let toml = root.join("site.toml");
    let text = read(&toml);
    let text = format!("{}\n", text.trim_end());
    let line = text.lines().count() + 3;
    std::fs::write(&toml, format!("{text}\n[print]\npaper = \"Legal\"\n")).unwrap();
    assert_check_fails_with(
        &root,
        &[
            &format!("site.toml:{line}:9"),
            "not \"Legal\"",
            "paper = \"A4\"",
            "paper = \"Letter\"",
        ],
    );
}
