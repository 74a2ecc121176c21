//! The delivery figures against hand-computed numbers, on a small record built in memory.

use crate::accounts::delivery::*;
use crate::diagnostics::SourceFile;
use crate::load::config::Config;
use crate::load::input::Day;
use crate::load::ledger::{Ledger, LedgerSources};

const TEAMS: &str = "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 2\nday_cost = 500\n\n[[team]]\nid = \"b\"\nname = \"B\"\npeople = 3\n";
const S1: &str = "id = \"S1\"\nstart = 2026-06-15\nend = 2026-06-26\n[[work]]\nteam = \"a\"\ncategory = \"ktlo\"\neffort = 4\nref = \"A-1\"\n[[work]]\nteam = \"b\"\ncategory = \"ktlo\"\neffort = 2\nref = \"B-1\"\n[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 3\nref = \"A-2\"\n";
const S2: &str = "id = \"S2\"\nstart = 2026-06-29\nend = 2026-07-10\n[[work]]\nteam = \"a\"\ncategory = \"ktlo\"\neffort = 1\ninitiative = \"fix\"\n";
const INITIATIVES: &str = "[[initiative]]\nid = \"fix\"\nname = \"The fix\"\ncategory = \"ktlo\"\nowner = \"a\"\nstart = 2026-06-15\nscope = 10\n";
const RELEASES: &str = "\
[[release]]\ndate = 2026-06-16\nteam = \"a\"\ncount = 10\nfailed = 1\n
[[release]]\ndate = 2026-06-17\nteam = \"b\"\ncount = 5\n
[[release]]\ndate = 2026-06-30\nteam = \"a\"\ncount = 4\nfailed = 2\n
[[release]]\ndate = 2026-07-02\nteam = \"b\"\ncount = 6\n
[[release]]\ndate = 2025-12-01\nteam = \"a\"\ncount = 20\nfailed = 1\n
[[release]]\ndate = 2025-06-01\nteam = \"a\"\ncount = 100\n";
const INCIDENTS: &str = "\
[[incident]]\nid = \"i1\"\ntitle = \"One\"\nstart = 2026-06-16T10:00:00\nend = 2026-06-16T11:30:00\nseverity = \"minor\"\nteams = [\"a\"]\ncustomer_impact = \"x\"\ncause = \"y\"\nfollow_up = [\"A-1\", \"A-2\"]\n
[[incident]]\nid = \"i2\"\ntitle = \"Two\"\nstart = 2026-07-01T23:00:00\nend = 2026-07-02T01:00:00\nseverity = \"critical\"\nteams = [\"a\", \"b\"]\ncustomer_impact = \"x\"\ncause = \"y\"\nfollow_up = [\"fix\", \"B-1\"]\n
[[incident]]\nid = \"i3\"\ntitle = \"Three\"\nstart = 2026-06-20T08:00:00\nend = 2026-06-20T08:30:00\nseverity = \"major\"\ncustomer_impact = \"x\"\ncause = \"y\"\n";

fn books() -> (Config, Ledger) {
    let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
    let sources = LedgerSources {
        teams: Some(SourceFile::new("teams.toml", TEAMS)),
        sprints: vec![
            SourceFile::new("S1.toml", S1),
            SourceFile::new("S2.toml", S2),
        ],
        initiatives: Some(SourceFile::new("initiatives.toml", INITIATIVES)),
        releases: Some(SourceFile::new("releases.toml", RELEASES)),
        incidents: Some(SourceFile::new("incidents.toml", INCIDENTS)),
        ..LedgerSources::default()
    };
    let ledger = Ledger::check_sources(&config, sources).unwrap();
    (config, ledger)
}

fn figures() -> DeliveryAccounts {
    let (config, ledger) = books();
    accounts(&config, &ledger, config.upkeep_slot())
}

