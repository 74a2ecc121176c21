//! What is news in a sprint: every candidate finding, scored, so that the top one heads the page
//! and the home page (which is about the current sprint).
//!
//! A fact that is true every sprint (the largest category, the biggest team) is never a
//! candidate. `uncategorized` is never news either: the data-quality panel speaks of it.
//!
//! | finding | when | score |
//! |---|---|---|
//! | a big project finished | its work reached its scope this sprint | 80 |
//! | a record | a category's share is the highest (or lowest) of all sprints so far, by at least half a point; needs a full comparison window of sprints (6 by default) | 70 (lowest 65) + the margin in points, at most 20 |
//! | a target met | a category came within 1 point of its target, and was not the sprint before | 65 |
//! | a forecast slipped | a big project's expected finish moved to a later month since the sprint before | 60 + 2 a month, at most 10 |
//! | a target missed | a category was within 1 point of its target the sprint before and is now 3 or more away | 55 |
//! | a round threshold | a category's share crossed a quarter, a third, half, two thirds or three quarters since the sprint before | 50 (half: 55) |
//! | the longest run | a share rose (or fell) in each of the last 3 or more sprints, its longest run so far | 35 + 5 a sprint, at most 30 |
//! | a big project started | its first work was recorded this sprint | 40 |
//! | the biggest mover | the largest change of a share over the comparison window, 5 points or more | 20 + 2 a point, at most 40 |
//! | nothing moved much | no other finding | 0 |
//!
//! Ties are broken in this order: the higher score, then the kind of finding in the table's
//! order, then the subject (the category in site.toml's order, the big project in the data's
//! order), then a rise before a fall. Findings are compared in whole points, so float noise
//! never decides.

use crate::accounts::{Accounts, Status};
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::words::figures::{ROUND_FRACTIONS, percent, points_change, spoken_effort};
use crate::words::names::category_subject;

/// What a finding is about: what a chart should highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "index")]
pub enum Subject {
    /// A category slot.
    Category(usize),
    /// A big project (index into the ledger's initiatives).
    Initiative(usize),
    /// The sprint as a whole: nothing in particular moved.
    Sprint,
}

/// The kinds of finding, in the scoring table's order (which also breaks ties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A big project reached its scope.
    Finished,
    /// The highest or lowest share of all sprints so far.
    Record,
    /// A category came onto its target.
    TargetMet,
    /// A big project's forecast moved later.
    Slipped,
    /// A category moved off its target.
    TargetMissed,
    /// A share crossed a round fraction.
    Threshold,
    /// A share rose or fell several sprints running.
    Run,
    /// A big project's first work.
    Started,
    /// The biggest change over the comparison window.
    Mover,
    /// Nothing moved much.
    Steady,
}

/// One candidate finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind of news it is.
    pub kind: Kind,
    /// What it is about.
    pub subject: Subject,
    /// How newsworthy (see the module's table).
    pub score: i64,
    /// Whether the figure went up (breaks the last ties).
    pub rise: bool,
    /// The finding as a headline sentence.
    pub sentence: String,
}

/// The sprints a comparison looks back over, ending at a sprint, and how a sentence names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// The first sprint of the window (index): the starting value of every comparison.
    pub start: usize,
    /// "over the last 6 sprints", "since the sprint before", "since sprint 2026-S10".
    pub words: String,
}

/// The comparison window ending at `sprint`, or `None` for the first sprint.
pub fn baseline(ledger: &Ledger, accounts: &Accounts, sprint: usize) -> Option<Baseline> {
    let start = (sprint + 1).saturating_sub(accounts.window.max(2));
    if start >= sprint {
        return None;
    }
    let count = sprint - start + 1;
    let words = if count == 2 {
        "since the sprint before".to_string()
    } else if count == accounts.window {
        format!("over the last {count} sprints")
    } else {
        format!("since sprint {}", ledger.sprints[start].id)
    };
    Some(Baseline { start, words })
}

