//! Every chart in two forms: the wide one (720 units) and the phone one (360 units), emitted
//! side by side in its figure and chosen by the stylesheet, with one table and one CSV. Built on
//! `tests/fixtures/valid/own_words` (categories `build`, `grow`, `run`) with ten more sprints, so
//! the series are longer than a phone form shows.

use std::collections::BTreeSet;

mod common;
use common::{build_to_temp as build, html_pages, read};

/// The own-words site with sprints R3 to R12 after its R1 and R2, each two weeks long.
fn long_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let first = jiff::civil::date(2026, 11, 30);
    for (k, n) in (3..=12).enumerate() {
        let start = first + jiff::Span::new().days(14 * k as i64);
        let end = start + jiff::Span::new().days(11);
        let text = format!(
            "start = {start}\nend = {end}\n\n[[work]]\nteam = \"core\"\ncategory = \"run\"\neffort = {}\nsystem = \"ledgerdb\"\n\n[[work]]\nteam = \"edge\"\ncategory = \"grow\"\neffort = {}\n\n[[work]]\nteam = \"core\"\ncategory = \"build\"\neffort = 5\ninitiative = \"revamp\"\n",
            2 + n % 3,
            4 + n
        );
        files.push((format!("content/data/sprints/R{n}.toml"), text.into_bytes()));
    }
    // A comparison window of 12 sprints, so the wide charts span 12 and the phone form has to
    // cut them to the last 6.
    let site = std::fs::read_to_string(common::fixture("valid/own_words").join("site.toml"))
        .expect("the fixture's site.toml");
    files.push((
        "site.toml".to_string(),
        format!("{site}\n[compare]\nwindow = 12\n").into_bytes(),
    ));
    // A what-if scenario, so that its chart is among the charts checked.
    files.push((
        "content/data/scenarios.toml".to_string(),
        b"[[scenario]]\nid = \"more-core\"\ntitle = \"One more Core person\"\ninitiative = \"revamp\"\nadd_people = 1\n".to_vec(),
    ));
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let (dir, root) = common::fixture_with("valid/own_words", &files);
    let (out_dir, out) = build(&root);
    drop(dir);
    (out_dir, out)
}

/// The figures of a page: each `<figure class="chart" ...>...</figure>`.
fn figures(page: &str) -> Vec<&str> {
    page.match_indices("<figure class=\"chart\"")
        .map(|(start, _)| {
            let end = page[start..]
                .find("</figure>")
                .map_or(page.len(), |e| start + e);
            &page[start..end]
        })
        .collect()
}

/// The SVG of `form` (`chart-wide` or `chart-narrow`) in a figure, if any.
fn form<'a>(figure: &'a str, form: &str) -> Option<&'a str> {
    let start = figure.find(&format!("class=\"chart-svg {form}\""))?;
    let start = figure[..start].rfind("<svg")?;
    let end = figure[start..].find("</svg>")? + start;
    Some(&figure[start..end])
}

/// The words of an SVG's `<text>` elements, with whether each is bold.
fn texts(svg: &str) -> Vec<(String, bool)> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (attrs, rest) = t.split_once('>')?;
            let words = rest.split("</text>").next()?.trim().to_string();
            Some((words, attrs.contains("font-weight=\"bold\"")))
        })
        .filter(|(w, _)| !w.is_empty())
        .collect()
}

/// The viewBox width and the smallest font size (in SVG units) of an SVG.
fn width_and_smallest_font(svg: &str) -> (f64, f64) {
    let width = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|v| v.split(' ').next())
        .and_then(|w| w.parse::<f64>().ok())
        .expect("a viewBox");
    let smallest = svg
        .split("font-size=\"")
        .skip(1)
        .filter_map(|f| f.split('"').next()?.parse::<f64>().ok())
        .fold(f64::INFINITY, f64::min);
    (width, smallest)
}

/// Every `id="..."` of a page.
fn ids(page: &str) -> Vec<&str> {
    page.split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn every_chart_has_a_wide_and_a_phone_form_with_one_table() {
    let (_dir, out) = long_site();
    let mut seen = 0;
    for page in html_pages(&out) {
        let html = read(&page);
        for figure in figures(&html) {
            seen += 1;
            let wide =
                form(figure, "chart-wide").unwrap_or_else(|| panic!("no wide form in {page:?}"));
            let narrow =
                form(figure, "chart-narrow").unwrap_or_else(|| panic!("no phone form in {page:?}"));
            // The same title and description in both.
            let title = |svg: &str| {
                svg.split("<title")
                    .nth(1)
                    .and_then(|t| t.split_once('>'))
                    .map(|(_, t)| t.split("</title>").next().unwrap_or("").to_string())
            };
            assert_eq!(title(wide), title(narrow), "{page:?}");
            assert_eq!(figure.matches("<details class=\"chart-table\">").count(), 1);
            assert_eq!(figure.matches("<table").count(), 1, "one table per chart");
            assert_eq!(
                figure.matches(".csv\" download").count(),
                1,
                "one CSV per chart"
            );
            // Text renders at 11 px or more where each form is shown: the wide form in a box
            // of at least 670 px, the phone form in one of at least 286 px (a 320 px screen).
            let (w, font) = width_and_smallest_font(wide);
            assert_eq!(w, 720.0);
            assert!(
                font * 670.0 / w >= 11.0,
                "wide text {font} units in {page:?}"
            );
            let (w, font) = width_and_smallest_font(narrow);
            assert_eq!(w, 360.0);
            assert!(
                font * 286.0 / w >= 11.0,
                "phone text {font} units in {page:?}"
            );
            assert!(!wide.contains("min-width") && !narrow.contains("min-width"));
        }
    }
    assert!(seen > 10, "{seen} figures");
    // The scenario's chart is among them, on its project's page.
    let project = read(&out.join("initiatives/revamp/index.html"));
    assert!(
        project.contains("id=\"scenario-more-core-"),
        "no scenario chart"
    );
}

#[test]
fn ids_are_unique_on_every_page_and_every_label_points_at_one() {
    let (_dir, out) = long_site();
    for page in html_pages(&out) {
        let html = read(&page);
        let all = ids(&html);
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "a repeated id in {page:?}");
        for labelled in html.split("aria-labelledby=\"").skip(1) {
            for id in labelled.split('"').next().unwrap_or("").split_whitespace() {
                assert!(
                    unique.contains(id),
                    "aria-labelledby names a missing {id} in {page:?}"
                );
            }
        }
    }
}

