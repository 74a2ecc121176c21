//! Money per year, in terms a board uses: a per-sprint figure times the sprints in a year (from
//! the sprint cadence), and in people ("about 4 of our 25 engineers"); plus the small trend
//! maths the briefs need (a straight-line slope, what slips when upkeep keeps rising).

use super::book::{Accounts, SprintAccount, ratio};
use crate::load::config::Config;
use crate::load::ledger::Ledger;

/// Days in the year a cadence is counted against: 52 weeks, so that two-week sprints make 26
/// a year and one-week sprints 52.
pub const DAYS_PER_YEAR: f64 = 364.0;

/// The longest run [`finish_with_rising_upkeep`] looks ahead, in sprints (20 years of
/// two-week sprints).
pub const SLIP_LOOKAHEAD: usize = 520;

/// How many sprints fit in a year at `cadence_days` between sprint starts.
pub fn sprints_per_year(cadence_days: i64) -> f64 {
    DAYS_PER_YEAR / cadence_days.max(1) as f64
}

/// A per-sprint figure and what it comes to over a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Yearly {
    /// Effort per sprint, in the site's unit.
    pub effort_per_sprint: f64,
    /// Money per sprint, for the part whose day cost is known.
    pub cost_per_sprint: f64,
    /// Whether `cost_per_sprint` covers all of the effort (every team had a day cost).
    pub cost_complete: bool,
    /// `effort_per_sprint` × sprints per year.
    pub effort_per_year: f64,
    /// `cost_per_sprint` × sprints per year.
    pub cost_per_year: f64,
    /// People's worth of time the effort takes: person-days per sprint ÷ working days.
    pub people: f64,
}

impl Yearly {
    /// The yearly figures of a per-sprint effort and cost; `person_days` and `working_days`
    /// give the people's worth.
    pub fn from_sprint(
        effort: f64,
        cost: f64,
        cost_complete: bool,
        person_days: f64,
        working_days: f64,
        per_year: f64,
    ) -> Self {
        Self {
            effort_per_sprint: effort,
            cost_per_sprint: cost,
            cost_complete,
            effort_per_year: effort * per_year,
            cost_per_year: cost * per_year,
            people: ratio(person_days, working_days),
        }
    }
}

/// The engineers a site has: the people of all its teams.
pub fn engineers(ledger: &Ledger) -> f64 {
    ledger.teams.iter().map(|t| t.people).sum()
}

/// The known cost of one category slot in a sprint (its effort in each team with a day cost,
/// at that cost), and whether every team with effort in the slot had a day cost.
pub fn slot_cost(
    config: &Config,
    ledger: &Ledger,
    account: &SprintAccount,
    slot: usize,
) -> (f64, bool) {
    let mut cost = 0.0;
    let mut complete = true;
    for (team, figures) in ledger.teams.iter().zip(&account.teams) {
        let effort = figures.by_category.get(slot).copied().unwrap_or(0.0);
        match team.day_cost {
            Some(day_cost) => cost += config.to_person_days(effort) * day_cost,
            None if effort > 0.0 => complete = false,
            None => {}
        }
    }
    (cost, complete)
}

/// The sprints of the comparison window ending at the current sprint (indices).
pub fn recent_range(accounts: &Accounts, ledger: &Ledger) -> std::ops::Range<usize> {
    let end = (ledger.current + 1).min(accounts.sprints.len());
    end.saturating_sub(accounts.window)..end
}

/// Average working days of the recent sprints (10 for two-week sprints).
pub fn recent_working_days(accounts: &Accounts, ledger: &Ledger) -> f64 {
    let range = recent_range(accounts, ledger);
    let count = range.len() as f64;
    let days: f64 = accounts.sprints[range]
        .iter()
        .map(|s| f64::from(s.working_days))
        .sum();
    ratio(days, count)
}

/// One category slot per sprint over the recent sprints, and over a year.
pub fn slot_yearly(config: &Config, ledger: &Ledger, accounts: &Accounts, slot: usize) -> Yearly {
    let range = recent_range(accounts, ledger);
    let count = range.len() as f64;
    let mut effort = 0.0;
    let mut cost = 0.0;
    let mut complete = true;
    for account in &accounts.sprints[range] {
        effort += account.by_category.get(slot).copied().unwrap_or(0.0);
        let (known, all) = slot_cost(config, ledger, account, slot);
        cost += known;
        complete &= all;
    }
    let effort = ratio(effort, count);
    Yearly::from_sprint(
        effort,
        ratio(cost, count),
        complete,
        config.to_person_days(effort),
        recent_working_days(accounts, ledger),
        sprints_per_year(accounts.cadence_days),
    )
}

/// A system's upkeep per sprint: the keeping-the-lights-on part of the work it takes to own
/// it (`own_by_sprint`, so never the work on a project replacing it); its whole cost of
/// ownership (`to_own`) when the site has no upkeep category.
pub fn system_upkeep(accounts: &Accounts, system: usize) -> Vec<f64> {
    let account = &accounts.systems[system];
    match accounts.upkeep_slot {
        Some(slot) => account
            .own_by_sprint
            .iter()
            .map(|c| c.get(slot).copied().unwrap_or(0.0))
            .collect(),
        None => account.to_own.clone(),
    }
}

/// A system's upkeep ([`system_upkeep`]) per sprint over the recent sprints, at its owner's
/// day cost, and over a year: the monolith's "tax" as a board weighs it.
pub fn system_yearly(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    system: usize,
) -> Yearly {
    let range = recent_range(accounts, ledger);
    let count = range.len() as f64;
    let upkeep = system_upkeep(accounts, system);
    let effort = ratio(
        upkeep.get(range.clone()).map_or(0.0, |s| s.iter().sum()),
        count,
    );
    let day_cost = ledger.teams[ledger.systems[system].owner].day_cost;
    let person_days = config.to_person_days(effort);
    Yearly::from_sprint(
        effort,
        day_cost.map_or(0.0, |c| person_days * c),
        day_cost.is_some() || effort == 0.0,
        person_days,
        recent_working_days(accounts, ledger),
        sprints_per_year(accounts.cadence_days),
    )
}