/// Every candidate finding for `sprint`, best first (see the module's table); never empty: when
/// nothing else is news, "nothing moved much" is.
pub fn findings(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> Vec<Finding> {
    let id = &ledger.sprints[sprint].id;
    let scan = Scan {
        config,
        ledger,
        accounts,
        sprint,
        id,
    };
    let mut found = Vec::new();
    if accounts.sprints[sprint].effort > 0.0 {
        let slots: Vec<usize> = (0..config.categories.len()).collect();
        for &slot in &slots {
            record(&scan, slot, &mut found);
            target(&scan, slot, &mut found);
            threshold(&scan, slot, &mut found);
            run(&scan, slot, &mut found);
        }
        mover(&scan, &slots, &mut found);
    }
    for initiative in 0..ledger.initiatives.len() {
        progress(&scan, initiative, &mut found);
    }
    if found.is_empty() {
        found.push(steady(ledger, accounts, sprint, id));
    }
    found.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.kind.cmp(&b.kind))
            .then(subject_order(a.subject).cmp(&subject_order(b.subject)))
            .then(b.rise.cmp(&a.rise))
    });
    found
}

/// The finding that heads the page.
pub fn headline(config: &Config, ledger: &Ledger, accounts: &Accounts, sprint: usize) -> Finding {
    let mut all = findings(config, ledger, accounts, sprint);
    all.swap_remove(0)
}

/// What the findings of one sprint are looked for in: the site, its accounts and the sprint.
#[derive(Clone, Copy)]
struct Scan<'a> {
    config: &'a Config,
    ledger: &'a Ledger,
    accounts: &'a Accounts,
    sprint: usize,
    id: &'a str,
}

/// Subjects in a fixed order: categories by slot, then big projects, then the sprint.
fn subject_order(subject: Subject) -> (u8, usize) {
    match subject {
        Subject::Category(slot) => (0, slot),
        Subject::Initiative(i) => (1, i),
        Subject::Sprint => (2, 0),
    }
}

/// A share in whole tenths of a point, so that float noise never decides.
fn tenths(share: f64) -> i64 {
    (share * 1000.0).round() as i64
}

/// The highest or lowest share of all sprints so far.
fn record(scan: &Scan, slot: usize, found: &mut Vec<Finding>) {
    let (config, accounts, sprint, id) = (scan.config, scan.accounts, scan.sprint, scan.id);
    // "Of all N sprints so far" means something from a full comparison window on.
    if sprint + 1 < accounts.window.max(4) {
        return;
    }
    let now = tenths(accounts.sprints[sprint].share(slot));
    let earlier: Vec<i64> = accounts.sprints[..sprint]
        .iter()
        .filter(|s| s.effort > 0.0)
        .map(|s| tenths(s.share(slot)))
        .collect();
    if earlier.len() + 1 < accounts.window.max(4) {
        return;
    }
    let (Some(&high), Some(&low)) = (earlier.iter().max(), earlier.iter().min()) else {
        return;
    };
    let (rise, margin, words, base) = if now >= high + 5 {
        (true, now - high, "highest", 70)
    } else if now + 5 <= low {
        (false, low - now, "lowest", 65)
    } else {
        return;
    };
    found.push(Finding {
        kind: Kind::Record,
        subject: Subject::Category(slot),
        score: base + (margin / 10).min(20),
        rise,
        sentence: format!(
            "{} took {} of engineering time in sprint {id}, the {words} share of all {} sprints so far.",
            category_subject(config, slot),
            percent(accounts.sprints[sprint].share(slot)),
            earlier.len() + 1
        ),
    });
}

/// A category onto, or off, its target since the sprint before.
fn target(scan: &Scan, slot: usize, found: &mut Vec<Finding>) {
    let (config, accounts, sprint, id) = (scan.config, scan.accounts, scan.sprint, scan.id);
    let Some(&(_, goal)) = config.targets.iter().find(|(s, _)| *s == slot) else {
        return;
    };
    let Some(before) = sprint.checked_sub(1).map(|p| &accounts.sprints[p]) else {
        return;
    };
    let now = accounts.sprints[sprint].share(slot);
    let gap_now = (tenths(now) - tenths(goal)).abs();
    let gap_before = (tenths(before.share(slot)) - tenths(goal)).abs();
    let on_target = |gap: i64| gap <= 10;
    let (kind, score, words) = if on_target(gap_now) && !on_target(gap_before) {
        (Kind::TargetMet, 65, "reached its target")
    } else if on_target(gap_before) && gap_now >= 30 {
        (Kind::TargetMissed, 55, "moved off its target")
    } else {
        return;
    };
    found.push(Finding {
        kind,
        subject: Subject::Category(slot),
        score,
        rise: now > before.share(slot),
        sentence: format!(
            "{} {words} in sprint {id}: {} of engineering time, against a target of {}.",
            category_subject(config, slot),
            percent(now),
            percent(goal)
        ),
    });
}