#[test]
fn per_sprint_releases_failures_incidents_and_restore() {
    let d = figures();
    let s1 = &d.sprints[0];
    assert_eq!((s1.releases, s1.failed), (15, 1));
    assert_eq!(s1.change_failure_rate(), Some(1.0 / 15.0));
    assert_eq!(s1.incidents, [1, 1, 0]);
    assert_eq!(s1.median_restore(), Some(60.0)); // 90 and 30
    assert_eq!(s1.worst_restore(), Some(90.0));
    assert_eq!(s1.follow_up_upkeep, 4.0); // A-1 only: A-2 is new work
    let s2 = &d.sprints[1];
    assert_eq!((s2.releases, s2.failed), (10, 2));
    assert_eq!(s2.change_failure_rate(), Some(0.2));
    assert_eq!(s2.incidents, [0, 0, 1]);
    // 23:00 to 01:00 the next day.
    assert_eq!(s2.median_restore(), Some(120.0));
    assert_eq!(s2.follow_up_upkeep, 3.0); // B-1 (2) and the fix's row (1)
}

#[test]
fn per_quarter_by_the_day_and_the_four_before() {
    let d = figures();
    let labels: Vec<String> = d.quarters.iter().map(|(q, _)| q.label()).collect();
    assert_eq!(labels, ["2025-Q2", "2025-Q4", "2026-Q2", "2026-Q3"]);
    let now = d.this_quarter.unwrap();
    assert_eq!(now.label(), "2026-Q3");
    // S2 straddles the quarters: its release of 30 June counts for Q2, of 2 July for Q3.
    let q3 = d.quarter(now).unwrap();
    assert_eq!((q3.releases, q3.failed), (6, 0));
    assert_eq!(q3.change_failure_rate(), Some(0.0));
    assert_eq!(q3.incidents, [0, 0, 1]);
    let q2 = d.quarter(now.previous()).unwrap();
    assert_eq!((q2.releases, q2.failed), (19, 3));
    // The four quarters before 2026-Q3: 2026-Q2 and 2025-Q4 recorded something, 2025-Q2 is
    // five quarters back.
    assert_eq!((d.last_four.releases, d.last_four.failed), (39, 4));
    assert_eq!(d.last_four.change_failure_rate(), Some(4.0 / 39.0));
    assert_eq!(d.last_four.incidents, [1, 1, 0]);
    assert_eq!(d.last_four.median_restore(), Some(60.0));
}

#[test]
fn per_team_and_per_incident_follow_up() {
    let d = figures();
    let a = &d.teams[0];
    assert_eq!((a.releases, a.failed), (134, 4));
    assert_eq!(a.incidents, [1, 0, 1]);
    assert_eq!(a.median_restore(), Some(105.0));
    assert_eq!(a.worst_restore(), Some(120.0));
    assert_eq!(a.follow_up_upkeep, 5.0); // A-1 (4) and the fix's row (1)
    let b = &d.teams[1];
    assert_eq!((b.releases, b.failed, b.follow_up_upkeep), (11, 0, 2.0));
    let one = &d.incidents[0];
    assert_eq!(
        (one.minutes, one.follow_up_effort, one.follow_up_upkeep),
        (90.0, 7.0, 4.0)
    );
    assert_eq!(one.follow_up_cost(), Some(3500.0));
    let two = &d.incidents[1];
    assert_eq!((two.follow_up_effort, two.follow_up_upkeep), (3.0, 3.0));
    // Team B has no day cost: the cost is known only in part.
    assert_eq!(two.follow_up_cost(), None);
    assert_eq!(two.follow_up_cost_known, 500.0);
    assert!(d.incidents[2].rows.is_empty());
}

#[test]
fn medians_and_quarters() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    let q1 = Quarter::of(Day("2026-02-10".parse().unwrap()));
    assert_eq!(q1.label(), "2026-Q1");
    assert_eq!(q1.previous().label(), "2025-Q4");
}

#[test]
fn no_record_gives_empty_figures() {
    let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
    let ledger = Ledger::check(
        &config,
        SourceFile::new("teams.toml", TEAMS),
        vec![SourceFile::new("S1.toml", S1)],
    )
    .unwrap();
    let d = accounts(&config, &ledger, config.upkeep_slot());
    assert!(ledger.delivery.is_empty());
    assert_eq!(d.sprints[0].change_failure_rate(), None);
    assert_eq!(d.sprints[0].median_restore(), None);
    assert_eq!(d.last_four.releases, 0);
}
