//! The yearly figures of `data/accounts.json`: per-sprint figures times the sprints a year (from
//! the cadence) and in people (`accounts::yearly`). Additive keys only: `yearly` at the top,
//! `upkeep_yearly` per system, `interest_*` per debt item.

use serde::Serialize;

use crate::accounts::Accounts;
use crate::accounts::yearly::{self, Yearly, engineers, recent_range};
use crate::load::config::Config;
use crate::load::ledger::Ledger;

/// One per-sprint figure and its year.
#[derive(Serialize)]
pub(super) struct YearlyExport {
    effort_per_sprint: f64,
    /// The known part; `cost_complete` says whether it covers all the effort.
    cost_per_sprint: f64,
    cost_complete: bool,
    effort_per_year: f64,
    cost_per_year: f64,
    /// People's worth of time: person-days a sprint ÷ working days.
    people: f64,
}

/// The site-wide yearly figures.
#[derive(Serialize)]
pub(super) struct SiteYearly {
    cadence_days: i64,
    sprints_per_year: f64,
    /// The people of all teams.
    engineers: f64,
    /// How many sprints the per-sprint averages cover (the comparison window, or fewer).
    recent_sprints: usize,
    /// Keeping the lights on, per sprint and per year; null without an upkeep category.
    upkeep: Option<YearlyExport>,
}

/// A debt item's interest in money and per year.
#[derive(Serialize)]
pub(super) struct InterestExport {
    /// Interest times the day cost of the team owning the item's system; null without one.
    pub(super) interest_cost: Option<f64>,
    pub(super) interest_per_year: f64,
    pub(super) interest_cost_per_year: Option<f64>,
}

fn round(value: f64) -> f64 {
    super::export::round6(value)
}

fn export(y: &Yearly) -> YearlyExport {
    YearlyExport {
        effort_per_sprint: round(y.effort_per_sprint),
        cost_per_sprint: round(y.cost_per_sprint),
        cost_complete: y.cost_complete,
        effort_per_year: round(y.effort_per_year),
        cost_per_year: round(y.cost_per_year),
        people: round(y.people),
    }
}

/// `yearly` at the top of the file.
pub(super) fn site_yearly(config: &Config, ledger: &Ledger, accounts: &Accounts) -> SiteYearly {
    SiteYearly {
        cadence_days: accounts.cadence_days,
        sprints_per_year: round(yearly::sprints_per_year(accounts.cadence_days)),
        engineers: round(engineers(ledger)),
        recent_sprints: recent_range(accounts, ledger).len(),
        upkeep: accounts
            .upkeep_slot
            .map(|slot| export(&yearly::slot_yearly(config, ledger, accounts, slot))),
    }
}

/// A system's `upkeep_yearly`.
pub(super) fn system_yearly(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    system: usize,
) -> YearlyExport {
    export(&yearly::system_yearly(config, ledger, accounts, system))
}

/// A debt item's `interest_*` keys.
pub(super) fn interest(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    debt: usize,
) -> InterestExport {
    let (y, cost) = yearly::interest_yearly(config, ledger, accounts, debt);
    InterestExport {
        interest_cost: cost.map(round),
        interest_per_year: round(y.effort_per_year),
        interest_cost_per_year: cost.map(|_| round(y.cost_per_year)),
    }
}
