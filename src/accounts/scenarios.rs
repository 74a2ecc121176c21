//! What-if scenarios (`content/data/scenarios.toml`): an initiative's forecast with more people,
//! more effort or none at all, what it costs, what it saves in upkeep, when it pays for itself,
//! and what slips where the people come from.
//!
//! The model is today's forecast ([`super::initiatives`]) with the change added:
//! - **Pace.** The fastest, average and slowest of the recent sprints, as today. The change
//!   applies from its first sprint (`from`); until then the initiative goes at today's pace.
//!   From then, each pace gains the added effort (`stop`: each pace becomes 0).
//! - **People to effort.** One added person brings the owning team's recent effort per person
//!   per sprint: its recorded effort over the comparison window divided by its head count. A team
//!   that recorded nothing counts the current sprint's working days (a full-time person).
//! - **Cost.** Effort times the owning team's day cost, when it has one.
//! - **Upkeep.** When the initiative replaces a system (`replaces`), the system's cost of
//!   ownership (`to_own`) is projected at its recent trend: a straight line fitted (least
//!   squares) to the last `[compare] window` sprints up to the current one, or flat at their
//!   average when fewer than 3 sprints are known; never below 0. Without the initiative the
//!   upkeep goes on at that trend; with it, it stops after the sprint the initiative finishes
//!   (at the average pace) and the system is retired.
//! - **Break-even.** The first sprint after the current one in which the cumulative upkeep
//!   saved passes the cumulative effort spent on the initiative from now on, both at the average
//!   pace and in the site's effort unit (so that teams without a day cost still count). None
//!   when that does not happen within the forecast horizon ([`super::horizon`]).

use crate::load::config::Config;
use crate::load::input::Day;
use crate::load::ledger::{Change, Ledger, TakeFrom};

use super::horizon::Horizon;
use super::initiatives::{InitiativeAccount, Status, horizon, judge};
use super::systems::SystemAccount;

/// What the scenarios are computed from: today's accounts, as plain figures.
pub struct Books<'a> {
    /// Per initiative, today's progress and forecast.
    pub initiatives: &'a [InitiativeAccount],
    /// Per system, its cost of ownership.
    pub systems: &'a [SystemAccount],
    /// Per team, its recorded effort per person per sprint over the comparison window (0 when
    /// it recorded nothing or has no people).
    pub effort_per_person: Vec<f64>,
    /// Per category slot, its effort per sprint over the comparison window.
    pub category_recent: Vec<f64>,
    /// The current sprint's working days (10 when there is no sprint).
    pub working_days: u32,
    /// How many sprints a comparison looks back over.
    pub window: usize,
    /// Days from one sprint's start to the next.
    pub cadence_days: i64,
}

/// The fastest, the average and the slowest pace, in that order (earliest, expected and latest
/// finish).
pub type Paces = [f64; 3];

/// A forecast under one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Effort per sprint on the initiative until the change applies (today's paces).
    pub before: Paces,
    /// Effort per sprint once it applies.
    pub after: Paces,
    /// Sprints from the current one to the finish, per pace (`None`: never, or beyond the
    /// horizon).
    pub sprints_to_go: [Option<f64>; 3],
    /// The earliest, expected and latest finish dates.
    pub finish: [Option<Day>; 3],
    /// Which of them lie beyond the horizon.
    pub beyond: [bool; 3],
    /// Where it stands against the target, by the rule of today's forecast.
    pub status: Status,
}

/// The projected upkeep of the system an initiative replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Upkeep {
    /// The system (index).
    pub system: usize,
    /// The fitted upkeep at the current sprint, per sprint.
    pub level: f64,
    /// Its change per sprint (0 when flat).
    pub slope: f64,
    /// How many sprints the trend was fitted to.
    pub fitted_over: usize,
    /// Whether it is held flat (too few sprints for a trend).
    pub flat: bool,
    /// Projected upkeep in each sprint after the current one, with the initiative finishing as
    /// the scenario plans (at the average pace).
    pub with: Vec<f64>,
    /// The same without it: the trend, on and on.
    pub without: Vec<f64>,
    /// The same with the initiative at today's pace.
    pub with_today: Vec<f64>,
}

/// An initiative that slips because the added people leave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    /// The initiative (index).
    pub initiative: usize,
    /// Effort per sprint it loses.
    pub taken: f64,
    /// Its forecast at today's pace.
    pub baseline: Forecast,
    /// Its forecast with less.
    pub forecast: Forecast,
}

