//! The search index: every page, sprint, team, initiative, system and glossary term, written
//! as a script (so search works from `file://`, where a page cannot fetch JSON).

use serde::Serialize;

use crate::charts::Books;
use crate::load::glossary::Glossary;
use crate::load::narratives::Content;
use crate::pages::common::folder_title;
use crate::pages::plan::{PageJob, PageKind};
use crate::text::urls::page_href;
use crate::words::narrate::sprint_headline;

/// One entry, with short keys to keep the script small.
#[derive(Serialize)]
struct Item {
    /// Title.
    t: String,
    /// Address, relative to the site root.
    u: String,
    /// Kind, for the reader.
    k: &'static str,
    /// A line of context.
    s: String,
}

/// What the reader finds of a page: its title, its kind and a line of context.
type Found = (String, &'static str, String);

fn found(title: &str, kind: &'static str, line: &str) -> Found {
    (title.to_string(), kind, line.to_string())
}

/// A page as search shows it; `None` for the pages search leaves out (home, not found).
fn page_entry(books: &Books<'_>, content: &Content, kind: &PageKind) -> Option<Found> {
    let ledger = books.ledger;
    Some(match kind {
        PageKind::Sprint(i) => (
            format!("Sprint {}", ledger.sprints[*i].id),
            "Sprint",
            sprint_headline(books.config, ledger, books.accounts, *i),
        ),
        PageKind::Team(i) => {
            let team = &ledger.teams[*i];
            found(&team.name, "Team", &team.explain)
        }
        PageKind::Initiative(i) => {
            let initiative = &ledger.initiatives[*i];
            found(&initiative.name, "Big project", &initiative.why)
        }
        PageKind::System(i) => {
            let system = &ledger.systems[*i];
            found(&system.name, "System", &system.explain)
        }
        PageKind::Narrative(i) => {
            let narrative = &content.narratives[*i];
            let summary = narrative.summary.as_deref().unwrap_or_default();
            found(&narrative.title, "Page", summary)
        }
        PageKind::Section(folder) => (folder_title(content, folder), "Pages", String::new()),
        PageKind::Audience(i) => {
            let audience = &books.config.audiences[*i];
            found(&audience.label, "Reading list", &audience.description)
        }
        PageKind::Sprints => found("All sprints", "List", ""),
        PageKind::Teams => found("All teams", "List", ""),
        PageKind::Initiatives => found("Big projects", "List", ""),
        PageKind::Systems => found("Systems", "List", ""),
        PageKind::Dependencies => found("Dependency freshness", "List", ""),
        PageKind::Debt => found("Tech debt", "List", ""),
        PageKind::Capitalization => found("Capitalization", "Finance", ""),
        PageKind::Glossary => found("Glossary", "List", ""),
        PageKind::Delivery => found("Delivery: releases and incidents", "List", ""),
        PageKind::Incident(i) => {
            let incident = &ledger.delivery.incidents[*i];
            found(&incident.title, "Incident", &incident.customer_impact)
        }
        PageKind::Home | PageKind::NotFound => return None,
    })
}

/// The search index of the pages in `jobs` and the glossary's terms, as a script.
pub fn search_index(
    books: &Books<'_>,
    content: &Content,
    glossary: &Glossary,
    jobs: &[PageJob],
) -> String {
    let mut items: Vec<Item> = Vec::with_capacity(jobs.len() + glossary.terms.len());
    for job in jobs {
        if let Some((title, kind, summary)) = page_entry(books, content, &job.kind) {
            items.push(Item {
                t: title,
                u: page_href("", &job.address),
                k: kind,
                s: summary,
            });
        }
    }
    for term in &glossary.terms {
        items.push(Item {
            t: term.term.clone(),
            u: format!("glossary/index.html#{}", term.anchor),
            k: "Glossary",
            s: term.means.clone(),
        });
    }
    let json = serde_json::to_string(&items).unwrap_or_else(|_| "[]".to_string());
    format!("window.TALLY_SEARCH = {json};\n")
}
