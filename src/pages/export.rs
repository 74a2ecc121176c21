//! `data/accounts.json`: the computed accounts for readers who want the numbers and for other
//! tools. Its shape is a contract documented in the README: fields may be added, never renamed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::accounts::Accounts;
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::pages::export_yearly::{
    InterestExport, SiteYearly, YearlyExport, interest, site_yearly, system_yearly,
};

#[derive(Serialize)]
struct Export<'a> {
    currency: &'a str,
    effort_unit: &'a str,
    current_sprint: Option<&'a str>,
    categories: Vec<CategoryInfo<'a>>,
    teams: Vec<TeamInfo<'a>>,
    sprints: Vec<SprintExport<'a>>,
    initiatives: BTreeMap<&'a str, InitiativeExport>,
    systems: BTreeMap<&'a str, SystemExport<'a>>,
    debt: BTreeMap<&'a str, DebtExport>,
    capitalization: CapitalizationExport,
    targets: BTreeMap<&'a str, TargetExport>,
    yearly: SiteYearly,
    scenarios: BTreeMap<&'a str, super::export_scenarios::ScenarioExport<'a>>,
    /// The delivery record's figures; left out when the site has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery: Option<super::export_delivery::DeliveryExport<'a>>,
}

#[derive(Serialize)]
struct InitiativeExport {
    done: f64,
    scope: f64,
    pace: Option<f64>,
    forecast_earliest: Option<String>,
    forecast_expected: Option<String>,
    forecast_latest: Option<String>,
    /// Why a forecast date is null: "beyond the 100-year horizon at this pace", "done"...
    forecast_reason: Option<&'static str>,
    target: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct SystemExport<'a> {
    libyears: f64,
    dependencies_behind: usize,
    cost_of_ownership: BTreeMap<&'a str, OwnershipExport<'a>>,
    /// Its upkeep per sprint over the recent sprints, per year and in people.
    upkeep_yearly: YearlyExport,
}

#[derive(Serialize)]
struct OwnershipExport<'a> {
    effort: f64,
    categories: BTreeMap<&'a str, f64>,
    upkeep_share: Option<f64>,
    /// The cost of ownership: `effort` less the work on big projects that replace the system.
    to_own: f64,
    /// Effort on the big projects that replace the system (`replaces`), in that sprint.
    replacing: f64,
}

#[derive(Serialize)]
struct DebtExport {
    principal: f64,
    interest: f64,
    payback_sprints: Option<f64>,
    /// Why `payback_sprints` is null: no interest, or beyond the horizon.
    payback_reason: Option<&'static str>,
    status: &'static str,
    #[serde(flatten)]
    interest_yearly: InterestExport,
}

#[derive(Serialize)]
struct CapitalizationExport {
    sprints: BTreeMap<String, SplitExport>,
    months: BTreeMap<String, SplitExport>,
}

#[derive(Serialize)]
struct SplitExport {
    capitalized: f64,
    expensed: f64,
    capitalized_cost: Option<f64>,
    expensed_cost: Option<f64>,
    cost_complete: bool,
}

#[derive(Serialize)]
struct TargetExport {
    target: f64,
    actual: f64,
    recent_average: f64,
}

fn split_export(split: &crate::accounts::capitalization::Split) -> SplitExport {
    let any_cost = split.capitalized_cost + split.expensed_cost > 0.0 || !split.cost_missing;
    SplitExport {
        capitalized: round(split.capitalized),
        expensed: round(split.expensed),
        capitalized_cost: any_cost.then(|| round(split.capitalized_cost)),
        expensed_cost: any_cost.then(|| round(split.expensed_cost)),
        cost_complete: !split.cost_missing,
    }
}

#[derive(Serialize)]
struct CategoryInfo<'a> {
    id: &'a str,
    label: &'a str,
    color: &'a str,
    capitalizable: bool,
}

#[derive(Serialize)]
struct TeamInfo<'a> {
    id: &'a str,
    name: &'a str,
    people: f64,
    day_cost: Option<f64>,
}

