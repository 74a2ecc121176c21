//! Narratives that speak data: directives expanded to hand-computed numbers, glossary links,
//! audience pages, located directive errors, and the jargon check.

use std::path::PathBuf;

mod common;
use common::{assert_contains_all, read, read_containing, tally};

fn fixture() -> PathBuf {
    common::fixture("valid/narratives")
}

/// The narratives fixture built into a temporary folder: (the folder, the output inside it).
fn built() -> (tempfile::TempDir, PathBuf) {
    common::build_to_temp(&fixture())
}

#[test]
fn directives_expand_to_hand_computed_numbers() {
    let (_dir, out) = built();
    let page = read(&out.join("sprints/S2/index.html"));
    // S2: ktlo 12 of 20 = 60%; S1: 6 of 30 = 20%.
    assert!(page.contains(
        "<p>Upkeep took 60% of the time, against 20% before: up 40 points since the sprint before.</p>"
    ));
    // 20 person-days over 10 working days; Payments' 20 × $500; in S1, App had no day cost.
    assert!(page.contains(
        "<p>The teams recorded 20 person-days, 2 people’s worth, costing $10,000; in S1 the cost was $7,500 (excluding App).</p>"
    ));
    // S1: 24 of 30 planned; Payments used 15 of its 20 capacity.
    assert!(page.contains("<p>In S1, 80% was planned and 75% of capacity was used.</p>"));
    // (6 + 12) / (30 + 20) = 36%; Payments (15 + 20) / 2 = 17.5, said as about 18; 30 → 20 is
    // down 33%.
    assert!(page.contains(
        "<p>Over two sprints upkeep averaged 36%, and Payments averaged about 18 person-days; total effort was down 33% since the sprint before.</p>"
    ));
}

#[test]
fn directives_in_code_are_left_as_text() {
    let (_dir, out) = built();
    read_containing(
        &out.join("sprints/S2/index.html"),
        &[
            "<code>{{ value(metric=\"nope\") }}</code>",
            "<pre><code>{{ chart(name=\"nope\") }}\n</code></pre>",
        ],
    );
}

#[test]
fn an_inline_chart_has_its_figure_table_csv_and_category_legend() {
    let (_dir, out) = built();
    let page = read_containing(
        &out.join("sprints/S2/index.html"),
        &[
            "<figure class=\"chart\" id=\"category-trend-ktlo-S2-last-6\">",
            "Keeping the lights on went from 20% to 60% of engineering time, up 40 points.",
            "href=\"../../data/charts/category-trend-ktlo-S2-last-6.csv\"",
        ],
    );
    let csv = read(&out.join("data/charts/category-trend-ktlo-S2-last-6.csv"));
    assert_eq!(
        csv,
        "Sprint,Keeping the lights on (share from 0 to 1)\nS1,0.2\nS2,0.6\n"
    );
    assert!(page.contains("What do these categories mean?"));
}

#[test]
fn glossary_terms_link_once_per_page_with_their_meaning() {
    let (_dir, out) = built();
    let page = read(&out.join("sprints/S2/index.html"));
    // The explicit term() links; the later plain "Kubernetes" does not link again.
    assert_eq!(page.matches("glossary/index.html#kubernetes").count(), 1);
    assert_contains_all(
        &page,
        &[
            ">k8s</a><span class=\"term-tip\" role=\"tooltip\"",
            "Software that runs our programs on many servers &lt;at once&gt;.",
        ],
    );
    // The first plain "monolith" links, the second does not, the heading never does.
    assert_eq!(page.matches("glossary/index.html#monolith").count(), 1);
    assert!(page.contains("<h2 id=\"the-monolith\">The monolith</h2>"));
    read_containing(
        &out.join("glossary/index.html"),
        &[
            "id=\"kubernetes\"",
            "(also: k8s)",
            "For example: The checkout runs on it.",
        ],
    );
}

#[test]
fn audience_pages_list_their_pages_and_the_pages_for_everyone() {
    let (_dir, out) = built();
    let finance = read_containing(
        &out.join("for/finance/index.html"),
        &[
            "<p class=\"kicker\">For finance",
            "Sprint S2: upkeep doubled",
        ],
    );
    assert!(!finance.contains(">Jargon</a>"));
    // Pages without an audience are for everyone.
    assert_contains_all(&finance, &["Also for everyone", "How to read this"]);
    for audience in ["executive", "finance", "product", "engineering"] {
        assert!(out.join(format!("for/{audience}/index.html")).is_file());
    }
    read_containing(
        &out.join("index.html"),
        &["href=\"for/finance/index.html\""],
    );
}

#[test]
fn the_jargon_check_warns_on_undefined_terms_and_strict_fails() {
    let (code, stderr) = common::check(&fixture());
    assert_eq!(code, Some(0));
    assert_contains_all(
        &stderr,
        &[
            "warning: `microservices` is engineering jargon that the glossary does not explain",
            "--> content/guides/jargon.md:7:41",
        ],
    );
    // Defined terms, and jargon inside code, are not reported.
    assert!(!stderr.contains("`Kubernetes` is"), "{stderr}");
    assert!(!stderr.contains("`monolith` is"), "{stderr}");
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    tally()
        .args(["check", "--strict", "--root"])
        .arg(fixture())
        .assert()
        .code(1);
}

#[test]
fn a_bad_directive_is_a_located_error_with_the_valid_names() {
    let (_dir, root) = common::copy_fixture("valid/narratives");
    let page = root.join("content/guides/jargon.md");
    let text = read(&page).replace(
        "We run Kubernetes.",
        "We run {{ value(metric=\"share\", team=\"payments\") }}.",
    );
    std::fs::write(&page, text).unwrap();
    let (code, stderr) = common::run_on(&root, &["build"]);
    assert_eq!(code, Some(1));
    assert_contains_all(
        &stderr,
        &[
            "error: unknown team `payments`",
            "--> content/guides/jargon.md:7:38",
            "the known teams are: pay, app",
        ],
    );
    assert!(!root.join("public").exists());
}
