//! The product and engineering briefs' blocks: capacity left after upkeep, the roadmap, what
//! slips if upkeep keeps rising; the debt ledger, dependency freshness, upkeep by system and
//! each team's targets.

use crate::accounts::systems::libyears;
use crate::accounts::yearly::{self, recent_range, recent_working_days};
use crate::accounts::{Status, ratio};
use crate::load::config::Block;
use crate::load::ledger::DebtStatus;
use crate::pages::brief::{BlockView, Table};
use crate::pages::common::SiteData;
use crate::pages::initiatives::forecast_words;
use crate::words::findings::month_year;
use crate::words::narrate::{self, capitalize, number, percent, spoken_effort};

/// The upkeep trend: (recent average effort per sprint, upkeep's fitted value next sprint, its
/// rise per sprint).
struct Trend {
    average: f64,
    upkeep_next: f64,
    growth: f64,
    sprints: usize,
}

impl SiteData<'_> {
    /// The recent average effort, and upkeep on its straight line over the recent sprints.
    fn upkeep_trend(&self) -> Trend {
        let range = recent_range(self.accounts, self.ledger);
        let sprints = &self.accounts.sprints[range.clone()];
        let average = ratio(sprints.iter().map(|s| s.effort).sum(), sprints.len() as f64);
        let upkeep: Vec<f64> = match self.accounts.upkeep_slot {
            Some(slot) => sprints.iter().map(|s| s.by_category[slot]).collect(),
            None => Vec::new(),
        };
        // A trend needs three sprints: through two, any change would read as a steady rise.
        let (start, growth) = if upkeep.len() >= 3 {
            yearly::line(&upkeep)
        } else {
            (ratio(upkeep.iter().sum(), upkeep.len() as f64), 0.0)
        };
        Trend {
            average,
            upkeep_next: (start + growth * upkeep.len() as f64).clamp(0.0, average),
            growth,
            sprints: range.len(),
        }
    }

    /// A people's worth of an effort per sprint.
    fn people_in(&self, effort: f64) -> f64 {
        ratio(
            self.config.to_person_days(effort),
            recent_working_days(self.accounts, self.ledger),
        )
    }

    /// Capacity left for new work after upkeep, next sprint and next quarter.
    pub(super) fn capacity_block(&self) -> BlockView {
        let id = Block::Capacity.name();
        let title = "Capacity left for new work";
        let trend = self.upkeep_trend();
        if trend.average <= 0.0 {
            return BlockView::empty(
                id,
                title,
                "No work is recorded over the recent sprints, so there is no pace to plan from.",
            );
        }
        let quarter = (yearly::sprints_per_year(self.accounts.cadence_days) / 4.0)
            .round()
            .max(1.0) as usize;
        let upkeep_quarter: f64 = (0..quarter)
            .map(|k| (trend.upkeep_next + trend.growth * k as f64).clamp(0.0, trend.average))
            .sum();
        let next_left = trend.average - trend.upkeep_next;
        let quarter_left = trend.average * quarter as f64 - upkeep_quarter;
        let mut table = Table::new(
            "Engineering time next sprint and next quarter, and what upkeep leaves for new work",
            &[
                ("", false),
                ("Time", true),
                ("Upkeep", true),
                ("Left for new work", true),
                ("People", true),
            ],
        );
        table.row(vec![
            "Next sprint".into(),
            number(trend.average),
            number(trend.upkeep_next),
            number(next_left),
            number(self.people_in(next_left)),
        ]);
        table.row(vec![
            format!("Next quarter ({quarter} sprints)"),
            number(trend.average * quarter as f64),
            number(upkeep_quarter),
            number(quarter_left),
            number(self.people_in(quarter_left / quarter as f64)),
        ]);
        let lead = format!(
            "After upkeep, {} is left for new work next sprint, the time of {}; {} over the next quarter.",
            spoken_effort(self.config, next_left),
            self.of_our_engineers(self.people_in(next_left)),
            spoken_effort(self.config, quarter_left)
        );
        let how = if self.accounts.upkeep_slot.is_some() {
            format!(
                "Time: the average of the last {} sprints; upkeep follows its straight-line trend over them ({} a sprint).",
                trend.sprints,
                narrate::points_change(trend.growth)
                    .replace("points", self.config.effort_unit.as_str())
            )
        } else {
            "No category is marked as upkeep, so all time counts as free for new work.".to_string()
        };
        BlockView {
            id,
            title: title.into(),
            lead,
            table: Some(table),
            notes: vec![how],
            more: None,
        }
    }

    /// The big projects that are not done yet (indices).
    fn open_initiatives(&self) -> Vec<usize> {
        (0..self.ledger.initiatives.len())
            .filter(|&i| self.accounts.initiatives[i].status != Status::Done)
            .collect()
    }

    /// Each roadmap project's forecast range against its target, with its status.
    pub(super) fn roadmap_block(&self, root: &str) -> BlockView {
        let id = Block::Roadmap.name();
        let title = "The roadmap against its targets";
        if self.ledger.initiatives.is_empty() {
            return BlockView::empty(
                id,
                title,
                "No big projects are recorded (content/data/initiatives.toml), so there is no roadmap to forecast.",
            );
        }
        let open = self.open_initiatives();
        if open.is_empty() {
            return BlockView::empty(id, title, "Every big project is done.");
        }
        let mut table = Table::new(
            "Each big project still open: its forecast at the recent pace against its target",
            &[
                ("Project", false),
                ("Forecast", false),
                ("Target", false),
                ("Status", false),
            ],
        );
        let mut late = Vec::new();
        for &i in &open {
            let initiative = &self.ledger.initiatives[i];
            let account = &self.accounts.initiatives[i];
            if matches!(account.status, Status::Late | Status::AtRisk) {
                late.push(format!(
                    "{} is {}",
                    initiative.name,
                    account.status.as_str()
                ));
            }
            table.row(vec![
                initiative.name.clone(),
                forecast_words(account),
                initiative
                    .target
                    .map(month_year)
                    .unwrap_or_else(|| "none".into()),
                account.status.as_str().to_string(),
            ]);
        }
        let on_track = open
            .iter()
            .filter(|&&i| self.accounts.initiatives[i].status == Status::OnTrack)
            .count();
        let lead = if late.is_empty() && on_track < open.len() {
            format!(
                "No open big project is late or at risk; {} of {} {} on track, the others have no target or no recent work to forecast from.",
                on_track,
                open.len(),
                if on_track == 1 { "is" } else { "are" }
            )
        } else if late.is_empty() {
            format!(
                "{} of {} open big projects {} on track for their targets.",
                on_track,
                open.len(),
                if on_track == 1 { "is" } else { "are" }
            )
        } else {
            format!(
                "{}; {} of {} open big projects {} on track.",
                capitalize(&narrate::join_words(&late)),
                on_track,
                open.len(),
                if on_track == 1 { "is" } else { "are" }
            )
        };
        BlockView {
            id,
            title: title.into(),
            lead,
            table: Some(table),
            notes: vec![
                "Forecast: from the slowest to the fastest pace of the recent sprints.".into(),
            ],
            more: Some((
                "All big projects".into(),
                format!("{root}initiatives/index.html"),
            )),
        }
    }

    /// What slips if upkeep keeps rising at its recent pace.
    pub(super) fn slips_block(&self) -> BlockView {
        let id = Block::Slips.name();
        let title = "If upkeep keeps rising";
        let trend = self.upkeep_trend();
        if trend.sprints < 3 {
            return BlockView::empty(
                id,
                title,
                format!(
                    "A trend needs at least 3 sprints and there {} {} so far, so nothing is projected yet.",
                    if trend.sprints == 1 { "is" } else { "are" },
                    trend.sprints
                ),
            );
        }
        if self.accounts.upkeep_slot.is_none() || trend.growth <= 0.0 {
            return BlockView::empty(
                id,
                title,
                format!(
                    "Upkeep is not rising over the last {} sprints, so nothing slips because of it.",
                    trend.sprints
                ),
            );
        }
        let free = trend.average - trend.upkeep_next;
        let cadence = self.accounts.cadence_days;
        let end = self.current_end().0;
        // A pace near zero gives a count of sprints beyond any date: no date, never a panic
        // (`Span::days` panics past its range, `try_days` says so).
        let date_after = |sprints: usize| {
            let days = i64::try_from(sprints).ok()?.checked_mul(cadence)?;
            let span = jiff::Span::new().try_days(days).ok()?;
            end.checked_add(span).ok()
        };
        let mut table = Table::new(
            "When each open big project finishes at today's pace, and if upkeep keeps rising",
            &[
                ("Project", false),
                ("At today's pace", false),
                ("If upkeep keeps rising", false),
                ("Target", false),
            ],
        );
        let mut worst: Option<(String, usize, String)> = None;
        for i in self.open_initiatives() {
            let account = &self.accounts.initiatives[i];
            let Some(pace) = account.pace.filter(|p| *p > 0.0) else {
                continue;
            };
            let remaining = (account.scope - account.done).max(0.0);
            let flat = (remaining / pace).ceil() as usize;
            let rising = yearly::finish_with_rising_upkeep(remaining, pace, trend.growth, free);
            let name = self.ledger.initiatives[i].name.clone();
            let when = |s: usize| {
                date_after(s)
                    .map(|d| month_year(crate::load::input::Day(d)))
                    .unwrap_or_default()
            };
            let rising_words = rising.map_or("does not finish at this rate".to_string(), when);
            let delay = rising.map_or(usize::MAX, |r| r - flat);
            if delay > 0 && worst.as_ref().is_none_or(|w| delay > w.1) {
                worst = Some((name.clone(), delay, rising_words.clone()));
            }
            table.row(vec![
                name,
                when(flat),
                rising_words,
                self.ledger.initiatives[i]
                    .target
                    .map(month_year)
                    .unwrap_or_else(|| "none".into()),
            ]);
        }
        let rise = spoken_effort(self.config, trend.growth);
        let lead = match &worst {
            Some((name, usize::MAX, _)) => format!(
                "If upkeep keeps rising by {rise} a sprint, {name} never finishes: upkeep takes all its time first."
            ),
            Some((name, delay, when)) => format!(
                "If upkeep keeps rising by {rise} a sprint, {name} slips by {} sprint{}, to {when}.",
                delay,
                if *delay == 1 { "" } else { "s" }
            ),
            None => format!(
                "Upkeep rises by {rise} a sprint, but no open project slips by a whole sprint."
            ),
        };
        BlockView {
            id,
            title: title.into(),
            lead,
            table: (!table.rows.is_empty()).then_some(table),
            notes: vec![format!(
                "The model: upkeep grows on its straight line over the last {} sprints and takes its time from every project alike.",
                trend.sprints
            )],
            more: None,
        }
    }

    /// The debt ledger's totals and the item that pays back soonest.
    pub(super) fn debt_block(&self, root: &str) -> BlockView {
        let id = Block::Debt.name();
        let title = "The tech-debt ledger";
        if self.ledger.debts.is_empty() {
            return BlockView::empty(
                id,
                title,
                "No tech debt is recorded (content/data/debt.toml).",
            );
        }
        let totals = &self.accounts.debt_totals;
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
            .filter(|&d| self.accounts.debts[d].payback_sprints.is_some())
            .collect();
        ranked.sort_by(|&a, &b| {
            let (pa, pb) = (
                self.accounts.debts[a].payback_sprints,
                self.accounts.debts[b].payback_sprints,
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
                narrate::spoken_number(self.accounts.debts[top].payback_sprints.unwrap_or(0.0))
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
                    number(self.accounts.debts[d].payback_sprints.unwrap_or(0.0))
                ),
            ]);
        }
        BlockView {
            id,
            title: title.into(),
            lead,
            table: (!table.rows.is_empty()).then_some(table),
            notes: Vec::new(),
            more: Some(("The whole ledger".into(), format!("{root}debt/index.html"))),
        }
    }

    /// How far behind the dependencies are, snapshot by snapshot.
    pub(super) fn freshness_block(&self, root: &str) -> BlockView {
        let id = Block::Freshness.name();
        let title = "Dependency freshness";
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
                id,
                title,
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
        BlockView {
            id,
            title: title.into(),
            lead,
            table: Some(table),
            notes: vec![
                "A libyear is a year between the version in use and the newest release.".into(),
            ],
            more: Some((
                "Every library".into(),
                format!("{root}dependencies/index.html"),
            )),
        }
    }

    /// Upkeep by system: the cost of owning each, per sprint and per year.
    pub(super) fn upkeep_by_system_block(&self, root: &str) -> BlockView {
        let id = Block::UpkeepBySystem.name();
        let title = "Upkeep by system";
        if self.ledger.systems.is_empty() {
            return BlockView::empty(
                id,
                title,
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
        BlockView {
            id,
            title: title.into(),
            lead,
            table: Some(table),
            notes,
            more: Some(("Every system".into(), format!("{root}systems/index.html"))),
        }
    }

    /// Each team's target furthest from its actual split over the recent sprints.
    pub(super) fn team_targets_block(&self) -> BlockView {
        let id = Block::TeamTargets.name();
        let title = "Targets against actuals per team";
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
                id,
                title,
                "No targets are set (`[targets]` in site.toml or `targets` in teams.toml), or no team recorded work recently.",
            );
        };
        BlockView {
            id,
            title: title.into(),
            lead,
            table: Some(table),
            notes: vec!["A team without targets of its own is measured against the site's.".into()],
            more: None,
        }
    }
}
