//! The sprint book: each sprint's figures per team and category, the summary over all
//! sprints, and [`Accounts`], which gathers them with the initiatives, systems, debt,
//! capitalization and scenario accounts. The modules that work on top of the whole book (the
//! yearly figures, calendar periods) import it from here.

use super::capitalization::{self, Capitalization};
use super::debt::{self, DebtAccounts};
use super::delivery::{self, DeliveryAccounts};
use super::initiatives::{self, InitiativeAccount};
use super::scenarios::{self, ScenarioAccount};
use super::systems::{self, SystemAccount};
use crate::load::config::Config;
use crate::load::ledger::{Ledger, Sprint};

/// One team's figures in one sprint.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamAccount {
    /// Recorded effort.
    pub effort: f64,
    /// People's worth of time: person-days divided by working days.
    pub fte: f64,
    /// Effort times the team's day cost; `None` when the team has no day cost.
    pub cost: Option<f64>,
    /// Effort per category slot.
    pub by_category: Vec<f64>,
    /// Effort of planned rows.
    pub planned: f64,
    /// Available effort, when a capacity row was given.
    pub capacity: Option<f64>,
}

impl TeamAccount {
    /// Share of this team's effort in a category slot, 0 when the team recorded nothing.
    pub fn share(&self, slot: usize) -> f64 {
        ratio(self.by_category[slot], self.effort)
    }

    /// Recorded effort as a fraction of capacity, when capacity is known and not zero.
    pub fn capacity_used(&self) -> Option<f64> {
        self.capacity.filter(|c| *c > 0.0).map(|c| self.effort / c)
    }
}

/// The figures of one sprint.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintAccount {
    /// Weekdays in the sprint.
    pub working_days: u32,
    /// All recorded effort.
    pub effort: f64,
    /// People's worth of time.
    pub fte: f64,
    /// Effort per category slot (configured categories, then uncategorized).
    pub by_category: Vec<f64>,
    /// Per team, in the order of the ledger's teams.
    pub teams: Vec<TeamAccount>,
    /// Effort of planned rows.
    pub planned: f64,
    /// Cost of the teams whose day cost is known.
    pub cost_known: f64,
    /// Teams that recorded effort but have no day cost (indices).
    pub teams_without_cost: Vec<usize>,
    /// Sum of the capacity rows given.
    pub capacity: Option<f64>,
    /// Effort recorded by the teams that gave a capacity row.
    pub effort_with_capacity: f64,
    /// Teams with no capacity row this sprint (indices).
    pub teams_without_capacity: Vec<usize>,
    /// Teams that recorded no work this sprint (indices).
    pub teams_without_work: Vec<usize>,
    /// Effort of rows that name no system.
    pub effort_without_system: f64,
    /// Effort of rows that name no initiative.
    pub effort_without_initiative: f64,
}

impl SprintAccount {
    /// Share of the sprint's effort in a category slot.
    pub fn share(&self, slot: usize) -> f64 {
        ratio(self.by_category[slot], self.effort)
    }

    /// FTE in a category slot.
    pub fn category_fte(&self, slot: usize) -> f64 {
        ratio(self.fte * self.by_category[slot], self.effort)
    }

    /// Total cost, only when every team that recorded effort has a day cost.
    pub fn cost(&self) -> Option<f64> {
        self.teams_without_cost
            .is_empty()
            .then_some(self.cost_known)
    }

    /// Share of effort that was planned.
    pub fn planned_share(&self) -> f64 {
        ratio(self.planned, self.effort)
    }

    /// Effort of the teams with capacity as a fraction of their capacity.
    pub fn capacity_used(&self) -> Option<f64> {
        self.capacity
            .filter(|c| *c > 0.0)
            .map(|c| self.effort_with_capacity / c)
    }
}

/// Totals over a run of sprints.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// How many sprints are included.
    pub sprints: usize,
    /// Total effort.
    pub effort: f64,
    /// Total effort per category slot.
    pub by_category: Vec<f64>,
    /// Average effort per sprint.
    pub average_effort: f64,
    /// Average FTE per sprint.
    pub average_fte: f64,
}

impl Summary {
    /// Share of the summed effort in a category slot (an effort-weighted average share).
    pub fn share(&self, slot: usize) -> f64 {
        ratio(self.by_category[slot], self.effort)
    }
}

