//! Invalid input: every problem is reported at its exact `path:line:col`, quoting the offending
//! line, with a `help:` saying how to fix it; the exit code is 1; nothing panics; and a failed
//! build never touches the previous output.
//!
//! Each case is a small site in `tests/fixtures/invalid/<case>/` with exactly one defect (the
//! `repair` of each case turns it into a site that checks cleanly, and a test makes sure of it).
//! `tally check` runs on the fixture in place, since it writes nothing; anything that writes
//! works on a copy in a temporary folder, so the repository stays clean.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

mod common;
use common::{assert_no_panic, stderr_slashed as stderr_of, tally};

/// One invalid site and what its report must say.
struct Case {
    /// Folder under `tests/fixtures/invalid/`.
    fixture: &'static str,
    /// A fragment of the `error:` line.
    message: &'static str,
    /// `path:line:col` of the problem, as printed after ` --> `.
    position: &'static str,
    /// The quoted source line, as printed: `<line number> | <text>`.
    line: &'static str,
    /// A fragment of a `help:` line; `None` where none is expected.
    help: Option<&'static str>,
    /// (file, text, replacement): the edit that fixes the one defect.
    repair: (&'static str, &'static str, &'static str),
}

const SPRINT: &str = "content/data/sprints/S1.toml";
const SPRINT_2: &str = "content/data/sprints/S2.toml";
const NARRATIVE: &str = "content/sprints/S1.md";
const SCENARIOS: &str = "content/data/scenarios.toml";
const INCIDENTS: &str = "content/data/incidents.toml";

const CASES: &[Case] = &[
    Case {
        fixture: "toml_syntax",
        message: "invalid basic string",
        position: "content/data/sprints/S1.toml:9:18",
        line: "9 | title = \"Checkout",
        help: Some("check the TOML syntax here"),
        repair: (SPRINT, "title = \"Checkout\n", "title = \"Checkout\"\n"),
    },
    Case {
        fixture: "unknown_work_key",
        message: "unknown key `efort`",
        position: "content/data/sprints/S1.toml:8:1",
        line: "8 | efort = 3",
        help: Some("did you mean `effort`?"),
        repair: (SPRINT, "efort = 3", "effort = 3"),
    },
    Case {
        fixture: "unknown_team",
        message: "unknown team `paymnts`",
        position: "content/data/sprints/S1.toml:6:8",
        line: "6 | team = \"paymnts\"",
        help: Some("did you mean `payments`?"),
        repair: (SPRINT, "\"paymnts\"", "\"payments\""),
    },
    Case {
        fixture: "unknown_category",
        message: "unknown category `improv`",
        position: "content/data/sprints/S1.toml:7:12",
        line: "7 | category = \"improv\"",
        help: Some("did you mean `improve`?"),
        repair: (SPRINT, "\"improv\"", "\"improve\""),
    },
    Case {
        fixture: "negative_effort",
        message: "-4 is negative",
        position: "content/data/sprints/S1.toml:8:10",
        line: "8 | effort = -4",
        help: Some("remove the minus sign"),
        repair: (SPRINT, "effort = -4", "effort = 4"),
    },
    Case {
        fixture: "quoted_effort",
        message: "expected a number, found the text \"12\"",
        position: "content/data/sprints/S1.toml:8:10",
        line: "8 | effort = \"12\"",
        help: Some("write a number without quotes"),
        repair: (SPRINT, "effort = \"12\"", "effort = 12"),
    },
    Case {
        fixture: "end_before_start",
        message: "the sprint ends (2026-01-05) before it starts (2026-01-16)",
        position: "content/data/sprints/S1.toml:3:7",
        line: "3 | end = 2026-01-05",
        help: Some("`end` is the sprint's last day and comes on or after `start`"),
        repair: (SPRINT, "end = 2026-01-05", "end = 2026-01-30"),
    },
    Case {
        fixture: "duplicate_sprint_id",
        message: "two sprints have the id `S1`",
        position: "content/data/sprints/S2.toml:1:6",
        line: "1 | id = \"S1\"",
        help: Some("give each sprint its own id"),
        repair: (SPRINT_2, "id = \"S1\"", "id = \"S2\""),
    },
    Case {
        fixture: "overlapping_sprints",
        message: "sprint `S2` starts on 2026-01-12, before sprint `S1`",
        position: "content/data/sprints/S2.toml:2:9",
        line: "2 | start = 2026-01-12",
        help: Some("sprints may not overlap"),
        repair: (
            SPRINT_2,
            "start = 2026-01-12\nend = 2026-01-23",
            "start = 2026-01-19\nend = 2026-01-30",
        ),
    },
    Case {
        fixture: "unclosed_front_matter",
        message: "the front matter is not closed",
        position: "content/sprints/S1.md:1:1",
        line: "1 | +++",
        help: Some("add a line with `+++` after the front matter"),
        repair: (NARRATIVE, "sprint = \"S1\"\n", "sprint = \"S1\"\n+++\n"),
    },
    Case {
        fixture: "missing_title",
        message: "missing key `title`",
        position: "content/sprints/S1.md:1:1",
        line: "1 | +++",
        help: Some("every narrative needs a title"),
        repair: (
            NARRATIVE,
            "+++\nsprint",
            "+++\ntitle = \"Sprint 1\"\nsprint",
        ),
    },
    Case {
        fixture: "unknown_narrative_sprint",
        message: "unknown sprint `S9`",
        position: "content/sprints/S1.md:3:10",
        line: "3 | sprint = \"S9\"",
        help: Some("the known sprints are: S1"),
        repair: (NARRATIVE, "\"S9\"", "\"S1\""),
    },
    Case {
        fixture: "template_syntax",
        message: "template syntax error",
        position: "templates/page.html:4:7",
        line: "4 | {% if %}oops{% endif %}",
        help: Some("fix the template"),
        repair: ("templates/page.html", "{% if %}", "{% if true %}"),
    },
    Case {
        fixture: "template_render",
        message: "Variable `nope` is not defined",
        position: "templates/page.html:4:7",
        line: "4 | <p>{{ nope }}</p>",
        help: Some("fix the template"),
        repair: ("templates/page.html", "{{ nope }}", "{{ narrative.title }}"),
    },
    Case {
        fixture: "unknown_site_key",
        message: "unknown key `titel`",
        position: "site.toml:2:1",
        line: "2 | titel = \"x\"",
        help: Some("did you mean `title`?"),
        repair: ("site.toml", "titel = \"x\"\n", ""),
    },
    Case {
        fixture: "bad_colour",
        message: "a colour is written `#rrggbb`",
        position: "site.toml:5:9",
        line: "5 | color = \"#12345\"",
        help: Some("for example `color = \"#d97706\"`"),
        repair: ("site.toml", "\"#12345\"", "\"#123456\""),
    },
    Case {
        fixture: "unknown_current_sprint",
        message: "`current_sprint` names an unknown sprint `nope`",
        position: "site.toml:2:18",
        line: "2 | current_sprint = \"nope\"",
        help: Some("remove `current_sprint` to use the latest sprint"),
        repair: ("site.toml", "\"nope\"", "\"S1\""),
    },
    Case {
        fixture: "duplicate_team",
        message: "the team `payments` is defined twice",
        position: "content/data/teams.toml:12:6",
        line: "12 | id = \"payments\"",
        help: Some("give each team its own id"),
        repair: (
            "content/data/teams.toml",
            "id = \"payments\"\nname = \"Payments again\"",
            "id = \"data\"\nname = \"Data\"",
        ),
    },
    Case {
        fixture: "scenario_unknown_initiative",
        message: "unknown initiative `chekout`",
        position: "content/data/scenarios.toml:4:14",
        line: "4 | initiative = \"chekout\"",
        help: Some("did you mean `checkout`?"),
        repair: (SCENARIOS, "\"chekout\"", "\"checkout\""),
    },
    Case {
        fixture: "scenario_unknown_take_from",
        message: "unknown initiative or category `ap`",
        position: "content/data/scenarios.toml:6:13",
        line: "6 | take_from = \"ap\"",
        help: Some("did you mean `app`?"),
        repair: (SCENARIOS, "\"ap\"", "\"app\""),
    },
    Case {
        fixture: "scenario_from_past",
        message: "a scenario starts after the current sprint (S1), not in `S1`",
        position: "content/data/scenarios.toml:6:8",
        line: "6 | from = \"S1\"",
        help: Some("write from = \"next\""),
        repair: (SCENARIOS, "\"S1\"", "\"next\""),
    },
    Case {
        fixture: "scenario_two_changes",
        message: "a scenario makes one change, not two",
        position: "content/data/scenarios.toml:6:8",
        line: "6 | stop = true",
        help: Some("to test both, write two scenarios"),
        repair: (SCENARIOS, "stop = true", "stop = false"),
    },
    Case {
        fixture: "unknown_scenario_directive",
        message: "unknown scenario `fnd`",
        position: "content/sprints/S1.md:8:16",
        line: "8 | {{ scenario(id=\"fnd\") }}",
        help: Some("did you mean `fund`?"),
        repair: (NARRATIVE, "\"fnd\"", "\"fund\""),
    },
    Case {
        fixture: "incident_end_before_start",
        message: "the incident ends (2026-01-06 15:30) before it starts (2026-01-07 14:00)",
        position: "content/data/incidents.toml:5:7",
        line: "5 | end = 2026-01-06T15:30:00",
        help: Some("`end` is when service was back, on or after `start`"),
        repair: (
            INCIDENTS,
            "end = 2026-01-06T15:30:00",
            "end = 2026-01-07T15:30:00",
        ),
    },
    Case {
        fixture: "unknown_incident_severity",
        message: "unknown severity `majr`",
        position: "content/data/incidents.toml:6:12",
        line: "6 | severity = \"majr\"",
        help: Some("did you mean `major`? the known severities are: minor, major, critical"),
        repair: (INCIDENTS, "\"majr\"", "\"major\""),
    },
    Case {
        fixture: "unknown_release_team",
        message: "unknown team `paymnts`",
        position: "content/data/releases.toml:8:8",
        line: "8 | team = \"paymnts\"",
        help: Some("did you mean `payments`?"),
        repair: ("content/data/releases.toml", "\"paymnts\"", "\"payments\""),
    },
];

// ---------------------------------------------------------------------------------------------
// Helpers

/// What `tally check` of the fixture `invalid/<name>` prints on stderr says `part`.
fn assert_fixture_report_contains(name: &str, part: &str) {
    let stderr = stderr_of(&check(&fixture_dir(name)));
    assert!(stderr.contains(part), "{stderr}");
}

fn fixture_dir(name: &str) -> PathBuf {
    common::fixture("invalid").join(name)
}

fn case(name: &str) -> &'static Case {
    CASES
        .iter()
        .find(|c| c.fixture == name)
        .unwrap_or_else(|| panic!("no case `{name}`"))
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    tally().args(args).output().expect("tally runs")
}

