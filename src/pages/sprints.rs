//! The list of sprints: one row per sprint, newest first, with each category's share, and the
//! reports kept under `sprints/`.

use std::collections::BTreeSet;

use crate::pages::context::Context;
use serde::Serialize;

use crate::pages::common::{SiteData, sprint_href};
use crate::pages::dates::short_date_range;
use crate::pages::plan::sprint_address;
use crate::words::narrate::{self, percent};

#[derive(Serialize)]
struct SprintListRow {
    id: String,
    href: String,
    dates: String,
    effort: String,
    people: String,
    cost: String,
    largest: String,
    has_report: bool,
    is_current: bool,
    shares: Vec<String>,
}

impl SiteData<'_> {
    /// The sprints page's own values.
    pub(super) fn sprints_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Sprints");
        let slots = narrate::shown_slots(self.config, self.accounts);
        let headers: Vec<String> = slots
            .iter()
            .map(|&s| self.config.category_label(s).to_string())
            .collect();
        context.insert("share_headers", &headers);
        let rows: Vec<SprintListRow> = self
            .sprints_newest_first()
            .map(|(i, sprint)| {
                let account = &self.accounts.sprints[i];
                let largest = self.largest_category(&slots, &account.by_category, account.effort);
                SprintListRow {
                    id: sprint.id.clone(),
                    href: sprint_href(root, sprint),
                    dates: short_date_range(sprint),
                    effort: narrate::number(account.effort),
                    people: narrate::number(account.fte),
                    cost: self.cost_text(account.cost(), account.cost_known),
                    largest,
                    has_report: self.content.at(&sprint_address(sprint)).is_some(),
                    is_current: i == self.ledger.current,
                    shares: slots.iter().map(|&s| percent(account.share(s))).collect(),
                }
            })
            .collect();
        context.insert("sprints", &rows);
        context.insert("cost_footnote", &self.cost_footnote());
        context.insert("pages", &self.listing("sprints/", root));
    }

    /// Which teams' cost no sprint's total includes, when some are missing.
    fn cost_footnote(&self) -> Option<String> {
        let missing: BTreeSet<&str> = self
            .accounts
            .sprints
            .iter()
            .flat_map(|a| a.teams_without_cost.iter())
            .map(|&t| self.ledger.teams[t].name.as_str())
            .collect();
        let missing: Vec<String> = missing.into_iter().map(str::to_string).collect();
        (!missing.is_empty()).then(|| {
            format!(
                "* Known cost only: excludes {}, with no day cost given.",
                narrate::join_words(&missing)
            )
        })
    }
}
