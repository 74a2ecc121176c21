//! Builds fixture sites with the real CLI and checks what lands on disk: pages, links,
//! accounts.json figures computed by hand, CSVs, escaping and determinism.

mod common;
use common::{
    assert_pages_contain, copy_and_build as build_copy, read, read_containing, tally,
    tree as snapshot_tree,
};

#[test]
fn builds_every_page_of_the_small_site() {
    let (_dir, root) = build_copy("valid/small");
    let public = root.join("public");
    for page in [
        "index.html",
        "404.html",
        "sprints/index.html",
        "sprints/S1/index.html",
        "sprints/S2/index.html",
        "teams/index.html",
        "teams/pay/index.html",
        "teams/app/index.html",
        "guides/index.html",
        "guides/how/index.html",
        "style.css",
        "data/accounts.json",
        ".tally-output",
        ".tally-pages",
    ] {
        assert!(public.join(page).is_file(), "missing {page}");
    }
    // Drafts are left out unless asked for.
    assert!(!public.join("guides/secret/index.html").exists());
}

#[test]
fn accounts_json_matches_hand_computed_figures() {
    let (_dir, root) = build_copy("valid/small");
    let json = common::accounts_json(&root.join("public"));
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["effort_unit"], "person-days");
    let s1 = &json["sprints"][0];
    assert_eq!(s1["id"], "S1");
    assert_eq!(s1["start"], "2026-11-02");
    assert_eq!(s1["end"], "2026-11-13");
    assert_eq!(s1["working_days"], 10);
    // 6 + 9 + 10 + 5 = 30 person-days over 10 days.
    assert_eq!(s1["effort"], 30.0);
    assert_eq!(s1["fte"], 3.0);
    // The App team has no day cost, so the sprint's cost is unknown; Payments' is 15 × 500.
    assert!(s1["cost"].is_null());
    assert_eq!(s1["cost_known"], 7500.0);
    assert_eq!(s1["categories"]["new"]["effort"], 19.0);
    assert_eq!(s1["categories"]["new"]["share"], 0.633333);
    assert_eq!(s1["categories"]["ktlo"]["share"], 0.2);
    assert_eq!(s1["categories"]["ktlo"]["fte"], 0.6);
    assert_eq!(s1["categories"]["uncategorized"]["effort"], 5.0);
    assert_eq!(s1["teams"]["pay"]["cost"], 7500.0);
    assert!(s1["teams"]["app"]["cost"].is_null());
    assert_eq!(
        s1["teams"]["app"]["categories"]["uncategorized"]["share"],
        0.333333
    );
    assert_eq!(s1["planned"], 24.0);
    assert_eq!(s1["capacity_used"], 0.75);
    let s2 = &json["sprints"][1];
    assert_eq!(s2["effort"], 20.0);
    assert_eq!(s2["cost"], 10000.0);
    assert_eq!(s2["categories"]["ktlo"]["share"], 0.6);
    // 20% to 60%: up 40 points.
    assert_eq!(s2["categories"]["ktlo"]["change_points"], 40.0);
    // Uncategorized only appears where it is not zero.
    assert!(s2["categories"].get("uncategorized").is_none());
}

#[test]
fn pages_link_relatively_and_never_outside_the_site() {
    let (_dir, root) = build_copy("valid/small");
    let public = root.join("public");
    read_containing(
        &public.join("guides/how/index.html"),
        &[
            "href=\"../../style.css\"",
            "href=\"../../index.html\"",
            "href=\"../../teams/pay/index.html#main\"",
        ],
    );
    for (name, bytes) in snapshot_tree(&public) {
        if !name.ends_with(".html") || name == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for external in [
            "href=\"http",
            "src=\"http",
            "url(http",
            "href=\"//",
            "src=\"//",
        ] {
            assert!(
                !html.contains(external),
                "{name} refers outside the site: {external}"
            );
        }
        assert!(
            !html.contains("href=\"/"),
            "{name} has a root-absolute link"
        );
        // The one script is the site's own search; data never injects one.
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{name} has a script or unescaped data"
        );
        assert!(html.contains("search.js\" defer></script>"), "{name}");
        // Every relative link points at a file that exists.
        for href in html
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            let target = href.split('#').next().unwrap();
            if target.is_empty() {
                continue;
            }
            let page_dir = public.join(&name).parent().unwrap().to_path_buf();
            assert!(
                page_dir.join(target).is_file(),
                "{name}: broken link {href}"
            );
        }
    }
}

