//! The delivery record on a site of its own: `tests/fixtures/valid/own_words` (teams `core` and
//! `edge`, systems `ledgerdb` and `portal`, sprints R1 and R2, its own severities and time zone)
//! with a small record written in by the test, so that nothing depends on the example's ids.
//! Every figure is computed by hand below. Without a record, no delivery page, link or sentence
//! appears.

use std::path::Path;

mod common;
use common::{
    accounts_json, add_to_site_toml, assert_pages_contain, build_to_temp, read, read_containing,
};

/// Q3 (no sprint): 30 releases, 6 failed. R1: 5 + 3 = 8, 1 failed. R2: 4 + 8 = 12, 1 failed.
const RELEASES: &str = "\
[[release]]\ndate = 2026-08-12\nteam = \"core\"\ncount = 30\nfailed = 6\n
[[release]]\ndate = 2026-11-03\nteam = \"core\"\nsystem = \"ledgerdb\"\ncount = 5\nfailed = 1\n
[[release]]\ndate = 2026-11-10\nteam = \"edge\"\ncount = 3\n
[[release]]\nid = \"portal-7\"\ndate = 2026-11-17\nteam = \"edge\"\nsystem = \"portal\"\ncount = 4\nfailed = 1\n
[[release]]\ndate = 2026-11-24\nteam = \"core\"\ncount = 8\n";

/// portal-down: 90 minutes, the most severe, followed up by R2's row titled "Portal outage"
/// (Edge, run, 6 person-days at 300 a day). ledger-slow: 20 minutes, the least severe.
const INCIDENTS: &str = "\
[[incident]]\nid = \"portal-down\"\ntitle = \"The portal was down\"\nstart = 2026-11-18T09:00:00\nend = 2026-11-18T10:30:00\nseverity = \"sev1\"\nsystems = [\"portal\"]\nteams = [\"edge\"]\ncustomer_impact = \"Nobody could sign in to the portal <b>at all</b>.\"\ncause = \"A release broke the sign-in page.\"\nfollow_up = [\"Portal outage\"]\nrelease = \"portal-7\"\n
[[incident]]\nid = \"ledger-slow\"\ntitle = \"The ledger was slow\"\nstart = 2026-11-04T14:00:00\nend = 2026-11-04T14:20:00\nseverity = \"sev3\"\nteams = [\"core\"]\ncustomer_impact = \"Reports took a minute to open.\"\ncause = \"A missing index.\"\n";

const EVENTS: &str = "[[event]]\nsprint = \"R1\"\nlabel = \"Team Edge formed\"\nkind = \"org\"\n";

fn site_with_record() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = common::fixture_with(
        "valid/own_words",
        &[
            ("content/data/releases.toml", RELEASES.as_bytes()),
            ("content/data/incidents.toml", INCIDENTS.as_bytes()),
            ("content/data/events.toml", EVENTS.as_bytes()),
        ],
    );
    add_to_site_toml(
        &root,
        "timezone = \"Europe/Oslo\"\nseverities = [\"sev3\", \"sev2\", \"sev1\"]",
    );
    (dir, root)
}

#[test]
fn the_figures_are_the_hand_computed_ones() {
    let (_site, root) = site_with_record();
    let (_dir, out) = build_to_temp(&root);
    let json = accounts_json(&out);
    let d = &json["delivery"];
    assert_eq!(d["this_quarter"], "2026-Q4");
    assert_eq!(d["sprints"]["R1"]["releases"], 8);
    assert_eq!(d["sprints"]["R2"]["failed_releases"], 1);
    assert_eq!(d["sprints"]["R2"]["change_failure_rate"], 0.083333);
    let q4 = &d["quarters"]["2026-Q4"];
    assert_eq!(
        (q4["releases"].as_u64(), q4["failed_releases"].as_u64()),
        (Some(20), Some(2))
    );
    assert_eq!(q4["change_failure_rate"], 0.1);
    assert_eq!(q4["incidents"]["sev1"], 1);
    assert_eq!(q4["incidents"]["sev3"], 1);
    // (20 + 90) / 2 minutes.
    assert_eq!(q4["time_to_restore_median_minutes"], 55.0);
    assert_eq!(q4["time_to_restore_worst_minutes"], 90.0);
    assert_eq!(q4["follow_up_upkeep"], 6.0);
    assert_eq!(d["last_four_quarters"]["change_failure_rate"], 0.2);
    assert_eq!(d["teams"]["edge"]["releases"], 7);
    let portal = &d["incidents"]["portal-down"];
    // 09:00 in Oslo in November is 08:00 UTC.
    assert_eq!(portal["start"], "2026-11-18T09:00:00+01:00");
    assert_eq!(portal["sprint"], "R2");
    assert_eq!(portal["follow_up_cost"], 1800.0);
    assert_eq!(d["events"][0]["sprint"], "R1");
}

#[test]
fn the_pages_say_it_in_words() {
    let (_site, root) = site_with_record();
    let (_dir, out) = build_to_temp(&root);
    assert_pages_contain(
        &out,
        &[
            (
                "delivery/index.html",
                &[
                    "2 of 20 releases in 2026-Q4 failed in production (10%), down from 20% over the four quarters before; 2 incidents, and service was back within 1 hour 30 minutes at worst.",
                    "delivery/portal-down/index.html",
                    // Free text is escaped.
                    "Nobody could sign in to the portal &lt;b&gt;at all&lt;/b&gt;.",
                ],
            ),
            (
                "delivery/portal-down/index.html",
                &[
                    "It lasted <strong>1 hour 30 minutes</strong>, from 09:00 to 10:30 on 18 November 2026 (Europe/Oslo).",
                    "The follow-up took 1 piece of work, 6 person-days, costing €1,800.",
                    "It followed a release by Edge on 17 November 2026 (portal-7).",
                    "Sev1 incident",
                ],
            ),
        ],
    );
    // R1 had 1 of 8 fail (12.5%); R2 1 of 12.
    read_containing(
        &out.join("sprints/R2/index.html"),
        &[
            "The teams released 12 times in this sprint; 1 release failed in production (8.3%), against 13% in the sprint before.",
            "Sev1 incident: <a href=\"../../delivery/portal-down/index.html\">The portal was down</a> (1 hour 30 minutes).",
        ],
    );
    assert!(read(&out.join("index.html")).contains("delivery/index.html\">Delivery</a>"));
}