fn check(root: &Path) -> Output {
    run(&["check".as_ref(), "--root".as_ref(), root.as_os_str()])
}

fn build(root: &Path, output: &Path) -> Output {
    run(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output-dir".as_ref(),
        output.as_os_str(),
    ])
}

/// Exit code 1, one error, at the case's position, quoting its line, with its help.
fn assert_reports(output: &Output, case: &Case) {
    let stderr = stderr_of(output);
    assert_no_panic(output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stderr:\n{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("error: ") && l.contains(case.message)),
        "no `error: ...{}...` line in:\n{stderr}",
        case.message
    );
    assert!(
        stderr
            .lines()
            .any(|l| l == format!(" --> {}", case.position)
                || l.trim_start() == format!("--> {}", case.position)),
        "no ` --> {}` in:\n{stderr}",
        case.position
    );
    assert!(
        stderr.lines().any(|l| l.trim_start() == case.line),
        "the source line `{}` is not quoted in:\n{stderr}",
        case.line
    );
    if let Some(help) = case.help {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("help:") && l.contains(help)),
            "no `help: ...{help}...` in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("tally: the site has 1 error\n"),
        "expected exactly one error in:\n{stderr}"
    );
}

/// A copy of a fixture in a temporary folder: (the temporary folder, the site root inside it).
fn copy_fixture(name: &str) -> (TempDir, PathBuf) {
    common::copy_fixture(&format!("invalid/{name}"))
}