#[derive(Serialize)]
struct SprintExport<'a> {
    id: &'a str,
    start: String,
    end: String,
    working_days: u32,
    effort: f64,
    fte: f64,
    cost: Option<f64>,
    cost_known: f64,
    teams_without_cost: Vec<&'a str>,
    planned: f64,
    unplanned: f64,
    capacity: Option<f64>,
    capacity_used: Option<f64>,
    categories: BTreeMap<&'a str, CategoryFigures>,
    teams: BTreeMap<&'a str, TeamFigures<'a>>,
}

#[derive(Serialize)]
struct CategoryFigures {
    effort: f64,
    share: f64,
    fte: f64,
    change_points: Option<f64>,
}

#[derive(Serialize)]
struct TeamFigures<'a> {
    effort: f64,
    fte: f64,
    cost: Option<f64>,
    capacity: Option<f64>,
    categories: BTreeMap<&'a str, TeamCategoryFigures>,
}

#[derive(Serialize)]
struct TeamCategoryFigures {
    effort: f64,
    share: f64,
}

/// Rounds to 6 decimals, as every number in the file is.
pub(super) fn round6(value: f64) -> f64 {
    round(value)
}

/// Rounds for the export: enough precision to re-add figures, no float noise.
fn round(value: f64) -> f64 {
    // Numbers are bounded where they are read (`input::Checked`), so sums stay finite.
    debug_assert!(
        value.is_finite(),
        "a non-finite number reached accounts.json: {value}"
    );
    let rounded = (value * 1_000_000.0).round() / 1_000_000.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// One entry per item of a ledger list, keyed by the item's id: `export` makes it from the item
/// and its account (the accounts are in the list's order).
fn keyed<'a, T, A, E>(
    items: &'a [T],
    accounts: &'a [A],
    id: impl Fn(&'a T) -> &'a str,
    export: impl Fn(&'a T, &'a A) -> E,
) -> BTreeMap<&'a str, E> {
    items
        .iter()
        .zip(accounts)
        .map(|(item, account)| (id(item), export(item, account)))
        .collect()
}

/// One entry per exported category slot of a set of figures, keyed by the category's id: every
/// configured category, and the uncategorized slot when `by_category` has effort in it.
fn by_category<'a, E>(
    config: &'a Config,
    slots: &[usize],
    by_category: &[f64],
    export: impl Fn(usize) -> E,
) -> BTreeMap<&'a str, E> {
    slots
        .iter()
        .filter(|&&slot| slot < config.categories.len() || by_category[slot] > 0.0)
        .map(|&slot| (config.category_id(slot), export(slot)))
        .collect()
}