/// A debt item's interest (effort per sprint) over a year, with its money value when the team
/// owning its system has a day cost (`None` otherwise).
pub fn interest_yearly(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    debt: usize,
) -> (Yearly, Option<f64>) {
    let item = &ledger.debts[debt];
    let day_cost = ledger
        .systems
        .get(item.system)
        .and_then(|s| ledger.teams[s.owner].day_cost);
    let person_days = config.to_person_days(item.interest);
    let yearly = Yearly::from_sprint(
        item.interest,
        day_cost.map_or(0.0, |c| person_days * c),
        day_cost.is_some(),
        person_days,
        recent_working_days(accounts, ledger),
        sprints_per_year(accounts.cadence_days),
    );
    (yearly, day_cost.map(|c| person_days * c))
}

/// The slope of a straight line fitted to `values` (least squares, one step per value): how
/// much the figure rises per sprint. 0 with fewer than two values.
pub fn slope(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    if values.len() < 2 {
        return 0.0;
    }
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = values.iter().sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, y) in values.iter().enumerate() {
        let dx = i as f64 - mean_x;
        num += dx * (y - mean_y);
        den += dx * dx;
    }
    ratio(num, den)
}

/// The straight line fitted to `values` (least squares): its value at step 0 and its slope.
/// The line through one value is flat; through none, 0.
pub fn line(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let slope = slope(values);
    let mean = ratio(values.iter().sum(), n);
    (mean - slope * (n - 1.0).max(0.0) / 2.0, slope)
}

/// Sprints until `remaining` work is done at `pace` a sprint while upkeep grows by `growth` a
/// sprint and takes its time from the `free` effort (what is left after upkeep) in proportion:
/// in the k-th sprint from now the pace is `pace × (1 − growth × k / free)`, never below 0.
/// `None` when the work never finishes within [`SLIP_LOOKAHEAD`] sprints.
pub fn finish_with_rising_upkeep(
    remaining: f64,
    pace: f64,
    growth: f64,
    free: f64,
) -> Option<usize> {
    if remaining <= 0.0 {
        return Some(0);
    }
    if pace <= 0.0 || free <= 0.0 {
        return None;
    }
    let mut done = 0.0;
    for k in 1..=SLIP_LOOKAHEAD {
        let left = (1.0 - growth.max(0.0) * k as f64 / free).max(0.0);
        if left == 0.0 {
            return None;
        }
        done += pace * left;
        if done >= remaining - 1e-9 {
            return Some(k);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn two_week_sprints_make_26_a_year() {
        close(sprints_per_year(14), 26.0);
        close(sprints_per_year(7), 52.0);
        close(sprints_per_year(21), 364.0 / 21.0);
        // A nonsense cadence never divides by zero.
        close(sprints_per_year(0), 364.0);
    }

    #[test]
    fn a_sprint_figure_becomes_a_year_and_people() {
        // 40 person-days at $700 a sprint over 10 working days, 26 sprints a year.
        let y = Yearly::from_sprint(40.0, 28_000.0, true, 40.0, 10.0, 26.0);
        close(y.effort_per_year, 1040.0);
        close(y.cost_per_year, 728_000.0);
        close(y.people, 4.0);
        assert!(y.cost_complete);
    }

    #[test]
    fn the_slope_of_a_straight_line_is_its_rise_per_step() {
        close(slope(&[2.0, 4.0, 6.0, 8.0]), 2.0);
        close(slope(&[5.0, 5.0, 5.0]), 0.0);
        // 1, 3, 2: x̄ = 1, ȳ = 2; Σdx·dy = (−1)(−1) + 0 + (1)(0) = 1; Σdx² = 2.
        close(slope(&[1.0, 3.0, 2.0]), 0.5);
        close(slope(&[7.0]), 0.0);
        close(slope(&[]), 0.0);
        // 1, 3, 2: ȳ = 2 at x̄ = 1, so the line starts at 2 − 0.5 = 1.5.
        let (start, rise) = line(&[1.0, 3.0, 2.0]);
        close(start, 1.5);
        close(rise, 0.5);
        assert_eq!(line(&[4.0]), (4.0, 0.0));
        assert_eq!(line(&[]), (0.0, 0.0));
    }

    #[test]
    fn rising_upkeep_slows_a_project_down() {
        // Flat: 30 to go at 10 a sprint is 3 sprints.
        assert_eq!(finish_with_rising_upkeep(30.0, 10.0, 0.0, 100.0), Some(3));
        // Upkeep grows 10 a sprint out of 100 free: paces 9, 8, 7, 6 → 30 after 4 sprints.
        assert_eq!(finish_with_rising_upkeep(30.0, 10.0, 10.0, 100.0), Some(4));
        // Paces 9+8+...+1 = 45 before upkeep takes everything: 50 never finishes.
        assert_eq!(finish_with_rising_upkeep(50.0, 10.0, 10.0, 100.0), None);
        assert_eq!(finish_with_rising_upkeep(0.0, 0.0, 10.0, 100.0), Some(0));
        assert_eq!(finish_with_rising_upkeep(10.0, 0.0, 0.0, 100.0), None);
        // Falling upkeep counts as flat: the model never speeds a project up.
        assert_eq!(finish_with_rising_upkeep(30.0, 10.0, -5.0, 100.0), Some(3));
    }
}
