//! The sprint cycle around a build: scaffolding the next sprint, the feed and sitemap with and
//! without a base URL, and machine-readable findings for CI.

mod common;
use common::{assert_contains_all, build_in_place, copy_fixture, read, read_containing, tally};

#[test]
fn new_sprint_continues_the_pattern_cadence_and_capacity() {
    let (_dir, root) = copy_fixture("valid/small");
    // S2 has no capacity; give it one so that it is copied.
    let s2 = root.join("content/data/sprints/S2.toml");
    std::fs::write(
        &s2,
        read(&s2) + "\n[[capacity]]\nteam = \"pay\"\neffort = 18.5\n",
    )
    .unwrap();
    tally()
        .args(["new", "sprint", "--root"])
        .arg(&root)
        .assert()
        .success();
    let data = read(&root.join("content/data/sprints/S3.toml"));
    // S2 runs Monday 16 to Friday 27 November: S3 runs Monday 30 November to Friday 11 December.
    assert_contains_all(
        &data,
        &[
            "id = \"S3\"\nstart = 2026-11-30\nend = 2026-12-11\n",
            "[[capacity]]\nteam = \"pay\"\neffort = 18.5\n",
        ],
    );
    read_containing(
        &root.join("content/sprints/S3.md"),
        &["sprint = \"S3\"", "## What we ask for"],
    );
    // The new files build as they are.
    build_in_place(&root);
    assert!(root.join("public/sprints/S3/index.html").is_file());
}

#[test]
fn new_sprint_changes_nothing_when_a_file_exists() {
    let (_dir, root) = copy_fixture("valid/small");
    let stub = root.join("content/sprints/S3.md");
    std::fs::write(&stub, "mine").unwrap();
    tally()
        .args(["new", "sprint", "S3", "--root"])
        .arg(&root)
        .assert()
        .code(1);
    assert_eq!(read(&stub), "mine");
    assert!(!root.join("content/data/sprints/S3.toml").exists());
    // An explicit id that exists is refused too.
    tally()
        .args(["new", "sprint", "S2", "--root"])
        .arg(&root)
        .assert()
        .code(1);
}

#[test]
fn the_feed_and_sitemap_use_the_base_url_when_given() {
    let (_dir, root) = copy_fixture("valid/small");
    tally()
        .args([
            "build",
            "--base-url",
            "https://intra.example/reports/eng/",
            "--root",
        ])
        .arg(&root)
        .assert()
        .success();
    let feed = read_containing(
        &root.join("public/atom.xml"),
        &["<link rel=\"self\" href=\"https://intra.example/reports/eng/atom.xml\"/>"],
    );
    // The sprint narrative's title names the sprint entry; newest first.
    let s2 = feed
        .find("<title>Sprint S2: upkeep doubled</title>")
        .unwrap();
    let s1 = feed.find("<title>Sprint S1</title>").unwrap();
    assert!(s2 < s1);
    assert_contains_all(
        &feed,
        &[
            "<link href=\"https://intra.example/reports/eng/sprints/S2/index.html\"/>",
            "<updated>2026-11-27T00:00:00Z</updated>",
        ],
    );
    let sitemap = read_containing(
        &root.join("public/sitemap.xml"),
        &["<loc>https://intra.example/reports/eng/teams/pay/index.html</loc>"],
    );
    assert!(!sitemap.contains("404"));
    // Pages still link relatively, and point at the feed.
    read_containing(
        &root.join("public/index.html"),
        &[
            "<link rel=\"alternate\" type=\"application/atom+xml\"",
            "href=\"atom.xml\"",
        ],
    );
    // Without a base URL the feed's links are relative to the site's root.
    build_in_place(&root);
    read_containing(
        &root.join("public/atom.xml"),
        &["<link href=\"sprints/S2/index.html\"/>"],
    );
}

#[test]
fn check_prints_json_findings_for_ci() {
    let (_dir, root) = copy_fixture("valid/small");
    let output = tally()
        .args(["check", "--format", "json", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["sprints"], 2);
    let sprint = root.join("content/data/sprints/S1.toml");
    std::fs::write(
        &sprint,
        read(&sprint).replace("effort = 10", "effort = -10"),
    )
    .unwrap();
    let output = tally()
        .args(["check", "--format", "json", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], false);
    let finding = &report["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["file"], "content/data/sprints/S1.toml");
    assert_eq!(finding["line"], 20);
    assert_eq!(finding["column"], 10);
    assert!(finding["help"][0].as_str().unwrap().contains("minus"));
}