/// A share that crossed a round fraction since the sprint before.
fn threshold(scan: &Scan, slot: usize, found: &mut Vec<Finding>) {
    let (config, accounts, sprint, id) = (scan.config, scan.accounts, scan.sprint, scan.id);
    let Some(before) = sprint
        .checked_sub(1)
        .map(|p| accounts.sprints[p].share(slot))
    else {
        return;
    };
    if accounts.sprints[sprint - 1].effort == 0.0 {
        return;
    }
    let now = accounts.sprints[sprint].share(slot);
    for (value, words) in ROUND_FRACTIONS {
        let (rise, verb) = if before < value && now >= value {
            (true, "passed")
        } else if before >= value && now < value {
            (false, "fell below")
        } else {
            continue;
        };
        found.push(Finding {
            kind: Kind::Threshold,
            subject: Subject::Category(slot),
            score: if words == "half" { 55 } else { 50 },
            rise,
            sentence: format!(
                "{} {verb} {words} of engineering time in sprint {id}: {}.",
                category_subject(config, slot),
                percent(now)
            ),
        });
    }
}

/// A share that rose (or fell) in each of the last few sprints: its longest run so far.
fn run(scan: &Scan, slot: usize, found: &mut Vec<Finding>) {
    let (config, accounts, sprint, id) = (scan.config, scan.accounts, scan.sprint, scan.id);
    // steps[i]: +1, -1 or 0 for the move from sprint i-1 to sprint i (half a point or more).
    let steps: Vec<i8> = (1..=sprint)
        .map(|s| {
            let change = tenths(accounts.sprints[s].share(slot))
                - tenths(accounts.sprints[s - 1].share(slot));
            match change {
                c if c >= 5 => 1,
                c if c <= -5 => -1,
                _ => 0,
            }
        })
        .collect();
    let Some(&last) = steps.last() else { return };
    if last == 0 {
        return;
    }
    let length = steps.iter().rev().take_while(|&&s| s == last).count();
    let earlier_longest = steps[..steps.len() - length]
        .chunk_by(|a, b| a == b)
        .filter(|chunk| chunk[0] == last)
        .map(<[i8]>::len)
        .max()
        .unwrap_or(0);
    if length < 3 || length <= earlier_longest {
        return;
    }
    let verb = if last > 0 { "rose" } else { "fell" };
    found.push(Finding {
        kind: Kind::Run,
        subject: Subject::Category(slot),
        score: 35 + (5 * length as i64).min(30),
        rise: last > 0,
        sentence: format!(
            "{} {verb} for the {} sprint running, to {} of engineering time in sprint {id}.",
            category_subject(config, slot),
            ordinal(length),
            percent(accounts.sprints[sprint].share(slot))
        ),
    });
}

/// "third", "fourth", … "12th".
fn ordinal(n: usize) -> String {
    const WORDS: [&str; 9] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    ];
    WORDS
        .get(n)
        .map_or_else(|| format!("{n}th"), |w| (*w).to_string())
}

/// The category whose share moved most over the comparison window.
fn mover(scan: &Scan, slots: &[usize], found: &mut Vec<Finding>) {
    let (config, ledger, accounts) = (scan.config, scan.ledger, scan.accounts);
    let (sprint, id) = (scan.sprint, scan.id);
    let Some(window) = baseline(ledger, accounts, sprint) else {
        return;
    };
    if accounts.sprints[window.start].effort == 0.0 {
        return;
    }
    let best = slots
        .iter()
        .map(|&slot| {
            let change = tenths(accounts.sprints[sprint].share(slot))
                - tenths(accounts.sprints[window.start].share(slot));
            (slot, change)
        })
        .max_by_key(|&(slot, change)| (change.abs(), change > 0, std::cmp::Reverse(slot)));
    let Some((slot, change)) = best else { return };
    if change.abs() < 50 {
        return;
    }
    let points = change as f64 / 10.0;
    found.push(Finding {
        kind: Kind::Mover,
        subject: Subject::Category(slot),
        score: 20 + (2 * (change.abs() / 10)).min(40),
        rise: change > 0,
        // The starting value is said, so that a spike at the window's start (one bad sprint)
        // is visible as the reason for a fall, rather than read as a trend.
        sentence: format!(
            "{} took {} of engineering time in sprint {id}, {} {}, from {}{}.",
            category_subject(config, slot),
            percent(accounts.sprints[sprint].share(slot)),
            points_change(points),
            window.words,
            percent(accounts.sprints[window.start].share(slot)),
            if window.words.starts_with("over") {
                format!(" in sprint {}", ledger.sprints[window.start].id)
            } else {
                String::new()
            }
        ),
    });
}

