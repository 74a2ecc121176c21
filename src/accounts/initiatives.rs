//! Initiatives: progress against scope, recent pace, and a completion forecast with a range.
//!
//! Progress is the cumulative effort of the work rows that name the initiative. The pace is the
//! average effort per sprint over the comparison window (`[compare] window`, the last 6
//! sprints by default; since the initiative started); the
//! forecast range comes from the slowest and the fastest of those sprints: at the fastest pace
//! it finishes at the earliest, at the slowest at the latest.

use crate::load::input::Day;
use crate::load::ledger::{Initiative, Ledger};

use super::horizon::{Beyond, Horizon};
use super::window::RECENT_SPRINTS;

/// Where an initiative stands against its target date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Done: the work recorded reached the scope.
    #[serde(rename = "done")]
    Done,
    /// Even at the slowest recent pace it finishes by the target.
    #[serde(rename = "on track")]
    OnTrack,
    /// It finishes by the target only at a faster pace than the slowest.
    #[serde(rename = "at risk")]
    AtRisk,
    /// Even at the fastest recent pace it finishes after the target.
    #[serde(rename = "late")]
    Late,
    /// It has no target date.
    #[serde(rename = "no target")]
    NoTarget,
    /// No work recorded recently, so no forecast.
    #[serde(rename = "not started")]
    NotStarted,
}

impl Status {
    /// The words readers see.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::OnTrack => "on track",
            Self::AtRisk => "at risk",
            Self::Late => "late",
            Self::NoTarget => "no target",
            Self::NotStarted => "not started",
        }
    }
}

/// The figures of one initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeAccount {
    /// Effort recorded in each sprint (all sprints, in order).
    pub effort: Vec<f64>,
    /// Cumulative effort at the end of each sprint.
    pub done_by_sprint: Vec<f64>,
    /// The scope in force in each sprint.
    pub scope_by_sprint: Vec<f64>,
    /// Done up to the current sprint.
    pub done: f64,
    /// Scope in force at the current sprint.
    pub scope: f64,
    /// Effort per sprint over the recent sprints since it started: average, slowest, fastest.
    pub pace: Pace,
    /// The finish dates at the fastest, the average and the slowest of that pace.
    pub finish: Finish,
    /// On track, at risk, late...
    pub status: Status,
    /// The sprints the pace was measured over (indices).
    pub pace_sprints: Vec<usize>,
    /// Sprints to go at the fastest, average and slowest pace, when they end within the
    /// forecast horizon.
    pub sprints_to_go: (Option<f64>, Option<f64>, Option<f64>),
    /// Which of the earliest, expected and latest finish lie beyond the forecast horizon (and
    /// so have no date), and why.
    pub beyond_horizon: BeyondHorizon,
}

/// An initiative's recent pace: effort per sprint over the recent sprints since it started
/// (`None` when there were none).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pace {
    /// The average.
    pub average: Option<f64>,
    /// The slowest of those sprints.
    pub slowest: Option<f64>,
    /// The fastest of those sprints.
    pub fastest: Option<f64>,
}

/// An initiative's finish dates at its fastest, average and slowest recent pace: the forecast
/// range that the pages, the briefs and `data/accounts.json` give.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Finish {
    /// At the fastest recent pace.
    pub earliest: Option<Day>,
    /// At the average recent pace.
    pub expected: Option<Day>,
    /// At the slowest recent pace (none when the slowest sprint had no work).
    pub latest: Option<Day>,
}

/// Which forecast dates lie beyond the horizon: a slow pace or a huge scope puts them more than
/// 100 years away, which is a result to report, not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BeyondHorizon {
    /// At the fastest recent pace.
    pub earliest: bool,
    /// At the average recent pace.
    pub expected: bool,
    /// At the slowest recent pace.
    pub latest: bool,
    /// Why: 100 years, or the end of the calendar; `None` when nothing is beyond.
    pub why: Option<Beyond>,
}

impl InitiativeAccount {
    /// Why some forecast date is missing, for `data/accounts.json`; `None` when all three
    /// dates are known.
    pub fn forecast_reason(&self) -> Option<&'static str> {
        let finish = &self.finish;
        if finish.earliest.is_some() && finish.expected.is_some() && finish.latest.is_some() {
            return None;
        }
        Some(match self.status {
            Status::Done => "done",
            Status::NotStarted => "no recent work to forecast from",
            _ => match self.beyond_horizon.why {
                Some(why) => why.reason(),
                None if finish.earliest.is_none() => "no recent work to forecast from",
                None => "a recent sprint without progress leaves the latest date open",
            },
        })
    }
}

