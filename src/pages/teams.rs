//! The list of teams: each team's figures in the current sprint, and which teams gave no day
//! cost. The same rows are the teams table of a sprint's page.

use crate::pages::context::Context;
use serde::Serialize;

use crate::pages::common::{SiteData, capacity_used, item_href};
use crate::words::narrate;

#[derive(Serialize)]
pub(super) struct TeamRow {
    name: String,
    href: String,
    people: String,
    effort: String,
    fte: String,
    cost: String,
    capacity: String,
    used: String,
    largest: String,
}

impl SiteData<'_> {
    /// The teams page's own values.
    pub(super) fn teams_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Teams");
        let Some(current) = self.ledger.current_sprint().map(|_| self.ledger.current) else {
            context.insert("teams", &Vec::<TeamRow>::new());
            return;
        };
        context.insert("teams", &self.team_rows(current, root));
        let missing: Vec<String> = self
            .ledger
            .teams
            .iter()
            .filter(|t| t.day_cost.is_none())
            .map(|t| t.name.clone())
            .collect();
        context.insert("teams_without_cost", &missing);
    }

    /// Each team's figures in one sprint.
    pub(super) fn team_rows(&self, sprint: usize, root: &str) -> Vec<TeamRow> {
        let account = &self.accounts.sprints[sprint];
        let slots = narrate::shown_slots(self.config, self.accounts);
        self.ledger
            .teams
            .iter()
            .zip(&account.teams)
            .map(|(team, figures)| {
                let largest = self.largest_category(&slots, &figures.by_category, figures.effort);
                TeamRow {
                    name: team.name.clone(),
                    href: item_href(root, "teams/", &team.id),
                    people: narrate::number(team.people),
                    effort: narrate::number(figures.effort),
                    fte: narrate::number(figures.fte),
                    cost: self.cost_text(figures.cost, 0.0),
                    capacity: figures
                        .capacity
                        .map(narrate::number)
                        .unwrap_or_else(|| "not given".to_string()),
                    used: capacity_used(figures),
                    largest,
                }
            })
            .collect()
    }
}
