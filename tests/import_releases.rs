//! `tally import github-releases` and `github-deployments`: fixture JSON shaped like the real
//! tools' output (`gh release list --json tagName,publishedAt,name,isDraft,isPrerelease`, the
//! REST API's releases and deployments, with their authors, assets and extra fields), imported
//! into a copy of `tests/fixtures/import/site` in `timezone = "America/New_York"`.
//!
//! Hand-checked (sprint S1: 2026-11-02 to 2026-11-13):
//! - gh, `--repo northwind/app` (team `app` by the existing team rule `repo = "northwind/app"`):
//!   v3.3.0 is a draft, v3.3.0-rc.1 a prerelease, v3.1.4 was released on 2026-10-29 (before
//!   the sprint); v3.2.0 (2026-11-05) and v3.2.1 are imported: 02:30 UTC on the 14th is 21:30
//!   on the 13th in New York, inside the sprint.
//! - API releases of northwind/web (team `web`, system `api` by `[[import.release]]`): 2026.11.03
//!   (no name: its tag is the note) and 2026.11.10; 2026.11.12 is a draft.
//! - API deployments: 991002 to production is imported; 991001 went to staging; northwind/legacy
//!   matches no rule.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

mod common;
use common::{add_to_site_toml, assert_contains_all, stderr, stdout, tally};

fn export(name: &str) -> PathBuf {
    common::fixture("import/exports").join(name)
}

fn site() -> (TempDir, PathBuf) {
    let (dir, root) = common::copy_fixture("import/site");
    add_to_site_toml(&root, "timezone = \"America/New_York\"");
    let site = root.join("site.toml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str("\n[[import.release]]\nwhen = { repo = \"northwind/web\" }\nteam = \"web\"\nsystem = \"api\"\n");
    std::fs::write(&site, text).unwrap();
    (dir, root)
}

fn import(root: &Path, kind: &str, file: &str, extra: &[&str]) -> Output {
    let mut command = tally();
    command
        .arg("import")
        .arg(kind)
        .arg(export(file))
        .args(["--sprint", "S1", "--root"])
        .arg(root)
        .args(extra);
    command.output().unwrap()
}

fn releases_file(root: &Path) -> PathBuf {
    root.join("content/data/releases.toml")
}

#[test]
fn gh_releases_skip_drafts_prereleases_and_other_sprints_and_name_them() {
    let (_dir, root) = site();
    let dry = import(
        &root,
        "github-releases",
        "gh-releases.json",
        &["--repo", "northwind/app", "--dry-run"],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert_contains_all(
        &stdout(&dry),
        &[
            "2026-11-05  app  northwind/app@v3.2.0  Driver app 3.2.0",
            "2026-11-13  app  northwind/app@v3.2.1  Driver app 3.2.1: route list fix",
            "Reconciliation: GitHub releases",
            "  read              5\n  imported          2\n    app  2\n  already recorded  0\n  skipped           3\n",
            "northwind/app@v3.3.0       a draft: not published",
            "northwind/app@v3.3.0-rc.1  a prerelease: not a release to production",
            "northwind/app@v3.1.4       released 2026-10-29, before the sprint starts on 2026-11-02",
            "would change; nothing was written.",
        ],
    );
    assert!(!releases_file(&root).exists());
    let run = import(
        &root,
        "github-releases",
        "gh-releases.json",
        &["--repo", "northwind/app"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(releases_file(&root)).unwrap();
    assert!(
        text.ends_with("\n# Imported by `tally import github-releases` from gh-releases.json for sprint S1.\n[[release]]\nid = \"northwind/app@v3.2.0\"\ndate = 2026-11-05\nteam = \"app\"\nnote = \"Driver app 3.2.0\"\nsource = \"github-releases\"\n\n[[release]]\nid = \"northwind/app@v3.2.1\"\ndate = 2026-11-13\nteam = \"app\"\nnote = \"Driver app 3.2.1: route list fix\"\nsource = \"github-releases\"\n"),
        "{text}"
    );
    // Again: nothing new, the same bytes.
    let again = import(
        &root,
        "github-releases",
        "gh-releases.json",
        &["--repo", "northwind/app"],
    );
    assert_contains_all(
        &stdout(&again),
        &["already recorded  2", "is already up to date."],
    );
    assert_eq!(std::fs::read_to_string(releases_file(&root)).unwrap(), text);
}

#[test]
fn api_releases_and_deployments_map_repositories_to_teams_and_systems() {
    let (_dir, root) = site();
    let releases = import(&root, "github-releases", "api-releases.json", &[]);
    assert!(releases.status.success(), "{}", stderr(&releases));
    assert_contains_all(
        &stdout(&releases),
        &[
            "imported          2\n    web  2\n",
            "northwind/web@2026.11.12",
        ],
    );
    let deployments = import(&root, "github-deployments", "api-deployments.json", &[]);
    assert!(deployments.status.success(), "{}", stderr(&deployments));
    assert_contains_all(
        &stdout(&deployments),
        &[
            "Reconciliation: GitHub deployments",
            "read              3\n  imported          1\n",
            "deployment 991001",
            "to `staging`, not production",
            "northwind/legacy/deployments/77  no release rule or team rule matched (repository northwind/legacy)",
        ],
    );
    common::read_containing(
        &releases_file(&root),
        &[
            "id = \"northwind/web@2026.11.03\"\ndate = 2026-11-03\nteam = \"web\"\nsystem = \"api\"\nnote = \"2026.11.03\"\nsource = \"github-releases\"",
            "id = \"northwind/web@2026.11.10\"\ndate = 2026-11-10",
            "id = \"northwind/web/deployments/991002\"\ndate = 2026-11-09\nteam = \"web\"\nsystem = \"api\"\nnote = \"production main\"\nsource = \"github-deployments\"",
        ],
    );
    // The site takes the imported record: a delivery page with 3 releases in S1.
    let (_out_dir, out) = common::build_to_temp(&root);
    let json = common::accounts_json(&out);
    assert_eq!(json["delivery"]["sprints"]["S1"]["releases"], 3);
}

#[test]
fn malformed_json_and_an_unknown_sprint_are_reported() {
    let (_dir, root) = site();
    let bad = import(&root, "github-releases", "gh-releases-malformed.json", &[]);
    assert_eq!(bad.status.code(), Some(1));
    let text = stderr(&bad);
    assert_contains_all(
        &text,
        &[
            "expected `,` or `]` after this entry",
            "gh-releases-malformed.json:10:3",
        ],
    );
    assert!(!releases_file(&root).exists());
    let mut command = tally();
    let unknown = command
        .args(["import", "github-deployments"])
        .arg(export("api-deployments.json"))
        .args(["--sprint", "S2", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert_contains_all(
        &stderr(&unknown),
        &["unknown sprint `S2`", "the known sprints are: S1"],
    );
}

#[test]
fn a_date_that_is_not_one_is_located_at_its_entry() {
    let (_dir, root) = site();
    let file = root.join("bad.json");
    std::fs::write(
        &file,
        "[\n  {\n    \"isDraft\": false,\n    \"isPrerelease\": false,\n    \"name\": \"x\",\n    \"publishedAt\": \"yesterday\",\n    \"tagName\": \"v1\"\n  }\n]\n",
    )
    .unwrap();
    let out = tally()
        .args(["import", "github-releases"])
        .arg(&file)
        .args(["--sprint", "S1", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_contains_all(
        &stderr(&out),
        &[
            "`publishedAt` of release v1 is not a date and time like 2026-11-05T14:03:11Z: `yesterday`",
            "bad.json:2:3",
        ],
    );
}
