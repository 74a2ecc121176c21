//! The big projects: the list with each one's progress, pace and forecast, and one page per
//! project with its capitalization rule, its debts and its depreciation schedule.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::{InitiativeAccount, Status, horizon::Beyond, ratio};
use crate::charts::{forecast_sentence, month_year};
use crate::pages::common::{SiteData, item_href};
use crate::pages::debt::DebtRow;
use crate::words::narrate::{self, join_words, percent};
use crate::words::scenarios::{initiative_headline, scenario_finding};

/// A what-if scenario as the initiative's page lists it: its finding, figures and chart.
#[derive(Serialize)]
struct ScenarioView<'a> {
    id: String,
    title: String,
    sentence: String,
    slips: String,
    range: String,
    baseline_range: String,
    status: &'static str,
    status_class: String,
    cost_per_sprint: String,
    break_even: String,
    chart: Option<&'a crate::charts::Chart>,
}

#[derive(Serialize)]
pub(super) struct InitiativeRow {
    id: String,
    name: String,
    href: String,
    why: String,
    owner: String,
    owner_href: String,
    category: String,
    color: String,
    done: String,
    scope: String,
    progress: String,
    pace: String,
    forecast: String,
    target: String,
    status: String,
    status_class: String,
    sentence: String,
}

/// When a big project should be done: `done`, a month, a range of months, or why not known.
pub(super) fn forecast_words(account: &InitiativeAccount) -> String {
    match (account.finish.earliest, account.finish.latest) {
        _ if account.status == Status::Done => "done".to_string(),
        (None, _) if account.beyond_horizon.earliest => account
            .beyond_horizon
            .why
            .map_or_else(|| "–".to_string(), Beyond::words),
        (Some(e), Some(l)) if month_year(e) == month_year(l) => month_year(e),
        (Some(e), Some(l)) => format!("{} – {}", month_year(e), month_year(l)),
        (Some(e), None) => format!("{} or later", month_year(e)),
        _ => "–".to_string(),
    }
}

impl SiteData<'_> {
    /// One big project's figures, as the list and its own page show them.
    pub(super) fn initiative_row(&self, index: usize, root: &str) -> InitiativeRow {
        let initiative = &self.ledger.initiatives[index];
        let account = &self.accounts.initiatives[index];
        let (owner, owner_href) = self.team_link(initiative.owner, root);
        InitiativeRow {
            id: initiative.id.clone(),
            name: initiative.name.clone(),
            href: item_href(root, "initiatives/", &initiative.id),
            why: initiative.why.clone(),
            owner,
            owner_href,
            category: self.config.category_label(initiative.category).to_string(),
            color: self.config.category_color(initiative.category).to_string(),
            done: narrate::number(account.done),
            scope: narrate::number(account.scope),
            progress: percent(ratio(account.done, account.scope).min(1.0)),
            pace: account
                .pace
                .average
                .map(narrate::number)
                .unwrap_or_else(|| "–".into()),
            forecast: forecast_words(account),
            target: initiative
                .target
                .map(month_year)
                .unwrap_or_else(|| "none".into()),
            status: account.status.as_str().to_string(),
            status_class: account.status.as_str().replace(' ', "-"),
            sentence: forecast_sentence(&self.books(), index),
        }
    }

    /// The list of big projects.
    pub(super) fn initiatives_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Big projects");
        let rows: Vec<InitiativeRow> = (0..self.ledger.initiatives.len())
            .map(|i| self.initiative_row(i, root))
            .collect();
        let worrying: Vec<String> = rows
            .iter()
            .filter(|r| r.status == "late" || r.status == "at risk")
            .map(|r| format!("{} ({})", r.name, r.status))
            .collect();
        let headline = if worrying.is_empty() {
            format!("All {} big projects are on track or done.", rows.len())
        } else {
            format!(
                "{} of {} big projects need attention: {}.",
                worrying.len(),
                rows.len(),
                join_words(&worrying)
            )
        };
        context.insert("headline", &headline);
        context.insert("initiatives", &rows);
    }

    /// One big project's page (by index into the ledger).
    pub(super) fn initiative_page(&self, index: usize, context: &mut Context, root: &str) {
        let initiative = &self.ledger.initiatives[index];
        context.insert("title", &initiative.name);
        context.insert("initiative", &self.initiative_row(index, root));
        context.insert(
            "has_capitalization",
            &super::plan::has_capitalization_page(self.config, self.ledger),
        );
        context.insert(
            "headline",
            &initiative_headline(
                self.config,
                self.ledger,
                &self.accounts.initiatives[index],
                index,
            ),
        );
        context.insert("scenarios", &self.scenario_views(index));
        let split = self.accounts.capitalization.initiatives[index];
        context.insert("cap_rule", &self.capitalization_rule(index));
        context.insert(
            "cap_split",
            &self.split_row(initiative.name.clone(), String::new(), split),
        );
        let debts: Vec<DebtRow> = (0..self.ledger.debts.len())
            .filter(|&d| self.ledger.debts[d].initiative == Some(index))
            .map(|d| self.debt_row(d, root))
            .collect();
        context.insert("debts", &debts);
        context.insert("schedule", &self.schedule(index, root));
    }

    /// The what-if scenarios of a big project, each with its finding and chart.
    fn scenario_views(&self, index: usize) -> Vec<ScenarioView<'_>> {
        (0..self.ledger.scenarios.len())
            .filter(|&s| self.ledger.scenarios[s].initiative == index)
            .map(|s| {
                let finding = scenario_finding(self.config, self.ledger, self.accounts, s);
                let request = crate::charts::ChartRequest {
                    kind: crate::charts::ChartKind::Scenario,
                    sprint: self.ledger.current,
                    last: None,
                    team: None,
                    category: None,
                    subject: Some(s),
                };
                ScenarioView {
                    id: finding.id,
                    title: finding.title,
                    sentence: finding.sentence,
                    slips: finding.slips,
                    range: finding.range,
                    baseline_range: finding.baseline_range,
                    status: finding.status,
                    status_class: finding.status.replace(' ', "-"),
                    cost_per_sprint: finding.cost_per_sprint,
                    break_even: finding.break_even,
                    chart: self.charts.get(&request),
                }
            })
            .collect()
    }

    /// Which of a big project's work can be capitalized, in a sentence.
    fn capitalization_rule(&self, index: usize) -> String {
        let initiative = &self.ledger.initiatives[index];
        match initiative.capitalizable {
            Some(true) => format!(
                "Capitalizable from {}{}.",
                initiative
                    .cap_start
                    .map(|d| d.iso())
                    .unwrap_or_else(|| "its start".into()),
                initiative
                    .in_service
                    .map(|d| format!(" until it went into service on {}", d.iso()))
                    .unwrap_or_default()
            ),
            Some(false) => "Marked not capitalizable: all its work is expensed.".into(),
            None => format!(
                "Follows its category's rule: {} work is {}.",
                self.config
                    .category_label(initiative.category)
                    .to_lowercase(),
                if self.config.categories[initiative.category].capitalizable {
                    "capitalizable"
                } else {
                    "expensed"
                }
            ),
        }
    }
}
