//! A build over a previous site of tally's writes only the files whose bytes changed: every
//! other file is a hard link to the previous one, so it keeps its inode and its mtime (and
//! `rsync -a` moves only what changed). The previous site is never changed, whether the build
//! succeeds, fails or is killed.
#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use tally::site::PAGES_MANIFEST;

mod common;
use common::{copy_fixture, replace_first, stderr_slashed as stderr, tally_process as tally};

/// One output file as a synchronising tool sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    inode: u64,
    mtime: (i64, i64),
    bytes: Vec<u8>,
}

/// Every file under `dir` (relative path → inode, mtime and bytes).
fn seen(dir: &Path) -> BTreeMap<String, Seen> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let metadata = e.metadata().unwrap();
            let name = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            let file = Seen {
                inode: metadata.ino(),
                mtime: (metadata.mtime(), metadata.mtime_nsec()),
                bytes: fs::read(e.path()).unwrap(),
            };
            (name.into_owned(), file)
        })
        .collect()
}

/// `tally build [ARGS] --root ROOT`.
fn build(root: &Path, args: &[&str]) -> Output {
    common::output_on(root, &[&["build"], args].concat())
}

fn succeeds(output: &Output) -> String {
    let text = stderr(output);
    assert!(output.status.success(), "{text}");
    text
}

/// What the next build changed: the files with a new inode or a new mtime, and the files whose
/// bytes changed (both must be the same set), checked against the files that are kept.
fn rebuilt(root: &Path, before: &BTreeMap<String, Seen>) -> (BTreeSet<String>, String) {
    std::thread::sleep(Duration::from_millis(20));
    let text = succeeds(&build(root, &["--timings"]));
    let after = seen(&root.join("public"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let mut renewed = BTreeSet::new();
    for (path, now) in &after {
        let then = &before[path];
        let new_inode = now.inode != then.inode;
        assert_eq!(
            new_inode,
            now.mtime != then.mtime,
            "{path}: a new inode always and only with a new mtime"
        );
        assert_eq!(
            new_inode,
            now.bytes != then.bytes,
            "{path}: written again exactly when its bytes changed"
        );
        if new_inode {
            renewed.insert(path.clone());
        }
    }
    (renewed, text)
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_rebuild_writes_only_what_changed_and_keeps_every_other_files_inode_and_mtime() {
    let (_temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root, &[]));
    let public = root.join("public");

    // Nothing changed: nothing written, even the marker is the previous one.
    let first = seen(&public);
    let (renewed, text) = rebuilt(&root, &first);
    assert!(renewed.is_empty(), "{renewed:?}");
    assert!(
        text.contains("files: 0 written, 36 reused (15 pages not rendered again)"),
        "{text}"
    );
    assert!(
        text.contains("(36 files, 0 written, 36 unchanged"),
        "{text}"
    );

    // A sentence of one guide: only its page.
    let before = seen(&public);
    replace_first(
        &root,
        "content/guides/how.md",
        "Go [home]",
        "Please go [home]",
    );
    let (renewed, text) = rebuilt(&root, &before);
    assert_eq!(renewed, names(&["guides/how/index.html", PAGES_MANIFEST]));
    assert!(
        text.contains("files: 1 written, 35 reused (14 pages not rendered again)"),
        "{text}"
    );

    // Its title: the page, every listing that names it and the search index.
    let before = seen(&public);
    replace_first(
        &root,
        "content/guides/how.md",
        "How to read this",
        "How to read us",
    );
    let (renewed, _) = rebuilt(&root, &before);
    assert_eq!(
        renewed,
        names(&[
            "for/finance/index.html",
            "guides/how/index.html",
            "guides/index.html",
            "index.html",
            "search-index.js",
            PAGES_MANIFEST,
        ])
    );

    // One work row of sprint S2: its sprint, team and summary pages, the feed, the export and
    // the charts that use the row; sprint S1 and the guides are kept.
    let before = seen(&public);
    replace_first(
        &root,
        "content/data/sprints/S2.toml",
        "effort = 12",
        "effort = 13",
    );
    let (renewed, _) = rebuilt(&root, &before);
    for path in [
        "sprints/S2/index.html",
        "teams/pay/index.html",
        "index.html",
        "atom.xml",
        "data/accounts.json",
        "data/charts/category-split-S2.csv",
    ] {
        assert!(renewed.contains(path), "{path} not written: {renewed:?}");
    }
    for path in [
        "sprints/S1/index.html",
        "guides/how/index.html",
        "style.css",
    ] {
        assert!(!renewed.contains(path), "{path} written again");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched_inode_mtime_and_bytes() {
    let (_temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root, &[]));
    let before = seen(&root.join("public"));
    replace_first(
        &root,
        "content/data/sprints/S2.toml",
        "effort = 12",
        "effort = -12",
    );
    let output = build(&root, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(seen(&root.join("public")), before);
}

#[test]
fn a_rebuild_killed_at_any_point_leaves_the_previous_site_untouched_or_the_new_one_whole() {
    let (_temp, root) = copy_fixture("valid/small");
    let notes = root.join("content/notes");
    fs::create_dir_all(&notes).unwrap();
    for i in 0..250 {
        let text = format!("+++\ntitle = \"Note {i}\"\n+++\n\nNote {i}, version one.\n");
        fs::write(notes.join(format!("note-{i:03}.md")), text).unwrap();
    }
    succeeds(&build(&root, &[]));
    let public = root.join("public");
    let old = seen(&public);
    // The new site changes one note in every ten, so that most files are linked.
    for i in (0..250).step_by(10) {
        let path = format!("content/notes/note-{i:03}.md");
        replace_first(&root, &path, "version one", "version two");
    }
    for delay in [2u64, 10, 25, 50, 100, 200] {
        let mut child = tally()
            .arg("build")
            .arg("--root")
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().unwrap();
        let now = seen(&public);
        if now != old {
            // The build finished before the kill: the new site, whole.
            succeeds(&build(&root, &[]));
            assert_eq!(
                now.iter().map(|(p, s)| (p, &s.bytes)).collect::<Vec<_>>(),
                seen(&public)
                    .iter()
                    .map(|(p, s)| (p, &s.bytes))
                    .collect::<Vec<_>>(),
                "killed after {delay} ms: neither the old site nor the new one"
            );
            return;
        }
    }
}

/// Every file's bytes, whatever its inode.
fn bytes_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    seen(dir).into_iter().map(|(p, s)| (p, s.bytes)).collect()
}

/// The same site built from scratch into a fresh folder.
fn fresh_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("fresh");
    succeeds(&build(root, &["--output-dir", folder.to_str().unwrap()]));
    bytes_of(&folder)
}

#[test]
fn a_page_not_rendered_again_is_byte_for_byte_what_a_fresh_build_writes() {
    let (_temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root, &[]));
    let edits = [
        ("content/guides/how.md", "Go [home]", "Please go [home]"),
        ("content/data/sprints/S2.toml", "effort = 12", "effort = 13"),
        (
            "content/guides/how.md",
            "How to read this",
            "How to read us",
        ),
    ];
    for (file, text, replacement) in edits {
        replace_first(&root, file, text, replacement);
        succeeds(&build(&root, &[]));
        assert_eq!(
            bytes_of(&root.join("public")),
            fresh_build(&root),
            "after editing {file}"
        );
    }
}

#[test]
fn a_template_edit_renders_again_every_page_that_uses_it() {
    let (_temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root, &[]));
    let theme_page = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/page.html"),
        theme_page.replace(
            "{% endblock content %}",
            "<!-- the site's own page template -->\n{% endblock content %}",
        ),
    )
    .unwrap();
    let text = succeeds(&build(&root, &["--timings"]));
    // Every fingerprint covers every template, so no page is taken over...
    assert!(text.contains("(0 pages not rendered again)"), "{text}");
    // ...and the narrative pages show the new template.
    let guide = fs::read_to_string(root.join("public/guides/how/index.html")).unwrap();
    assert!(guide.contains("the site's own page template"), "{guide}");
    assert_eq!(bytes_of(&root.join("public")), fresh_build(&root));
}

