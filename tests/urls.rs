//! Addresses in links: pages whose file names hold spaces, accents or emoji keep their real
//! names on disk and are linked percent-encoded everywhere (pages, sitemap, feed, search), and
//! `tally check` still follows those links. Also `base_url` and the not-found page.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;
use common::copy_fixture;

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

fn tally(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("tally")
        .unwrap()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
    let list = read(&public.join("guides/index.html"));
    assert!(
        list.contains("href=\"../guides/my%20file%20%C3%BC/index.html\""),
        "{list}"
    );
    assert!(list.contains("href=\"../guides/party%20%F0%9F%8E%89/index.html\""));
    assert!(list.contains("href=\"../guides/it%27s%20%26%20co/index.html\""));
    let mine = read(&public.join("guides/my file ü/index.html"));
    assert!(
        mine.contains("href=\"../../guides/party%20%F0%9F%8E%89/index.html\""),
        "{mine}"
    );
    assert!(mine.contains("href=\"../../guides/party%20%F0%9F%8E%89/index.html#top\""));
    assert!(mine.contains("href=\"../../guides/it%27s%20%26%20co/index.html\""));
    // No link of any page has a raw space or a non-ASCII character.
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            for reference in references(&read(entry.path())) {
                assert!(
                    reference.is_ascii() && !reference.contains(' '),
                    "{}: {reference}",
                    entry.path().display()
                );
            }
        }
    }
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://x.test/r/guides/my%20file%20%C3%BC/index.html</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://x.test/r/guides/party%20%F0%9F%8E%89/index.html</loc>"));
    assert!(sitemap.contains("<loc>https://x.test/r/guides/it%27s%20%26%20co/index.html</loc>"));
    for loc in sitemap.split("<loc>").skip(1) {
        let loc = loc.split("</loc>").next().unwrap();
        assert!(loc.is_ascii() && !loc.contains(' '), "{loc}");
    }
    let feed = read(&public.join("atom.xml"));
    assert!(
        feed.contains("<link href=\"https://x.test/r/guides/my%20file%20%C3%BC/index.html\"/>"),
        "{feed}"
    );
    let search = read(&public.join("search-index.js"));
    assert!(
        search.contains("\"u\":\"guides/my%20file%20%C3%BC/index.html\""),
        "{search}"
    );
    assert!(search.contains("\"u\":\"guides/party%20%F0%9F%8E%89/index.html\""));
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
    assert!(
        stderr.contains("`guides/my file u/index.html` does not exist in the built site"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`guides/party 🎈/index.html` does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("tally: the site has 2 errors"), "{stderr}");
}