/// Applies a (file, text, replacement) edit, insisting that the text is there.
fn edit(root: &Path, (file, text, replacement): (&str, &str, &str)) {
    common::replace_first(root, file, text, replacement);
}

/// A valid site with a narrative and a template override: a fixture with its defect repaired.
fn valid_site() -> (TempDir, PathBuf) {
    let (temp, root) = copy_fixture("template_render");
    edit(&root, case("template_render").repair);
    (temp, root)
}

/// Every file under `dir` (relative path → bytes), and every folder (→ `None`).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(base: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(base).unwrap().to_path_buf();
            if path.is_dir() {
                into.insert(relative, None);
                walk(base, &path, into);
            } else {
                into.insert(relative, Some(fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// Names in `dir` that look like a build's leftovers (staging or moved-aside folders).
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tally-building"))
        .collect()
}

/// Fails the test, naming them, when `dir` holds a build's leftovers.
fn assert_no_leftovers(dir: &Path) {
    assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
}

// ---------------------------------------------------------------------------------------------
// `tally check` reports each defect

macro_rules! check_reports {
    ($($test:ident => $fixture:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                let case = case($fixture);
                assert_reports(&check(&fixture_dir(case.fixture)), case);
            }
        )*
    };
}

check_reports! {
    check_reports_malformed_toml_in_a_sprint => "toml_syntax",
    check_reports_an_unknown_key_in_a_work_row => "unknown_work_key",
    check_reports_an_unknown_team => "unknown_team",
    check_reports_an_unknown_category => "unknown_category",
    check_reports_negative_effort => "negative_effort",
    check_reports_quoted_effort => "quoted_effort",
    check_reports_end_before_start => "end_before_start",
    check_reports_two_sprints_with_one_id => "duplicate_sprint_id",
    check_reports_overlapping_sprints => "overlapping_sprints",
    check_reports_unclosed_front_matter => "unclosed_front_matter",
    check_reports_front_matter_without_title => "missing_title",
    check_reports_a_narrative_naming_an_unknown_sprint => "unknown_narrative_sprint",
    check_reports_a_template_syntax_error_in_an_override => "template_syntax",
    check_reports_a_template_render_error_in_an_override => "template_render",
    check_reports_an_unknown_key_in_site_toml => "unknown_site_key",
    check_reports_a_bad_category_colour => "bad_colour",
    check_reports_an_unknown_current_sprint => "unknown_current_sprint",
    check_reports_a_duplicate_team => "duplicate_team",
    check_reports_a_scenario_naming_an_unknown_initiative => "scenario_unknown_initiative",
    check_reports_a_scenario_taking_from_an_unknown_name => "scenario_unknown_take_from",
    check_reports_a_scenario_starting_in_the_past => "scenario_from_past",
    check_reports_a_scenario_with_two_changes => "scenario_two_changes",
    check_reports_an_unknown_scenario_in_a_directive => "unknown_scenario_directive",
    check_reports_an_incident_ending_before_it_starts => "incident_end_before_start",
    check_reports_an_unknown_incident_severity => "unknown_incident_severity",
    check_reports_an_unknown_team_of_a_release => "unknown_release_team",
}

#[test]
fn duplicate_sprint_id_names_the_other_file() {
    assert_fixture_report_contains(
        "duplicate_sprint_id",
        "also used by content/data/sprints/S1.toml",
    );
}

#[test]
fn template_render_error_names_the_page_being_rendered() {
    assert_fixture_report_contains("template_render", "(while rendering `about/index.html`)");
}

/// Each fixture has exactly one defect: with its repair applied, the site checks cleanly.
/// This keeps the fixtures honest as tally's checks grow.
#[test]
fn every_fixture_is_valid_once_repaired() {
    for case in CASES {
        let (_temp, root) = copy_fixture(case.fixture);
        edit(&root, case.repair);
        let output = check(&root);
        assert_no_panic(&output);
        assert!(
            output.status.success(),
            "`{}` still fails after its repair:\n{}",
            case.fixture,
            stderr_of(&output)
        );
    }
}

// Errors raised by tally's own value checks and TOML syntax errors carry a help line too.

fn assert_has_help(fixture: &str) {
    let output = check(&fixture_dir(fixture));
    let stderr = stderr_of(&output);
    assert!(
        stderr
            .lines()
            .any(|l| l.trim_start().starts_with("= help:")),
        "no `help:` line in:\n{stderr}"
    );
}

#[test]
fn malformed_toml_has_a_help_line() {
    assert_has_help("toml_syntax");
}

#[test]
fn negative_effort_has_a_help_line() {
    assert_has_help("negative_effort");
}

#[test]
fn quoted_effort_has_a_help_line() {
    assert_has_help("quoted_effort");
}

// ---------------------------------------------------------------------------------------------
// `tally build` reports the same, and writes nothing

fn assert_build_reports(fixture: &str) {
    let case = case(fixture);
    let (temp, root) = copy_fixture(case.fixture);
    let before = snapshot(&root);
    let output_dir = temp.path().join("out");
    assert_reports(&build(&root, &output_dir), case);
    assert!(!output_dir.exists(), "a failed build created its output");
    assert_eq!(
        snapshot(&root),
        before,
        "a failed build changed the site's folder"
    );
    assert_no_leftovers(temp.path());
}

#[test]
fn build_reports_malformed_toml() {
    assert_build_reports("toml_syntax");
}

#[test]
fn build_reports_an_unknown_team() {
    assert_build_reports("unknown_team");
}

#[test]
fn build_reports_unclosed_front_matter() {
    assert_build_reports("unclosed_front_matter");
}

#[test]
fn build_reports_a_template_syntax_error() {
    assert_build_reports("template_syntax");
}

#[test]
fn build_reports_a_template_render_error() {
    assert_build_reports("template_render");
}

#[test]
fn build_reports_an_unknown_key_in_site_toml() {
    assert_build_reports("unknown_site_key");
}

#[test]
fn build_with_the_default_output_dir_writes_nothing_on_error() {
    let (_temp, root) = copy_fixture("duplicate_team");
    let output = run(&["build".as_ref(), "--root".as_ref(), root.as_os_str()]);
    assert_reports(&output, case("duplicate_team"));
    assert!(!root.join("public").exists());
    assert_no_leftovers(&root);
}

// ---------------------------------------------------------------------------------------------
// Output folders are never damaged

#[test]
fn failed_build_leaves_the_previous_output_unchanged() {
    let (temp, root) = valid_site();
    let output_dir = temp.path().join("out");
    let first = build(&root, &output_dir);
    assert_no_panic(&first);
    assert!(first.status.success(), "{}", stderr_of(&first));
    let built = snapshot(&output_dir);
    assert!(built.contains_key(Path::new("index.html")), "{built:?}");
    assert!(
        built.contains_key(Path::new("about/index.html")),
        "{built:?}"
    );

    // Two data errors, found while loading, and a template error, found while rendering after
    // everything loaded. Each is undone before the next.
    let breaks = [
        (SPRINT, "team = \"payments\"", "team = \"paymnts\""),
        (SPRINT, "effort = 10", "effort = -10"),
        ("templates/page.html", "{{ narrative.title }}", "{{ nope }}"),
    ];
    for (file, text, replacement) in breaks {
        let original = fs::read_to_string(root.join(file)).unwrap();
        edit(&root, (file, text, replacement));
        let output = build(&root, &output_dir);
        assert_no_panic(&output);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{file}: {stderr}");
        assert!(stderr.contains(&format!(" --> {file}:")), "{stderr}");
        assert_eq!(
            snapshot(&output_dir),
            built,
            "a failed build changed the output ({file})"
        );
        assert_no_leftovers(temp.path());
        fs::write(root.join(file), original).unwrap();
    }
}

#[test]
fn build_refuses_a_non_empty_folder_it_did_not_create() {
    let (temp, root) = valid_site();
    let output_dir = temp.path().join("mine");
    fs::create_dir_all(output_dir.join("notes")).unwrap();
    fs::write(output_dir.join("notes/keep.txt"), "my own notes\n").unwrap();
    fs::write(output_dir.join("index.html"), "<p>mine</p>\n").unwrap();
    let before = snapshot(&output_dir);

    let output = build(&root, &output_dir);
    assert_no_panic(&output);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("was not created by tally"), "{stderr}");
    assert_eq!(snapshot(&output_dir), before, "the folder was touched");
    assert_no_leftovers(temp.path());
}

