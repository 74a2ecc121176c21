//! Scenario maths by hand, on a small site: team `a` (2 people, 500 a day), four two-week
//! sprints S0–S3 from 2026-01-05 (S3, the current one, ends 2026-02-27), an initiative `x`
//! (scope 100, done 10, 20, 10, 20: 60 done, 40 to go, paces 20 / 15 / 10) that replaces the
//! system `old`, whose upkeep is 8, 9, 10, 11 (a straight line: 11 now, rising 1 a sprint).

use super::*;
use crate::accounts::Accounts;
use crate::diagnostics::SourceFile;
use crate::load::config::Config;
use crate::load::ledger::{Ledger, LedgerSources};
use jiff::ToSpan;

const X: &str = "[[initiative]]\nid = \"x\"\nname = \"The rebuild\"\ncategory = \"new\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 100\nreplaces = \"old\"\n";
const Y: &str = "[[initiative]]\nid = \"y\"\nname = \"The app\"\ncategory = \"new\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 50\n";
const OLD: &str =
    "[[system]]\nid = \"old\"\nname = \"The old system\"\nowner = \"a\"\nlifecycle = \"sunset\"\n";

/// The site, with `target` for `x`, `y` when asked, and `scenarios` as scenarios.toml.
pub(crate) fn site(target: &str, with_y: bool, scenarios: &str) -> (Config, Ledger, Accounts) {
    let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
    let teams = "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 2\nday_cost = 500\n";
    let sprints = [10.0, 20.0, 10.0, 20.0]
        .iter()
        .enumerate()
        .map(|(i, effort)| {
            let start = jiff::civil::date(2026, 1, 5)
                .checked_add((14 * i as i64).days())
                .unwrap();
            let end = start.checked_add(11.days()).unwrap();
            let upkeep = 8 + i;
            let mut text = format!(
                "id = \"S{i}\"\nstart = {start}\nend = {end}\n\
                 [[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = {effort}\ninitiative = \"x\"\nsystem = \"old\"\n\
                 [[work]]\nteam = \"a\"\ncategory = \"ktlo\"\neffort = {upkeep}\nsystem = \"old\"\n"
            );
            if with_y {
                text.push_str("[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 10\ninitiative = \"y\"\n");
            }
            SourceFile::new(format!("S{i}.toml"), text)
        })
        .collect();
    let mut initiatives = format!("{X}target = {target}\n");
    if with_y {
        initiatives.push_str(Y);
    }
    let ledger = Ledger::check_sources(
        &config,
        LedgerSources {
            teams: Some(SourceFile::new("teams.toml", teams)),
            sprints,
            initiatives: Some(SourceFile::new("initiatives.toml", initiatives)),
            systems: Some(SourceFile::new("systems.toml", OLD)),
            scenarios: Some(SourceFile::new("scenarios.toml", scenarios)),
            ..LedgerSources::default()
        },
    )
    .unwrap();
    let accounts = Accounts::compute(&config, &ledger);
    (config, ledger, accounts)
}

pub(crate) const FUND: &str =
    "[[scenario]]\nid = \"fund\"\ntitle = \"Two more\"\ninitiative = \"x\"\nadd_people = 2\n";
pub(crate) const STOP: &str =
    "[[scenario]]\nid = \"stop\"\ntitle = \"Stop it\"\ninitiative = \"x\"\nstop = true\n";

