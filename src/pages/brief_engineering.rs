//! The engineering brief's blocks: the debt ledger, dependency freshness, upkeep by system and
//! each team's targets against its actuals.

use crate::accounts::ratio;
use crate::accounts::systems::libyears;
use crate::accounts::yearly::{self, recent_range};
use crate::load::config::Block;
use crate::load::ledger::DebtStatus;
use crate::pages::brief_view::{BlockView, Table};
use crate::pages::common::SiteData;
use crate::words::narrate::{self, number, percent, spoken_effort};

impl SiteData<'_> {
    /// The debt ledger's totals and the item that pays back soonest.
    pub(super) fn debt_block(&self, root: &str) -> BlockView {
        let block = Block::Debt;
        if self.ledger.debts.is_empty() {
            return BlockView::empty(block, "No tech debt is recorded (content/data/debt.toml).");
        }
        let totals = &self.accounts.debt.totals;
        let open: Vec<usize> = (0..self.ledger.debts.len())
            .filter(|&d| self.ledger.debts[d].status != DebtStatus::Paid)
            .collect();
        let per_year = yearly::sprints_per_year(self.accounts.cadence_days);
        let money: f64 = open
            .iter()
            .filter_map(|&d| yearly::interest_yearly(self.config, self.ledger, self.accounts, d).1)
            .sum::<f64>()
            * per_year;
        let money_words = if money > 0.0 {
            format!(" ({} a year)", narrate::spoken_money(self.config, money))
        } else {
            String::new()
        };
        let mut lead = format!(
            "{} cost{} {} a sprint in interest, {} a year{money_words}; paying them all off takes {}.",
            if totals.open_items == 1 {
                "1 open debt".to_string()
            } else {
                format!("{} open debts", totals.open_items)
            },
            if totals.open_items == 1 { "s" } else { "" },
            spoken_effort(self.config, totals.interest),
            spoken_effort(self.config, totals.interest * per_year),
            spoken_effort(self.config, totals.principal)
        );
        let mut ranked: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&d| self.accounts.debt.items[d].payback_sprints.is_some())
            .collect();
        ranked.sort_by(|&a, &b| {
            let (pa, pb) = (
                self.accounts.debt.items[a].payback_sprints,
                self.accounts.debt.items[b].payback_sprints,
            );
            pa.unwrap_or(f64::MAX)
                .total_cmp(&pb.unwrap_or(f64::MAX))
                .then(a.cmp(&b))
        });
        if let Some(&top) = ranked.first() {
            let debt = &self.ledger.debts[top];
            lead.push_str(&format!(
                " {} pays back soonest: fixing it pays for itself in {} sprints.",
                debt.title,
                narrate::spoken_number(
                    self.accounts.debt.items[top].payback_sprints.unwrap_or(0.0)
                )
            ));
        }
        let mut table = Table::new(
            "The open debts that pay back soonest",
            &[
                ("Debt", false),
                ("To fix", true),
                ("Interest a sprint", true),
                ("Interest a year", true),
                ("Pays back in", true),
            ],
        );
        for &d in ranked.iter().take(3) {
            let debt = &self.ledger.debts[d];
            let (y, cost) = yearly::interest_yearly(self.config, self.ledger, self.accounts, d);
            let year_money = cost
                .map(|c| format!(", {}", narrate::money(self.config, c * per_year)))
                .unwrap_or_default();
            table.row(vec![
                debt.title.clone(),
                self.unit(debt.principal),
                self.unit(debt.interest),
                format!("{}{year_money}", self.unit(y.effort_per_year)),
                format!(
                    "{} sprints",
                    number(self.accounts.debt.items[d].payback_sprints.unwrap_or(0.0))
                ),
            ]);
        }
        BlockView::new(block, lead, (!table.rows.is_empty()).then_some(table)).with_more(Some((
            "The whole ledger".into(),
            format!("{root}debt/index.html"),
        )))
    }

    /// How far behind the dependencies are, snapshot by snapshot.
    pub(super) fn freshness_block(&self, root: &str) -> BlockView {
        let block = Block::Freshness;
        let snapshots = &self.ledger.dependency_snapshots;
        let now: f64 = self.accounts.systems.iter().map(|s| s.libyears).sum();
        let deps: usize = self
            .ledger
            .systems
            .iter()
            .map(|s| s.dependencies.len())
            .sum();
        if deps == 0 && snapshots.is_empty() {
            return BlockView::empty(
                block,
                "No dependencies are recorded (content/data/systems.toml), so their freshness is not known.",
            );
        }
        let mut table = Table::new(
            "Libyears behind, added up over every system, per snapshot",
            &[("Snapshot", false), ("Libyears", true), ("Libraries", true)],
        );
        let totals: Vec<(usize, f64, usize)> = snapshots
            .iter()
            .map(|(sprint, list)| {
                (
                    *sprint,
                    list.iter().map(|(_, d)| libyears(d)).sum(),
                    list.len(),
                )
            })
            .collect();
        for (sprint, years, count) in totals.iter().rev().take(4).rev() {
            table.row(vec![
                self.ledger.sprints[*sprint].id.clone(),
                number(*years),
                count.to_string(),
            ]);
        }
        table.row(vec![
            "Every library in systems.toml today".into(),
            number(now),
            deps.to_string(),
        ]);
        let lead = match (totals.first(), totals.last()) {
            (Some((first_sprint, first, _)), Some((last_sprint, last, _)))
                if totals.len() >= 2 && (last - first).abs() >= 0.05 =>
            {
                format!(
                    "The libraries we track were {} libyears behind in {}, {} from {} in {}.",
                    narrate::spoken_number(*last),
                    self.ledger.sprints[*last_sprint].id,
                    if last > first { "up" } else { "down" },
                    narrate::spoken_number(*first),
                    self.ledger.sprints[*first_sprint].id
                )
            }
            (Some(_), Some((last_sprint, last, _))) if totals.len() >= 2 => format!(
                "The libraries we track were {} libyears behind in {}, about the same as at the first snapshot.",
                narrate::spoken_number(*last),
                self.ledger.sprints[*last_sprint].id
            ),
            _ => format!(
                "Our libraries are {} libyears behind; there is no earlier snapshot to compare with.",
                narrate::spoken_number(now)
            ),
        };
        BlockView::new(block, lead, Some(table))
            .with_notes(vec![
                "A libyear is a year between the version in use and the newest release.".into(),
            ])
            .with_more(Some((
                "Every library".into(),
                format!("{root}dependencies/index.html"),
            )))
    }

    /// Upkeep by system: the cost of owning each, per sprint and per year.
    pub(super) fn upkeep_by_system_block(&self, root: &str) -> BlockView {
        let block = Block::UpkeepBySystem;
        if self.ledger.systems.is_empty() {
            return BlockView::empty(
                block,
                "No systems are recorded (content/data/systems.toml), so upkeep is not split by system.",
            );
        }
        let mut years: Vec<(usize, yearly::Yearly)> = (0..self.ledger.systems.len())
            .map(|s| {
                (
                    s,
                    yearly::system_yearly(self.config, self.ledger, self.accounts, s),
                )
            })
            .collect();
        years.sort_by(|a, b| {
            b.1.effort_per_year
                .total_cmp(&a.1.effort_per_year)
                .then(a.0.cmp(&b.0))
        });
        let mut table = Table::new(
            "Each system's upkeep, per sprint and per year, largest first",
            &[
                ("System", false),
                ("Per sprint", true),
                ("Per year", true),
                ("Money a year", true),
                ("People", true),
            ],
        );
        for (s, y) in years.iter().take(6) {
            table.row(vec![
                self.ledger.systems[*s].name.clone(),
                self.unit(y.effort_per_sprint),
                self.unit(y.effort_per_year),
                if y.cost_complete && y.cost_per_year > 0.0 {
                    narrate::money(self.config, y.cost_per_year)
                } else {
                    "unknown".into()
                },
                number(y.people),
            ]);
        }
        let (top, y) = &years[0];
        let lead = if y.effort_per_sprint > 0.0 {
            format!(
                "{} takes the most upkeep: {} a year, the time of {}.",
                self.ledger.systems[*top].name,
                self.yearly_words(y).1,
                self.of_our_engineers(y.people)
            )
        } else {
            "No work over the recent sprints names a system.".to_string()
        };
        let mut notes = vec!["Upkeep: the keeping-the-lights-on work on each system, not the work replacing it; per year: the recent average times the sprints in a year, at the owner's day cost.".into()];
        if years.len() > 6 {
            notes.push(format!(
                "The {} smaller systems are on the systems page.",
                years.len() - 6
            ));
        }
        BlockView::new(block, lead, Some(table))
            .with_notes(notes)
            .with_more(Some((
                "Every system".into(),
                format!("{root}systems/index.html"),
            )))
    }

    /// Each team's target furthest from its actual split over the recent sprints.
    pub(super) fn team_targets_block(&self) -> BlockView {
        let block = Block::TeamTargets;
        let range = recent_range(self.accounts, self.ledger);
        let sprints = &self.accounts.sprints[range.clone()];
        let mut table = Table::new(
            format!(
                "Each team's target furthest from its split over the last {} sprints",
                range.len()
            ),
            &[
                ("Team", false),
                ("Category", false),
                ("Target", true),
                ("Actual", true),
                ("Off by", true),
            ],
        );
        let mut worst: Option<(String, f64)> = None;
        for (t, team) in self.ledger.teams.iter().enumerate() {
            let targets = if team.targets.is_empty() {
                &self.config.targets
            } else {
                &team.targets
            };
            let total: f64 = sprints.iter().map(|s| s.teams[t].effort).sum();
            if total <= 0.0 {
                continue;
            }
            let furthest = targets
                .iter()
                .map(|&(slot, target)| {
                    let actual = ratio(
                        sprints.iter().map(|s| s.teams[t].by_category[slot]).sum(),
                        total,
                    );
                    (slot, target, actual)
                })
                .max_by(|a, b| {
                    (a.2 - a.1)
                        .abs()
                        .total_cmp(&(b.2 - b.1).abs())
                        .then(b.0.cmp(&a.0))
                });
            let Some((slot, target, actual)) = furthest else {
                continue;
            };
            let gap = (actual - target) * 100.0;
            let sentence = format!(
                "{} put {} of its time into {}, against a target of {}.",
                team.name,
                percent(actual),
                narrate::category_subject(self.config, slot),
                percent(target)
            );
            if worst.as_ref().is_none_or(|w| gap.abs() > w.1) {
                worst = Some((sentence, gap.abs()));
            }
            table.row(vec![
                team.name.clone(),
                self.config.category_label(slot).to_string(),
                percent(target),
                percent(actual),
                narrate::points_change(gap),
            ]);
        }
        let Some((lead, _)) = worst else {
            return BlockView::empty(
                block,
                "No targets are set (`[targets]` in site.toml or `targets` in teams.toml), or no team recorded work recently.",
            );
        };
        BlockView::new(block, lead, Some(table)).with_notes(vec![
            "A team without targets of its own is measured against the site's.".into(),
        ])
    }
}
