//! The `scenarios` of `data/accounts.json`: each what-if scenario's forecast against today's,
//! its cost, the upkeep it saves and its break-even, keyed by the scenario's id. Its shape is
//! documented in the README; fields may be added, never renamed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::accounts::Accounts;
use crate::accounts::scenarios::{Forecast, ScenarioAccount, Slip, Upkeep};
use crate::load::config::Config;
use crate::load::ledger::{Change, Ledger};
use crate::words::scenarios::scenario_finding;

#[derive(Serialize)]
pub(super) struct ScenarioExport<'a> {
    title: &'a str,
    initiative: &'a str,
    /// "add_people", "add_effort" or "stop".
    change: &'static str,
    add_people: Option<f64>,
    /// Effort per sprint added, in the site's unit (0 when it stops).
    added_effort: f64,
    effort_per_person: Option<f64>,
    /// Effort per sprint no longer spent (when it stops).
    freed_effort: f64,
    /// The first sprint the change applies to: the id when it is in the data, else "next".
    from: String,
    /// Sprints after the next one before the change applies (0 for "next").
    delay_sprints: usize,
    cost_per_sprint: Option<f64>,
    remaining: f64,
    remaining_cost: Option<f64>,
    target: Option<String>,
    baseline: ForecastExport,
    forecast: ForecastExport,
    upkeep: Option<UpkeepExport<'a>>,
    break_even: Option<BreakEvenExport>,
    baseline_break_even: Option<BreakEvenExport>,
    take_from: Option<&'a str>,
    /// The category's recent effort per sprint, when `take_from` is a category.
    take_from_recent_effort: Option<f64>,
    slips: Vec<SlipExport<'a>>,
    finding: String,
    slips_finding: String,
}

#[derive(Serialize)]
struct ForecastExport {
    /// Effort per sprint once the change applies: fastest, average, slowest.
    pace: [f64; 3],
    sprints_to_go: [Option<f64>; 3],
    earliest: Option<String>,
    expected: Option<String>,
    latest: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct UpkeepExport<'a> {
    system: &'a str,
    level: f64,
    slope_per_sprint: f64,
    fitted_over_sprints: usize,
    flat: bool,
    /// Per sprint after the current one.
    with: Vec<f64>,
    without: Vec<f64>,
    with_today: Vec<f64>,
}

#[derive(Serialize)]
struct BreakEvenExport {
    sprints: usize,
    sprint_ends: Option<String>,
}

#[derive(Serialize)]
struct SlipExport<'a> {
    initiative: &'a str,
    taken_effort: f64,
    baseline: ForecastExport,
    forecast: ForecastExport,
}

fn round(value: f64) -> f64 {
    let rounded = (value * 1_000_000.0).round() / 1_000_000.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn forecast(f: &Forecast) -> ForecastExport {
    let iso = |i: usize| f.finish[i].map(|d| d.iso());
    ForecastExport {
        pace: f.after.map(round),
        sprints_to_go: f.sprints_to_go.map(|s| s.map(round)),
        earliest: iso(0),
        expected: iso(1),
        latest: iso(2),
        status: f.status.as_str(),
    }
}

fn upkeep<'a>(ledger: &'a Ledger, u: &Upkeep) -> UpkeepExport<'a> {
    let all = |v: &[f64]| v.iter().copied().map(round).collect();
    UpkeepExport {
        system: &ledger.systems[u.system].id,
        level: round(u.level),
        slope_per_sprint: round(u.slope),
        fitted_over_sprints: u.fitted_over,
        flat: u.flat,
        with: all(&u.with),
        without: all(&u.without),
        with_today: all(&u.with_today),
    }
}

fn slip<'a>(ledger: &'a Ledger, s: &Slip) -> SlipExport<'a> {
    SlipExport {
        initiative: &ledger.initiatives[s.initiative].id,
        taken_effort: round(s.taken),
        baseline: forecast(&s.baseline),
        forecast: forecast(&s.forecast),
    }
}

fn one<'a>(
    config: &'a Config,
    ledger: &'a Ledger,
    accounts: &Accounts,
    a: &ScenarioAccount,
) -> ScenarioExport<'a> {
    let scenario = &ledger.scenarios[a.scenario];
    let break_even = |b: Option<(usize, Option<crate::load::input::Day>)>| {
        b.map(|(sprints, day)| BreakEvenExport {
            sprints,
            sprint_ends: day.map(|d| d.iso()),
        })
    };
    let finding = scenario_finding(config, ledger, accounts, a.scenario);
    ScenarioExport {
        title: &scenario.title,
        initiative: &ledger.initiatives[a.initiative].id,
        change: match scenario.change {
            Change::AddPeople(_) => "add_people",
            Change::AddEffort(_) => "add_effort",
            Change::Stop => "stop",
        },
        add_people: match scenario.change {
            Change::AddPeople(n) => Some(round(n)),
            _ => None,
        },
        added_effort: round(a.added),
        effort_per_person: a.effort_per_person.map(round),
        freed_effort: round(a.freed),
        from: ledger
            .sprints
            .get(ledger.current + 1 + scenario.delay)
            .map_or_else(|| "next".to_string(), |s| s.id.clone()),
        delay_sprints: scenario.delay,
        cost_per_sprint: a.cost_per_sprint.map(round),
        remaining: round(a.remaining),
        remaining_cost: a.remaining_cost.map(round),
        target: ledger.initiatives[a.initiative].target.map(|d| d.iso()),
        baseline: forecast(&a.baseline),
        forecast: forecast(&a.forecast),
        upkeep: a.upkeep.as_ref().map(|u| upkeep(ledger, u)),
        break_even: break_even(a.break_even),
        baseline_break_even: break_even(a.baseline_break_even),
        take_from: scenario.take_from.map(|t| match t {
            crate::load::ledger::TakeFrom::Initiative(i) => ledger.initiatives[i].id.as_str(),
            crate::load::ledger::TakeFrom::Category(slot) => config.category_id(slot),
        }),
        take_from_recent_effort: a.taken_from_category.map(|(_, e)| round(e)),
        slips: a.slips.iter().map(|s| slip(ledger, s)).collect(),
        finding: finding.sentence,
        slips_finding: finding.slips,
    }
}

/// Every scenario's export, keyed by its id.
pub(super) fn scenarios<'a>(
    config: &'a Config,
    ledger: &'a Ledger,
    accounts: &Accounts,
) -> BTreeMap<&'a str, ScenarioExport<'a>> {
    accounts
        .scenarios
        .iter()
        .map(|a| {
            (
                ledger.scenarios[a.scenario].id.as_str(),
                one(config, ledger, accounts, a),
            )
        })
        .collect()
}
