//! What every page's frame shows, whatever the page: the site's title and coverage, the
//! navigation, the audiences, the categories' legend, the chart slots and the narrative
//! written for the page's address.

use std::collections::BTreeMap;

use crate::pages::context::{Context, Shared, fingerprint_of};
use serde::Serialize;

use crate::charts::{Chart, ChartKind};
use crate::load::narratives::Content;
use crate::pages::common::{SiteData, folder_title};
use crate::pages::dates::date_range;
use crate::pages::not_found::inline_stylesheet;
use crate::pages::page_charts::chart_requests;
use crate::pages::plan::{PageJob, PageKind, books_nav_entries};
use crate::pages::render::NavItem;
use crate::text::urls::page_href;
use crate::words::narrate;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    currency: &'a str,
    effort_unit: &'a str,
    current_sprint: String,
    coverage: String,
    /// `[compare] window`: how many sprints the recent averages cover.
    compare_window: usize,
}

/// How the page prints: the CSS `size` of its `@page`, the paper's name, and what the running
/// header names the page by (empty: the page's title).
#[derive(Serialize)]
struct PrintView {
    size: &'static str,
    paper: &'static str,
    running_head: String,
}

#[derive(Serialize)]
struct CategoryView {
    id: String,
    label: String,
    color: String,
    explain: String,
}

/// The top-level folders offered in navigation, with their labels.
pub fn nav_sections(content: &Content, jobs: &[PageJob]) -> Vec<(String, String)> {
    jobs.iter()
        .filter_map(|job| match &job.kind {
            PageKind::Section(folder) if folder.matches('/').count() == 1 => Some(folder.clone()),
            _ => None,
        })
        .map(|folder| {
            let label = folder_title(content, &folder);
            (folder, label)
        })
        .collect()
}

impl SiteData<'_> {
    /// A page's context with the values of its frame; the page adds its own.
    pub(super) fn frame(&self, job: &PageJob, root: &str) -> Context {
        let mut context = Context::new();
        let site = self.shared_values.site.get_or_init(|| {
            let current = self.ledger.current_sprint();
            Shared::new(&SiteView {
                title: &self.config.title,
                description: &self.config.description,
                currency: &self.config.currency,
                effort_unit: self.config.effort_unit.as_str(),
                current_sprint: current.map(|s| s.id.clone()).unwrap_or_default(),
                coverage: self.coverage(),
                compare_window: self.accounts.window,
            })
        });
        context.insert_shared("site", site);
        context.insert("root", root);
        let paper = self.config.print.paper;
        context.insert(
            "print",
            &PrintView {
                size: paper.css_size(),
                paper: paper.name(),
                running_head: self.running_head(job),
            },
        );
        // The not-found page stands alone: its style inline, no script.
        let standalone = job.kind == PageKind::NotFound;
        context.insert("standalone", &standalone);
        if standalone {
            context.insert("stylesheet", &inline_stylesheet(self.stylesheet));
        }
        context.insert("address", &job.address);
        let nav = self.nav(&job.address, root);
        context.insert_shared("nav", &self.shared_values.shared_nav(nav));
        let audience_nav = self.audience_nav(&job.address, root);
        context.insert_shared("audience_nav", &self.shared_values.shared_nav(audience_nav));
        let categories = self
            .shared_values
            .categories
            .get_or_init(|| Shared::new(&self.category_views()));
        context.insert_shared("categories", categories);
        let charts = self.chart_slots(job);
        // A chart counts by the fingerprint of what it is drawn from (its id, data, words and
        // colours), not by its drawings' kilobytes.
        let drawn: BTreeMap<&str, Option<u64>> = charts
            .iter()
            .map(|(name, chart)| (*name, chart.map(|c| c.fingerprint)))
            .collect();
        context.insert_fingerprinted("charts", &charts, fingerprint_of(&drawn));
        self.insert_narrative_at(&mut context, &job.address);
        context
    }

    /// Every chart name, with the page's chart or null when the page has no such chart, so
    /// templates can test `{% if charts.team_split %}`.
    fn chart_slots(&self, job: &PageJob) -> BTreeMap<&'static str, Option<&Chart>> {
        let mut charts: BTreeMap<&str, Option<&Chart>> = ChartKind::ALL
            .iter()
            .map(|(name, _)| (*name, None))
            .collect();
        for request in chart_requests(job, self.config, self.ledger) {
            charts.insert(request.kind.name(), self.charts.get(&request));
        }
        charts
    }

    /// The printed page's name in its running header: a sprint page by the sprint and its
    /// dates, the home page by the current sprint; empty for the others, named by their title.
    fn running_head(&self, job: &PageJob) -> String {
        match job.kind {
            PageKind::Sprint(index) => self
                .ledger
                .sprints
                .get(index)
                .map(|s| format!("Sprint {} · {}", s.id, date_range(s)))
                .unwrap_or_default(),
            PageKind::Home => match self.ledger.current_sprint() {
                Some(current) => format!("Overview · sprint {}", current.id),
                None => "Overview".to_string(),
            },
            _ => String::new(),
        }
    }

    fn coverage(&self) -> String {
        match (self.ledger.sprints.first(), self.ledger.current_sprint()) {
            (Some(first), Some(current)) if first.id == current.id => {
                format!("Sprint data {}", first.id)
            }
            (Some(first), Some(current)) => format!("Sprint data {} to {}", first.id, current.id),
            _ => "No sprint data yet".to_string(),
        }
    }

    fn nav(&self, address: &str, root: &str) -> Vec<NavItem> {
        let mut items = vec![
            ("Overview".to_string(), String::new()),
            ("Sprints".to_string(), "sprints/".to_string()),
            ("Teams".to_string(), "teams/".to_string()),
        ];
        items.extend(books_nav_entries(self.config, self.ledger));
        items.extend(
            self.sections
                .iter()
                .map(|(folder, label)| (label.clone(), folder.clone())),
        );
        if !self.glossary.terms.is_empty() {
            items.push(("Glossary".to_string(), "glossary/".to_string()));
        }
        items
            .into_iter()
            .map(|(label, target)| NavItem {
                current: if target.is_empty() {
                    address.is_empty()
                } else {
                    address.starts_with(&target)
                },
                href: page_href(root, &target),
                label,
            })
            .collect()
    }

    fn audience_nav(&self, address: &str, root: &str) -> Vec<NavItem> {
        self.config
            .audiences
            .iter()
            .map(|a| NavItem {
                label: a.label.clone(),
                href: format!("{root}for/{}/index.html", a.id),
                current: address == format!("for/{}/", a.id),
            })
            .collect()
    }

    fn category_views(&self) -> Vec<CategoryView> {
        narrate::shown_slots(self.config, self.accounts)
            .into_iter()
            .map(|slot| CategoryView {
                id: self.config.category_id(slot).to_string(),
                label: self.config.category_label(slot).to_string(),
                color: self.config.category_color(slot).to_string(),
                explain: self
                    .config
                    .categories
                    .get(slot)
                    .map(|c| c.explain.clone())
                    .unwrap_or_else(|| "Work recorded without a category. Ask the team to categorize it so the picture is complete.".to_string()),
            })
            .collect()
    }
}
