//! What each page shows: the list of pages to build and the values their templates receive.
//!
//! Pages are planned once ([`plan`]), their charts are drawn once for the whole site (a chart
//! that appears on several pages is shared), and each page's context is plain, pre-formatted text
//! so templates only decide layout. This module is the plan and the dispatch: each kind of page
//! has its own file, what they share is in `common`, `layout` (the frame of every page),
//! `dates` and `plan`.

use std::collections::BTreeSet;

use crate::pages::context::Context;

use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::Ledger;
use crate::load::narratives::Content;
use crate::prose::markdown::root_prefix;
use render::Renderer;

mod audience;
mod brief;
mod brief_engineering;
mod brief_money;
mod brief_product;
mod brief_view;
mod capitalization;
mod common;
pub mod context;
mod dates;
mod debt;
mod delivery;
mod dependencies;
pub mod export;
mod export_delivery;
mod export_scenarios;
mod export_yearly;
pub mod feeds;
mod glossary;
mod home;
mod initiatives;
mod layout;
mod narrative;
mod not_found;
mod page_charts;
mod plan;
mod quality;
pub mod render;
mod search;
mod section;
mod shared_values;
mod sprint;
mod sprints;
mod systems;
mod team;
mod teams;

pub use capitalization::capitalization_csv;
pub use common::{NarrativeHtml, SiteData, folder_label, folder_title};
pub use layout::nav_sections;
pub use narrative::sibling_lists;
pub use not_found::not_found_root;
pub use page_charts::{chart_requests, draw_charts};
pub use plan::{PageJob, PageKind, sprint_address};
pub use search::search_index;
pub use shared_values::SharedValues;

/// Lists every page of the site.
pub fn plan(
    config: &Config,
    ledger: &Ledger,
    content: &Content,
    glossary: &Glossary,
) -> Vec<PageJob> {
    let mut jobs = plan::site_pages(config, ledger, glossary);
    jobs.extend(plan::books_pages(config, ledger));
    let generated: BTreeSet<String> = jobs.iter().map(|j| j.address.clone()).collect();
    jobs.extend(plan::narrative_pages(content, &generated));
    jobs
}

impl SiteData<'_> {
    /// Builds the template context of one page: its frame, then what its kind shows.
    pub fn context(&self, job: &PageJob) -> Context {
        let root = if job.kind == PageKind::NotFound {
            not_found_root(self.config.base_url.as_deref())
        } else {
            root_prefix(&job.address)
        };
        let mut context = self.frame(job, &root);
        self.add_page_values(job, &mut context, &root);
        context
    }

    /// What a page of each kind shows beyond its frame.
    fn add_page_values(&self, job: &PageJob, context: &mut Context, root: &str) {
        match &job.kind {
            PageKind::Home => self.home_page(context, root),
            PageKind::Sprints => self.sprints_page(context, root),
            PageKind::Sprint(s) => self.sprint_page(*s, context, root),
            PageKind::Teams => self.teams_page(context, root),
            PageKind::Team(t) => self.team_page(*t, context, root),
            PageKind::Narrative(n) => self.narrative_page(*n, context, root),
            PageKind::Section(folder) => self.section_page(folder, context, root),
            PageKind::NotFound => not_found::not_found_page(context),
            PageKind::Glossary => self.glossary_page(context),
            PageKind::Initiatives => self.initiatives_page(context, root),
            PageKind::Initiative(i) => self.initiative_page(*i, context, root),
            PageKind::Systems => self.systems_page(context, root),
            PageKind::System(s) => self.system_page(*s, context, root),
            PageKind::Dependencies => self.dependencies_page(context, root),
            PageKind::Debt => self.debt_page(context, root),
            PageKind::Capitalization => self.capitalization_page(context, root),
            PageKind::Audience(a) => self.audience_page(*a, context, root),
            PageKind::Delivery => self.delivery_page(context, root),
            PageKind::Incident(i) => self.incident_page(*i, context, root),
        }
    }

    /// The template a page is rendered with.
    pub fn template(&self, job: &PageJob, renderer: &Renderer) -> String {
        // A narrative's `template` applies on a generated page at its address too (the page's
        // own values are all in the context), so the setting is never silently ignored.
        let narrative = match &job.kind {
            PageKind::Narrative(n) => Some(*n),
            _ => self.content.index_of(&job.address),
        };
        if let Some(n) = narrative
            && let Some((template, _)) = &self.content.narratives[n].template
            && renderer.has_template(template)
        {
            return template.clone();
        }
        default_template(&job.kind).to_string()
    }
}

/// The theme's template for each kind of page.
fn default_template(kind: &PageKind) -> &'static str {
    match kind {
        PageKind::Home => "index.html",
        PageKind::Sprints => "sprints.html",
        PageKind::Sprint(_) => "sprint.html",
        PageKind::Teams => "teams.html",
        PageKind::Team(_) => "team.html",
        PageKind::Narrative(_) => "page.html",
        PageKind::Section(_) => "section.html",
        PageKind::NotFound => "404.html",
        PageKind::Glossary => "glossary.html",
        PageKind::Audience(_) => "audience.html",
        PageKind::Initiatives => "initiatives.html",
        PageKind::Initiative(_) => "initiative.html",
        PageKind::Systems => "systems.html",
        PageKind::System(_) => "system.html",
        PageKind::Dependencies => "dependencies.html",
        PageKind::Debt => "debt.html",
        PageKind::Capitalization => "capitalization.html",
        PageKind::Delivery => "delivery.html",
        PageKind::Incident(_) => "incident.html",
    }
}
