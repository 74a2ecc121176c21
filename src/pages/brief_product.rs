//! The product brief's blocks: capacity left after upkeep, the roadmap against its targets, and
//! what slips if upkeep keeps rising.

use crate::accounts::yearly::{self, recent_range, recent_working_days};
use crate::accounts::{Status, ratio};
use crate::load::config::Block;
use crate::pages::brief_view::{BlockView, Table};
use crate::pages::common::SiteData;
use crate::pages::initiatives::forecast_words;
use crate::words::findings::month_year;
use crate::words::narrate::{self, capitalize, number, spoken_effort};

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
        let block = Block::Capacity;
        let trend = self.upkeep_trend();
        if trend.average <= 0.0 {
            return BlockView::empty(
                block,
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
        BlockView::new(block, lead, Some(table)).with_notes(vec![how])
    }

    /// The big projects that are not done yet (indices).
    fn open_initiatives(&self) -> Vec<usize> {
        (0..self.ledger.initiatives.len())
            .filter(|&i| self.accounts.initiatives[i].status != Status::Done)
            .collect()
    }

    /// Each roadmap project's forecast range against its target, with its status.
    pub(super) fn roadmap_block(&self, root: &str) -> BlockView {
        let block = Block::Roadmap;
        if self.ledger.initiatives.is_empty() {
            return BlockView::empty(
                block,
                "No big projects are recorded (content/data/initiatives.toml), so there is no roadmap to forecast.",
            );
        }
        let open = self.open_initiatives();
        if open.is_empty() {
            return BlockView::empty(block, "Every big project is done.");
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
        BlockView::new(block, lead, Some(table))
            .with_notes(vec![
                "Forecast: from the slowest to the fastest pace of the recent sprints.".into(),
            ])
            .with_more(Some((
                "All big projects".into(),
                format!("{root}initiatives/index.html"),
            )))
    }

    /// What slips if upkeep keeps rising at its recent pace.
    pub(super) fn slips_block(&self) -> BlockView {
        let block = Block::Slips;
        let trend = self.upkeep_trend();
        if trend.sprints < 3 {
            return BlockView::empty(
                block,
                format!(
                    "A trend needs at least 3 sprints and there {} {} so far, so nothing is projected yet.",
                    if trend.sprints == 1 { "is" } else { "are" },
                    trend.sprints
                ),
            );
        }
        if self.accounts.upkeep_slot.is_none() || trend.growth <= 0.0 {
            return BlockView::empty(
                block,
                format!(
                    "Upkeep is not rising over the last {} sprints, so nothing slips because of it.",
                    trend.sprints
                ),
            );
        }
        let free = trend.average - trend.upkeep_next;
        let cadence = self.accounts.cadence_days;
        let end = self.current_end().0;
        // Within the 100-year horizon, like every other projection: a pace of almost nothing
        // gives no date rather than a date past the calendar's end.
        let horizon = crate::accounts::horizon::Horizon::from(crate::load::input::Day(end));
        let date_after = |sprints: usize| horizon.project(sprints as f64, cadence).map(|d| d.0);
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
            let Some(pace) = account.pace.average.filter(|p| *p > 0.0) else {
                continue;
            };
            let remaining = (account.scope - account.done).max(0.0);
            let flat = (remaining / pace).ceil() as usize;
            let rising = yearly::finish_with_rising_upkeep(remaining, pace, trend.growth, free);
            let name = self.ledger.initiatives[i].name.clone();
            let when = |s: usize| {
                date_after(s)
                    .map(|d| month_year(crate::load::input::Day(d)))
                    .unwrap_or_else(|| "not within 100 years".to_string())
            };
            let rising_words = rising.map_or("does not finish at this rate".to_string(), when);
            let delay = rising.map_or(usize::MAX, |r| r.saturating_sub(flat));
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
        BlockView::new(block, lead, (!table.rows.is_empty()).then_some(table)).with_notes(vec![format!( "The model: upkeep grows on its straight line over the last {} sprints and takes its time from every project alike.", trend.sprints )])
    }
}
