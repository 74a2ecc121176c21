//! The output folder is safe: tally never writes the site over its own sources, a build killed
//! at any point leaves the previous site or the new one whole, leftovers of killed builds never
//! block or pile up, and two builds into one folder take turns.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;
use common::{
    assert_contains_all, copy_fixture, stderr_slashed as stderr, tally_process as tally, tree,
};

/// `tally build --root ROOT [ARGS]`, run from `cwd`.
fn build_in(cwd: &Path, root: &Path, args: &[&str]) -> Output {
    tally()
        .current_dir(cwd)
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn build(root: &Path) -> Output {
    build_in(root, root, &[])
}

fn succeeds(output: &Output) -> String {
    let text = stderr(output);
    assert!(
        output.status.success(),
        "exit {:?}:\n{text}",
        output.status.code()
    );
    text
}

fn fails_with(output: &Output, code: i32) -> String {
    let text = stderr(output);
    assert!(!text.contains("panicked"), "{text}");
    assert_eq!(output.status.code(), Some(code), "{text}");
    text
}

/// Names next to `public/` that a build leaves behind: staging, moved-aside and lock files.
fn leftovers(parent: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public."))
        .collect();
    names.sort();
    names
}

/// A copy of the repository's example site (site.toml and content/), as in the issue's
/// reproductions: (the temporary folder, the site root inside it).
fn example_site() -> (tempfile::TempDir, PathBuf) {
    common::copy_example_as("S", &["content"])
}

/// A copy of the `valid/small` fixture, built: (the temporary folder, the site root, the
/// built site's files).
fn small_site_built() -> (tempfile::TempDir, PathBuf, BTreeMap<String, Vec<u8>>) {
    let (temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root));
    let site = tree(&root.join("public"));
    (temp, root, site)
}

