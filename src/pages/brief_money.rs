//! The finance brief's blocks: cost by period and category, capitalized and expensed, the
//! amortization, cost per category per year, and what the figures leave out. Every figure is
//! from the accounts (`accounts::periods`, `accounts::yearly`, the capitalization accounts).

use crate::accounts::periods::{self, Period};
use crate::accounts::ratio;
use crate::accounts::yearly::{self, recent_range};
use crate::load::config::Block;
use crate::pages::brief::{other_label, top_slots};
use crate::pages::brief_view::{BlockView, Table};
use crate::pages::common::SiteData;
use crate::pages::plan::has_capitalization_page;
use crate::words::narrate::{self, money, percent, spoken_money};

/// The most calendar years the amortization table shows (the latest ones).
const MOST_YEARS: usize = 5;

/// What the capitalization blocks say on a site where no category or big project can be
/// capitalized (and so without a capitalization page).
const NOTHING_CAPITALIZABLE: &str = "No category or big project is marked capitalizable (`capitalizable = true` in site.toml or initiatives.toml), so all engineering cost is a running cost.";

impl SiteData<'_> {
    /// This month, this quarter and the year to date, as of the current sprint's last day.
    fn calendar(&self) -> [Period; 3] {
        let months = periods::months(self.config, self.ledger, self.accounts);
        periods::periods(self.config, self.accounts, &months, self.current_end().0)
    }

    /// The three periods' column names, "(partial)" where a month is not fully covered.
    fn period_headers(&self, periods: &[Period; 3]) -> [String; 3] {
        let end = self.current_end().0;
        let quarter = (end.month() - 1) / 3 + 1;
        let names = [
            end.strftime("%B %Y").to_string(),
            format!("Q{quarter} {}", end.year()),
            format!("{} to date", end.year()),
        ];
        let mut headers = names.clone();
        for (header, period) in headers.iter_mut().zip(periods) {
            if period.partial {
                header.push_str(" (partial)");
            }
        }
        headers
    }

    /// A note on partial periods, or none: the dates the sprints cover.
    fn partial_note(&self, periods: &[Period; 3]) -> Option<String> {
        let first = self.ledger.sprints.first()?;
        periods.iter().any(|p| p.partial).then(|| {
            format!(
                "Partial: the sprints run from {} to {}, so a period reaching outside those dates is not yet whole.",
                crate::pages::dates::long_date(first.start.0),
                crate::pages::dates::long_date(self.current_end().0)
            )
        })
    }

    /// Cost this month, this quarter and year to date, by category.
    pub(super) fn cost_by_period_block(&self, root: &str) -> BlockView {
        let block = Block::CostByPeriod;
        let periods = self.calendar();
        let totals: Vec<f64> = periods.iter().map(|p| p.cost.iter().sum()).collect();
        if totals[2] <= 0.0 {
            return BlockView::empty(
                block,
                "No team has a day cost (`day_cost` in teams.toml), so no cost can be counted.",
            );
        }
        let [m, q, y] = self.period_headers(&periods);
        let mut table = Table::new(
            "Cost of engineering time by category and period",
            &[("Category", false), (&m, true), (&q, true), (&y, true)],
        );
        // Many categories (more than `MOST_CATEGORIES`) keep the largest year to date and group
        // the rest, so that the brief stays on one page.
        let slots = narrate::shown_slots(self.config, self.accounts);
        let (top, rest) = top_slots(&slots, |slot| periods[2].cost[slot]);
        for slot in top {
            let mut row = vec![self.config.category_label(slot).to_string()];
            row.extend(periods.iter().map(|p| money(self.config, p.cost[slot])));
            table.row(row);
        }
        if !rest.is_empty() {
            let mut row = vec![other_label(&rest)];
            row.extend(
                periods
                    .iter()
                    .map(|p| money(self.config, rest.iter().map(|&slot| p.cost[slot]).sum())),
            );
            table.row(row);
        }
        let mut total = vec!["All".to_string()];
        total.extend(totals.iter().map(|t| money(self.config, *t)));
        table.row(total);
        let lead = format!(
            "Engineering time cost {} this year to date: {} this quarter and {} in {}.",
            spoken_money(self.config, totals[2]),
            spoken_money(self.config, totals[1]),
            spoken_money(self.config, totals[0]),
            self.current_end().0.strftime("%B")
        );
        let mut notes: Vec<String> = self.partial_note(&periods).into_iter().collect();
        if periods[2].uncosted > 0.0 {
            notes.push(self.uncosted_note());
        }
        BlockView::new(block, lead, Some(table))
            .with_notes(notes)
            .with_more(Some((
                "All sprints".into(),
                format!("{root}sprints/index.html"),
            )))
    }

    /// Capitalized and expensed cost for the same periods.
    pub(super) fn capex_opex_block(&self, root: &str) -> BlockView {
        let block = Block::CapexOpex;
        if !has_capitalization_page(self.config, self.ledger) {
            return BlockView::empty(block, NOTHING_CAPITALIZABLE);
        }
        let periods = self.calendar();
        let ytd = &periods[2].split;
        let total = ytd.capitalized_cost + ytd.expensed_cost;
        if total <= 0.0 {
            return BlockView::empty(
                block,
                "No cost is known this year (no team has a day cost), so nothing can be split into capitalized and expensed.",
            );
        }
        let [m, q, y] = self.period_headers(&periods);
        let mut table = Table::new(
            "Capitalized (capex) and expensed (opex) cost by period",
            &[("", false), (&m, true), (&q, true), (&y, true)],
        );
        let row = |label: &str, f: &dyn Fn(&Period) -> String| {
            let mut row = vec![label.to_string()];
            row.extend(periods.iter().map(f));
            row
        };
        table.row(row("Capitalized", &|p| {
            money(self.config, p.split.capitalized_cost)
        }));
        table.row(row("Expensed", &|p| {
            money(self.config, p.split.expensed_cost)
        }));
        table.row(row("Share capitalized", &|p| {
            percent(ratio(
                p.split.capitalized_cost,
                p.split.capitalized_cost + p.split.expensed_cost,
            ))
        }));
        let lead = format!(
            "{} of this year's cost was capitalized: {} of {}.",
            narrate::capitalize(&percent(ratio(ytd.capitalized_cost, total))),
            spoken_money(self.config, ytd.capitalized_cost),
            spoken_money(self.config, total)
        );
        BlockView::new(block, lead, Some(table))
            .with_notes(self.partial_note(&periods).into_iter().collect())
            .with_more(Some((
                "How work is capitalized".into(),
                format!("{root}capitalization/index.html"),
            )))
    }

    /// The amortization charged this month and per calendar year.
    pub(super) fn amortization_block(&self, root: &str) -> BlockView {
        let block = Block::Amortization;
        if !has_capitalization_page(self.config, self.ledger) {
            return BlockView::empty(block, NOTHING_CAPITALIZABLE);
        }
        let by_year = periods::amortization_by_year(self.accounts);
        if by_year.is_empty() {
            return BlockView::empty(
                block,
                "No capitalized project is in service yet (`in_service` and `useful_life_months` in initiatives.toml), so nothing is amortized.",
            );
        }
        let month = periods::key_of(self.current_end().0);
        let rate = periods::amortization_in(self.accounts, &month);
        let lead = if rate > 0.0 {
            format!(
                "Amortization runs at {} a month in {}, {} a year at that rate.",
                spoken_money(self.config, rate),
                self.current_end().0.strftime("%B %Y"),
                spoken_money(self.config, rate * 12.0)
            )
        } else {
            format!(
                "Nothing is amortized in {}: the schedules run from {} to {}.",
                self.current_end().0.strftime("%B %Y"),
                by_year[0].0,
                by_year[by_year.len() - 1].0
            )
        };
        let mut table = Table::new(
            "Amortization charged per calendar year, over every project in service",
            &[("Year", false), ("Charge", true)],
        );
        for (year, cost) in by_year.iter().rev().take(MOST_YEARS).rev() {
            table.row(vec![year.to_string(), money(self.config, *cost)]);
        }
        let projects = self.accounts.capitalization.schedules.len();
        BlockView::new(block, lead, Some(table)).with_notes(vec![format!( "Straight-line over each project's useful life, from the month it went into service ({} project{}).", projects, if projects == 1 { "" } else { "s" } )]).with_more(Some(( "The schedules".into(), format!("{root}capitalization/index.html"), )))
    }

    /// Cost per category per year, at the pace of the recent sprints.
    pub(super) fn cost_per_year_block(&self) -> BlockView {
        let block = Block::CostPerYear;
        let slots = narrate::shown_slots(self.config, self.accounts);
        let years: Vec<_> = slots
            .iter()
            .map(|&s| {
                (
                    s,
                    yearly::slot_yearly(self.config, self.ledger, self.accounts, s),
                )
            })
            .collect();
        let total: f64 = years.iter().map(|(_, y)| y.cost_per_year).sum();
        if total <= 0.0 {
            return BlockView::empty(
                block,
                "No cost is known over the recent sprints, so no yearly cost can be given.",
            );
        }
        let mut table = Table::new(
            "Cost per category, per sprint and per year, at the recent pace",
            &[
                ("Category", false),
                ("Per sprint", true),
                ("Per year", true),
                ("People", true),
            ],
        );
        let (top, rest) = top_slots(&slots, |s| {
            years
                .iter()
                .find(|(x, _)| *x == s)
                .map_or(0.0, |(_, y)| y.cost_per_year)
        });
        for (slot, y) in years.iter().filter(|(s, _)| top.contains(s)) {
            table.row(vec![
                self.config.category_label(*slot).to_string(),
                money(self.config, y.cost_per_sprint),
                money(self.config, y.cost_per_year),
                narrate::number(y.people),
            ]);
        }
        if !rest.is_empty() {
            let others: Vec<_> = years
                .iter()
                .filter(|(s, _)| rest.contains(s))
                .map(|(_, y)| y)
                .collect();
            table.row(vec![
                other_label(&rest),
                money(self.config, others.iter().map(|y| y.cost_per_sprint).sum()),
                money(self.config, others.iter().map(|y| y.cost_per_year).sum()),
                narrate::number(others.iter().map(|y| y.people).sum()),
            ]);
        }
        let sprints = recent_range(self.accounts, self.ledger).len();
        BlockView::new(block, format!( "At the pace of the last {sprints} sprints, engineering time costs {} a year.", spoken_money(self.config, total) ), Some(table)).with_notes(vec![format!( "Per year: the average per sprint times {} sprints a year; people: the people's worth of time each takes.", narrate::spoken_number(yearly::sprints_per_year(self.accounts.cadence_days)) )])
    }

    /// What the figures leave out, with the share of effort each concerns.
    pub(super) fn left_out_block(&self) -> BlockView {
        let block = Block::LeftOut;
        let range = recent_range(self.accounts, self.ledger);
        let sprints = &self.accounts.sprints[range.clone()];
        let effort: f64 = sprints.iter().map(|s| s.effort).sum();
        let uncosted: f64 = sprints
            .iter()
            .map(|s| {
                s.teams_without_cost
                    .iter()
                    .map(|&t| s.teams[t].effort)
                    .sum::<f64>()
            })
            .sum();
        let capacity: f64 = sprints.iter().filter_map(|s| s.capacity).sum();
        let with_capacity: f64 = sprints.iter().map(|s| s.effort_with_capacity).sum();
        let unlogged = (capacity - with_capacity).max(0.0);
        let uncategorized: f64 = sprints
            .iter()
            .map(|s| s.by_category[self.config.uncategorized_slot()])
            .sum();
        let mut table = Table::new(
            format!(
                "What the figures leave out over the last {} sprints",
                range.len()
            ),
            &[("What", false), ("Share", true), ("Who or why", false)],
        );
        // The teams that recorded work in these sprints, and of them those the money or the
        // capacity check leaves out.
        let worked = |t: usize| sprints.iter().any(|s| s.teams[t].effort > 0.0);
        let teams = 0..self.ledger.teams.len();
        let without: Vec<usize> = teams
            .clone()
            .filter(|&t| worked(t) && self.ledger.teams[t].day_cost.is_none())
            .collect();
        if uncosted > 0.0 {
            table.row(vec![
                "Time with no cost".into(),
                format!("{} of effort", percent(ratio(uncosted, effort))),
                format!(
                    "{}: no day cost given",
                    narrate::join_words(&self.team_names(&without))
                ),
            ]);
        }
        if unlogged > 0.0 {
            table.row(vec![
                "Time not logged".into(),
                format!("{} of capacity", percent(ratio(unlogged, capacity))),
                "capacity the teams gave but recorded no work against".into(),
            ]);
        }
        let no_capacity: Vec<usize> = teams
            .filter(|&t| worked(t) && sprints.iter().all(|s| s.teams[t].capacity.is_none()))
            .collect();
        if !no_capacity.is_empty() {
            let share: f64 = no_capacity
                .iter()
                .map(|&t| sprints.iter().map(|s| s.teams[t].effort).sum::<f64>())
                .sum();
            table.row(vec![
                "Time not checked against capacity".into(),
                format!("{} of effort", percent(ratio(share, effort))),
                format!(
                    "{}: no capacity given",
                    narrate::join_words(&self.team_names(&no_capacity))
                ),
            ]);
        }
        if uncategorized > 0.0 {
            table.row(vec![
                "Time with no category".into(),
                format!("{} of effort", percent(ratio(uncategorized, effort))),
                "counted in totals, in no category's share".into(),
            ]);
        }
        let lead = if uncosted > 0.0 {
            format!(
                "The money leaves out {} of the recorded time: {} has no day cost.",
                percent(ratio(uncosted, effort)),
                narrate::join_words(&self.team_names(&without))
            )
        } else if table.rows.is_empty() {
            "Every team has a day cost and a capacity, and every row a category: the figures cover all recorded time.".to_string()
        } else {
            "Every team has a day cost, so the money covers all recorded time.".to_string()
        };
        let has_rows = !table.rows.is_empty();
        BlockView::new(block, lead, has_rows.then_some(table)).with_notes(vec!["Cost is time times each team's day cost: running costs (hosting, licences) are not in it.".into()])
    }
}
