//! The ranking of findings: one sprint, a flat site, records, runs, thresholds, targets, big
//! projects, ties, and a site with its own categories.

use crate::words::findings::*;
use crate::words::testing::{ktlo_series, row, site, site_full, site_with};

fn top(sites: &(Config, Ledger, Accounts), sprint: usize) -> Finding {
    headline(&sites.0, &sites.1, &sites.2, sprint)
}

#[test]
fn one_sprint_has_nothing_to_compare_and_never_names_the_largest_category() {
    let s = site(&[&(row("a", "new", 6.0) + &row("a", "ktlo", 4.0))]);
    let finding = top(&s, 0);
    assert_eq!(finding.kind, Kind::Steady);
    assert_eq!(finding.subject, Subject::Sprint);
    assert_eq!(
        finding.sentence,
        "Sprint S0 is the first sprint: there is nothing to compare it with yet."
    );
    assert_eq!(findings(&s.0, &s.1, &s.2, 0).len(), 1);
}

#[test]
fn a_flat_site_says_nothing_moved_much() {
    let s = ktlo_series(&[30.0, 31.0, 30.0, 31.0, 30.0, 31.0, 30.0, 31.0]);
    let finding = top(&s, 7);
    assert_eq!(finding.kind, Kind::Steady);
    assert_eq!(
        finding.sentence,
        "Nothing moved much in sprint S7: no category's share changed by 5 points or more over the last 6 sprints."
    );
}

#[test]
fn a_record_of_all_sprints_beats_a_recent_high() {
    // 46% in sprint 5 is the highest of all six sprints, not just of the recent ones.
    let s = ktlo_series(&[40.0, 22.0, 24.0, 26.0, 25.0, 46.0]);
    let finding = top(&s, 5);
    assert_eq!(finding.kind, Kind::Record);
    assert_eq!(finding.subject, Subject::Category(3));
    assert_eq!(
        finding.sentence,
        "Keeping the lights on took 46% of engineering time in sprint S5, the highest share of all 6 sprints so far."
    );
    // With fewer sprints than the window, nothing is a record.
    let short = ktlo_series(&[22.0, 24.0, 46.0]);
    assert_ne!(top(&short, 2).kind, Kind::Record);
}

/// The finding of `kind` about keeping the lights on (category slot 3) among `all`.
fn upkeep_finding(all: &[Finding], kind: Kind) -> &Finding {
    all.iter()
        .find(|f| f.kind == kind && f.subject == Subject::Category(3))
        .unwrap_or_else(|| panic!("no {kind:?} about upkeep in {all:?}"))
}

#[test]
fn a_run_a_threshold_and_a_mover() {
    // Up every sprint; crosses a third in the last one.
    let s = ktlo_series(&[20.0, 20.0, 20.0, 20.0, 20.0, 24.0, 28.0, 31.0, 35.0]);
    let all = findings(&s.0, &s.1, &s.2, 8);
    let kinds: Vec<Kind> = all.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&Kind::Run), "{all:?}");
    assert!(kinds.contains(&Kind::Threshold), "{all:?}");
    assert!(kinds.contains(&Kind::Mover), "{all:?}");
    assert_eq!(
        upkeep_finding(&all, Kind::Run).sentence,
        "Keeping the lights on rose for the fourth sprint running, to 35% of engineering time in sprint S8."
    );
    assert_eq!(
        upkeep_finding(&all, Kind::Mover).sentence,
        "Keeping the lights on took 35% of engineering time in sprint S8, up 15 points over the last 6 sprints, from 20% in sprint S3."
    );
    assert_eq!(
        upkeep_finding(&all, Kind::Threshold).sentence,
        "Keeping the lights on passed a third of engineering time in sprint S8: 35%."
    );
}

#[test]
fn ties_break_by_kind_then_category_order_then_a_rise() {
    // Two categories cross a threshold in the same sprint, each scoring 50: new things falls
    // below three quarters and keeping the lights on passes a quarter. New things comes first
    // in site.toml's order, so it wins; the order is the same on every run.
    let s = ktlo_series(&[20.0, 26.0]);
    let all = findings(&s.0, &s.1, &s.2, 1);
    let thresholds: Vec<&Finding> = all.iter().filter(|f| f.kind == Kind::Threshold).collect();
    assert_eq!(thresholds.len(), 2, "{all:?}");
    assert_eq!(thresholds[0].score, thresholds[1].score);
    assert_eq!(all[0].subject, Subject::Category(0), "{all:?}");
    assert_eq!(
        all[0].sentence,
        "New things fell below three quarters of engineering time in sprint S1: 74%."
    );
    for _ in 0..5 {
        assert_eq!(findings(&s.0, &s.1, &s.2, 1), all);
    }
    // The same scores and kinds on one category: the rise wins.
    let a = Finding {
        kind: Kind::Threshold,
        subject: Subject::Category(1),
        score: 50,
        rise: false,
        sentence: "fall".into(),
    };
    let b = Finding {
        rise: true,
        sentence: "rise".into(),
        ..a.clone()
    };
    let mut both = [a, b];
    both.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.kind.cmp(&b.kind))
            .then(subject_order(a.subject).cmp(&subject_order(b.subject)))
            .then(b.rise.cmp(&a.rise))
    });
    assert_eq!(both[0].sentence, "rise");
}