#[test]
fn a_previous_page_changed_or_removed_by_hand_is_rendered_again() {
    let (_temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root, &[]));
    let public = root.join("public");
    let expected = bytes_of(&public);
    // Folders in the output are the previous build's: tally never writes through them, so
    // replacing files there by hand is what a user (or another tool) would do.
    fs::write(public.join("guides/how/index.html"), "edited by hand").unwrap();
    fs::remove_file(public.join("sprints/S1/index.html")).unwrap();
    let text = succeeds(&build(&root, &["--timings"]));
    assert!(text.contains("(13 pages not rendered again)"), "{text}");
    assert_eq!(bytes_of(&public), expected);

    // A list of pages that is not tally's is ignored: every page is rendered.
    fs::write(public.join(PAGES_MANIFEST), "not a list of pages").unwrap();
    let text = succeeds(&build(&root, &["--timings"]));
    assert!(text.contains("(0 pages not rendered again)"), "{text}");
    assert_eq!(bytes_of(&public), expected);
}

#[test]
fn a_glossary_edit_renders_again_the_narratives_that_use_its_terms() {
    let (_temp, root) = copy_fixture("valid/small");
    replace_first(
        &root,
        "content/guides/how.md",
        "Go [home]",
        "Our libyears keep rising. Go [home]",
    );
    succeeds(&build(&root, &[]));
    let guide = || fs::read_to_string(root.join("public/guides/how/index.html")).unwrap();
    assert!(!guide().contains("class=\"term\""), "{}", guide());
    fs::write(
        root.join("content/glossary.toml"),
        "[[term]]\nterm = \"libyears\"\nmeans = \"How far behind the newest versions our dependencies are, in years.\"\n",
    )
    .unwrap();
    succeeds(&build(&root, &[]));
    // The guide's text did not change, but its HTML links the new term.
    assert!(
        guide().contains("<a class=\"term\" href=\"../../glossary/index.html#libyears\""),
        "{}",
        guide()
    );
    assert_eq!(bytes_of(&root.join("public")), fresh_build(&root));
}
