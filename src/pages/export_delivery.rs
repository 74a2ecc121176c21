//! The `delivery` key of `data/accounts.json`: releases, failed releases and the change-failure
//! rate, incidents by severity, time to restore and the upkeep effort of the follow-up work,
//! per sprint, per quarter and per team, with each incident and event. Left out when the site
//! records no delivery data. Documented in the README as a contract.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::accounts::{Accounts, DeliveryFigures};
use crate::load::config::Config;
use crate::load::ledger::Ledger;

#[derive(Serialize)]
pub(super) struct DeliveryExport<'a> {
    timezone: &'a str,
    severities: &'a [String],
    this_quarter: Option<String>,
    sprints: BTreeMap<&'a str, FiguresExport<'a>>,
    quarters: BTreeMap<String, FiguresExport<'a>>,
    last_four_quarters: FiguresExport<'a>,
    teams: BTreeMap<&'a str, FiguresExport<'a>>,
    incidents: BTreeMap<&'a str, IncidentExport<'a>>,
    events: Vec<EventExport<'a>>,
}

#[derive(Serialize)]
struct FiguresExport<'a> {
    releases: u64,
    failed_releases: u64,
    change_failure_rate: Option<f64>,
    incidents: BTreeMap<&'a str, u64>,
    time_to_restore_median_minutes: Option<f64>,
    time_to_restore_worst_minutes: Option<f64>,
    follow_up_upkeep: f64,
}

#[derive(Serialize)]
struct IncidentExport<'a> {
    title: &'a str,
    start: String,
    end: String,
    severity: &'a str,
    sprint: Option<&'a str>,
    minutes: f64,
    teams: Vec<&'a str>,
    systems: Vec<&'a str>,
    follow_up_effort: f64,
    follow_up_upkeep: f64,
    follow_up_cost: Option<f64>,
}

#[derive(Serialize)]
struct EventExport<'a> {
    date: Option<String>,
    sprint: Option<&'a str>,
    label: &'a str,
    kind: Option<&'static str>,
}

fn figures<'a>(
    config: &'a Config,
    f: &DeliveryFigures,
    round: fn(f64) -> f64,
) -> FiguresExport<'a> {
    FiguresExport {
        releases: f.releases,
        failed_releases: f.failed,
        change_failure_rate: f.change_failure_rate().map(round),
        incidents: config
            .delivery
            .severities
            .iter()
            .zip(&f.incidents)
            .map(|(s, n)| (s.as_str(), *n))
            .collect(),
        time_to_restore_median_minutes: f.median_restore().map(round),
        time_to_restore_worst_minutes: f.worst_restore().map(round),
        follow_up_upkeep: round(f.follow_up_upkeep),
    }
}

/// An exact time in the site's zone, with its offset: `2026-08-11T13:40:00+02:00`.
/// Each of `ids` with its figures (`all`, in the same order), as the export writes them.
fn by_id<'a>(
    config: &'a Config,
    ids: impl Iterator<Item = &'a str>,
    all: &[DeliveryFigures],
    round: fn(f64) -> f64,
) -> BTreeMap<&'a str, FiguresExport<'a>> {
    ids.zip(all)
        .map(|(id, f)| (id, figures(config, f, round)))
        .collect()
}

fn stamp(config: &Config, t: jiff::Timestamp) -> String {
    t.to_zoned_datetime(config.delivery.timezone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The `delivery` key, or `None` when the site records no delivery data.
pub(super) fn delivery_export<'a>(
    config: &'a Config,
    ledger: &'a Ledger,
    accounts: &Accounts,
    round: fn(f64) -> f64,
) -> Option<DeliveryExport<'a>> {
    let record = &ledger.delivery;
    if record.is_empty() {
        return None;
    }
    let d = &accounts.delivery;
    let sprint_id = |s: Option<usize>| s.map(|s| ledger.sprints[s].id.as_str());
    Some(DeliveryExport {
        timezone: &config.delivery.timezone_name,
        severities: &config.delivery.severities,
        this_quarter: d.this_quarter.map(|q| q.label()),
        sprints: by_id(
            config,
            ledger.sprints.iter().map(|s| s.id.as_str()),
            &d.sprints,
            round,
        ),
        quarters: d
            .quarters
            .iter()
            .map(|(q, f)| (q.label(), figures(config, f, round)))
            .collect(),
        last_four_quarters: figures(config, &d.last_four, round),
        teams: by_id(
            config,
            ledger.teams.iter().map(|t| t.id.as_str()),
            &d.teams,
            round,
        ),
        incidents: record
            .incidents
            .iter()
            .zip(&d.incidents)
            .map(|(i, a)| {
                let export = IncidentExport {
                    title: &i.title,
                    start: stamp(config, i.start),
                    end: stamp(config, i.end),
                    severity: &config.delivery.severities[i.severity],
                    sprint: sprint_id(i.sprint),
                    minutes: round(a.minutes),
                    teams: i
                        .teams
                        .iter()
                        .map(|&t| ledger.teams[t].id.as_str())
                        .collect(),
                    systems: i
                        .systems
                        .iter()
                        .map(|&s| ledger.systems[s].id.as_str())
                        .collect(),
                    follow_up_effort: round(a.follow_up_effort),
                    follow_up_upkeep: round(a.follow_up_upkeep),
                    follow_up_cost: a.follow_up_cost().map(round),
                };
                (i.id.as_str(), export)
            })
            .collect(),
        events: record
            .events
            .iter()
            .map(|e| EventExport {
                date: e.date.map(|d| d.iso()),
                sprint: sprint_id(e.sprint),
                label: &e.label,
                kind: e.kind.map(|k| k.as_str()),
            })
            .collect(),
    })
}