/// The next build succeeds, writes the same `site` again and leaves nothing next to `public/`.
fn assert_next_build_restores(root: &Path, site: &BTreeMap<String, Vec<u8>>) {
    succeeds(&build(root));
    assert_eq!(&tree(&root.join("public")), site);
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

/// A folder holding tally's marker and one file, like a build's leftover.
fn marked_folder(path: &Path, file: &str) {
    fs::create_dir_all(path).unwrap();
    fs::write(path.join(".tally-output"), "written by tally\n").unwrap();
    fs::write(path.join(file), "left over\n").unwrap();
}

// ---------------------------------------------------------------------------------------------
// The output may not hold or replace the site's sources

#[test]
fn the_sites_own_folder_is_refused_as_output_even_with_a_marker_in_it() {
    // The reproduction: a `.tally-output` copied into the site by accident, and the
    // build run from another folder.
    let (temp, root) = example_site();
    fs::write(root.join(".tally-output"), "copied here by accident\n").unwrap();
    let before = tree(temp.path());

    let output = build_in(
        temp.path(),
        &root,
        &["--output-dir", root.to_str().unwrap()],
    );
    let text = fails_with(&output, 4);
    assert_contains_all(
        &text,
        &["will not write the site into", "the site's own folder"],
    );
    assert_eq!(tree(temp.path()), before, "the site's files were touched");
    assert!(root.join("site.toml").is_file());
}

#[test]
fn output_folders_that_hold_or_lie_inside_the_sources_are_refused() {
    let (temp, root) = copy_fixture("valid/small");
    fs::create_dir_all(root.join("themes/mine/templates")).unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/logo.svg"), "<svg/>").unwrap();
    let parent = temp.path().to_str().unwrap().to_string();
    let cases: &[(&str, &str)] = &[
        (".", "the site's own folder"),
        ("./", "the site's own folder"),
        ("..", "contains the site's folder"),
        (&parent, "contains the site's folder"),
        ("not-yet/../..", "contains the site's folder"),
        ("site.toml", "site.toml"),
        ("content", "is the site's content/ folder"),
        ("content/pub", "inside the site's content/ folder"),
        ("content/data", "inside the site's content/ folder"),
        ("themes", "is the site's themes/ folder"),
        ("themes/mine/out", "inside the site's themes/ folder"),
        ("templates", "is the site's templates/ folder"),
        ("static/out", "inside the site's static/ folder"),
    ];
    let elsewhere = tempfile::tempdir().unwrap();
    for (dir, why) in cases {
        let before = tree(temp.path());
        let output = build_in(elsewhere.path(), &root, &["--output-dir", dir]);
        let text = fails_with(&output, 4);
        assert!(text.contains(why), "--output-dir {dir}: {text}");
        assert_eq!(
            tree(temp.path()),
            before,
            "--output-dir {dir} touched files"
        );
        assert!(!root.join("content/pub").exists(), "--output-dir {dir}");
        assert!(!root.join("templates").exists(), "--output-dir {dir}");
    }
}

#[test]
fn a_build_into_content_no_longer_republishes_itself() {
    // Before: every build copied the last one into content/pub/pub/...
    let (_temp, root) = copy_fixture("valid/small");
    for _ in 0..2 {
        fails_with(&build_in(&root, &root, &["--output-dir", "content/pub"]), 4);
    }
    assert!(!root.join("content/pub").exists());
}

#[cfg(unix)]
#[test]
fn symlinks_to_the_site_or_its_sources_are_refused() {
    use std::os::unix::fs::symlink;
    let (temp, root) = copy_fixture("valid/small");
    fs::write(root.join(".tally-output"), "copied here by accident\n").unwrap();
    symlink(&root, temp.path().join("to-site")).unwrap();
    symlink(root.join("content"), temp.path().join("to-content")).unwrap();
    symlink(temp.path(), temp.path().join("to-parent")).unwrap();
    symlink("../to-content", root.join("public")).unwrap();
    let cases = [
        ("../to-site", "the site's own folder"),
        ("../to-content", "the site's content/ folder"),
        ("../to-parent", "contains the site's folder"),
        ("public", "the site's content/ folder"),
    ];
    for (dir, why) in cases {
        let before = tree(temp.path());
        let text = fails_with(&build_in(temp.path(), &root, &["--output-dir", dir]), 4);
        assert!(text.contains(why), "--output-dir {dir}: {text}");
        assert_eq!(
            tree(temp.path()),
            before,
            "--output-dir {dir} touched files"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_outside_the_site_is_written_through_and_kept() {
    let (temp, root) = copy_fixture("valid/small");
    let deploy = temp.path().join("deploy");
    fs::create_dir(&deploy).unwrap();
    std::os::unix::fs::symlink(&deploy, root.join("public")).unwrap();
    for _ in 0..2 {
        succeeds(&build(&root));
    }
    assert!(
        fs::symlink_metadata(root.join("public"))
            .unwrap()
            .is_symlink()
    );
    assert!(deploy.join("index.html").is_file());
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    assert!(leftovers(temp.path()).is_empty());
}

#[test]
fn a_folder_that_cannot_be_written_exits_3_and_names_it() {
    let (temp, root) = copy_fixture("valid/small");
    fs::write(temp.path().join("blocker"), "a file, not a folder\n").unwrap();
    let output = build_in(&root, &root, &["--output-dir", "../blocker/public"]);
    let text = fails_with(&output, 3);
    assert!(text.contains("blocker"), "{text}");
}

#[test]
fn a_folder_tally_did_not_create_is_refused_with_exit_4() {
    let (temp, root) = copy_fixture("valid/small");
    let mine = temp.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "mine\n").unwrap();
    let text = fails_with(&build_in(&root, &root, &["--output-dir", "../mine"]), 4);
    assert!(text.contains("was not created by tally"), "{text}");
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "mine\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Leftovers of killed builds

#[test]
fn a_moved_aside_site_left_by_a_kill_never_blocks_the_next_build() {
    // Before: `could not move aside ./public: Directory not empty`, on every build.
    let (_temp, root, site) = small_site_built();
    marked_folder(&root.join(".public.old"), "index.html");

    assert_next_build_restores(&root, &site);
}

#[test]
fn a_kill_between_the_two_renames_is_repaired_by_the_next_build() {
    // What the two-rename swap left when killed between its renames: no public/ at all, the
    // old site in .public.old and the staging folder of the killed build.
    let (_temp, root, site) = small_site_built();
    fs::rename(root.join("public"), root.join(".public.old")).unwrap();
    marked_folder(&root.join(".public.tally-building-4194301"), "index.html");
    fs::create_dir(root.join(".public.tally-building-4194302")).unwrap();
    fs::write(root.join(".public.tally-lock"), "").unwrap();

    assert_next_build_restores(&root, &site);
}

#[test]
fn leftovers_without_the_marker_are_left_alone_and_named() {
    let (_temp, root) = copy_fixture("valid/small");
    succeeds(&build(&root));
    for name in [".public.old", ".public.tally-building-12"] {
        fs::create_dir(root.join(name)).unwrap();
        fs::write(root.join(name).join("mine.txt"), "mine\n").unwrap();
    }

    let text = succeeds(&build(&root));
    for name in [".public.old", ".public.tally-building-12"] {
        assert!(text.contains(&format!("{name}` alone")), "{name}: {text}");
        assert_eq!(
            fs::read_to_string(root.join(name).join("mine.txt")).unwrap(),
            "mine\n"
        );
    }
    assert!(root.join("public/index.html").is_file());
}

// ---------------------------------------------------------------------------------------------
// Killed builds

/// The small fixture with a few hundred more pages, so that a build takes long enough to be
/// killed part way.
fn large_site() -> (tempfile::TempDir, PathBuf) {
    let (temp, root) = copy_fixture("valid/small");
    let notes = root.join("content/notes");
    fs::create_dir_all(&notes).unwrap();
    for i in 0..250 {
        fs::write(
            notes.join(format!("note-{i:03}.md")),
            format!(
                "+++\ntitle = \"Note {i}\"\nsummary = \"Generated note {i}.\"\n+++\n\n\
                 Note {i} says where the time went.\n\n## More\n\nAnd a little more.\n"
            ),
        )
        .unwrap();
    }
    (temp, root)
}

/// Gives the site a title, which every page shows: two titles give two sites that differ on
/// every page.
fn set_title(root: &Path, title: &str) {
    let path = root.join("site.toml");
    let text = fs::read_to_string(&path).unwrap();
    let rest = text.split_once('\n').unwrap().1;
    assert!(text.starts_with("title = "));
    fs::write(path, format!("title = \"{title}\"\n{rest}")).unwrap();
}

fn spawn_build(root: &Path) -> Child {
    tally()
        .arg("build")
        .arg("--root")
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// When to kill a build: after a delay, or as soon as something is seen on disk.
enum Moment {
    After(Duration),
    /// Checked with the staging folder and the title of the site being replaced.
    When(&'static str, fn(&Path, &str) -> bool),
}

impl Moment {
    /// Waits for the moment (or for the build to end by itself).
    fn wait(&self, child: &mut Child, staging: &Path, old_title: &str) {
        let started = Instant::now();
        loop {
            let reached = match self {
                Moment::After(delay) => started.elapsed() >= *delay,
                Moment::When(_, seen) => seen(staging, old_title),
            };
            if reached
                || child.try_wait().unwrap().is_some()
                || started.elapsed() > Duration::from_secs(30)
            {
                return;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    fn name(&self) -> String {
        match self {
            Moment::After(delay) => format!("after {} ms", delay.as_millis()),
            Moment::When(what, _) => format!("when {what}"),
        }
    }
}

fn contains(path: &Path, words: &str) -> bool {
    fs::read_to_string(path).is_ok_and(|text| text.contains(words))
}

#[test]
fn a_build_killed_at_any_point_leaves_the_old_or_the_new_site_whole() {
    let (_temp, root) = large_site();
    let public = root.join("public");
    const TITLES: [&str; 2] = ["Site version one", "Site version two"];
    set_title(&root, TITLES[0]);
    succeeds(&build(&root));
    let one = tree(&public);
    set_title(&root, TITLES[1]);
    let started = Instant::now();
    succeeds(&build(&root));
    let whole = started.elapsed();
    let two = tree(&public);
    assert_ne!(one, two);
    let sites = [one, two];

    let mut moments: Vec<Moment> = [5u32, 15, 30, 45, 60, 75, 90, 100]
        .iter()
        .map(|&percent| Moment::After(whole * percent / 100))
        .collect();
    moments.push(Moment::When("the staging folder appears", |staging, _| {
        staging.exists()
    }));
    moments.push(Moment::When("pages are being written", |staging, _| {
        staging.join("notes").exists()
    }));
    moments.push(Moment::When(
        "the data files are being written",
        |staging, _| staging.join("data").exists(),
    ));
    // After the swap the staging folder holds the previous site, which is being removed.
    moments.push(Moment::When(
        "the previous site is being removed",
        |staging, old| contains(&staging.join("index.html"), old),
    ));

    let mut current = 1;
    for moment in &moments {
        let next = 1 - current;
        set_title(&root, TITLES[next]);
        let mut child = spawn_build(&root);
        let staging = root.join(format!(".public.tally-building-{}", child.id()));
        moment.wait(&mut child, &staging, TITLES[current]);
        let _ = child.kill();
        child.wait().unwrap();
        let now = tree(&public);
        current = sites
            .iter()
            .position(|site| *site == now)
            .unwrap_or_else(|| {
                panic!(
                    "killed {}: public/ is neither the old nor the new site ({} files)",
                    moment.name(),
                    now.len()
                )
            });
    }

    let next = 1 - current;
    set_title(&root, TITLES[next]);
    succeeds(&build(&root));
    assert!(tree(&public) == sites[next], "the build after the kills");
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

// ---------------------------------------------------------------------------------------------
// Two builds at once

/// Lines of a child's stderr, as they come.
fn stderr_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (send, receive) = mpsc::channel();
    let stream = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

#[test]
fn a_build_waits_while_another_build_writes_the_same_folder() {
    let (_temp, root) = copy_fixture("valid/small");
    set_title(&root, "Before");
    succeeds(&build(&root));
    let before = tree(&root.join("public"));
    set_title(&root, "After");

    // Hold the lock a build takes, as a build in progress does.
    let lock = fs::File::create(root.join(".public.tally-lock")).unwrap();
    lock.lock().unwrap();
    let mut child = tally()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = stderr_lines(&mut child);
    let first = lines.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(
        first.starts_with("waiting for another build that is writing")
            && first.ends_with("public/"),
        "{first}"
    );
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build did not wait"
    );
    assert_eq!(tree(&root.join("public")), before);

    drop(lock);
    let status = child.wait().unwrap();
    let rest: Vec<String> = lines.iter().collect();
    assert!(status.success(), "{rest:?}");
    assert!(contains(&root.join("public/index.html"), "After"));
    assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
}

#[test]
fn two_builds_started_together_both_succeed_and_leave_one_whole_site() {
    let (temp, root) = large_site();
    let expected = temp.path().join("expected");
    succeeds(&build_in(&root, &root, &["--output-dir", "../expected"]));
    let expected = tree(&expected);
    for _ in 0..2 {
        let children = [spawn_build(&root), spawn_build(&root)];
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        assert!(
            tree(&root.join("public")) == expected,
            "the site is not whole"
        );
        assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    }
}
