//! The delivery record's figures, modelled on the DORA measures: how often the teams release
//! (deployment frequency), how many releases failed (change-failure rate), how long service
//! took to come back (time to restore), and the upkeep effort the incidents' follow-up work
//! recorded. Per sprint, per calendar quarter and per team, never per person; the quarter of
//! the current sprint is compared with the four quarters before it.

use crate::load::config::Config;
use crate::load::input::Day;
use crate::load::ledger::{FollowUp, Incident, Ledger};

/// The delivery figures of one period (a sprint, a quarter) or one team.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeliveryFigures {
    /// Releases.
    pub releases: u64,
    /// Releases that caused a failure in production.
    pub failed: u64,
    /// Incidents per severity slot (least severe first).
    pub incidents: Vec<u64>,
    /// Each incident's minutes from start to end, in the order of `incidents.toml`.
    pub restore_minutes: Vec<f64>,
    /// Upkeep effort recorded on the incidents' follow-up work, in the site's effort unit.
    pub follow_up_upkeep: f64,
}

impl DeliveryFigures {
    fn new(severities: usize) -> Self {
        Self {
            incidents: vec![0; severities],
            ..Self::default()
        }
    }

    /// Failed releases over releases; `None` without releases.
    pub fn change_failure_rate(&self) -> Option<f64> {
        (self.releases > 0).then(|| self.failed as f64 / self.releases as f64)
    }

    /// All incidents, of any severity.
    pub fn incident_count(&self) -> u64 {
        self.incidents.iter().sum()
    }

    /// The median time to restore, in minutes (the mean of the middle two for an even count).
    pub fn median_restore(&self) -> Option<f64> {
        median(&self.restore_minutes)
    }

    /// The longest time to restore, in minutes.
    pub fn worst_restore(&self) -> Option<f64> {
        self.restore_minutes.iter().copied().reduce(f64::max)
    }

    /// Adds another period's figures (for the four quarters together).
    fn add(&mut self, other: &DeliveryFigures) {
        self.releases += other.releases;
        self.failed += other.failed;
        for (mine, theirs) in self.incidents.iter_mut().zip(&other.incidents) {
            *mine += theirs;
        }
        self.restore_minutes.extend(&other.restore_minutes);
        self.follow_up_upkeep += other.follow_up_upkeep;
    }
}

/// The median of some numbers; `None` for none.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// One incident's figures: how long it lasted and what its follow-up work took.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentAccount {
    /// Minutes from start to end.
    pub minutes: f64,
    /// All effort of the follow-up work rows.
    pub follow_up_effort: f64,
    /// The part of it in the upkeep category.
    pub follow_up_upkeep: f64,
    /// Its cost, for the teams whose day cost is known.
    pub follow_up_cost_known: f64,
    /// Teams with follow-up work but no day cost (indices).
    pub teams_without_cost: Vec<usize>,
    /// The follow-up work rows: (sprint, row) indices, each once, in sprint order.
    pub rows: Vec<(usize, usize)>,
}

impl IncidentAccount {
    /// The follow-up work's cost, when every team that did it has a day cost.
    pub fn follow_up_cost(&self) -> Option<f64> {
        self.teams_without_cost
            .is_empty()
            .then_some(self.follow_up_cost_known)
    }
}

/// A calendar quarter: its year and number (1 to 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The year.
    pub year: i16,
    /// 1 to 4.
    pub number: i8,
}

impl Quarter {
    /// The quarter a day falls in.
    pub fn of(day: Day) -> Self {
        Quarter {
            year: day.0.year(),
            number: (day.0.month() - 1) / 3 + 1,
        }
    }

    /// The quarter before.
    pub fn previous(self) -> Self {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    /// `2026-Q3`.
    pub fn label(self) -> String {
        format!("{}-Q{}", self.year, self.number)
    }
}

/// The delivery accounts of the whole site.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeliveryAccounts {
    /// Per ledger sprint.
    pub sprints: Vec<DeliveryFigures>,
    /// Per quarter with any release or incident, or holding the current sprint, in order.
    pub quarters: Vec<(Quarter, DeliveryFigures)>,
    /// Per team, over all the record.
    pub teams: Vec<DeliveryFigures>,
    /// Per incident, in the order of `incidents.toml`.
    pub incidents: Vec<IncidentAccount>,
    /// The quarter the current sprint ends in.
    pub this_quarter: Option<Quarter>,
    /// The four quarters before it, together (the context for this quarter's record).
    pub last_four: DeliveryFigures,
}

impl DeliveryAccounts {
    /// The figures of a quarter (zero when it recorded nothing).
    pub fn quarter(&self, quarter: Quarter) -> Option<&DeliveryFigures> {
        self.quarters
            .iter()
            .find(|(q, _)| *q == quarter)
            .map(|(_, f)| f)
    }
}

