//! One sprint's page (and the home page's view of the current sprint): its figures, each
//! category's share, the teams, the biggest work items, and what is missing from the numbers.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::SprintAccount;
use crate::load::ledger::{Sprint, WorkRow};
use crate::pages::common::{SiteData, item_href, sprint_href};
use crate::pages::dates::date_range;
use crate::pages::plan::sprint_address;
use crate::pages::render::Link;
use crate::pages::teams::TeamRow;
use crate::words::findings::Subject;
use crate::words::narrate::{self, capitalize, percent};

/// How many work items a sprint page names.
const TOP_WORK_ITEMS: usize = 12;

#[derive(Serialize)]
struct CategoryRow {
    label: String,
    color: String,
    effort: String,
    share: String,
    people: String,
    change: String,
}

#[derive(Serialize)]
pub(super) struct WorkItem {
    title: String,
    reference: String,
    team: String,
    team_href: String,
    category: String,
    color: String,
    effort: String,
    planned: bool,
}

#[derive(Serialize)]
pub(super) struct SprintView {
    id: String,
    href: String,
    dates: String,
    start: String,
    end: String,
    working_days: u32,
    goal: String,
    effort: String,
    people: String,
    cost: String,
    cost_label: String,
    headline: String,
    /// The top finding, for "In short" under a narrative's own title.
    finding: String,
    /// What the headline is about, for a chart to highlight.
    subject: Subject,
    summary: Vec<String>,
    /// The home page's lead: at most three sentences under the headline.
    lead: Vec<String>,
    categories: Vec<CategoryRow>,
    teams: Vec<TeamRow>,
    work: Vec<WorkItem>,
    work_count: usize,
    previous: Option<Link>,
    next: Option<Link>,
    notes: Vec<String>,
    reports: Vec<Link>,
    is_current: bool,
    planned_share: String,
}

