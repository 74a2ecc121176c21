//! The CFO's page: how much engineering work built assets that can be capitalized and how
//! much was expensed, by sprint, month and big project, with each project's depreciation
//! schedule; and the CSV of every row with the rule applied to it.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::capitalization::Split;
use crate::accounts::{Accounts, ratio};
use crate::charts::{format_csv_number, guard_csv_cell, month_label};
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::pages::common::{SiteData, item_href, sprint_href};
use crate::words::narrate::{self, capitalize, percent};

#[derive(Serialize)]
pub(super) struct SplitRow {
    label: String,
    href: String,
    capitalized: String,
    expensed: String,
    capitalized_cost: String,
    expensed_cost: String,
    share: String,
}

#[derive(Serialize)]
pub(super) struct ScheduleView {
    initiative: String,
    href: String,
    in_service: String,
    months: u32,
    monthly_cost: String,
    total_cost: String,
    rows: Vec<(String, String, String)>,
}

impl SiteData<'_> {
    /// The capitalized and expensed effort and cost of one sprint, month or big project.
    pub(super) fn split_row(&self, label: String, href: String, split: Split) -> SplitRow {
        SplitRow {
            label,
            href,
            capitalized: narrate::number(split.capitalized),
            expensed: narrate::number(split.expensed),
            capitalized_cost: self.partial_money(split.capitalized_cost, split.cost_missing),
            expensed_cost: self.partial_money(split.expensed_cost, split.cost_missing),
            share: percent(ratio(split.capitalized, split.capitalized + split.expensed)),
        }
    }

    /// Money that may be partial: "unknown" when nothing is known, a `*` when some is missing.
    fn partial_money(&self, amount: f64, missing: bool) -> String {
        match (amount > 0.0, missing) {
            (false, true) => "unknown".to_string(),
            (true, true) => format!("{}*", narrate::money(self.config, amount)),
            _ => narrate::money(self.config, amount),
        }
    }

    /// A big project's depreciation schedule, once it is in service.
    pub(super) fn schedule(&self, index: usize, root: &str) -> Option<ScheduleView> {
        let rows = self.accounts.capitalization.schedules.get(&index)?;
        let initiative = &self.ledger.initiatives[index];
        let split = self.accounts.capitalization.initiatives[index];
        Some(ScheduleView {
            initiative: initiative.name.clone(),
            href: item_href(root, "initiatives/", &initiative.id),
            in_service: initiative.in_service.map(|d| d.iso()).unwrap_or_default(),
            months: rows.len() as u32,
            monthly_cost: rows
                .first()
                .map(|r| narrate::money(self.config, r.cost))
                .unwrap_or_default(),
            total_cost: narrate::money(self.config, split.capitalized_cost),
            rows: rows
                .iter()
                .map(|r| {
                    (
                        month_label(&r.month),
                        narrate::money(self.config, r.cost),
                        narrate::number(r.effort),
                    )
                })
                .collect(),
        })
    }

    /// The capitalization page.
    pub(super) fn capitalization_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Capitalization");
        let cap = &self.accounts.capitalization;
        let sprints: Vec<SplitRow> = self
            .ledger
            .sprints
            .iter()
            .zip(&cap.sprints)
            .rev()
            .map(|(s, split)| self.split_row(s.id.clone(), sprint_href(root, s), *split))
            .collect();
        let months: Vec<SplitRow> = cap
            .months
            .iter()
            .rev()
            .map(|(m, split)| self.split_row(month_label(m), String::new(), *split))
            .collect();
        let initiatives: Vec<SplitRow> = self
            .ledger
            .initiatives
            .iter()
            .zip(&cap.initiatives)
            .map(|(i, split)| {
                self.split_row(
                    i.name.clone(),
                    item_href(root, "initiatives/", &i.id),
                    *split,
                )
            })
            .collect();
        let schedules: Vec<ScheduleView> = cap
            .schedules
            .keys()
            .filter_map(|&i| self.schedule(i, root))
            .collect();
        let missing = self.team_names(&cap.teams_without_cost);
        context.insert("headline", &self.capitalization_headline());
        context.insert("cost_note", &self.capitalization_cost_note());
        context.insert("cap_sprints", &sprints);
        context.insert("cap_months", &months);
        context.insert("cap_initiatives", &initiatives);
        context.insert("schedules", &schedules);
        context.insert("teams_without_cost", &missing);
        context.insert("rows_csv", &format!("{root}data/capitalization-rows.csv"));
    }

    /// How much of the effort and the known cost can be capitalized, over every sprint.
    fn capitalization_headline(&self) -> String {
        let sprints = &self.accounts.capitalization.sprints;
        let total_cap: f64 = sprints.iter().map(|s| s.capitalized).sum();
        let total: f64 = sprints.iter().map(|s| s.capitalized + s.expensed).sum();
        let cost_cap: f64 = sprints.iter().map(|s| s.capitalized_cost).sum();
        format!(
            "{} of engineering effort over these {} sprints built assets that can be capitalized: {} of the cost we can count.",
            capitalize(&percent(ratio(total_cap, total))),
            self.ledger.sprints.len(),
            narrate::spoken_money(self.config, cost_cap)
        )
    }
}