/// The JSON text of `data/accounts.json`, pretty-printed with keys in a stable order.
pub fn accounts_json(config: &Config, ledger: &Ledger, accounts: &Accounts) -> String {
    let slots: Vec<usize> = (0..config.category_slots())
        .filter(|&s| s < config.categories.len() || accounts.slot_is_used(s))
        .collect();
    let sprints = ledger
        .sprints
        .iter()
        .zip(&accounts.sprints)
        .enumerate()
        .map(|(index, (sprint, account))| SprintExport {
            id: &sprint.id,
            start: sprint.start.iso(),
            end: sprint.end.iso(),
            working_days: sprint.working_days,
            effort: round(account.effort),
            fte: round(account.fte),
            cost: account.cost().map(round),
            cost_known: round(account.cost_known),
            teams_without_cost: account
                .teams_without_cost
                .iter()
                .map(|&t| ledger.teams[t].id.as_str())
                .collect(),
            planned: round(account.planned),
            unplanned: round(account.effort - account.planned),
            capacity: account.capacity.map(round),
            capacity_used: account.capacity_used().map(round),
            categories: by_category(config, &slots, &account.by_category, |slot| {
                CategoryFigures {
                    effort: round(account.by_category[slot]),
                    share: round(account.share(slot)),
                    fte: round(account.category_fte(slot)),
                    change_points: accounts.share_change_points(index, slot).map(round),
                }
            }),
            teams: keyed(
                &ledger.teams,
                &account.teams,
                |team| &team.id,
                |_, figures| TeamFigures {
                    effort: round(figures.effort),
                    fte: round(figures.fte),
                    cost: figures.cost.map(round),
                    capacity: figures.capacity.map(round),
                    categories: by_category(config, &slots, &figures.by_category, |slot| {
                        TeamCategoryFigures {
                            effort: round(figures.by_category[slot]),
                            share: round(figures.share(slot)),
                        }
                    }),
                },
            ),
        })
        .collect();
    let export = Export {
        delivery: super::export_delivery::delivery_export(config, ledger, accounts, round),
        currency: &config.currency,
        effort_unit: config.effort_unit.as_str(),
        current_sprint: ledger.current_sprint().map(|s| s.id.as_str()),
        categories: slots
            .iter()
            .map(|&slot| CategoryInfo {
                id: config.category_id(slot),
                label: config.category_label(slot),
                color: config.category_color(slot),
                capitalizable: config.categories.get(slot).is_some_and(|c| c.capitalizable),
            })
            .collect(),
        teams: ledger
            .teams
            .iter()
            .map(|t| TeamInfo {
                id: &t.id,
                name: &t.name,
                people: t.people,
                day_cost: t.day_cost,
            })
            .collect(),
        sprints,
        initiatives: keyed(
            &ledger.initiatives,
            &accounts.initiatives,
            |i| &i.id,
            |i, a| InitiativeExport {
                done: round(a.done),
                scope: round(a.scope),
                pace: a.pace.average.map(round),
                forecast_earliest: a.finish.earliest.map(|d| d.iso()),
                forecast_expected: a.finish.expected.map(|d| d.iso()),
                forecast_latest: a.finish.latest.map(|d| d.iso()),
                forecast_reason: a.forecast_reason(),
                target: i.target.map(|d| d.iso()),
                status: a.status.as_str(),
            },
        ),
        systems: keyed(
            &ledger.systems,
            &accounts.systems,
            |s| &s.id,
            |system, a| {
                let index = ledger
                    .systems
                    .iter()
                    .position(|s| std::ptr::eq(s, system))
                    .unwrap_or(0);
                let cost_of_ownership = ledger
                    .sprints
                    .iter()
                    .enumerate()
                    .map(|(k, sprint)| {
                        (
                            sprint.id.as_str(),
                            OwnershipExport {
                                effort: round(a.effort[k]),
                                categories: slots
                                    .iter()
                                    .filter(|&&slot| a.by_sprint[k][slot] > 0.0)
                                    .map(|&slot| {
                                        (config.category_id(slot), round(a.by_sprint[k][slot]))
                                    })
                                    .collect(),
                                upkeep_share: a.upkeep_share[k].map(round),
                                to_own: round(a.to_own[k]),
                                replacing: round(a.replacing[k]),
                            },
                        )
                    })
                    .collect();
                SystemExport {
                    libyears: round(a.libyears),
                    dependencies_behind: a.behind_major,
                    cost_of_ownership,
                    upkeep_yearly: system_yearly(config, ledger, accounts, index),
                }
            },
        ),
        debt: keyed(
            &ledger.debts,
            &accounts.debt.items,
            |d| &d.id,
            |d, a| DebtExport {
                interest_yearly: interest(
                    config,
                    ledger,
                    accounts,
                    ledger
                        .debts
                        .iter()
                        .position(|x| std::ptr::eq(x, d))
                        .unwrap_or(0),
                ),
                principal: round(d.principal),
                interest: round(d.interest),
                payback_sprints: a.payback_sprints.map(round),
                payback_reason: a.payback_reason(),
                status: d.status.as_str(),
            },
        ),
        capitalization: CapitalizationExport {
            sprints: ledger
                .sprints
                .iter()
                .zip(&accounts.capitalization.sprints)
                .map(|(s, split)| (s.id.clone(), split_export(split)))
                .collect(),
            months: accounts
                .capitalization
                .months
                .iter()
                .map(|(m, split)| (m.clone(), split_export(split)))
                .collect(),
        },
        targets: accounts
            .targets(config, ledger.current)
            .into_iter()
            .map(|(slot, target, actual, recent)| {
                (
                    config.category_id(slot),
                    TargetExport {
                        target: round(target),
                        actual: round(actual),
                        recent_average: round(recent),
                    },
                )
            })
            .collect(),
        yearly: site_yearly(config, ledger, accounts),
        scenarios: super::export_scenarios::scenarios(config, ledger, accounts),
    };
    let mut text = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}
