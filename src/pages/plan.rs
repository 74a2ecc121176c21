//! Which pages the site has and where each one lives: the page job type and the planning of
//! addresses. Kept apart from the pages' contents so that navigation, the sitemap and the
//! output check can ask what exists without building any page.

use std::collections::BTreeSet;

use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::{Ledger, Sprint};
use crate::load::narratives::{self, Content};

/// The kinds of page tally builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// The home page: the current sprint and the trend.
    Home,
    /// The list of sprints.
    Sprints,
    /// One sprint (index into the ledger).
    Sprint(usize),
    /// The list of teams.
    Teams,
    /// One team (index into the ledger).
    Team(usize),
    /// A narrative page (index into the content's narratives).
    Narrative(usize),
    /// A folder of narratives, listing its pages.
    Section(String),
    /// The page for unknown addresses.
    NotFound,
    /// The glossary.
    Glossary,
    /// The index page of one audience (index into the config's audiences).
    Audience(usize),
    /// All initiatives with their status.
    Initiatives,
    /// One initiative (index into the ledger).
    Initiative(usize),
    /// The architecture overview: every system.
    Systems,
    /// One system (index into the ledger).
    System(usize),
    /// Dependency freshness across systems.
    Dependencies,
    /// The tech-debt ledger.
    Debt,
    /// The CFO's page: capitalizable and expensed work.
    Capitalization,
    /// The delivery record: releases, failures, incidents.
    Delivery,
    /// One incident (index into the ledger's incidents).
    Incident(usize),
}

/// One page to build.
#[derive(Debug, Clone)]
pub struct PageJob {
    /// Address relative to the site root: `""`, `sprints/2026-S23/`, or `404.html` for the
    /// not-found page.
    pub address: String,
    /// What the page is.
    pub kind: PageKind,
}

impl PageJob {
    /// The output file, relative to the output root.
    pub fn output_path(&self) -> String {
        if self.address.ends_with(".html") {
            self.address.clone()
        } else {
            format!("{}index.html", self.address)
        }
    }
}

fn page(address: impl Into<String>, kind: PageKind) -> PageJob {
    PageJob {
        address: address.into(),
        kind,
    }
}

/// `sprints/<id>/`.
pub fn sprint_address(sprint: &Sprint) -> String {
    format!("sprints/{}/", sprint.id)
}

/// The pages every site has, whatever its books hold: home, the sprints and teams, the
/// not-found page, the glossary (when it has terms) and each audience's reading list.
pub fn site_pages(config: &Config, ledger: &Ledger, glossary: &Glossary) -> Vec<PageJob> {
    let mut jobs = vec![
        page("", PageKind::Home),
        page("sprints/", PageKind::Sprints),
        page("teams/", PageKind::Teams),
        page("404.html", PageKind::NotFound),
    ];
    jobs.extend(
        ledger
            .sprints
            .iter()
            .enumerate()
            .map(|(i, s)| page(sprint_address(s), PageKind::Sprint(i))),
    );
    jobs.extend(
        ledger
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| page(format!("teams/{}/", t.id), PageKind::Team(i))),
    );
    if !glossary.terms.is_empty() {
        jobs.push(page("glossary/", PageKind::Glossary));
    }
    jobs.extend(
        config
            .audiences
            .iter()
            .enumerate()
            .map(|(i, a)| page(format!("for/{}/", a.id), PageKind::Audience(i))),
    );
    jobs
}

/// A list page at `folder` followed by one page per id under it; nothing when there are no ids.
fn list_with_items<'a>(
    folder: &str,
    list: PageKind,
    ids: impl ExactSizeIterator<Item = &'a String>,
    item: fn(usize) -> PageKind,
) -> Vec<PageJob> {
    if ids.len() == 0 {
        return Vec::new();
    }
    let mut jobs = vec![page(folder, list)];
    jobs.extend(
        ids.enumerate()
            .map(|(i, id)| page(format!("{folder}{id}/"), item(i))),
    );
    jobs
}

/// The pages of the books that the data calls for.
pub fn books_pages(config: &Config, ledger: &Ledger) -> Vec<PageJob> {
    let mut jobs = list_with_items(
        "initiatives/",
        PageKind::Initiatives,
        ledger.initiatives.iter().map(|x| &x.id),
        PageKind::Initiative,
    );
    jobs.extend(list_with_items(
        "systems/",
        PageKind::Systems,
        ledger.systems.iter().map(|x| &x.id),
        PageKind::System,
    ));
    if ledger.systems.iter().any(|s| !s.dependencies.is_empty()) {
        jobs.push(page("dependencies/", PageKind::Dependencies));
    }
    if !ledger.debts.is_empty() {
        jobs.push(page("debt/", PageKind::Debt));
    }
    if has_capitalization_page(config, ledger) {
        jobs.push(page("capitalization/", PageKind::Capitalization));
    }
    let delivery = &ledger.delivery;
    if !delivery.releases.is_empty() || !delivery.incidents.is_empty() {
        jobs.push(page("delivery/", PageKind::Delivery));
        jobs.extend(delivery.incidents.iter().enumerate().map(|(i, incident)| {
            page(format!("delivery/{}/", incident.id), PageKind::Incident(i))
        }));
    }
    jobs
}

/// Navigation entries of the books that exist: (label, address).
pub fn books_nav_entries(config: &Config, ledger: &Ledger) -> Vec<(String, String)> {
    books_pages(config, ledger)
        .into_iter()
        .filter_map(|job| {
            let label = match job.kind {
                PageKind::Initiatives => "Big projects",
                PageKind::Systems => "Systems",
                PageKind::Debt => "Tech debt",
                PageKind::Capitalization => "Capitalization",
                PageKind::Delivery => "Delivery",
                _ => return None,
            };
            Some((label.to_string(), job.address))
        })
        .collect()
}

/// A page for each narrative not shown on a generated page at its address (`generated`), then
/// an index page for every folder that holds pages and has none of its own.
pub fn narrative_pages(content: &Content, generated: &BTreeSet<String>) -> Vec<PageJob> {
    let mut jobs = Vec::new();
    let mut sections: BTreeSet<String> = BTreeSet::new();
    for (index, narrative) in content.narratives.iter().enumerate() {
        if generated.contains(&narrative.address) {
            continue; // shown on the generated page at the same address
        }
        if narrative.is_index {
            sections.insert(narrative.address.clone());
        } else {
            jobs.push(page(narrative.address.clone(), PageKind::Narrative(index)));
            // Every folder that holds pages gets an index listing them.
            let mut folder = narrative.parent.clone();
            while !folder.is_empty() && !generated.contains(&folder) {
                sections.insert(folder.clone());
                folder = narratives::parent_of(&folder);
            }
        }
    }
    jobs.extend(
        sections
            .into_iter()
            .map(|folder| page(folder.clone(), PageKind::Section(folder))),
    );
    jobs
}

/// Whether the site has a capitalization page: some category or big project can be
/// capitalized, and there are sprints to count. Pages that link to it ask here first.
pub(super) fn has_capitalization_page(config: &Config, ledger: &Ledger) -> bool {
    let capitalizable = config.categories.iter().any(|c| c.capitalizable)
        || ledger.initiatives.iter().any(|i| i.capitalizable.is_some());
    capitalizable && !ledger.sprints.is_empty()
}