fn iso(day: Option<Day>) -> String {
    day.map(|d| d.iso()).unwrap_or_default()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn two_more_people_bring_the_teams_effort_per_head_and_finish_sooner() {
    let (_, _, accounts) = site("2026-04-30", false, FUND);
    let s = &accounts.scenarios[0];
    // Team a recorded 18 + 29 + 20 + 31 = 98 over 4 sprints with 2 people: 12.25 a head.
    close(s.effort_per_person.unwrap(), 12.25);
    close(s.added, 24.5);
    // 24.5 person-days at 500 a day.
    close(s.cost_per_sprint.unwrap(), 12_250.0);
    close(s.remaining, 40.0);
    close(s.remaining_cost.unwrap(), 20_000.0);
    // Today: 40 at 20 / 15 / 10 is 2, 2.67 → 3 and 4 sprints after 2026-02-27.
    let today = &s.baseline;
    assert_eq!(iso(today.finish[0]), "2026-03-27");
    assert_eq!(iso(today.finish[1]), "2026-04-10");
    assert_eq!(iso(today.finish[2]), "2026-04-24");
    // With it: 40 at 44.5 / 39.5 / 34.5 is 0.9 → 1, 1.01 → 2 and 1.16 → 2 sprints.
    let with = &s.forecast;
    assert_eq!(with.after, [44.5, 39.5, 34.5]);
    close(with.sprints_to_go[1].unwrap(), 40.0 / 39.5);
    assert_eq!(iso(with.finish[0]), "2026-03-13");
    assert_eq!(iso(with.finish[1]), "2026-03-27");
    assert_eq!(iso(with.finish[2]), "2026-03-27");
    assert_eq!(with.status, Status::OnTrack);
}

#[test]
fn upkeep_follows_the_straight_line_and_stops_when_the_system_is_retired() {
    let (_, _, accounts) = site("2026-04-30", false, FUND);
    let u = accounts.scenarios[0].upkeep.as_ref().unwrap();
    // The rebuild's own rows name the old system but are the cure, not its upkeep.
    assert_eq!(accounts.systems[0].to_own, vec![8.0, 9.0, 10.0, 11.0]);
    close(u.level, 11.0);
    close(u.slope, 1.0);
    assert_eq!((u.fitted_over, u.flat), (4, false));
    assert_eq!(&u.without[..4], &[12.0, 13.0, 14.0, 15.0]);
    // Done in sprint 2 with the change, in sprint 3 at today's pace.
    assert_eq!(&u.with[..4], &[12.0, 13.0, 0.0, 0.0]);
    assert_eq!(&u.with_today[..4], &[12.0, 13.0, 14.0, 0.0]);
}

#[test]
fn break_even_is_the_first_sprint_the_upkeep_saved_passes_the_spend() {
    let (_, _, accounts) = site("2026-04-30", false, FUND);
    let s = &accounts.scenarios[0];
    // With it: 39.5 + 0.5 = 40 spent by sprint 2; saved 14, 29, 45 in sprints 3, 4, 5.
    let (sprints, day) = s.break_even.unwrap();
    assert_eq!(sprints, 5);
    assert_eq!(iso(day), "2026-05-08");
    // Today: 15 + 15 + 10 = 40 by sprint 3; saved 15, 31, 48 in sprints 4, 5, 6.
    assert_eq!(s.baseline_break_even.unwrap().0, 6);
    assert_eq!(iso(s.baseline_break_even.unwrap().1), "2026-05-22");
}

#[test]
fn stopping_makes_things_worse_it_never_finishes_and_never_pays_back() {
    let (_, _, accounts) = site("2026-04-30", false, STOP);
    let s = &accounts.scenarios[0];
    assert_eq!(s.forecast.finish, [None, None, None]);
    assert_eq!(s.forecast.status, Status::Late);
    assert_eq!(s.baseline.status, Status::OnTrack);
    close(s.freed, 15.0);
    close(s.cost_per_sprint.unwrap(), -7_500.0);
    assert_eq!(s.break_even, None);
    // What it gives up: today's plan pays for itself in sprint 6.
    assert_eq!(s.baseline_break_even.unwrap().0, 6);
    // The upkeep never stops.
    let u = s.upkeep.as_ref().unwrap();
    assert!(u.with.iter().zip(&u.without).all(|(a, b)| a == b));
}

#[test]
fn a_target_the_added_people_cannot_reach_stays_missed() {
    // Target 2026-03-20: the fastest finish (03-13) is before it, the latest (03-27) after.
    let (_, _, accounts) = site("2026-03-20", false, FUND);
    assert_eq!(accounts.scenarios[0].forecast.status, Status::AtRisk);
    // Target 2026-03-06: even 44.5 a sprint finishes after it.
    let (_, _, accounts) = site("2026-03-06", false, FUND);
    assert_eq!(accounts.scenarios[0].baseline.status, Status::Late);
    assert_eq!(accounts.scenarios[0].forecast.status, Status::Late);
}

#[test]
fn people_taken_from_another_initiative_slow_it_down() {
    let take = "[[scenario]]\nid = \"move\"\ntitle = \"Move\"\ninitiative = \"x\"\nadd_effort = 5\ntake_from = \"y\"\n";
    let (_, _, accounts) = site("2026-04-30", true, take);
    let s = &accounts.scenarios[0];
    let slip = &s.slips[0];
    assert_eq!((slip.initiative, slip.taken), (1, 5.0));
    // y: 40 of 50 done at 10 a sprint, 1 sprint to go; at 5, 2 sprints.
    assert_eq!(iso(slip.baseline.finish[1]), "2026-03-13");
    assert_eq!(iso(slip.forecast.finish[1]), "2026-03-27");
    assert_eq!(s.taken_from_category, None);
}

#[test]
fn people_taken_from_a_category_leave_its_initiatives_in_proportion() {
    let take = "[[scenario]]\nid = \"move\"\ntitle = \"Move\"\ninitiative = \"x\"\nadd_effort = 8\ntake_from = \"new\"\n";
    let (_, _, accounts) = site("2026-04-30", true, take);
    let s = &accounts.scenarios[0];
    // New things: (60 of x + 40 of y) / 4 = 25 a sprint; y's pace is 10 of it: 8 × 10 / 25.
    let (slot, recent) = s.taken_from_category.unwrap();
    assert_eq!(slot, 0);
    close(recent, 25.0);
    assert_eq!(s.slips.len(), 1);
    close(s.slips[0].taken, 3.2);
    close(s.slips[0].forecast.after[1], 6.8);
}

#[test]
fn a_change_from_a_later_sprint_goes_at_todays_pace_until_then() {
    // 40 to go at 15, then 25 from the third sprint: 30 in two sprints, 10 more at 25.
    close(sprints_to_go(40.0, 15.0, 25.0, 2).unwrap(), 2.4);
    // Today's pace finishes before the change applies.
    close(sprints_to_go(40.0, 15.0, 25.0, 3).unwrap(), 40.0 / 15.0);
    // Stopped after one sprint, with 25 left: never.
    assert_eq!(sprints_to_go(40.0, 15.0, 0.0, 1), None);
    assert_eq!(sprints_to_go(0.0, 15.0, 0.0, 0), Some(0.0));
}

#[test]
fn a_trend_needs_three_sprints_else_it_is_flat() {
    assert_eq!(trend(&[8.0, 9.0, 10.0, 11.0]), (11.0, 1.0, 4, false));
    assert_eq!(trend(&[5.0, 7.0]), (6.0, 0.0, 2, true));
    assert_eq!(trend(&[]), (0.0, 0.0, 0, true));
    // A falling upkeep is projected down to 0, never below.
    let (level, slope, _, _) = trend(&[6.0, 4.0, 2.0]);
    assert_eq!((level, slope), (2.0, -2.0));
    assert_eq!(projected(level, slope, 5), 0.0);
}
