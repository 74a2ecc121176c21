//! The data-quality panel of the home page and each sprint page: what the numbers leave out.

use serde::Serialize;

use crate::accounts::ratio;
use crate::pages::common::SiteData;
use crate::words::narrate::percent;

/// What the numbers leave out, shown on the home page and each sprint page.
#[derive(Serialize)]
pub struct QualityView {
    sprint: String,
    uncategorized: String,
    without_system: String,
    without_initiative: String,
    teams_without_work: Vec<String>,
    teams_without_capacity: Vec<String>,
    sprints_without_capacity: Vec<String>,
}

impl SiteData<'_> {
    /// The data-quality panel for a sprint: what share of effort lacks a category, a system or
    /// an initiative, and which teams sent no rows or no capacity.
    pub(super) fn quality(&self, sprint: usize) -> QualityView {
        let account = &self.accounts.sprints[sprint];
        QualityView {
            sprint: self.ledger.sprints[sprint].id.clone(),
            uncategorized: percent(account.share(self.config.uncategorized_slot())),
            without_system: percent(ratio(account.effort_without_system, account.effort)),
            without_initiative: percent(ratio(account.effort_without_initiative, account.effort)),
            teams_without_work: self.team_names(&account.teams_without_work),
            teams_without_capacity: self.team_names(&account.teams_without_capacity),
            sprints_without_capacity: self
                .ledger
                .sprints
                .iter()
                .zip(&self.accounts.sprints)
                .filter(|(_, a)| a.capacity.is_none())
                .map(|(s, _)| s.id.clone())
                .collect(),
        }
    }
}