#[test]
fn data_from_files_is_escaped_in_html_svg_and_csv() {
    let (_dir, root) = build_copy("valid/small");
    let public = root.join("public");
    assert_pages_contain(
        &public,
        &[
            ("teams/pay/index.html", &["Payments &lt;script&gt;"]),
            ("index.html", &["Fixture &lt;Org&gt; &amp; Co"]),
            ("data/charts/team-split-S2.csv", &["Payments <script>"]),
        ],
    );
    let sprint = read(&public.join("sprints/S1/index.html"));
    // A work title starting with `=` is shown as text.
    assert!(
        sprint.contains("=HYPERLINK(&quot;x&quot;) upgrade"),
        "work title not escaped"
    );
}

#[test]
fn charts_are_accessible_figures_with_tables_and_csvs() {
    let (_dir, root) = build_copy("valid/small");
    let public = root.join("public");
    let sprint = read(&public.join("sprints/S2/index.html"));
    let figures = sprint.matches("<figure class=\"chart\"").count();
    assert_eq!(figures, 3);
    // Two forms per chart (wide and phone), each an accessible image with its own ids, but one
    // table and one CSV.
    assert_eq!(sprint.matches("role=\"img\"").count(), 2 * figures);
    assert_eq!(
        sprint.matches("class=\"chart-svg chart-wide\"").count(),
        figures
    );
    assert_eq!(
        sprint.matches("class=\"chart-svg chart-narrow\"").count(),
        figures
    );
    assert_eq!(sprint.matches("<title id=").count(), 2 * figures);
    assert_eq!(sprint.matches("<desc id=").count(), 2 * figures);
    assert_eq!(
        sprint.matches("<details class=\"chart-table\">").count(),
        figures
    );
    assert!(sprint.contains(
        "Keeping the lights on work took 60% of engineering time in sprint S2, up 40 points since the sprint before, from 20%."
    ));
    let csv = read(&public.join("data/charts/category-split-S2.csv"));
    assert_eq!(
        csv,
        "Category,Share of S2 (share from 0 to 1)\nKeeping the lights on,0.6\nNew things,0.4\n"
    );
    // S2 has no uncategorized work: the split chart draws no Uncategorized bar (nor its CSV a
    // row), but the page's category table keeps it, as the data-quality panel speaks of it.
    let split = &sprint[sprint.find("id=\"category-split-S2\"").unwrap()..];
    let split = &split[..split.find("</figure>").unwrap()];
    assert!(!split.contains("Uncategorized"), "{split}");
    assert!(
        sprint.contains("aria-hidden=\"true\"></span>Uncategorized</th>"),
        "the category table keeps it"
    );
    let mix = read(&public.join("data/charts/investment-mix-S2-last-6.csv"));
    assert!(mix.starts_with("Sprint,New things (share from 0 to 1),Keeping the lights on (share from 0 to 1),Uncategorized (share from 0 to 1)\n"), "{mix}");
    assert!(mix.contains("S1,0.6333,0.2,0.1667\n"), "{mix}");
}