#[test]
fn the_phone_form_shows_the_last_six_sprints_and_marks_the_current_one() {
    let (_dir, out) = long_site();
    let home = read(&out.join("index.html"));
    let figures = figures(&home);
    let mix = figures
        .iter()
        .find(|f| f.contains("id=\"investment-mix-R12-last-12\""))
        .expect("the home page's mix over 12 sprints");
    let narrow = texts(form(mix, "chart-narrow").unwrap());
    let sprints: Vec<&(String, bool)> = narrow.iter().filter(|(w, _)| is_sprint(w)).collect();
    let names: Vec<&str> = sprints.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        names,
        ["R7", "R8", "R9", "R10", "R11", "R12 · now"],
        "{narrow:?}"
    );
    assert!(sprints.last().unwrap().1, "the current sprint is bold");
    assert!(sprints[..5].iter().all(|(_, bold)| !bold));
    assert!(
        mix.contains("the last 6 of 12 sprints"),
        "the phone form says so"
    );
    // The wide form shows all 12 and marks the current one with its word.
    let wide = texts(form(mix, "chart-wide").unwrap());
    assert!(wide.contains(&("now".to_string(), true)), "{wide:?}");
    assert!(wide.iter().any(|(w, _)| w == "R12"));
    // The trend: small multiples, one panel per category (by this site's labels).
    let trend = figures
        .iter()
        .find(|f| f.contains("id=\"category-trend-R12-last-12\""))
        .expect("the home page's trend");
    let panels = texts(form(trend, "chart-narrow").unwrap());
    for label in ["Building", "Growing", "Running"] {
        assert!(
            panels.iter().any(|(w, _)| w == label),
            "{label}: {panels:?}"
        );
    }
    assert!(
        panels.contains(&("R12 · now".to_string(), true)),
        "{panels:?}"
    );
    assert!(trend.contains("one panel per line"));
    // A past sprint's page marks its own sprint, not "now".
    let r5 = read(&out.join("sprints/R5/index.html"));
    let mix = figures_of(&r5, "investment-mix-R5-last-12");
    let narrow = texts(form(&mix, "chart-narrow").unwrap());
    assert!(
        narrow.contains(&("R5 · this sprint".to_string(), true)),
        "{narrow:?}"
    );
    assert!(!narrow.iter().any(|(w, _)| w.contains("now")));
}

/// Whether a text names one of this site's sprints (`R` and a number, maybe with a mark).
fn is_sprint(text: &str) -> bool {
    text.strip_prefix('R')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The figure with `id` on a page, as an owned string.
fn figures_of(page: &str, id: &str) -> String {
    figures(page)
        .into_iter()
        .find(|f| f.contains(&format!("id=\"{id}\"")))
        .unwrap_or_else(|| panic!("no figure {id}"))
        .to_string()
}

#[test]
fn bars_on_a_phone_carry_their_label_above_and_their_value_beside_it() {
    let (_dir, out) = long_site();
    let home = read(&out.join("index.html"));
    let split = figures_of(&home, "category-split-R12");
    let narrow = texts(form(&split, "chart-narrow").unwrap());
    // R12: run 2 + 12 % 3 = 2, grow 16, build 5 of 23: labels whole, shares beside them.
    for (label, share) in [("Growing", "70%"), ("Building", "22%"), ("Running", "9%")] {
        let at = narrow
            .iter()
            .position(|(w, _)| w == label)
            .unwrap_or_else(|| panic!("{label}: {narrow:?}"));
        assert_eq!(narrow[at + 1].0, share, "{narrow:?}");
    }
    // The burn-up is drawn again at phone size, with the current sprint marked.
    let initiative = read(&out.join("initiatives/revamp/index.html"));
    let burn = figures_of(&initiative, "burn-up-revamp-R12");
    assert!(texts(form(&burn, "chart-narrow").unwrap()).contains(&("now".to_string(), true)));
}

#[test]
fn the_stylesheet_scales_charts_and_picks_a_form_by_width_without_a_scroll_box() {
    let (_dir, out) = long_site();
    let css = read(&out.join("style.css"));
    assert!(!css.contains("min-width: 540px"));
    let chart_rules: Vec<&str> = css.lines().filter(|l| l.contains(".chart-svg")).collect();
    // No rule lets a chart's box scroll (print's `overflow: visible` is the opposite).
    assert!(
        chart_rules.iter().all(|l| [
            "overflow: auto",
            "overflow-x: auto",
            "overflow: scroll",
            "overflow-x: scroll"
        ]
        .iter()
        .all(|rule| !l.contains(rule))),
        "{chart_rules:?}"
    );
    assert!(css.contains("@media screen and (max-width: 45.99rem)"));
    assert!(css.contains(".chart-svg svg.chart-wide { display: none; }"));
}
