//! `tally check` validates every internal link, anchor and referenced file, and reports a broken
//! one where it was written: in the narrative, or in the template.

mod common;
use common::{assert_contains_all, check, copy_fixture, fixture_with as site_with};

#[test]
fn the_fixture_sites_and_the_example_have_no_broken_links() {
    for site in ["valid/small", "valid/narratives", "valid/books"] {
        let (_dir, root) = copy_fixture(site);
        let (code, stderr) = check(&root);
        assert_eq!(code, Some(0), "{site}: {stderr}");
    }
    let (code, stderr) = check(common::repo());
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn broken_links_and_anchors_in_narratives_are_located_in_the_markdown() {
    let (_dir, root) = copy_fixture("valid/small");
    let page = root.join("content/guides/how.md");
    let text = std::fs::read_to_string(&page).unwrap()
        + "\nSee [the plan](/plans/q1/), [how](../guides/how.md#nope), [top](#reading) and ![a chart](missing.png).\n";
    std::fs::write(&page, text).unwrap();
    let (code, stderr) = check(&root);
    assert_eq!(code, Some(1));
    assert_contains_all(
        &stderr,
        &[
            "error: broken link `../../plans/q1/index.html` on page `guides/how/index.html`: `plans/q1/index.html` does not exist in the built site",
            "--> content/guides/how.md:18:16",
            "`guides/how/index.html` has no anchor `#nope`",
            "--> content/guides/how.md:18:35",
            "`guides/how/missing.png` does not exist",
        ],
    );
    // The heading anchor exists, so `#reading` is fine.
    assert!(!stderr.contains("anchor `#reading`"), "{stderr}");
    assert!(stderr.contains("tally: the site has 3 errors"), "{stderr}");
}

#[test]
fn a_broken_link_in_a_template_is_located_in_the_template_once() {
    let (_dir, root) = site_with(
        "valid/small",
        &[(
            "templates/team.html",
        "{% extends \"theme/team.html\" %}{% block content %}<a href=\"{{ root }}nowhere/index.html\">x</a>{% endblock content %}".as_bytes(),
        )],
    );
    let (code, stderr) = check(&root);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("--> templates/team.html:1:70"), "{stderr}");
    // Two team pages carry it; it is reported once.
    assert_eq!(stderr.matches("error: broken link").count(), 1, "{stderr}");
}