#[test]
fn a_target_met_is_news() {
    let s = site_with(
        "[targets]\nktlo = 0.3\n",
        &[
            &(row("a", "ktlo", 40.0) + &row("a", "new", 60.0)),
            &(row("a", "ktlo", 30.0) + &row("a", "new", 70.0)),
        ],
    );
    let finding = top(&s, 1);
    assert_eq!(finding.kind, Kind::TargetMet);
    assert_eq!(
        finding.sentence,
        "Keeping the lights on reached its target in sprint S1: 30% of engineering time, against a target of 30%."
    );
}

const PROJECT: &str = "[[initiative]]\nid = \"db\"\nname = \"The database upgrade\"\ncategory = \"ktlo\"\nwhy = \"x\"\nowner = \"a\"\nstart = 2026-01-05\ntarget = 2026-03-31\nscope = 20\n";

fn project_row(effort: f64) -> String {
    row("a", "ktlo", effort) + "initiative = \"db\"\n" + &row("a", "new", 100.0 - effort)
}

#[test]
fn a_finished_project_heads_the_page_and_a_started_one_is_found() {
    let sprints = [row("a", "new", 100.0), project_row(10.0), project_row(10.0)];
    let refs: Vec<&str> = sprints.iter().map(String::as_str).collect();
    let s = site_full("", Some(PROJECT), &refs);
    let finished = top(&s, 2);
    assert_eq!(finished.kind, Kind::Finished);
    assert_eq!(finished.subject, Subject::Initiative(0));
    assert_eq!(
        finished.sentence,
        "The database upgrade was finished in sprint S2: 20 person-days over 2 sprints."
    );
    let started = findings(&s.0, &s.1, &s.2, 1);
    let started = started.iter().find(|f| f.kind == Kind::Started).unwrap();
    assert_eq!(
        started.sentence,
        "The database upgrade started in sprint S1, with 10 person-days of work."
    );
}

#[test]
fn uncategorized_work_is_never_news() {
    let s = site(&[
        &(row("a", "new", 50.0) + "[[work]]\nteam = \"a\"\neffort = 50\n"),
        &row("a", "new", 100.0),
    ]);
    let all = findings(&s.0, &s.1, &s.2, 1);
    assert!(
        all.iter()
            .all(|f| f.subject != Subject::Category(s.0.uncategorized_slot())),
        "{all:?}"
    );
}

#[test]
fn a_site_with_its_own_labels_reads_as_written() {
    let toml =
        "[categories.run]\nlabel = \"Run the business\"\n[categories.grow]\nlabel = \"Grow\"\n";
    let sprints: Vec<String> = [20.0, 26.0]
        .iter()
        .map(|k| row("a", "run", *k) + &row("a", "grow", 100.0 - k))
        .collect();
    let refs: Vec<&str> = sprints.iter().map(String::as_str).collect();
    let s = site_with(toml, &refs);
    let all = findings(&s.0, &s.1, &s.2, 1);
    assert!(
        all.iter().any(|f| f.sentence
            == "Run the business work passed a quarter of engineering time in sprint S1: 26%."),
        "{all:?}"
    );
    assert!(
        all.iter().all(|f| !f.sentence.contains("run the business")),
        "{all:?}"
    );
}

#[test]
fn the_baseline_names_its_window() {
    let s = ktlo_series(&[1.0; 8]);
    assert_eq!(baseline(&s.1, &s.2, 0), None);
    let one = baseline(&s.1, &s.2, 1).unwrap();
    assert_eq!(
        (one.start, one.words.as_str()),
        (0, "since the sprint before")
    );
    let three = baseline(&s.1, &s.2, 2).unwrap();
    assert_eq!((three.start, three.words.as_str()), (0, "since sprint S0"));
    let full = baseline(&s.1, &s.2, 7).unwrap();
    assert_eq!(
        (full.start, full.words.as_str()),
        (2, "over the last 6 sprints")
    );
}