/// A scenario's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioAccount {
    /// The scenario (index into the ledger's scenarios).
    pub scenario: usize,
    /// Its initiative (index).
    pub initiative: usize,
    /// Effort per sprint added (0 when it stops).
    pub added: f64,
    /// Effort one added person brings per sprint (for `add_people`).
    pub effort_per_person: Option<f64>,
    /// Effort per sprint no longer spent, at today's average pace (when it stops).
    pub freed: f64,
    /// The owning team's day cost, when known.
    pub day_cost: Option<f64>,
    /// Money per sprint the change adds (negative: frees), when the day cost is known.
    pub cost_per_sprint: Option<f64>,
    /// Effort still to do.
    pub remaining: f64,
    /// The money the remaining effort costs, when the day cost is known.
    pub remaining_cost: Option<f64>,
    /// Today's forecast.
    pub baseline: Forecast,
    /// The forecast with the change.
    pub forecast: Forecast,
    /// The upkeep of the system it replaces, when it replaces one.
    pub upkeep: Option<Upkeep>,
    /// Break-even with the change: sprints after the current one, and the day that sprint ends.
    pub break_even: Option<(usize, Option<Day>)>,
    /// Break-even at today's pace.
    pub baseline_break_even: Option<(usize, Option<Day>)>,
    /// The category the people are taken from, with its recent effort per sprint.
    pub taken_from_category: Option<(usize, f64)>,
    /// What slips in turn.
    pub slips: Vec<Slip>,
}

/// What every scenario's figures are computed with.
struct Frame {
    horizon: Option<Horizon>,
    cadence: i64,
    /// The most sprints any projection looks at: the horizon in sprints.
    max_sprints: usize,
}

/// Every scenario's figures, in the ledger's order.
pub fn accounts(config: &Config, ledger: &Ledger, accounts: &Books<'_>) -> Vec<ScenarioAccount> {
    let cadence = accounts.cadence_days.max(1);
    let frame = Frame {
        horizon: horizon(ledger),
        cadence,
        max_sprints: (super::horizon::HORIZON_DAYS / cadence).max(1) as usize,
    };
    (0..ledger.scenarios.len())
        .map(|s| scenario_account(config, ledger, accounts, &frame, s))
        .collect()
}

fn scenario_account(
    config: &Config,
    ledger: &Ledger,
    accounts: &Books<'_>,
    frame: &Frame,
    index: usize,
) -> ScenarioAccount {
    let scenario = &ledger.scenarios[index];
    let initiative = &ledger.initiatives[scenario.initiative];
    let account = &accounts.initiatives[scenario.initiative];
    let owner = &ledger.teams[initiative.owner];
    let before = today(account);
    let per_person = effort_per_person(config, accounts, initiative.owner);
    let (added, effort_per_person) = match scenario.change {
        Change::AddPeople(n) => (n * per_person, Some(per_person)),
        Change::AddEffort(e) => (e, None),
        Change::Stop => (0.0, None),
    };
    let stop = scenario.change == Change::Stop;
    let after = if stop {
        [0.0; 3]
    } else {
        before.map(|p| p + added)
    };
    let remaining = (account.scope - account.done).max(0.0);
    let plan = |before: Paces, after: Paces| {
        forecast(
            frame,
            (remaining, account.done),
            (before, after, scenario.delay),
            initiative.target,
        )
    };
    let baseline = plan(before, before);
    let mut forecast = plan(before, after);
    if stop && forecast.sprints_to_go[1].is_none() {
        forecast.status = if initiative.target.is_some() {
            Status::Late
        } else {
            Status::NoTarget
        };
    }
    let money = |effort: f64| owner.day_cost.map(|c| config.to_person_days(effort) * c);
    let freed = if stop { before[1] } else { 0.0 };
    let upkeep = initiative
        .replaces
        .map(|system| upkeep(accounts, ledger, frame, system, [&baseline, &forecast]));
    let break_even_of = |f: &Forecast| {
        let upkeep = upkeep.as_ref()?;
        let sprint = break_even(frame, remaining, f, scenario.delay, upkeep)?;
        let day = frame
            .horizon
            .and_then(|h| h.project(sprint as f64, frame.cadence));
        Some((sprint, day))
    };
    let (taken_from_category, slips) = slips(ledger, accounts, frame, scenario, added);
    ScenarioAccount {
        scenario: index,
        initiative: scenario.initiative,
        added,
        effort_per_person,
        freed,
        day_cost: owner.day_cost,
        cost_per_sprint: if stop {
            money(freed).map(|m| -m)
        } else {
            money(added)
        },
        remaining,
        remaining_cost: money(remaining),
        break_even: break_even_of(&forecast),
        baseline_break_even: break_even_of(&baseline),
        baseline,
        forecast,
        upkeep,
        taken_from_category,
        slips,
    }
}