#[test]
fn the_trend_charts_mark_the_severe_incident_and_the_event() {
    let (_site, root) = site_with_record();
    let (_dir, out) = build_to_temp(&root);
    let page = read(&out.join("sprints/R2/index.html"));
    // In the table of the investment mix, in its description, and drawn in both forms.
    assert!(
        page.contains("<td data-label=\"What happened\">Sev1 incident: The portal was down</td>"),
        "table"
    );
    assert!(page.contains("<td data-label=\"What happened\">Team Edge formed</td>"));
    assert!(page.contains(
        "Marked on the chart: Team Edge formed (R1) and Sev1 incident: The portal was down (R2)."
    ));
    // The least severe incident is not drawn.
    assert!(!page.contains("Sev3 incident: The ledger was slow</td>"));
    let csv = std::fs::read_dir(out.join("data/charts"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("investment-mix-R2")
        })
        .map(|e| read(&e.path()))
        .unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",What happened"),
        "{csv}"
    );
    assert!(csv.contains("Sev1 incident: The portal was down"), "{csv}");
}

#[test]
fn the_record_in_one_line_for_a_brief() {
    let (_site, root) = site_with_record();
    let line = record_line(&root);
    assert_eq!(
        line.as_deref(),
        Some(
            "Delivery in 2026-Q4: 2 of 20 releases failed in production (10%, against 20% over the four quarters before); 2 incidents, and service was back within 1 hour 30 minutes at worst."
        )
    );
    assert_eq!(record_line(&common::fixture("valid/own_words")), None);
}

fn record_line(root: &Path) -> Option<String> {
    use tally::accounts::Accounts;
    use tally::load::config::Config;
    use tally::load::ledger::Ledger;
    let config = Config::load(root).unwrap();
    let ledger = Ledger::load(root, &config).unwrap();
    let accounts = Accounts::compute(&config, &ledger);
    tally::words::delivery::record_line(&ledger, &accounts)
}

#[test]
fn without_a_record_there_is_no_delivery_page_link_or_sentence() {
    let (_dir, out) = build_to_temp(&common::fixture("valid/own_words"));
    assert!(!out.join("delivery").exists());
    for page in ["index.html", "sprints/R2/index.html"] {
        let text = read(&out.join(page));
        assert!(!text.contains("delivery/index.html"), "{page}");
        assert!(!text.contains("released"), "{page}");
        assert!(!text.contains("What happened"), "{page}");
    }
    assert!(accounts_json(&out).get("delivery").is_none());
}

/// A narrative of R2 that quotes the record through directives.
const NOTES: &str = "+++\ntitle = \"Delivery notes\"\nsprint = \"R2\"\n+++\n\nRate {{ value(metric=\"change_failure_rate\", last=2) }}; releases {{ value(metric=\"releases\") }}; Edge {{ value(metric=\"releases\", team=\"edge\", last=2) }}; restore {{ value(metric=\"time_to_restore\", last=2) }}; worst {{ value(metric=\"time_to_restore_worst\") }}; incidents {{ value(metric=\"incidents\", sprint=\"R1\") }}; failed {{ value(metric=\"failed_releases\", sprint=\"last:2\") }}; {{ delta(metric=\"change_failure_rate\", against=\"previous\") }}.\n";

#[test]
fn directives_give_the_delivery_figures() {
    let (_site, root) = site_with_record();
    std::fs::write(root.join("content/notes.md"), NOTES).unwrap();
    let (_dir, out) = build_to_temp(&root);
    // R1 and R2: 2 of 20 failed; Edge 3 + 4; the incidents' 20 and 90 minutes; R2 at 1 of 12
    // (8.3%) against R1's 1 of 8 (12.5%).
    read_containing(
        &out.join("notes/index.html"),
        &[
            "Rate 10%; releases 12; Edge 7; restore 55 minutes; worst 1 hour 30 minutes; incidents 1; failed 2; down 4 points from last sprint.",
        ],
    );
}

#[test]
fn a_wrong_delivery_directive_is_located() {
    let (_site, root) = site_with_record();
    let text = NOTES.replace("metric=\"releases\")", "metric=\"relases\")");
    std::fs::write(root.join("content/notes.md"), text).unwrap();
    common::assert_check_fails_with(
        &root,
        &[
            "unknown metric `relases`",
            "notes.md:6:",
            "did you mean `releases`?",
        ],
    );
    // Without a record, a delivery metric says what is missing.
    let (_plain, plain) = common::copy_fixture("valid/own_words");
    std::fs::write(plain.join("content/notes.md"), NOTES).unwrap();
    common::assert_check_fails_with(
        &plain,
        &[
            "`change_failure_rate` counts the delivery record, and this site records none",
            "add content/data/releases.toml",
        ],
    );
    // `last` twice over.
    let twice = NOTES.replace("sprint=\"last:2\")", "sprint=\"last:2\", last=2)");
    std::fs::write(root.join("content/notes.md"), twice).unwrap();
    common::assert_check_fails_with(&root, &["say the same thing twice"]);
}
