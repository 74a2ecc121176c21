//! A narrative's page: its HTML with title, date and audience, a link to the sprint it reports
//! on, and the other pages of its folder. Generated pages show the narrative at their address
//! through [`SiteData::insert_narrative_at`].

use std::collections::{BTreeMap, HashMap};

use crate::pages::context::{Context, Shared, fingerprint_of};
use rayon::prelude::*;
use serde::Serialize;

use crate::load::narratives::{Content, Narrative};
use crate::pages::common::{SiteData, folder_title, sprint_href};
use crate::pages::dates::long_date;
use crate::pages::render::Link;
use crate::prose::markdown::root_prefix;
use crate::text::urls::page_href;
use crate::words::narrate;

#[derive(Serialize, Clone)]
pub(super) struct NarrativeView {
    title: String,
    html: String,
    summary: String,
    date: String,
    audience: Vec<String>,
    headings: Vec<crate::prose::markdown::Heading>,
    source: String,
    has_charts: bool,
}

/// Each folder's page list as a template value, with links relative to a page in that folder.
pub fn sibling_lists(
    content: &Content,
    listings: &BTreeMap<String, Vec<usize>>,
) -> HashMap<String, Shared> {
    listings
        .par_iter()
        .map(|(folder, pages)| {
            let root = root_prefix(&format!("{folder}page/"));
            let links: Vec<Link> = pages
                .iter()
                .map(|&i| {
                    let narrative = &content.narratives[i];
                    Link {
                        title: narrative.title.clone(),
                        href: page_href(&root, &narrative.address),
                        note: narrative.summary.clone().unwrap_or_default(),
                        date: narrative.date.map(|d| d.iso()).unwrap_or_default(),
                    }
                })
                .collect();
            (folder.clone(), Shared::new(&links))
        })
        .collect()
}

impl SiteData<'_> {
    /// Puts the narrative written for the page at `address` (or none) under `narrative`.
    pub(super) fn insert_narrative_at(&self, context: &mut Context, address: &str) {
        self.insert_narrative(context, self.content.index_of(address));
    }

    /// Puts a narrative (or none) under `narrative`. Its HTML counts in the page's fingerprint
    /// by a hash, not by its kilobytes, which every page shown with a narrative would otherwise
    /// hash again: the hash of the narrative's own file for a narrative without directives,
    /// whose HTML is then made only if the page is rendered; else the hash of its HTML.
    fn insert_narrative(&self, context: &mut Context, index: Option<usize>) {
        let Some(index) = index else {
            context.insert("narrative", &None::<NarrativeView>);
            return;
        };
        let bare = self.narrative_view(index);
        if let Some(inputs) = self.html.inputs(index) {
            context.insert_later(
                "narrative",
                fingerprint_of(&(fingerprint_of(&bare), inputs)),
                index,
            );
            return;
        }
        let rendered = self.html.html(index);
        let bare = NarrativeView {
            has_charts: rendered.has_charts,
            headings: rendered.headings.clone(),
            ..bare
        };
        let fingerprint = fingerprint_of(&(fingerprint_of(&bare), rendered.html_hash));
        let view = NarrativeView {
            html: rendered.html.clone(),
            ..bare
        };
        context.insert_fingerprinted("narrative", &Some(view), fingerprint);
    }

    /// Makes the values a page left for later (see [`Context::insert_later`]): the narratives
    /// whose HTML is made only for a page that is rendered.
    pub fn complete(&self, context: &mut Context) {
        for (key, index) in context.take_pending() {
            let rendered = self.html.html(index);
            let view = NarrativeView {
                html: rendered.html.clone(),
                has_charts: rendered.has_charts,
                headings: rendered.headings.clone(),
                ..self.narrative_view(index)
            };
            context.insert_counted(key, &Some(view));
        }
    }

    /// A narrative's view without what its HTML brings (the HTML, its headings, whether it
    /// shows charts): see [`Self::insert_narrative`].
    fn narrative_view(&self, index: usize) -> NarrativeView {
        let narrative: &Narrative = &self.content.narratives[index];
        NarrativeView {
            title: narrative.title.clone(),
            html: String::new(),
            summary: narrative.summary.clone().unwrap_or_default(),
            date: narrative.date.map(|d| long_date(d.0)).unwrap_or_default(),
            audience: narrative
                .audience
                .iter()
                .filter_map(|id| self.config.audiences.iter().find(|a| &a.id == id))
                .map(|a| {
                    a.label
                        .to_lowercase()
                        .trim_start_matches("for ")
                        .to_string()
                })
                .collect(),
            has_charts: false,
            headings: Vec::new(),
            source: narrative.source.path.display().to_string(),
        }
    }

    /// A narrative's own page.
    pub(super) fn narrative_page(&self, index: usize, context: &mut Context, root: &str) {
        let narrative = &self.content.narratives[index];
        context.insert("title", &narrative.title);
        self.insert_narrative(context, Some(index));
        let sprint_link = narrative.sprint.map(|s| Link {
            title: format!("Sprint {} in numbers", self.ledger.sprints[s].id),
            href: sprint_href(root, &self.ledger.sprints[s]),
            note: narrate::sprint_headline(self.config, self.ledger, self.accounts, s),
            date: String::new(),
        });
        context.insert("sprint_link", &sprint_link);
        context.insert("extra", &narrative.extra);
        if let Some(list) = self
            .sibling_lists
            .get(&narrative.parent)
            .filter(|_| !narrative.parent.is_empty())
        {
            context.insert_shared("section_pages", list);
            context.insert(
                "section",
                &Link {
                    title: folder_title(self.content, &narrative.parent),
                    href: page_href(root, &narrative.parent),
                    note: String::new(),
                    date: String::new(),
                },
            );
        }
    }
}
