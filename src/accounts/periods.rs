//! Cost by calendar period for finance: this month, this quarter and the year to date, by
//! category. A sprint's figures are split over the months its working days fall in (as the
//! capitalization accounts split them), and a month the sprints do not cover day by day is
//! marked partial.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::book::Accounts;
use super::capitalization::{Split, month_shares};
use super::yearly::slot_cost;
use crate::load::config::Config;
use crate::load::ledger::Ledger;

/// One calendar month's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Month {
    /// Known cost per category slot.
    pub cost: Vec<f64>,
    /// Effort per category slot.
    pub effort: Vec<f64>,
    /// Effort of teams without a day cost.
    pub uncosted: f64,
    /// Weekdays of the month inside some sprint.
    pub covered_days: u32,
}

/// A run of months added up.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// The months, `YYYY-MM`, first to last.
    pub months: Vec<String>,
    /// Known cost per category slot.
    pub cost: Vec<f64>,
    /// Effort per category slot.
    pub effort: Vec<f64>,
    /// Effort of teams without a day cost.
    pub uncosted: f64,
    /// Whether some weekday of these months lies outside every sprint (a month under way, or
    /// before the data starts).
    pub partial: bool,
    /// Capitalized and expensed, from the capitalization accounts.
    pub split: Split,
}

/// `YYYY-MM` of a day.
fn month_key(day: Date) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// Weekdays in the month `day` falls in.
pub fn weekdays_in_month(day: Date) -> u32 {
    let mut count = 0;
    let mut d = day.first_of_month();
    let last = day.last_of_month();
    while d <= last {
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            count += 1;
        }
        match d.checked_add(1.day()) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    count
}

/// Every month the sprints touch, with its cost, effort and covered weekdays.
pub fn months(config: &Config, ledger: &Ledger, accounts: &Accounts) -> BTreeMap<String, Month> {
    let slots = config.category_slots();
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    for (sprint, account) in ledger.sprints.iter().zip(&accounts.sprints) {
        let shares = month_shares(sprint);
        let uncosted: f64 = account
            .teams_without_cost
            .iter()
            .map(|&t| account.teams[t].effort)
            .sum();
        let costs: Vec<f64> = (0..slots)
            .map(|slot| slot_cost(config, ledger, account, slot).0)
            .collect();
        for (key, share) in &shares {
            let month = months.entry(key.clone()).or_insert_with(|| Month {
                cost: vec![0.0; slots],
                effort: vec![0.0; slots],
                ..Month::default()
            });
            for (slot, cost) in costs.iter().enumerate() {
                month.cost[slot] += cost * share;
                month.effort[slot] += account.by_category[slot] * share;
            }
            month.uncosted += uncosted * share;
            month.covered_days += (f64::from(account.working_days) * share).round() as u32;
        }
    }
    months
}

/// This month, this quarter and the year to date, as of the month `day` falls in.
pub fn periods(
    config: &Config,
    accounts: &Accounts,
    months: &BTreeMap<String, Month>,
    day: Date,
) -> [Period; 3] {
    let year = day.year();
    let month = day.month();
    let quarter_start = (month - 1) / 3 * 3 + 1;
    let keys = |from: i8| -> Vec<(String, Date)> {
        (from..=month)
            .filter_map(|m| Date::new(year, m, 1).ok())
            .map(|d| (month_key(d), d))
            .collect()
    };
    [
        sum(config, accounts, months, keys(month)),
        sum(config, accounts, months, keys(quarter_start)),
        sum(config, accounts, months, keys(1)),
    ]
}

/// Adds up `keys` (months and their first days).
fn sum(
    config: &Config,
    accounts: &Accounts,
    months: &BTreeMap<String, Month>,
    keys: Vec<(String, Date)>,
) -> Period {
    let slots = config.category_slots();
    let mut period = Period {
        months: keys.iter().map(|(k, _)| k.clone()).collect(),
        cost: vec![0.0; slots],
        effort: vec![0.0; slots],
        uncosted: 0.0,
        partial: false,
        split: Split::default(),
    };
    for (key, first) in &keys {
        let covered = months.get(key).map_or(0, |m| m.covered_days);
        period.partial |= covered < weekdays_in_month(*first);
        if let Some(m) = months.get(key) {
            for slot in 0..slots {
                period.cost[slot] += m.cost[slot];
                period.effort[slot] += m.effort[slot];
            }
            period.uncosted += m.uncosted;
        }
        if let Some(split) = accounts.capitalization.months.get(key) {
            period.split.capitalized += split.capitalized;
            period.split.expensed += split.expensed;
            period.split.capitalized_cost += split.capitalized_cost;
            period.split.expensed_cost += split.expensed_cost;
            period.split.cost_missing |= split.cost_missing;
        }
    }
    period
}

/// The amortization charged in each calendar year, over every schedule (year, cost).
pub fn amortization_by_year(accounts: &Accounts) -> Vec<(i32, f64)> {
    let mut years: BTreeMap<i32, f64> = BTreeMap::new();
    for schedule in accounts.capitalization.schedules.values() {
        for month in schedule {
            if let Some(year) = month.month.get(..4).and_then(|y| y.parse().ok()) {
                *years.entry(year).or_default() += month.cost;
            }
        }
    }
    years.into_iter().collect()
}

/// The amortization charged in the month `key` (`YYYY-MM`), over every schedule.
pub fn amortization_in(accounts: &Accounts, key: &str) -> f64 {
    accounts
        .capitalization
        .schedules
        .values()
        .flatten()
        .filter(|m| m.month == key)
        .map(|m| m.cost)
        .sum()
}

/// `YYYY-MM` of a day, for callers naming a month.
pub fn key_of(day: Date) -> String {
    month_key(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_are_counted_per_month() {
        // November 2026: 30 days starting on a Sunday, 21 weekdays.
        assert_eq!(weekdays_in_month(date(2026, 11, 13)), 21);
        // February 2027: 28 days from a Monday, 20 weekdays.
        assert_eq!(weekdays_in_month(date(2027, 2, 1)), 20);
    }
}