impl SiteData<'_> {
    /// Why the headline's share of effort and the chart's share of cost differ, when they do
    /// (as rounded): the teams without a day cost count in effort but not in money, and the
    /// teams' day costs differ. Empty when the two shares read the same.
    pub(super) fn capitalization_cost_note(&self) -> String {
        let cap = &self.accounts.capitalization;
        let effort_share = ratio(
            cap.sprints.iter().map(|s| s.capitalized).sum(),
            cap.sprints.iter().map(|s| s.capitalized + s.expensed).sum(),
        );
        let cost_cap: f64 = cap.sprints.iter().map(|s| s.capitalized_cost).sum();
        let cost_all: f64 = cap
            .sprints
            .iter()
            .map(|s| s.capitalized_cost + s.expensed_cost)
            .sum();
        if cost_all <= 0.0 || percent(effort_share) == percent(ratio(cost_cap, cost_all)) {
            return String::new();
        }
        let cost_share = ratio(cost_cap, cost_all);
        // The effort with and without a cost, and how much of each was capitalizable.
        let (mut costed, mut costed_cap, mut uncosted, mut uncosted_cap) = (0.0, 0.0, 0.0, 0.0);
        for class in &cap.rows {
            let effort = self.ledger.sprints[class.sprint].work[class.row].effort;
            let (all, capitalized) = if class.cost.is_some() {
                (&mut costed, &mut costed_cap)
            } else {
                (&mut uncosted, &mut uncosted_cap)
            };
            *all += effort;
            if class.capitalized {
                *capitalized += effort;
            }
        }
        let costed_share = ratio(costed_cap, costed);
        let mut sentences = vec![format!(
            "Why {} of the effort but {} of the cost:",
            percent(effort_share),
            percent(cost_share)
        )];
        let missing = self.team_names(&cap.teams_without_cost);
        if uncosted > 0.0 && !missing.is_empty() {
            sentences.push(format!(
                "{} {} no day cost, so {} work counts in effort but not in money, and {} of it was capitalizable, against {} for the teams with a day cost.",
                narrate::join_words(&missing),
                if missing.len() == 1 { "has" } else { "have" },
                if missing.len() == 1 { "its" } else { "their" },
                percent(ratio(uncosted_cap, uncosted)),
                percent(costed_share)
            ));
        }
        if percent(costed_share) != percent(cost_share) {
            sentences.push(format!(
                "Teams' day costs also differ: of the work with a cost, {} of the effort was capitalizable and {} of the money.",
                percent(costed_share),
                percent(cost_share)
            ));
        }
        sentences.join(" ")
    }
}

/// The rows behind the capitalization page, with the rule applied to each, as CSV.
pub fn capitalization_csv(config: &Config, ledger: &Ledger, accounts: &Accounts) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "sprint",
        "sprint_start",
        "team",
        "title",
        "ref",
        "category",
        "initiative",
        "effort",
        "cost",
        "treatment",
        "rule",
    ]);
    for class in &accounts.capitalization.rows {
        let sprint = &ledger.sprints[class.sprint];
        let row = &sprint.work[class.row];
        let record = [
            sprint.id.clone(),
            sprint.start.iso(),
            ledger.teams[row.team].id.clone(),
            row.title.clone().unwrap_or_default(),
            row.reference.clone().unwrap_or_default(),
            config.category_id(row.category).to_string(),
            row.initiative
                .map(|i| ledger.initiatives[i].id.clone())
                .unwrap_or_default(),
            format_csv_number(row.effort),
            class.cost.map(format_csv_number).unwrap_or_default(),
            if class.capitalized {
                "capitalized"
            } else {
                "expensed"
            }
            .to_string(),
            class.rule.explain().to_string(),
        ];
        let _ = writer.write_record(record.iter().map(|c| guard_csv_cell(c)));
    }
    writer
        .into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