#[test]
fn sprint_narratives_merge_into_sprint_pages_and_notes_show_gaps() {
    let (_dir, root) = build_copy("valid/small");
    let public = root.join("public");
    read_containing(
        &public.join("sprints/S2/index.html"),
        &[
            "<h1>Sprint S2: upkeep doubled</h1>",
            "<h2 id=\"what-changed\">What changed</h2>",
        ],
    );
    assert!(!public.join("sprints/S2/index/index.html").exists());
    read_containing(
        &public.join("sprints/S1/index.html"),
        &[
            "Cost excludes App: no day cost given.",
            "17% of the effort has no category",
        ],
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (_dir, root) = build_copy("valid/small");
    let first = snapshot_tree(&root.join("public"));
    common::build_in_place(&root);
    let second = snapshot_tree(&root.join("public"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    assert!(first == second, "a rebuild changed some bytes");
}

#[test]
fn drafts_are_built_on_request_and_check_writes_nothing() {
    let (_dir, root) = common::copy_fixture("valid/small");
    common::assert_checks(&root);
    assert!(!root.join("public").exists());
    tally()
        .args(["build", "--drafts", "--output-dir", "out", "--root"])
        .arg(&root)
        .assert()
        .success();
    assert!(root.join("out/guides/secret/index.html").is_file());
}

#[test]
fn the_example_site_builds() {
    let (_dir, out) = common::build_to_temp(common::repo());
    read_containing(&out.join("index.html"), &["Northwind"]);
    let json = common::accounts_json(&out);
    assert!(json["sprints"].as_array().unwrap().len() >= 12);
}

#[test]
fn snapshot_of_a_sprint_page_and_its_chart() {
    let (_dir, root) = build_copy("valid/small");
    let page = read(&root.join("public/sprints/S1/index.html"));
    insta::assert_snapshot!("small_sprint_s1_html", page);
    let start = page.find("<svg").unwrap();
    let end = page[start..].find("</svg>").unwrap() + start + 6;
    insta::assert_snapshot!("small_sprint_s1_split_svg", &page[start..end]);
}

/// The start tags of every `<td>` in `html`, up to their `>`.
fn cell_tags(html: &str) -> Vec<&str> {
    html.split("<td")
        .skip(1)
        .filter(|rest| rest.starts_with([' ', '>']))
        .map(|rest| &rest[..rest.find('>').unwrap_or(rest.len())])
        .collect()
}

/// On a phone every wide table shows one card per row, in CSS only: each cell must repeat its
/// column's header in `data-label`, written at build time (theme tables, the charts' tables
/// and tables in markdown alike), and each table must be marked to reflow.
#[test]
fn every_table_cell_carries_its_column_header_for_the_phone_cards() {
    let (_dir, root) = build_copy("valid/small");
    let public = root.join("public");
    let mut cells = 0;
    for page in [
        "index.html",
        "sprints/index.html",
        "sprints/S2/index.html",
        "teams/index.html",
        "teams/pay/index.html",
        "guides/how/index.html",
    ] {
        let html = read(&public.join(page));
        let tags = cell_tags(&html);
        assert!(!tags.is_empty(), "{page} has no table cell");
        for tag in &tags {
            assert!(
                tag.contains(" data-label=\""),
                "{page}: <td{tag}> has no data-label"
            );
        }
        cells += tags.len();
        assert_eq!(
            html.matches("<table").count(),
            html.matches("<table class=\"reflow").count(),
            "{page}: a table not marked to reflow"
        );
    }
    assert!(cells > 50, "{cells} cells");
    // The labels are the headers: the fixture's own categories, the theme's and the author's.
    assert_pages_contain(
        &public,
        &[
            (
                "sprints/index.html",
                &["<td class=\"num\" data-label=\"Keeping the lights on\">"],
            ),
            (
                "teams/pay/index.html",
                &[
                    "<td class=\"num\" data-label=\"New things\">",
                    "<td class=\"num\" data-label=\"Capacity used\">",
                ],
            ),
            (
                "sprints/S2/index.html",
                &["<td class=\"num\" data-label=\"Share of S2\">"],
            ),
            (
                "guides/how/index.html",
                &["<table class=\"reflow\">", "<td data-label=\"b\">2</td>"],
            ),
        ],
    );
}