/// The accounts of the whole site.
#[derive(Debug, Clone)]
pub struct Accounts {
    /// One per ledger sprint, in date order.
    pub sprints: Vec<SprintAccount>,
    /// Totals over all sprints.
    pub all: Summary,
    /// Totals over the last [`Accounts::window`] sprints up to the current one.
    pub recent: Summary,
    /// How many sprints a comparison looks back over: `[compare] window` of site.toml.
    pub window: usize,
    /// Per initiative, in the ledger's order.
    pub initiatives: Vec<InitiativeAccount>,
    /// Per system, in the ledger's order.
    pub systems: Vec<SystemAccount>,
    /// Per debt item, in the ledger's order, and the debt ledger's totals.
    pub debt: DebtAccounts,
    /// Capitalized and expensed work.
    pub capitalization: Capitalization,
    /// Days from one sprint's start to the next.
    pub cadence_days: i64,
    /// The slot of the keeping-the-lights-on category ([`Config::upkeep_slot`]), when the site
    /// has one.
    pub upkeep_slot: Option<usize>,
    /// Per what-if scenario, in the ledger's order.
    pub scenarios: Vec<ScenarioAccount>,
    /// Releases, failures, incidents and their follow-up: the delivery record's figures.
    pub delivery: DeliveryAccounts,
}

impl Accounts {
    /// Computes every figure from the ledger.
    pub fn compute(config: &Config, ledger: &Ledger) -> Self {
        let sprints: Vec<SprintAccount> = ledger
            .sprints
            .iter()
            .map(|sprint| sprint_account(config, ledger, sprint))
            .collect();
        let slots = config.category_slots();
        let all = summarize(&sprints, slots);
        let end = (ledger.current + 1).min(sprints.len());
        let window = config.compare_window;
        let start = end.saturating_sub(window);
        let recent = summarize(&sprints[start..end], slots);
        let cadence_days = initiatives::cadence_days(ledger);
        let upkeep_slot = config.upkeep_slot();
        let initiatives = initiative_efforts(ledger)
            .into_iter()
            .enumerate()
            .map(|(i, effort)| initiatives::account(ledger, i, effort, window))
            .collect();
        let after = ledger.current_sprint().map(|s| s.end);
        let mut accounts = Self {
            sprints,
            all,
            recent,
            window,
            initiatives,
            systems: systems::accounts(ledger, slots, upkeep_slot),
            debt: debt::accounts(&ledger.debts, after, cadence_days),
            capitalization: capitalization::accounts(config, ledger),
            cadence_days,
            upkeep_slot,
            scenarios: Vec::new(),
            delivery: delivery::accounts(config, ledger, upkeep_slot),
        };
        // Scenarios start from today's forecasts and upkeep.
        accounts.scenarios = scenarios::accounts(config, ledger, &accounts.scenario_books(ledger));
        accounts
    }

    /// The actual share of each targeted category in a sprint, and over the recent sprints:
    /// (slot, target, actual now, recent average).
    pub fn targets(&self, config: &Config, sprint: usize) -> Vec<(usize, f64, f64, f64)> {
        config
            .targets
            .iter()
            .map(|&(slot, target)| {
                let now = self.sprints.get(sprint).map_or(0.0, |s| s.share(slot));
                (slot, target, now, self.recent.share(slot))
            })
            .collect()
    }

    /// What the what-if scenarios are computed from: today's figures, with each team's recent
    /// effort per person and each category's recent effort per sprint.
    fn scenario_books(&self, ledger: &Ledger) -> scenarios::Books<'_> {
        let end = (ledger.current + 1).min(self.sprints.len());
        let recent = &self.sprints[end.saturating_sub(self.window)..end];
        let count = recent.len() as f64;
        let effort_per_person = ledger
            .teams
            .iter()
            .enumerate()
            .map(|(t, team)| {
                let effort: f64 = recent.iter().map(|s| s.teams[t].effort).sum();
                ratio(ratio(effort, count), team.people)
            })
            .collect();
        scenarios::Books {
            initiatives: &self.initiatives,
            systems: &self.systems,
            effort_per_person,
            category_recent: (0..self.recent.by_category.len())
                .map(|slot| ratio(self.recent.by_category[slot], self.recent.sprints as f64))
                .collect(),
            working_days: recent.last().map_or(10, |s| s.working_days),
            window: self.window,
            cadence_days: self.cadence_days,
        }
    }

    /// An initiative's account as it stood at the end of sprint `as_of`, with the same window.
    pub fn initiative_as_of(
        &self,
        ledger: &Ledger,
        initiative: usize,
        as_of: usize,
    ) -> InitiativeAccount {
        let effort = self.initiatives[initiative].effort.clone();
        initiatives::account_as_of(ledger, initiative, effort, self.window, as_of)
    }

    /// Change in a category's share from the sprint before, in percentage points.
    /// `None` for the first sprint.
    pub fn share_change_points(&self, sprint: usize, slot: usize) -> Option<f64> {
        let previous = self.sprints.get(sprint.checked_sub(1)?)?;
        let now = self.sprints.get(sprint)?;
        Some((now.share(slot) - previous.share(slot)) * 100.0)
    }

    /// Whether a category slot has any effort in any sprint: categories defined but never used
    /// are still shown, while `uncategorized` is shown only when it is not zero.
    pub fn slot_is_used(&self, slot: usize) -> bool {
        self.all.by_category[slot] > 0.0
    }
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}