impl SiteData<'_> {
    /// A sprint's page (by index into the ledger).
    pub(super) fn sprint_page(&self, index: usize, context: &mut Context, root: &str) {
        context.insert(
            "title",
            &format!("Sprint {}", self.ledger.sprints[index].id),
        );
        context.insert("sprint", &self.sprint_view(index, root, true));
        context.insert("quality", &self.quality(index));
        self.sprint_delivery(index, root, context);
    }

    /// A sprint's figures; its biggest work items only when `with_work`.
    pub(super) fn sprint_view(&self, index: usize, root: &str, with_work: bool) -> SprintView {
        let sprint = &self.ledger.sprints[index];
        let account = &self.accounts.sprints[index];
        let config = self.config;
        let summary = narrate::sprint_summary(config, self.ledger, self.accounts, index);
        let work = if with_work {
            self.work_items(sprint, root, None)
        } else {
            Vec::new()
        };
        SprintView {
            id: sprint.id.clone(),
            href: sprint_href(root, sprint),
            dates: date_range(sprint),
            start: sprint.start.iso(),
            end: sprint.end.iso(),
            working_days: sprint.working_days,
            goal: sprint.goal.clone(),
            effort: narrate::spoken_effort(config, account.effort),
            people: narrate::people(account.fte),
            cost: match account.cost() {
                Some(cost) => narrate::spoken_money(config, cost),
                None if account.cost_known > 0.0 => {
                    narrate::spoken_money(config, account.cost_known)
                }
                None => "unknown".to_string(),
            },
            cost_label: self.cost_label(account),
            headline: summary.finding.clone(),
            finding: summary.finding,
            subject: summary.subject,
            summary: summary.sentences,
            lead: if index == self.ledger.current {
                narrate::home_lead(config, self.ledger, self.accounts, index)
            } else {
                Vec::new()
            },
            categories: self.category_rows(index),
            teams: self.team_rows(index, root),
            work_count: sprint.work.len(),
            work,
            previous: index.checked_sub(1).map(|i| self.sprint_link(i, root)),
            next: (index + 1 < self.ledger.sprints.len())
                .then(|| self.sprint_link(index + 1, root)),
            notes: self.data_notes(index),
            reports: self.reports_on(index, root),
            is_current: index == self.ledger.current,
            planned_share: percent(account.planned_share()),
        }
    }

    /// What a sprint's cost covers: all of it, or the teams it leaves out.
    fn cost_label(&self, account: &SprintAccount) -> String {
        if account.teams_without_cost.is_empty() {
            "cost".to_string()
        } else {
            format!(
                "known cost; excludes {}",
                narrate::join_words(&self.team_names(&account.teams_without_cost))
            )
        }
    }

    /// Each shown category's effort, share and change in a sprint.
    fn category_rows(&self, index: usize) -> Vec<CategoryRow> {
        let account = &self.accounts.sprints[index];
        let config = self.config;
        narrate::shown_slots(config, self.accounts)
            .iter()
            .map(|&slot| CategoryRow {
                label: config.category_label(slot).to_string(),
                color: config.category_color(slot).to_string(),
                effort: narrate::number(account.by_category[slot]),
                share: percent(account.share(slot)),
                people: narrate::number(account.category_fte(slot)),
                change: self
                    .accounts
                    .share_change_points(index, slot)
                    .map(narrate::points_change)
                    .unwrap_or_else(|| "–".to_string()),
            })
            .collect()
    }

    /// The link to another sprint's page, from the previous/next links.
    fn sprint_link(&self, index: usize, root: &str) -> Link {
        let s = &self.ledger.sprints[index];
        Link {
            title: format!("Sprint {}", s.id),
            href: sprint_href(root, s),
            note: date_range(s),
            date: s.start.iso(),
        }
    }

    /// The narratives that report on a sprint, other than the one shown on its page.
    fn reports_on(&self, index: usize, root: &str) -> Vec<Link> {
        let address = sprint_address(&self.ledger.sprints[index]);
        self.content
            .narratives
            .iter()
            .enumerate()
            .filter(|(_, n)| n.sprint == Some(index) && n.address != address)
            .map(|(i, _)| self.page_link(i, root))
            .collect()
    }

    /// What the reader should know is missing from a sprint's numbers.
    fn data_notes(&self, index: usize) -> Vec<String> {
        let account = &self.accounts.sprints[index];
        let mut notes = Vec::new();
        let uncategorized = account.share(self.config.uncategorized_slot());
        if uncategorized > 0.0 {
            notes.push(format!(
                "{} of the effort has no category, so the split is less certain.",
                capitalize(&percent(uncategorized))
            ));
        }
        if !account.teams_without_cost.is_empty() {
            notes.push(format!(
                "Cost excludes {}: no day cost given.",
                narrate::join_words(&self.team_names(&account.teams_without_cost))
            ));
        }
        if !account.teams_without_work.is_empty() {
            notes.push(format!(
                "No work is recorded for {}.",
                narrate::join_words(&self.team_names(&account.teams_without_work))
            ));
        }
        if !account.teams_without_capacity.is_empty() && account.capacity.is_some() {
            notes.push(format!(
                "No capacity was given for {}, so capacity used covers the other teams only.",
                narrate::join_words(&self.team_names(&account.teams_without_capacity))
            ));
        } else if account.capacity.is_none() {
            notes.push("No team gave its capacity this sprint.".to_string());
        }
        notes
    }

    /// A sprint's biggest work items, of one team or all.
    pub(super) fn work_items(
        &self,
        sprint: &Sprint,
        root: &str,
        team: Option<usize>,
    ) -> Vec<WorkItem> {
        let mut rows: Vec<&WorkRow> = sprint
            .work
            .iter()
            .filter(|r| team.is_none_or(|t| r.team == t))
            .collect();
        rows.sort_by(|a, b| b.effort.total_cmp(&a.effort));
        rows.into_iter()
            .take(TOP_WORK_ITEMS)
            .map(|row| {
                let team = &self.ledger.teams[row.team];
                WorkItem {
                    title: row
                        .title
                        .clone()
                        .unwrap_or_else(|| "(untitled work)".to_string()),
                    reference: row.reference.clone().unwrap_or_default(),
                    team: team.name.clone(),
                    team_href: item_href(root, "teams/", &team.id),
                    category: self.config.category_label(row.category).to_string(),
                    color: self.config.category_color(row.category).to_string(),
                    effort: narrate::number(row.effort),
                    planned: row.planned,
                }
            })
            .collect()
    }
}