/// Days from one sprint's start to the next, from the recent sprints (14 for two-week sprints).
pub fn cadence_days(ledger: &Ledger) -> i64 {
    let end = (ledger.current + 1).min(ledger.sprints.len());
    let recent = &ledger.sprints[end.saturating_sub(RECENT_SPRINTS)..end];
    if recent.len() >= 2 {
        let first = recent[0].start.0;
        let last = recent[recent.len() - 1].start.0;
        let days = (last - first).get_days() as i64;
        (days as f64 / (recent.len() - 1) as f64).round().max(1.0) as i64
    } else if let Some(sprint) = recent.first() {
        // One sprint: its length, rounded up to whole weeks.
        let days = (sprint.end.0 - sprint.start.0).get_days() as i64 + 1;
        (days + 6) / 7 * 7
    } else {
        14
    }
}

/// The forecast horizon: from the current sprint's end.
pub(super) fn horizon(ledger: &Ledger) -> Option<Horizon> {
    ledger
        .current_sprint()
        .map(|sprint| Horizon::from(sprint.end))
}

/// Sprints to go at `rate` and the finish date (none when nothing remains, or there is no
/// sprint to count from); `Err` when the finish lies beyond the horizon.
pub(super) fn finish(
    remaining: f64,
    rate: Option<f64>,
    horizon: Option<Horizon>,
    cadence: i64,
) -> Result<(Option<f64>, Option<Day>), Beyond> {
    let Some(sprints) = rate.filter(|r| *r > 0.0).map(|r| remaining.max(0.0) / r) else {
        return Ok((None, None));
    };
    let Some(horizon) = horizon else {
        return Ok((Some(sprints), None));
    };
    match horizon.project(sprints, cadence) {
        Some(day) => Ok((Some(sprints), (remaining > 0.0).then_some(day))),
        None => Err(horizon.beyond()),
    }
}

/// Where a forecast stands against its target: one rule for today's forecast and for the
/// forecast of a scenario. `remaining` and `done` are effort; `pace` the average per sprint;
/// `beyond_earliest` whether even the fastest pace lies beyond the horizon.
pub fn judge(
    remaining: f64,
    done: f64,
    pace: Option<f64>,
    target: Option<Day>,
    beyond_earliest: bool,
    (earliest, latest): (Option<Day>, Option<Day>),
) -> Status {
    if remaining <= 0.0 && done > 0.0 {
        Status::Done
    } else if pace.is_none_or(|p| p <= 0.0) {
        Status::NotStarted
    } else {
        match target {
            None => Status::NoTarget,
            Some(_) if beyond_earliest => Status::Late,
            Some(target) => match (earliest, latest) {
                (Some(e), _) if e > target => Status::Late,
                (_, Some(l)) if l <= target => Status::OnTrack,
                _ => Status::AtRisk,
            },
        }
    }
}

/// Computes an initiative's progress and forecast from the ledger's work rows.
pub fn account(
    ledger: &Ledger,
    index: usize,
    effort: Vec<f64>,
    window: usize,
) -> InitiativeAccount {
    account_as_of(ledger, index, effort, window, ledger.current)
}