/// Effort per initiative per sprint, in one pass over the work rows.
fn initiative_efforts(ledger: &Ledger) -> Vec<Vec<f64>> {
    let mut efforts = vec![vec![0.0; ledger.sprints.len()]; ledger.initiatives.len()];
    for (s, sprint) in ledger.sprints.iter().enumerate() {
        for row in &sprint.work {
            if let Some(i) = row.initiative {
                efforts[i][s] += row.effort;
            }
        }
    }
    efforts
}

fn sprint_account(config: &Config, ledger: &Ledger, sprint: &Sprint) -> SprintAccount {
    let slots = config.category_slots();
    let days = f64::from(sprint.working_days);
    let mut teams: Vec<TeamAccount> = ledger
        .teams
        .iter()
        .map(|_| TeamAccount {
            effort: 0.0,
            fte: 0.0,
            cost: None,
            by_category: vec![0.0; slots],
            planned: 0.0,
            capacity: None,
        })
        .collect();
    let mut rows_per_team = vec![0usize; ledger.teams.len()];
    for row in &sprint.work {
        let team = &mut teams[row.team];
        team.effort += row.effort;
        team.by_category[row.category] += row.effort;
        if row.planned {
            team.planned += row.effort;
        }
        rows_per_team[row.team] += 1;
    }
    for capacity in &sprint.capacity {
        teams[capacity.team].capacity = Some(capacity.effort);
    }
    let mut account = SprintAccount {
        working_days: sprint.working_days,
        effort: 0.0,
        fte: 0.0,
        by_category: vec![0.0; slots],
        teams: Vec::new(),
        planned: 0.0,
        cost_known: 0.0,
        teams_without_cost: Vec::new(),
        capacity: None,
        effort_with_capacity: 0.0,
        teams_without_capacity: Vec::new(),
        teams_without_work: Vec::new(),
        effort_without_system: sprint
            .work
            .iter()
            .filter(|r| r.system.is_none())
            .map(|r| r.effort)
            .sum(),
        effort_without_initiative: sprint
            .work
            .iter()
            .filter(|r| r.initiative.is_none())
            .map(|r| r.effort)
            .sum(),
    };
    for (index, (team, info)) in teams.iter_mut().zip(&ledger.teams).enumerate() {
        let person_days = config.to_person_days(team.effort);
        team.fte = person_days / days;
        team.cost = info.day_cost.map(|cost| person_days * cost);
        account.effort += team.effort;
        account.planned += team.planned;
        for (total, effort) in account.by_category.iter_mut().zip(&team.by_category) {
            *total += effort;
        }
        match team.cost {
            Some(cost) => account.cost_known += cost,
            None if team.effort > 0.0 => account.teams_without_cost.push(index),
            None => {}
        }
        match team.capacity {
            Some(capacity) => {
                *account.capacity.get_or_insert(0.0) += capacity;
                account.effort_with_capacity += team.effort;
            }
            None => account.teams_without_capacity.push(index),
        }
        if rows_per_team[index] == 0 {
            account.teams_without_work.push(index);
        }
    }
    account.fte = config.to_person_days(account.effort) / days;
    account.teams = teams;
    account
}

