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
    /// `None` when no work row of any sprint names a system: the site does not use them.
    without_system: Option<String>,
    /// `None` when no work row of any sprint names a big project.
    without_initiative: Option<String>,
    teams_without_work: Vec<String>,
    teams_without_capacity: Vec<String>,
    /// "No capacity given in 14 of 14 sprints", as one line; empty when every sprint has one.
    sprints_without_capacity: String,
}

impl SiteData<'_> {
    /// The data-quality panel for a sprint: what share of effort lacks a category, a system or
    /// an initiative, and which teams sent no rows or no capacity.
    pub(super) fn quality(&self, sprint: usize) -> QualityView {
        let account = &self.accounts.sprints[sprint];
        let (uses_systems, uses_initiatives) = *self.shared_values.rows_name.get_or_init(|| {
            let rows = || self.ledger.sprints.iter().flat_map(|s| &s.work);
            (
                rows().any(|row| row.system.is_some()),
                rows().any(|row| row.initiative.is_some()),
            )
        });
        let without_capacity = self
            .accounts
            .sprints
            .iter()
            .filter(|a| a.capacity.is_none())
            .count();
        let total = self.ledger.sprints.len();
        QualityView {
            sprint: self.ledger.sprints[sprint].id.clone(),
            uncategorized: percent(account.share(self.config.uncategorized_slot())),
            without_system: uses_systems
                .then(|| percent(ratio(account.effort_without_system, account.effort))),
            without_initiative: uses_initiatives
                .then(|| percent(ratio(account.effort_without_initiative, account.effort))),
            teams_without_work: self.team_names(&account.teams_without_work),
            // With no capacity in the sprint at all, the line below says so once.
            teams_without_capacity: if account.capacity.is_some() {
                self.team_names(&account.teams_without_capacity)
            } else {
                Vec::new()
            },
            sprints_without_capacity: match without_capacity {
                0 => String::new(),
                n if n == total => format!(
                    "No capacity given in any sprint ({n} of {total}), so capacity used is not shown."
                ),
                1 => format!("No capacity given in 1 of {total} sprints."),
                n => format!("No capacity given in {n} of {total} sprints."),
            },
        }
    }
}
