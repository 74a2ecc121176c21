//! One team's page: what it spent its time on this sprint, its history sprint by sprint, its
//! category targets against what it did, and its biggest work items.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::ratio;
use crate::load::ledger::Team;
use crate::pages::common::{SiteData, capacity_used, sprint_href};
use crate::pages::sprint::WorkItem;
use crate::words::narrate::{self, percent};
use crate::words::teams::team_headline;

#[derive(Serialize)]
struct TeamSprintRow {
    sprint: String,
    href: String,
    effort: String,
    people: String,
    cost: String,
    used: String,
    shares: Vec<String>,
}

#[derive(Serialize)]
struct TeamView {
    id: String,
    name: String,
    people: String,
    day_cost: String,
    explain: String,
    headline: String,
    history: Vec<TeamSprintRow>,
    work: Vec<WorkItem>,
    current_sprint: String,
    /// (category, target, actual this sprint, average of the last 6 sprints)
    targets: Vec<(String, String, String, String)>,
}

impl SiteData<'_> {
    /// A team's page (by index into the ledger).
    pub(super) fn team_page(&self, index: usize, context: &mut Context, root: &str) {
        context.insert("title", &self.ledger.teams[index].name);
        context.insert("team", &self.team_view(index, root));
    }

    fn team_view(&self, index: usize, root: &str) -> TeamView {
        let team = &self.ledger.teams[index];
        let current = self.ledger.current_sprint();
        TeamView {
            id: team.id.clone(),
            name: team.name.clone(),
            people: narrate::number(team.people),
            day_cost: team
                .day_cost
                .map(|c| narrate::money(self.config, c))
                .unwrap_or_else(|| "not given".to_string()),
            explain: team.explain.clone(),
            headline: self.team_headline(index),
            history: self.team_history(index, root),
            work: current
                .map(|s| self.work_items(s, root, Some(index)))
                .unwrap_or_default(),
            current_sprint: current.map(|s| s.id.clone()).unwrap_or_default(),
            targets: self.team_targets(team, index),
        }
    }

    /// A team's figures in every sprint, the newest first.
    fn team_history(&self, index: usize, root: &str) -> Vec<TeamSprintRow> {
        let slots = narrate::shown_slots(self.config, self.accounts);
        self.sprints_newest_first()
            .map(|(i, sprint)| {
                let figures = &self.accounts.sprints[i].teams[index];
                TeamSprintRow {
                    sprint: sprint.id.clone(),
                    href: sprint_href(root, sprint),
                    effort: narrate::number(figures.effort),
                    people: narrate::number(figures.fte),
                    cost: self.cost_text(figures.cost, 0.0),
                    used: capacity_used(figures),
                    shares: slots.iter().map(|&s| percent(figures.share(s))).collect(),
                }
            })
            .collect()
    }

    /// What moved in the team's split this sprint (see [`team_headline`]).
    fn team_headline(&self, index: usize) -> String {
        let team = &self.ledger.teams[index];
        let Some(sprint) = self.ledger.current_sprint() else {
            return format!("{} has no sprint data yet.", team.name);
        };
        let figures = &self.accounts.sprints[self.ledger.current].teams[index];
        if figures.effort == 0.0 {
            return format!("{} recorded no work in sprint {}.", team.name, sprint.id);
        }
        let slots = narrate::shown_slots(self.config, self.accounts);
        team_headline(
            self.config,
            self.ledger,
            self.accounts,
            &slots,
            self.ledger.current,
            index,
        )
    }

    /// Each of a team's category targets: the target, this sprint's share and the recent average.
    fn team_targets(&self, team: &Team, index: usize) -> Vec<(String, String, String, String)> {
        let recent_end = (self.ledger.current + 1).min(self.ledger.sprints.len());
        let recent =
            &self.accounts.sprints[recent_end.saturating_sub(self.accounts.window)..recent_end];
        team.targets
            .iter()
            .map(|&(slot, target)| {
                let now = self
                    .accounts
                    .sprints
                    .get(self.ledger.current)
                    .map_or(0.0, |s| s.teams[index].share(slot));
                let effort: f64 = recent
                    .iter()
                    .map(|s| s.teams[index].by_category[slot])
                    .sum();
                let total: f64 = recent.iter().map(|s| s.teams[index].effort).sum();
                (
                    self.config.category_label(slot).to_string(),
                    percent(target),
                    percent(now),
                    percent(ratio(effort, total)),
                )
            })
            .collect()
    }
}