fn summarize(sprints: &[SprintAccount], slots: usize) -> Summary {
    let mut by_category = vec![0.0; slots];
    let mut effort = 0.0;
    let mut fte = 0.0;
    for sprint in sprints {
        effort += sprint.effort;
        fte += sprint.fte;
        for (total, value) in by_category.iter_mut().zip(&sprint.by_category) {
            *total += value;
        }
    }
    let count = sprints.len();
    Summary {
        sprints: count,
        effort,
        by_category,
        average_effort: ratio(effort, count as f64),
        average_fte: ratio(fte, count as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    fn site(config: &str, teams: &str, sprints: &[&str]) -> (Config, Ledger) {
        let config = Config::parse(SourceFile::new("site.toml", config)).unwrap();
        let sprints = sprints
            .iter()
            .enumerate()
            .map(|(i, text)| SourceFile::new(format!("content/data/sprints/s{i}.toml"), *text))
            .collect();
        let ledger = Ledger::check(&config, SourceFile::new("teams.toml", teams), sprints).unwrap();
        (config, ledger)
    }

    const TEAMS: &str = "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 2\nday_cost = 500\n\
                         [[team]]\nid = \"b\"\nname = \"B\"\npeople = 3\n";

    const S1: &str = "start = 2026-11-02\nend = 2026-11-13\n\
        [[work]]\nteam = \"a\"\ncategory = \"ktlo\"\neffort = 6\nplanned = false\n\
        [[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 9\n\
        [[work]]\nteam = \"b\"\ncategory = \"new\"\neffort = 10\n\
        [[work]]\nteam = \"b\"\neffort = 5\n\
        [[capacity]]\nteam = \"a\"\neffort = 20\n";

    const S2: &str = "start = 2026-11-16\nend = 2026-11-27\n\
        [[work]]\nteam = \"a\"\ncategory = \"ktlo\"\neffort = 12\n\
        [[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 8\n";

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn a_sprint_adds_up_by_category_team_and_plan() {
        let (config, ledger) = site("title = \"t\"\n", TEAMS, &[S1]);
        let accounts = Accounts::compute(&config, &ledger);
        let s = &accounts.sprints[0];
        // 6 + 9 + 10 + 5 = 30 person-days over 10 working days.
        close(s.effort, 30.0);
        assert_eq!(s.working_days, 10);
        close(s.fte, 3.0);
        // Slots: new, improve, productivity, ktlo, uncategorized.
        assert_eq!(s.by_category, vec![19.0, 0.0, 0.0, 6.0, 5.0]);
        close(s.share(0), 19.0 / 30.0);
        close(s.share(4), 5.0 / 30.0);
        close(s.category_fte(3), 0.6);
        close(s.planned_share(), 24.0 / 30.0);
        // Team a: 15 days at 500; team b has no day cost, so the total is unknown.
        assert_eq!(s.teams[0].cost, Some(7500.0));
        assert_eq!(s.teams[1].cost, None);
        close(s.cost_known, 7500.0);
        assert_eq!(s.cost(), None);
        assert_eq!(s.teams_without_cost, vec![1]);
        // Only team a gave a capacity: 15 of 20.
        assert_eq!(s.capacity, Some(20.0));
        close(s.capacity_used().unwrap(), 0.75);
        assert_eq!(s.teams[0].capacity_used(), Some(0.75));
        assert_eq!(s.teams_without_capacity, vec![1]);
        close(s.teams[1].share(4), 1.0 / 3.0);
    }

    #[test]
    fn changes_and_summaries_span_sprints() {
        let (config, ledger) = site("title = \"t\"\n", TEAMS, &[S2, S1]);
        let accounts = Accounts::compute(&config, &ledger);
        // Sorted by date: S1 then S2.
        close(accounts.sprints[1].effort, 20.0);
        // KTLO: 6/30 = 20% then 12/20 = 60%: up 40 points.
        close(accounts.share_change_points(1, 3).unwrap(), 40.0);
        assert_eq!(accounts.share_change_points(0, 3), None);
        assert_eq!(accounts.sprints[1].teams_without_work, vec![1]);
        assert_eq!(accounts.sprints[1].cost(), Some(10000.0));
        close(accounts.all.effort, 50.0);
        close(accounts.all.share(3), 18.0 / 50.0);
        close(accounts.all.average_effort, 25.0);
        close(accounts.recent.average_fte, 2.5);
        assert!(!accounts.slot_is_used(1));
        assert!(accounts.slot_is_used(4));
    }

    #[test]
    fn hours_are_converted_for_fte_and_cost() {
        let sprint = "start = 2026-11-02\nend = 2026-11-06\n[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 40\n";
        let (config, ledger) = site("title = \"t\"\neffort_unit = \"hours\"\n", TEAMS, &[sprint]);
        let accounts = Accounts::compute(&config, &ledger);
        let s = &accounts.sprints[0];
        close(s.effort, 40.0);
        // 40 hours = 5 person-days over 5 working days.
        close(s.fte, 1.0);
        assert_eq!(s.teams[0].cost, Some(2500.0));
    }

    #[test]
    fn an_empty_sprint_has_zero_shares_not_nan() {
        let sprint = "start = 2026-11-02\nend = 2026-11-06\n";
        let (config, ledger) = site("title = \"t\"\n", TEAMS, &[sprint]);
        let accounts = Accounts::compute(&config, &ledger);
        let s = &accounts.sprints[0];
        assert_eq!(s.share(0), 0.0);
        assert_eq!(s.planned_share(), 0.0);
        assert_eq!(s.cost(), Some(0.0));
        assert_eq!(s.capacity_used(), None);
    }
}