/// Today's fastest, average and slowest pace of an initiative (0 where unknown).
fn today(account: &InitiativeAccount) -> Paces {
    [
        account.pace.fastest.unwrap_or(0.0),
        account.pace.average.unwrap_or(0.0),
        account.pace.slowest.unwrap_or(0.0),
    ]
}

/// The effort one person of `team` brings per sprint: the team's recent effort per head, or a
/// full-time person's working days when the team recorded nothing.
fn effort_per_person(config: &Config, books: &Books<'_>, team: usize) -> f64 {
    match books.effort_per_person.get(team) {
        Some(&effort) if effort > 0.0 => effort,
        // A full-time person's days, in the site's unit.
        _ => f64::from(books.working_days) / config.to_person_days(1.0),
    }
}

/// Sprints from the current one to the finish at `before` per sprint for `delay` sprints, then
/// `after`; `None` when it never finishes.
pub fn sprints_to_go(remaining: f64, before: f64, after: f64, delay: usize) -> Option<f64> {
    if remaining <= 0.0 {
        return Some(0.0);
    }
    let early = before.max(0.0) * delay as f64;
    if before > 0.0 && early >= remaining {
        return Some(remaining / before);
    }
    (after > 0.0).then(|| delay as f64 + (remaining - early) / after)
}

/// A plan's forecast: `(remaining, done)` effort; `(before, after, delay)` the paces before and
/// after the change and the sprints until it applies.
fn forecast(
    frame: &Frame,
    (remaining, done): (f64, f64),
    (before, after, delay): (Paces, Paces, usize),
    target: Option<Day>,
) -> Forecast {
    let mut sprints_to_go_ = [None; 3];
    let mut finish = [None; 3];
    let mut beyond = [false; 3];
    for i in 0..3 {
        let Some(sprints) = sprints_to_go(remaining, before[i], after[i], delay) else {
            continue;
        };
        let Some(horizon) = frame.horizon else {
            sprints_to_go_[i] = Some(sprints);
            continue;
        };
        match horizon.project(sprints, frame.cadence) {
            Some(day) => {
                sprints_to_go_[i] = Some(sprints);
                finish[i] = (remaining > 0.0).then_some(day);
            }
            None => beyond[i] = true,
        }
    }
    let pace = Some(if delay == 0 {
        after[1]
    } else {
        before[1].max(after[1])
    });
    let status = judge(
        remaining,
        done,
        pace,
        target,
        beyond[0],
        (finish[0], finish[2]),
    );
    Forecast {
        before,
        after,
        sprints_to_go: sprints_to_go_,
        finish,
        beyond,
        status,
    }
}

/// The straight-line fit of a system's recent upkeep: (level at the last sprint, slope per
/// sprint, sprints fitted, flat).
pub fn trend(values: &[f64]) -> (f64, f64, usize, bool) {
    let n = values.len();
    let mean = if n == 0 {
        0.0
    } else {
        values.iter().sum::<f64>() / n as f64
    };
    if n < 3 {
        return (mean, 0.0, n, true);
    }
    let x_mean = (n - 1) as f64 / 2.0;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, v) in values.iter().enumerate() {
        num += (i as f64 - x_mean) * (v - mean);
        den += (i as f64 - x_mean).powi(2);
    }
    let slope = num / den;
    (mean + slope * ((n - 1) as f64 - x_mean), slope, n, false)
}

/// The upkeep projected `k` sprints after the current one (k ≥ 1), never below 0.
fn projected(level: f64, slope: f64, k: usize) -> f64 {
    (level + slope * k as f64).max(0.0)
}

/// The sprint after the current one in which a plan finishes (at the average pace).
fn finish_sprint(forecast: &Forecast) -> Option<usize> {
    forecast.sprints_to_go[1].map(|s| s.ceil() as usize)
}