/// A big project that finished, started or whose forecast slipped in `sprint`.
fn progress(scan: &Scan, index: usize, found: &mut Vec<Finding>) {
    let (config, ledger, accounts) = (scan.config, scan.ledger, scan.accounts);
    let (sprint, id) = (scan.sprint, scan.id);
    let initiative = &ledger.initiatives[index];
    let account = &accounts.initiatives[index];
    let done = |s: usize| account.done_by_sprint.get(s).copied().unwrap_or(0.0);
    let scope = |s: usize| account.scope_by_sprint.get(s).copied().unwrap_or(0.0);
    let effort_now = account.effort.get(sprint).copied().unwrap_or(0.0);
    let finished_now = done(sprint) > 0.0 && done(sprint) >= scope(sprint);
    let finished_before =
        sprint > 0 && done(sprint - 1) > 0.0 && done(sprint - 1) >= scope(sprint - 1);
    if finished_now && !finished_before && effort_now > 0.0 {
        let worked = account.effort[..=sprint]
            .iter()
            .filter(|&&e| e > 0.0)
            .count();
        let over = if worked == 1 {
            "in one sprint".to_string()
        } else {
            format!("over {worked} sprints")
        };
        found.push(Finding {
            kind: Kind::Finished,
            subject: Subject::Initiative(index),
            score: 80,
            rise: true,
            sentence: format!(
                "{} was finished in sprint {id}: {} {over}.",
                initiative.name,
                spoken_effort(config, done(sprint))
            ),
        });
        return;
    }
    // In the first sprint of the data every project "starts": that is not news.
    if sprint > 0 && effort_now > 0.0 && done(sprint) == effort_now {
        found.push(Finding {
            kind: Kind::Started,
            subject: Subject::Initiative(index),
            score: 40,
            rise: true,
            sentence: format!(
                "{} started in sprint {id}, with {} of work.",
                initiative.name,
                spoken_effort(config, effort_now)
            ),
        });
        return;
    }
    if sprint == 0 || finished_now || sprint > ledger.current {
        return;
    }
    let now = accounts.initiative_as_of(ledger, index, sprint);
    let before = accounts.initiative_as_of(ledger, index, sprint - 1);
    if now.status == Status::Done || before.status == Status::Done {
        return;
    }
    let (Some(expected), Some(previous)) = (now.finish.expected, before.finish.expected) else {
        return;
    };
    let months = |d: crate::load::input::Day| d.0.year() as i64 * 12 + d.0.month() as i64;
    let slipped = months(expected) - months(previous);
    if slipped < 1 {
        return;
    }
    let target = initiative
        .target
        .map(|t| format!("; the target is {}", month_year(t)))
        .unwrap_or_default();
    found.push(Finding {
        kind: Kind::Slipped,
        subject: Subject::Initiative(index),
        score: 60 + (2 * slipped).min(10),
        rise: false,
        sentence: format!(
            "{}: the forecast finish slipped to {} in sprint {id}, from {}{target}.",
            initiative.name,
            month_year(expected),
            month_year(previous)
        ),
    });
}

/// "March 2027".
pub fn month_year(day: crate::load::input::Day) -> String {
    day.0.strftime("%B %Y").to_string()
}

/// "Nothing moved much", said plainly, with how little moved.
fn steady(ledger: &Ledger, accounts: &Accounts, sprint: usize, id: &str) -> Finding {
    let sentence = if accounts.sprints[sprint].effort == 0.0 {
        format!("No work is recorded for sprint {id} yet.")
    } else {
        match baseline(ledger, accounts, sprint) {
            Some(window) => format!(
                "Nothing moved much in sprint {id}: no category's share changed by 5 points or more {}.",
                window.words
            ),
            None => {
                format!("Sprint {id} is the first sprint: there is nothing to compare it with yet.")
            }
        }
    };
    Finding {
        kind: Kind::Steady,
        subject: Subject::Sprint,
        score: 0,
        rise: false,
        sentence,
    }
}

#[cfg(test)]
#[path = "findings_tests.rs"]
mod tests;
