//! What the pages share: the site's data as every page sees it ([`SiteData`]) and the small
//! pieces several pages show the same way (links to sprints, teams and narratives, costs, the
//! largest category, folder titles), so that each is written once.

use std::collections::{BTreeMap, HashMap};

use crate::accounts::{Accounts, TeamAccount, ratio};
use crate::charts::{Books, Chart, ChartRequest};
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::{Ledger, Sprint};
use crate::load::narratives::Content;
use crate::pages::context::Shared;
use crate::pages::dates::long_date;
use crate::pages::plan::sprint_address;
use crate::pages::render::Link;
use crate::pages::shared_values::SharedValues;
use crate::prose::markdown::Rendered;
use crate::text::urls::page_href;
use crate::words::narrate::{self, capitalize, percent};

/// Everything pages are made from, shared by all pages.
pub struct SiteData<'a> {
    /// Site configuration.
    pub config: &'a Config,
    /// Teams and sprints.
    pub ledger: &'a Ledger,
    /// Narratives.
    pub content: &'a Content,
    /// The computed figures.
    pub accounts: &'a Accounts,
    /// Narrative HTML by narrative index, made when first asked for.
    pub html: &'a dyn NarrativeHtml,
    /// What many pages show or ask alike (the frame's values, facts about the ledger), made
    /// once per build.
    pub shared_values: &'a SharedValues,
    /// Every chart, by request.
    pub charts: &'a HashMap<ChartRequest, Chart>,
    /// The pages listed in each folder.
    pub listings: &'a BTreeMap<String, Vec<usize>>,
    /// Top-level navigation entries beyond the built-in ones: (folder address, label).
    pub sections: Vec<(String, String)>,
    /// The glossary.
    pub glossary: &'a Glossary,
    /// The theme's stylesheet, inlined in the not-found page.
    pub stylesheet: &'a str,
    /// Each folder's list of pages, as seen from a page inside it: built once per folder and
    /// shared by every page of the folder (a tera value is reference-counted), so listing a
    /// folder's pages on each of its pages costs no copy.
    pub sibling_lists: &'a HashMap<String, Shared>,
}

/// Each narrative's HTML, by narrative index. The site's build makes the HTML of a narrative
/// without directives only when a page that shows it is rendered: a page whose fingerprint is
/// unchanged is taken over from the previous build without it.
pub trait NarrativeHtml: Sync {
    /// The narrative's HTML (rendered now, if it was not yet).
    fn html(&self, index: usize) -> &Rendered;

    /// A hash of everything the narrative's HTML is made from, when that is only its own file,
    /// the glossary and the markdown settings (no directives); its HTML is then made only when
    /// needed, and pages count it by this hash.
    fn inputs(&self, index: usize) -> Option<u64>;
}

/// `{root}{folder}{id}/index.html`: the link to one team, initiative or system page.
pub fn item_href(root: &str, folder: &str, id: &str) -> String {
    format!("{root}{folder}{id}/index.html")
}

/// The link from a page at `root` to a sprint's page.
pub fn sprint_href(root: &str, sprint: &Sprint) -> String {
    format!("{root}{}index.html", sprint_address(sprint))
}

/// `guides/` → `Guides`, `long-reads/` → `Long reads`.
pub fn folder_label(folder: &str) -> String {
    let last = folder
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(folder);
    capitalize(&last.replace(['-', '_'], " "))
}

/// A folder's title: that of its index narrative, else its name made readable.
pub fn folder_title(content: &Content, folder: &str) -> String {
    content
        .at(folder)
        .map(|n| n.title.clone())
        .unwrap_or_else(|| folder_label(folder))
}

/// How much of its capacity a team used, or a dash when it gave none.
pub fn capacity_used(figures: &TeamAccount) -> String {
    figures
        .capacity_used()
        .map(percent)
        .unwrap_or_else(|| "–".to_string())
}

/// The category (of `slots`) with the most effort; on a tie, the first.
pub fn largest_slot(slots: &[usize], by_category: &[f64]) -> Option<usize> {
    slots
        .iter()
        .copied()
        .max_by(|&a, &b| by_category[a].total_cmp(&by_category[b]).then(b.cmp(&a)))
}

impl SiteData<'_> {
    /// The figures and words the charts and sentences are made from.
    pub(super) fn books(&self) -> Books<'_> {
        Books {
            config: self.config,
            ledger: self.ledger,
            accounts: self.accounts,
        }
    }

    /// An amount of effort in the site's unit: `12 person-days`.
    pub(super) fn unit(&self, value: f64) -> String {
        narrate::effort(self.config, value)
    }

    /// A team's name and the link to its page.
    pub(super) fn team_link(&self, team: usize, root: &str) -> (String, String) {
        let team = &self.ledger.teams[team];
        (team.name.clone(), item_href(root, "teams/", &team.id))
    }

    /// The names of some teams, by index.
    pub(super) fn team_names<'t>(&self, teams: impl IntoIterator<Item = &'t usize>) -> Vec<String> {
        teams
            .into_iter()
            .map(|&t| self.ledger.teams[t].name.clone())
            .collect()
    }

    /// Every sprint with its index, the newest first, as tables list them.
    pub(super) fn sprints_newest_first(&self) -> impl Iterator<Item = (usize, &Sprint)> {
        self.ledger.sprints.iter().enumerate().rev()
    }

    /// Sorts narratives (by index) newest first, then by title.
    pub(super) fn sort_newest_first(&self, list: &mut [usize]) {
        list.sort_by(|&a, &b| {
            let (a, b) = (&self.content.narratives[a], &self.content.narratives[b]);
            b.date.cmp(&a.date).then(a.title.cmp(&b.title))
        });
    }

    /// The link to a narrative's page, with its summary and date.
    pub(super) fn page_link(&self, index: usize, root: &str) -> Link {
        let narrative = &self.content.narratives[index];
        Link {
            title: narrative.title.clone(),
            href: page_href(root, &narrative.address),
            note: narrative.summary.clone().unwrap_or_default(),
            date: narrative.date.map(|d| long_date(d.0)).unwrap_or_default(),
        }
    }

    /// A cost, `unknown` when none is known, or the known part with a `*` when some is missing.
    pub(super) fn cost_text(&self, cost: Option<f64>, known: f64) -> String {
        match cost {
            Some(cost) => narrate::money(self.config, cost),
            None if known > 0.0 => format!("{}*", narrate::money(self.config, known)),
            None => "unknown".to_string(),
        }
    }

    /// "Keeping the lights on (35%)": the category with the most effort, or that none was recorded.
    pub(super) fn largest_category(
        &self,
        slots: &[usize],
        by_category: &[f64],
        effort: f64,
    ) -> String {
        largest_slot(slots, by_category)
            .filter(|_| effort > 0.0)
            .map(|s| {
                format!(
                    "{} ({})",
                    self.config.category_label(s),
                    percent(ratio(by_category[s], effort))
                )
            })
            .unwrap_or_else(|| "No work recorded".to_string())
    }
}