/// The replaced system's upkeep at its trend, with the initiative (as planned and at today's
/// pace) and without it, over the sprints the plans need to show.
fn upkeep(
    accounts: &Books<'_>,
    ledger: &Ledger,
    frame: &Frame,
    system: usize,
    [today, planned]: [&Forecast; 2],
) -> Upkeep {
    let to_own = &accounts.systems[system].to_own;
    let end = (ledger.current + 1).min(to_own.len());
    let recent = &to_own[end.saturating_sub(accounts.window)..end];
    let (level, slope, fitted_over, flat) = trend(recent);
    let length = [finish_sprint(today), finish_sprint(planned)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
        .clamp(12, 260)
        .min(frame.max_sprints)
        + 1;
    let series = |finish: Option<usize>| -> Vec<f64> {
        (1..=length)
            .map(|k| match finish {
                Some(f) if k > f => 0.0,
                _ => projected(level, slope, k),
            })
            .collect()
    };
    Upkeep {
        system,
        level,
        slope,
        fitted_over,
        flat,
        with: series(finish_sprint(planned)),
        without: series(None),
        with_today: series(finish_sprint(today)),
    }
}

/// The first sprint after the current one in which the upkeep saved (the trend, once the
/// initiative is done) passes the effort spent on it from now on, at the average pace.
fn break_even(
    frame: &Frame,
    remaining: f64,
    forecast: &Forecast,
    delay: usize,
    upkeep: &Upkeep,
) -> Option<usize> {
    let finish = finish_sprint(forecast)?;
    let (mut spent, mut saved, mut left) = (0.0, 0.0, remaining);
    for k in 1..=frame.max_sprints {
        let rate = if k <= delay {
            forecast.before[1]
        } else {
            forecast.after[1]
        };
        let work = rate.min(left).max(0.0);
        left -= work;
        spent += work;
        if k > finish {
            let upkeep_now = projected(upkeep.level, upkeep.slope, k);
            if upkeep_now <= 0.0 && upkeep.slope <= 0.0 {
                return None;
            }
            saved += upkeep_now;
        }
        if spent > 0.0 && saved > spent {
            return frame
                .horizon
                .is_none_or(|h| h.reaches(k as f64, frame.cadence))
                .then_some(k);
        }
    }
    None
}

/// An initiative (index) and the effort per sprint it loses.
type Loss = (usize, f64);

/// Where the added effort comes from, and what slips there: the category's recent effort per
/// sprint (when it is a category) and each initiative that loses effort.
fn slips(
    ledger: &Ledger,
    accounts: &Books<'_>,
    frame: &Frame,
    scenario: &crate::load::ledger::Scenario,
    added: f64,
) -> (Option<(usize, f64)>, Vec<Slip>) {
    let Some(take_from) = scenario.take_from else {
        return (None, Vec::new());
    };
    let (category, losers): (Option<(usize, f64)>, Vec<Loss>) = match take_from {
        TakeFrom::Initiative(i) => (None, vec![(i, added)]),
        TakeFrom::Category(slot) => {
            let recent = accounts.category_recent.get(slot).copied().unwrap_or(0.0);
            // The effort leaves the category's work in proportion to each part's pace.
            let losers = (0..ledger.initiatives.len())
                .filter(|&i| i != scenario.initiative && ledger.initiatives[i].category == slot)
                .filter_map(|i| {
                    let pace = accounts.initiatives[i].pace.average.filter(|p| *p > 0.0)?;
                    (recent > 0.0).then(|| (i, added * (pace / recent).min(1.0)))
                })
                .collect();
            (Some((slot, recent)), losers)
        }
    };
    let slips = losers
        .into_iter()
        .filter_map(|(i, taken)| {
            let account = &accounts.initiatives[i];
            let remaining = account.scope - account.done;
            if remaining <= 0.0 {
                return None;
            }
            let before = today(account);
            let after = before.map(|p| (p - taken).max(0.0));
            let target = ledger.initiatives[i].target;
            let plan = |after| {
                forecast(
                    frame,
                    (remaining, account.done),
                    (before, after, scenario.delay),
                    target,
                )
            };
            Some(Slip {
                initiative: i,
                taken,
                baseline: plan(before),
                forecast: plan(after),
            })
        })
        .collect();
    (category, slips)
}

#[cfg(test)]
pub(crate) mod tests;