/// An initiative's progress and forecast as they stood at the end of sprint `as_of` (index):
/// what the report said then, to tell a forecast that slipped since.
pub fn account_as_of(
    ledger: &Ledger,
    index: usize,
    effort: Vec<f64>,
    window: usize,
    as_of: usize,
) -> InitiativeAccount {
    let initiative: &Initiative = &ledger.initiatives[index];
    let mut done_by_sprint = Vec::with_capacity(effort.len());
    let mut total = 0.0;
    for e in &effort {
        total += e;
        done_by_sprint.push(total);
    }
    let mut scope_by_sprint = Vec::with_capacity(effort.len());
    let mut scope = initiative.scope;
    let mut changes = initiative.scope_changes.iter().peekable();
    for sprint in 0..effort.len() {
        while let Some(change) = changes.next_if(|c| c.sprint <= sprint) {
            scope = change.scope;
        }
        scope_by_sprint.push(scope);
    }
    let current = as_of.min(effort.len().saturating_sub(1));
    let done = done_by_sprint.get(current).copied().unwrap_or(0.0);
    let scope_now = scope_by_sprint
        .get(current)
        .copied()
        .unwrap_or(initiative.scope);
    let pace_sprints: Vec<usize> = (0..=current)
        .rev()
        .filter(|&s| !effort.is_empty() && ledger.sprints[s].end >= initiative.start)
        .take(window)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let recent: Vec<f64> = pace_sprints.iter().map(|&s| effort[s]).collect();
    let pace = (!recent.is_empty()).then(|| recent.iter().sum::<f64>() / recent.len() as f64);
    let slowest = recent.iter().copied().reduce(f64::min);
    let fastest = recent.iter().copied().reduce(f64::max);
    let remaining = scope_now - done;
    let cadence = cadence_days(ledger);
    let horizon = horizon(ledger);
    let mut beyond_horizon = BeyondHorizon::default();
    let mut at =
        |rate: Option<f64>, beyond: &mut bool| match finish(remaining, rate, horizon, cadence) {
            Ok(finish) => finish,
            Err(why) => {
                *beyond = true;
                beyond_horizon.why = Some(why);
                (None, None)
            }
        };
    let (fast, earliest) = at(fastest, &mut beyond_horizon.earliest);
    let (average, expected) = at(pace, &mut beyond_horizon.expected);
    let (slow, latest) = at(slowest, &mut beyond_horizon.latest);
    let sprints_to_go = (fast, average, slow);
    let status = judge(
        remaining,
        done,
        pace,
        initiative.target,
        beyond_horizon.earliest,
        (earliest, latest),
    );
    InitiativeAccount {
        effort,
        done_by_sprint,
        scope_by_sprint,
        done,
        scope: scope_now,
        pace: Pace {
            average: pace,
            slowest,
            fastest,
        },
        finish: Finish {
            earliest,
            expected,
            latest,
        },
        status,
        pace_sprints,
        sprints_to_go,
        beyond_horizon,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::load::config::Config;
    use crate::load::ledger::LedgerSources;
    use jiff::ToSpan;

    /// Four two-week sprints from 2026-01-05; `rows[i]` is the initiative's effort in sprint i.
    fn ledger(initiative: &str, rows: &[f64]) -> Ledger {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let teams = "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 5\n";
        let sprints = rows
            .iter()
            .enumerate()
            .map(|(i, effort)| {
                let start = jiff::civil::date(2026, 1, 5).checked_add((14 * i as i64).days()).unwrap();
                let end = start.checked_add(11.days()).unwrap();
                let work = if *effort > 0.0 {
                    format!("[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = {effort}\ninitiative = \"x\"\n")
                } else {
                    String::new()
                };
                SourceFile::new(format!("S{i}.toml"), format!("id = \"S{i}\"\nstart = {start}\nend = {end}\n{work}"))
            })
            .collect();
        Ledger::check_sources(
            &config,
            LedgerSources {
                teams: Some(SourceFile::new("teams.toml", teams)),
                sprints,
                initiatives: Some(SourceFile::new("initiatives.toml", initiative)),
                ..LedgerSources::default()
            },
        )
        .unwrap()
    }

    fn effort_of(ledger: &Ledger) -> Vec<f64> {
        ledger
            .sprints
            .iter()
            .map(|s| {
                s.work
                    .iter()
                    .filter(|r| r.initiative == Some(0))
                    .map(|r| r.effort)
                    .sum()
            })
            .collect()
    }

    const X: &str = "[[initiative]]\nid = \"x\"\nname = \"X\"\ncategory = \"new\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 100\n";

    #[test]
    fn forecast_range_comes_from_the_slowest_and_fastest_sprints() {
        let text = format!("{X}target = 2026-04-30\n");
        let ledger = ledger(&text, &[10.0, 20.0, 10.0, 20.0]);
        let a = account(&ledger, 0, effort_of(&ledger), 6);
        assert_eq!(a.done, 60.0);
        assert_eq!(a.scope, 100.0);
        assert_eq!(a.pace.average, Some(15.0));
        // 40 to go: 2 sprints at 20, 2.67 → 3 at 15, 4 at 10; the last sprint ends 2026-02-27.
        assert_eq!(a.sprints_to_go.0, Some(2.0));
        assert_eq!(a.finish.earliest.unwrap().iso(), "2026-03-27");
        assert_eq!(a.finish.expected.unwrap().iso(), "2026-04-10");
        assert_eq!(a.finish.latest.unwrap().iso(), "2026-04-24");
        assert_eq!(a.status, Status::OnTrack);
    }

    #[test]
    fn status_follows_the_target() {
        let at_risk = ledger(
            &format!("{X}target = 2026-04-01\n"),
            &[10.0, 20.0, 10.0, 20.0],
        );
        assert_eq!(
            account(&at_risk, 0, effort_of(&at_risk), 6).status,
            Status::AtRisk
        );
        let late = ledger(
            &format!("{X}target = 2026-03-01\n"),
            &[10.0, 20.0, 10.0, 20.0],
        );
        assert_eq!(account(&late, 0, effort_of(&late), 6).status, Status::Late);
        let no_target = ledger(X, &[10.0, 20.0, 10.0, 20.0]);
        assert_eq!(
            account(&no_target, 0, effort_of(&no_target), 6).status,
            Status::NoTarget
        );
    }

    #[test]
    fn no_pace_yet_means_no_forecast() {
        let ledger = ledger(X, &[0.0, 0.0]);
        let a = account(&ledger, 0, effort_of(&ledger), 6);
        assert_eq!(a.status, Status::NotStarted);
        assert_eq!((a.finish.earliest, a.finish.latest), (None, None));
    }

    #[test]
    fn a_sprint_without_work_leaves_the_latest_date_open() {
        let ledger = ledger(X, &[10.0, 0.0, 30.0]);
        let a = account(&ledger, 0, effort_of(&ledger), 6);
        assert!(a.finish.earliest.is_some());
        assert_eq!(a.finish.latest, None);
    }

    #[test]
    fn scope_increases_apply_from_their_sprint() {
        let text = format!("{X}[[initiative.scope_change]]\nsprint = \"S2\"\nscope = 150\n");
        let ledger = ledger(&text, &[50.0, 50.0, 50.0, 0.0]);
        let a = account(&ledger, 0, effort_of(&ledger), 6);
        assert_eq!(a.scope_by_sprint, vec![100.0, 100.0, 150.0, 150.0]);
        assert_eq!(a.done, 150.0);
        assert_eq!(a.status, Status::Done);
    }

    #[test]
    fn a_pace_near_zero_is_beyond_the_horizon_not_a_panic() {
        let text = format!("{X}target = 2026-04-30\n");
        // The slowest sprint did 0.00001: 100 / 0.00001 sprints is ten million sprints.
        let ledger = ledger(&text, &[10.0, 0.00001, 10.0, 10.0]);
        let a = account(&ledger, 0, effort_of(&ledger), 6);
        assert!(a.finish.earliest.is_some());
        assert_eq!(a.finish.latest, None);
        assert_eq!(a.sprints_to_go.2, None);
        assert!(a.beyond_horizon.latest && !a.beyond_horizon.earliest);
        assert_eq!(
            a.forecast_reason(),
            Some("beyond the 100-year horizon at this pace")
        );
        assert_eq!(a.status, Status::Late);
    }

    #[test]
    fn a_scope_beyond_the_horizon_is_late_against_any_target() {
        let text = X.replace("scope = 100", "scope = 10000000") + "target = 2030-01-01\n";
        let ledger = ledger(&text, &[10.0, 20.0, 10.0, 20.0]);
        let a = account(&ledger, 0, effort_of(&ledger), 6);
        assert_eq!(
            (a.finish.earliest, a.finish.expected, a.finish.latest),
            (None, None, None)
        );
        assert_eq!(a.sprints_to_go, (None, None, None));
        assert!(a.beyond_horizon.earliest && a.beyond_horizon.latest);
        assert_eq!(a.status, Status::Late);
        let no_target = X.replace("scope = 100", "scope = 10000000");
        let ledger = self::ledger(&no_target, &[10.0, 20.0, 10.0, 20.0]);
        assert_eq!(
            account(&ledger, 0, effort_of(&ledger), 6).status,
            Status::NoTarget
        );
    }

    #[test]
    fn known_dates_give_no_reason_and_gaps_say_why() {
        let ledger = ledger(X, &[10.0, 20.0, 10.0, 20.0]);
        assert_eq!(
            account(&ledger, 0, effort_of(&ledger), 6).forecast_reason(),
            None
        );
        let ledger = self::ledger(X, &[10.0, 0.0, 30.0]);
        assert_eq!(
            account(&ledger, 0, effort_of(&ledger), 6).forecast_reason(),
            Some("a recent sprint without progress leaves the latest date open")
        );
        let ledger = self::ledger(X, &[0.0, 0.0]);
        assert_eq!(
            account(&ledger, 0, effort_of(&ledger), 6).forecast_reason(),
            Some("no recent work to forecast from")
        );
    }
}