#[test]
fn build_replaces_its_own_output() {
    let (temp, root) = valid_site();
    let output_dir = temp.path().join("out");
    for _ in 0..2 {
        let output = build(&root, &output_dir);
        assert!(output.status.success(), "{}", stderr_of(&output));
    }
    assert!(output_dir.join("index.html").is_file());
    assert_no_leftovers(temp.path());
}

// ---------------------------------------------------------------------------------------------
// `tally init`

#[test]
fn init_refuses_a_non_empty_folder() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("site");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "keep me\n").unwrap();
    let before = snapshot(&dir);

    let output = run(&["init".as_ref(), dir.as_os_str()]);
    assert_no_panic(&output);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(snapshot(&dir), before, "init wrote into a non-empty folder");
}

#[test]
fn init_writes_a_site_that_builds() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("new-site");

    let output = run(&["init".as_ref(), dir.as_os_str()]);
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(dir.join("site.toml").is_file());

    let output = run(&["build".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(dir.join("public/index.html").is_file());
}

// ---------------------------------------------------------------------------------------------
// Usage errors exit 2

#[test]
fn usage_errors_exit_2() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().as_os_str();
    let cases: &[&[&std::ffi::OsStr]] = &[
        &[],
        &["frobnicate".as_ref()],
        &["build".as_ref(), "--frobnicate".as_ref()],
        &["check".as_ref(), "--root".as_ref()],
        &["check".as_ref(), "--root".as_ref(), root, "extra".as_ref()],
        &["init".as_ref()],
    ];
    for args in cases {
        let output = run(args);
        assert_no_panic(&output);
        assert_eq!(
            output.status.code(),
            Some(2),
            "tally {args:?}:\n{}",
            stderr_of(&output)
        );
    }
    assert!(
        fs::read_dir(temp.path()).unwrap().next().is_none(),
        "a usage error wrote files"
    );
}

#[test]
fn a_folder_without_site_toml_is_an_input_error_not_a_panic() {
    let temp = tempfile::tempdir().unwrap();
    let output = check(temp.path());
    assert_no_panic(&output);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no site.toml"), "{stderr}");
}