/// Every delivery figure, from the ledger's record.
pub fn accounts(config: &Config, ledger: &Ledger, upkeep: Option<usize>) -> DeliveryAccounts {
    let delivery = &ledger.delivery;
    let severities = config.delivery.severities.len();
    let incidents: Vec<IncidentAccount> = delivery
        .incidents
        .iter()
        .map(|i| incident_account(config, ledger, i, upkeep))
        .collect();
    let mut sprints = vec![DeliveryFigures::new(severities); ledger.sprints.len()];
    let mut teams = vec![DeliveryFigures::new(severities); ledger.teams.len()];
    let mut quarters: Vec<(Quarter, DeliveryFigures)> = Vec::new();
    let this_quarter = ledger.current_sprint().map(|s| Quarter::of(s.end));
    if let Some(q) = this_quarter {
        quarter_slot(&mut quarters, q, severities);
    }
    for release in &delivery.releases {
        let q = quarter_slot(&mut quarters, Quarter::of(release.date), severities);
        let periods = [
            release.sprint.and_then(|s| sprints.get_mut(s)),
            teams.get_mut(release.team),
        ];
        for figures in periods.into_iter().flatten() {
            figures.releases += release.count;
            figures.failed += release.failed;
        }
        let figures = &mut quarters[q].1;
        figures.releases += release.count;
        figures.failed += release.failed;
    }
    for (incident, account) in delivery.incidents.iter().zip(&incidents) {
        let q = quarter_slot(&mut quarters, Quarter::of(incident.day()), severities);
        let record = |figures: &mut DeliveryFigures, upkeep: f64| {
            figures.incidents[incident.severity] += 1;
            figures.restore_minutes.push(account.minutes);
            figures.follow_up_upkeep += upkeep;
        };
        record(&mut quarters[q].1, account.follow_up_upkeep);
        if let Some(figures) = incident.sprint.and_then(|s| sprints.get_mut(s)) {
            record(figures, account.follow_up_upkeep);
        }
        for &team in &incident.teams {
            let own = team_upkeep(ledger, account, team, upkeep);
            record(&mut teams[team], own);
        }
    }
    quarters.sort_by_key(|(q, _)| *q);
    let mut last_four = DeliveryFigures::new(severities);
    if let Some(now) = this_quarter {
        let mut q = now;
        for _ in 0..4 {
            q = q.previous();
            if let Some((_, figures)) = quarters.iter().find(|(k, _)| *k == q) {
                last_four.add(figures);
            }
        }
    }
    DeliveryAccounts {
        sprints,
        quarters,
        teams,
        incidents,
        this_quarter,
        last_four,
    }
}

/// The index of `quarter` among `quarters`, added with zero figures when it is new.
fn quarter_slot(
    quarters: &mut Vec<(Quarter, DeliveryFigures)>,
    quarter: Quarter,
    severities: usize,
) -> usize {
    match quarters.iter().position(|(q, _)| *q == quarter) {
        Some(i) => i,
        None => {
            quarters.push((quarter, DeliveryFigures::new(severities)));
            quarters.len() - 1
        }
    }
}

/// The work rows an incident's follow-up names, each once: the rows named by `ref` or title,
/// and every row of a named big project.
fn follow_up_rows(ledger: &Ledger, incident: &Incident) -> Vec<(usize, usize)> {
    let mut rows: Vec<(usize, usize)> = Vec::new();
    for follow_up in &incident.follow_up {
        match follow_up {
            FollowUp::Rows(named) => rows.extend(named),
            FollowUp::Initiative(initiative) => {
                for (s, sprint) in ledger.sprints.iter().enumerate() {
                    for (r, row) in sprint.work.iter().enumerate() {
                        if row.initiative == Some(*initiative) {
                            rows.push((s, r));
                        }
                    }
                }
            }
        }
    }
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// One incident's duration and the effort and cost of its follow-up.
fn incident_account(
    config: &Config,
    ledger: &Ledger,
    incident: &Incident,
    upkeep: Option<usize>,
) -> IncidentAccount {
    let rows = follow_up_rows(ledger, incident);
    let mut account = IncidentAccount {
        minutes: incident.minutes(),
        follow_up_effort: 0.0,
        follow_up_upkeep: 0.0,
        follow_up_cost_known: 0.0,
        teams_without_cost: Vec::new(),
        rows: Vec::new(),
    };
    for &(s, r) in &rows {
        let row = &ledger.sprints[s].work[r];
        account.follow_up_effort += row.effort;
        if Some(row.category) == upkeep {
            account.follow_up_upkeep += row.effort;
        }
        match ledger.teams[row.team].day_cost {
            Some(cost) => account.follow_up_cost_known += cost * config.to_person_days(row.effort),
            None if !account.teams_without_cost.contains(&row.team) => {
                account.teams_without_cost.push(row.team);
            }
            None => {}
        }
    }
    account.rows = rows;
    account
}

/// The upkeep effort a team recorded on an incident's follow-up.
fn team_upkeep(
    ledger: &Ledger,
    account: &IncidentAccount,
    team: usize,
    upkeep: Option<usize>,
) -> f64 {
    account
        .rows
        .iter()
        .map(|&(s, r)| &ledger.sprints[s].work[r])
        .filter(|row| row.team == team && Some(row.category) == upkeep)
        .map(|row| row.effort)
        .sum()
}

#[cfg(test)]
#[path = "delivery_tests.rs"]
mod tests;
