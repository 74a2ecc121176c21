//! What each page shows: the list of pages to build and the values their templates receive.
//!
//! Pages are planned once ([`plan`]), their charts are drawn once for the whole site (a chart
//! that appears on several pages is shared), and each page's context is plain, pre-formatted text
//! so templates only decide layout.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::error::Error;

mod books;
pub mod export;
pub mod feeds;
pub mod render;

use crate::accounts::{Accounts, ratio};
use crate::charts::{self, Books, Chart, ChartKind, ChartRequest};
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::{Ledger, Sprint};
use crate::load::narratives::{self, Content, Narrative};
use crate::pages::render::{Link, NavItem, Renderer};
use crate::prose::markdown::root_prefix;
use crate::text::urls::page_href;
use crate::words::narrate::{self, capitalize, percent};
pub use books::capitalization_csv;

/// How many sprints the home page's series show.
const HOME_SPRINTS: usize = 12;
/// How many work items a sprint page names.
const TOP_WORK_ITEMS: usize = 12;

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

/// Lists every page of the site.
pub fn plan(
    config: &Config,
    ledger: &Ledger,
    content: &Content,
    glossary: &Glossary,
) -> Vec<PageJob> {
    let mut jobs = vec![
        PageJob {
            address: String::new(),
            kind: PageKind::Home,
        },
        PageJob {
            address: "sprints/".into(),
            kind: PageKind::Sprints,
        },
        PageJob {
            address: "teams/".into(),
            kind: PageKind::Teams,
        },
        PageJob {
            address: "404.html".into(),
            kind: PageKind::NotFound,
        },
    ];
    jobs.extend(ledger.sprints.iter().enumerate().map(|(i, s)| PageJob {
        address: sprint_address(s),
        kind: PageKind::Sprint(i),
    }));
    jobs.extend(ledger.teams.iter().enumerate().map(|(i, t)| PageJob {
        address: format!("teams/{}/", t.id),
        kind: PageKind::Team(i),
    }));
    if !glossary.terms.is_empty() {
        jobs.push(PageJob {
            address: "glossary/".into(),
            kind: PageKind::Glossary,
        });
    }
    jobs.extend(config.audiences.iter().enumerate().map(|(i, a)| PageJob {
        address: format!("for/{}/", a.id),
        kind: PageKind::Audience(i),
    }));
    jobs.extend(books::plan(config, ledger));
    let generated: BTreeSet<String> = jobs.iter().map(|j| j.address.clone()).collect();
    let mut sections: BTreeSet<String> = BTreeSet::new();
    for (index, narrative) in content.narratives.iter().enumerate() {
        if generated.contains(&narrative.address) {
            continue; // shown on the generated page at the same address
        }
        if narrative.is_index {
            sections.insert(narrative.address.clone());
        } else {
            jobs.push(PageJob {
                address: narrative.address.clone(),
                kind: PageKind::Narrative(index),
            });
            // Every folder that holds pages gets an index listing them.
            let mut folder = narrative.parent.clone();
            while !folder.is_empty() && !generated.contains(&folder) {
                sections.insert(folder.clone());
                folder = narratives::parent_of(&folder);
            }
        }
    }
    jobs.extend(sections.into_iter().map(|folder| PageJob {
        address: folder.clone(),
        kind: PageKind::Section(folder),
    }));
    jobs
}

/// `sprints/<id>/`.
pub fn sprint_address(sprint: &Sprint) -> String {
    format!("sprints/{}/", sprint.id)
}

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
    /// Narrative HTML by narrative index.
    pub html: &'a [crate::prose::markdown::Rendered],
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
    pub sibling_lists: &'a HashMap<String, tera::Value>,
}

/// Where the not-found page's links start. It is served for unknown addresses at any depth,
/// where no relative link is right, so they start from the site's base address (an absolute
/// address, or a path on the host); without one, from the host's root, the one place a site
/// without a base address can be published so that every depth works.
pub fn not_found_root(base: Option<&str>) -> String {
    let base = base.unwrap_or("/");
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// The stylesheet as the body of a `<style>` element: a `</style` in it would end the element.
fn inline_stylesheet(css: &str) -> String {
    css.replace("</", "<\\/")
}

/// Each folder's page list as a template value, with links relative to a page in that folder.
pub fn sibling_lists(
    content: &Content,
    listings: &BTreeMap<String, Vec<usize>>,
) -> HashMap<String, tera::Value> {
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
            (folder.clone(), tera::Value::from_serializable(&links))
        })
        .collect()
}

/// The charts each kind of page shows.
pub fn chart_requests(job: &PageJob, config: &Config, ledger: &Ledger) -> Vec<ChartRequest> {
    let Some(current) = ledger.current_sprint().map(|_| ledger.current) else {
        return Vec::new();
    };
    let request = |kind, sprint, last, team| ChartRequest {
        kind,
        sprint,
        last,
        team,
        category: None,
        subject: None,
    };
    let with_subject = |kind, subject, last| ChartRequest {
        kind,
        sprint: current,
        last,
        team: None,
        category: None,
        subject: Some(subject),
    };
    let targets = !config.targets.is_empty();
    let systems = !ledger.systems.is_empty();
    let mut requests = match &job.kind {
        PageKind::Home => vec![
            request(ChartKind::CategorySplit, current, None, None),
            request(ChartKind::InvestmentMix, current, Some(HOME_SPRINTS), None),
            request(ChartKind::CategoryTrend, current, Some(HOME_SPRINTS), None),
            request(ChartKind::TeamSplit, current, None, None),
        ],
        PageKind::Initiative(i) => vec![with_subject(ChartKind::BurnUp, *i, None)],
        PageKind::System(s) => vec![with_subject(ChartKind::SystemCost, *s, Some(HOME_SPRINTS))],
        PageKind::Systems => vec![
            request(ChartKind::UpkeepBySystem, current, Some(HOME_SPRINTS), None),
            request(ChartKind::Libyears, current, None, None),
        ],
        PageKind::Dependencies => {
            let mut charts = vec![request(ChartKind::Libyears, current, None, None)];
            if !ledger.dependency_snapshots.is_empty() {
                charts.push(request(ChartKind::LibyearsTrend, current, None, None));
            }
            charts
        }
        PageKind::Debt => vec![request(ChartKind::DebtMap, current, None, None)],
        PageKind::Capitalization => vec![request(ChartKind::Capitalization, current, None, None)],
        PageKind::Initiatives => Vec::new(),
        PageKind::Sprints => vec![request(ChartKind::InvestmentMixEffort, current, None, None)],
        PageKind::Sprint(s) => vec![
            request(ChartKind::CategorySplit, *s, None, None),
            request(ChartKind::TeamSplit, *s, None, None),
            request(ChartKind::InvestmentMix, *s, Some(6), None),
        ],
        PageKind::Teams => vec![request(ChartKind::TeamSplit, current, None, None)],
        PageKind::Team(t) => vec![
            request(
                ChartKind::InvestmentMix,
                current,
                Some(HOME_SPRINTS),
                Some(*t),
            ),
            request(ChartKind::CategorySplit, current, None, Some(*t)),
        ],
        PageKind::Narrative(_)
        | PageKind::Section(_)
        | PageKind::NotFound
        | PageKind::Glossary
        | PageKind::Audience(_) => Vec::new(),
    };
    match &job.kind {
        PageKind::Home if systems => {
            requests.push(request(
                ChartKind::UpkeepBySystem,
                current,
                Some(HOME_SPRINTS),
                None,
            ));
        }
        _ => {}
    }
    match &job.kind {
        PageKind::Home if targets => {
            requests.push(request(ChartKind::Targets, current, None, None))
        }
        PageKind::Sprint(s) if targets => {
            requests.push(request(ChartKind::Targets, *s, None, None))
        }
        _ => {}
    }
    if matches!(job.kind, PageKind::Systems)
        && ledger.systems.iter().all(|s| s.dependencies.is_empty())
    {
        requests.retain(|r| r.kind != ChartKind::Libyears);
    }
    requests
}

/// Draws every chart the pages and the narratives' directives need, each once, in parallel.
pub fn draw_charts(
    books: &Books<'_>,
    jobs: &[PageJob],
    inline: &[ChartRequest],
    drawn: &HashMap<ChartRequest, Chart>,
    previous: &HashMap<ChartRequest, Chart>,
) -> Result<HashMap<ChartRequest, Chart>, Error> {
    let mut unique: Vec<ChartRequest> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let requested = jobs
        .iter()
        .flat_map(|job| chart_requests(job, books.config, books.ledger))
        .chain(inline.iter().cloned());
    for request in requested {
        if !drawn.contains_key(&request) && seen.insert(request.clone()) {
            unique.push(request);
        }
    }
    unique
        .into_par_iter()
        .map(|request| {
            charts::draw_reusing(books, &request, previous.get(&request))
                .map(|chart| (request, chart))
        })
        .collect::<Result<HashMap<_, _>, _>>()
        .map_err(Error::from)
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    currency: &'a str,
    effort_unit: &'a str,
    current_sprint: String,
    coverage: String,
}

#[derive(Serialize)]
struct CategoryView {
    id: String,
    label: String,
    color: String,
    explain: String,
}

#[derive(Serialize)]
struct NarrativeView {
    title: String,
    html: String,
    summary: String,
    date: String,
    audience: Vec<String>,
    headings: Vec<crate::prose::markdown::Heading>,
    source: String,
    has_charts: bool,
}

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
struct TeamRow {
    name: String,
    href: String,
    people: String,
    effort: String,
    fte: String,
    cost: String,
    capacity: String,
    used: String,
    largest: String,
}

#[derive(Serialize)]
struct WorkItem {
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
struct SprintView {
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
    summary: Vec<String>,
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

#[derive(Serialize)]
struct TeamSprintRow {
    sprint: String,
    href: String,
    effort: String,
    people: String,
    cost: String,
    used: String,
    shares: Vec<String>,
}

#[derive(Serialize)]
struct TeamView {
    id: String,
    name: String,
    people: String,
    day_cost: String,
    explain: String,
    headline: String,
    history: Vec<TeamSprintRow>,
    work: Vec<WorkItem>,
    current_sprint: String,
    /// (category, target, actual this sprint, average of the last 6 sprints)
    targets: Vec<(String, String, String, String)>,
}

impl SiteData<'_> {
    /// Builds the template context of one page.
    pub fn context(&self, job: &PageJob) -> Context {
        let root = if job.kind == PageKind::NotFound {
            not_found_root(self.config.base_url.as_deref())
        } else {
            root_prefix(&job.address)
        };
        let mut context = Context::new();
        let current = self.ledger.current_sprint();
        context.insert(
            "site",
            &SiteView {
                title: &self.config.title,
                description: &self.config.description,
                currency: &self.config.currency,
                effort_unit: self.config.effort_unit.as_str(),
                current_sprint: current.map(|s| s.id.clone()).unwrap_or_default(),
                coverage: self.coverage(),
            },
        );
        context.insert("root", &root);
        // The not-found page stands alone: its style inline, no script.
        let standalone = job.kind == PageKind::NotFound;
        context.insert("standalone", &standalone);
        if standalone {
            context.insert("stylesheet", &inline_stylesheet(self.stylesheet));
        }
        context.insert("address", &job.address);
        context.insert("nav", &self.nav(&job.address, &root));
        let audience_nav: Vec<NavItem> = self
            .config
            .audiences
            .iter()
            .map(|a| NavItem {
                label: a.label.clone(),
                href: format!("{root}for/{}/index.html", a.id),
                current: job.address == format!("for/{}/", a.id),
            })
            .collect();
        context.insert("audience_nav", &audience_nav);
        context.insert("categories", &self.category_views());
        // Every chart name is present (null when the page has no such chart), so templates can
        // test `{% if charts.team_split %}`.
        let mut charts: BTreeMap<&str, Option<&Chart>> = ChartKind::ALL
            .iter()
            .map(|(name, _)| (*name, None))
            .collect();
        for request in chart_requests(job, self.config, self.ledger) {
            charts.insert(request.kind.name(), self.charts.get(&request));
        }
        context.insert("charts", &charts);
        context.insert("narrative", &self.narrative_at(&job.address, &root));
        match &job.kind {
            PageKind::Home => self.home(&mut context, &root),
            PageKind::Sprints => self.sprints(&mut context, &root),
            PageKind::Sprint(s) => {
                context.insert("title", &format!("Sprint {}", self.ledger.sprints[*s].id));
                context.insert("sprint", &self.sprint_view(*s, &root, true));
                context.insert("quality", &self.quality(*s));
            }
            PageKind::Teams => self.teams(&mut context, &root),
            PageKind::Team(t) => {
                context.insert("title", &self.ledger.teams[*t].name);
                context.insert("team", &self.team_view(*t, &root));
            }
            PageKind::Narrative(n) => {
                let narrative = &self.content.narratives[*n];
                context.insert("title", &narrative.title);
                context.insert("narrative", &Some(self.narrative_view(*n, &root)));
                let sprint_link = narrative.sprint.map(|s| Link {
                    title: format!("Sprint {} in numbers", self.ledger.sprints[s].id),
                    href: format!(
                        "{root}{}index.html",
                        sprint_address(&self.ledger.sprints[s])
                    ),
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
                    context.insert_value("section_pages", list.clone());
                    let title = self
                        .content
                        .at(&narrative.parent)
                        .map(|n| n.title.clone())
                        .unwrap_or_else(|| folder_label(&narrative.parent));
                    context.insert(
                        "section",
                        &Link {
                            title,
                            href: page_href(&root, &narrative.parent),
                            note: String::new(),
                            date: String::new(),
                        },
                    );
                }
            }
            PageKind::Section(folder) => {
                let title = self
                    .content
                    .at(folder)
                    .map(|n| n.title.clone())
                    .unwrap_or_else(|| folder_label(folder));
                context.insert("title", &title);
                context.insert("pages", &self.listing(folder, &root));
            }
            PageKind::NotFound => {
                context.insert("title", "Page not found");
            }
            PageKind::Glossary => {
                context.insert("title", "Glossary");
                context.insert("terms", &self.glossary.terms);
            }
            PageKind::Initiatives => self.initiatives_page(&mut context, &root),
            PageKind::Initiative(i) => self.initiative_page(*i, &mut context, &root),
            PageKind::Systems => self.systems_page(&mut context, &root),
            PageKind::System(s) => self.system_page(*s, &mut context, &root),
            PageKind::Dependencies => self.dependencies_page(&mut context, &root),
            PageKind::Debt => self.debt_page(&mut context, &root),
            PageKind::Capitalization => self.capitalization_page(&mut context, &root),
            PageKind::Audience(a) => {
                let audience = &self.config.audiences[*a];
                context.insert("title", &audience.label);
                context.insert("audience", audience);
                let (mine, everyone) = self.audience_pages(&audience.id, &root);
                context.insert("pages", &mine);
                context.insert("everyone", &everyone);
            }
        }
        context
    }

    /// The template a page is rendered with.
    pub fn template(&self, job: &PageJob, renderer: &Renderer) -> String {
        let default = match &job.kind {
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
        };
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
        default.to_string()
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
        items.extend(books::nav_entries(self.config, self.ledger));
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

    fn narrative_at(&self, address: &str, root: &str) -> Option<NarrativeView> {
        let index = self.content.index_of(address)?;
        Some(self.narrative_view(index, root))
    }

    fn narrative_view(&self, index: usize, _root: &str) -> NarrativeView {
        let narrative: &Narrative = &self.content.narratives[index];
        let rendered = &self.html[index];
        NarrativeView {
            title: narrative.title.clone(),
            html: rendered.html.clone(),
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
            has_charts: rendered.has_charts,
            headings: rendered.headings.clone(),
            source: narrative.source.path.display().to_string(),
        }
    }

    /// Pages written for an audience, newest first, and the pages written for everyone.
    fn audience_pages(&self, audience: &str, root: &str) -> (Vec<Link>, Vec<Link>) {
        let mut mine: Vec<usize> = Vec::new();
        let mut everyone: Vec<usize> = Vec::new();
        for (index, narrative) in self.content.narratives.iter().enumerate() {
            if narrative.audience.is_empty() {
                everyone.push(index);
            } else if narrative.audience.iter().any(|a| a == audience) {
                mine.push(index);
            }
        }
        let newest_first = |list: &mut Vec<usize>| {
            list.sort_by(|&a, &b| {
                let (a, b) = (&self.content.narratives[a], &self.content.narratives[b]);
                b.date.cmp(&a.date).then(a.title.cmp(&b.title))
            });
        };
        newest_first(&mut mine);
        newest_first(&mut everyone);
        let links = |list: Vec<usize>| list.into_iter().map(|i| self.page_link(i, root)).collect();
        (links(mine), links(everyone))
    }

    fn page_link(&self, index: usize, root: &str) -> Link {
        let narrative = &self.content.narratives[index];
        Link {
            title: narrative.title.clone(),
            href: page_href(root, &narrative.address),
            note: narrative.summary.clone().unwrap_or_default(),
            date: narrative.date.map(|d| long_date(d.0)).unwrap_or_default(),
        }
    }

    fn listing(&self, folder: &str, root: &str) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .listings
            .get(folder)
            .map(|pages| pages.iter().map(|&i| self.page_link(i, root)).collect())
            .unwrap_or_default();
        // Sub-folders are listed too, so every page can be reached.
        let subfolders: BTreeSet<String> = self
            .content
            .narratives
            .iter()
            .filter(|n| n.parent.starts_with(folder) && n.parent != folder && !n.is_index)
            .filter_map(|n| {
                let rest = &n.parent[folder.len()..];
                rest.split('/')
                    .next()
                    .map(|first| format!("{folder}{first}/"))
            })
            .collect();
        for sub in subfolders {
            links.push(Link {
                title: self
                    .content
                    .at(&sub)
                    .map(|n| n.title.clone())
                    .unwrap_or_else(|| folder_label(&sub)),
                href: page_href(root, &sub),
                note: "A folder of pages".to_string(),
                date: String::new(),
            });
        }
        links
    }

    fn home(&self, context: &mut Context, root: &str) {
        context.insert("title", &self.config.title);
        let Some(current) = self.ledger.current_sprint().map(|_| self.ledger.current) else {
            context.insert(
                "headline",
                "No sprint data yet: add a file under content/data/sprints/.",
            );
            context.insert("sprint", &None::<SprintView>);
            context.insert("pages", &Vec::<Link>::new());
            return;
        };
        context.insert(
            "headline",
            &narrate::sprint_headline(self.config, self.ledger, self.accounts, current),
        );
        context.insert("sprint", &Some(self.sprint_view(current, root, false)));
        context.insert("quality", &self.quality(current));
        let mut recent: Vec<usize> = (0..self.content.narratives.len())
            .filter(|&i| !self.content.narratives[i].is_index)
            .collect();
        recent.sort_by(|&a, &b| {
            let (a, b) = (&self.content.narratives[a], &self.content.narratives[b]);
            b.date.cmp(&a.date).then(a.title.cmp(&b.title))
        });
        let pages: Vec<Link> = recent
            .into_iter()
            .take(8)
            .map(|i| self.page_link(i, root))
            .collect();
        context.insert("pages", &pages);
    }

    fn sprints(&self, context: &mut Context, root: &str) {
        context.insert("title", "Sprints");
        let slots = narrate::shown_slots(self.config, self.accounts);
        let headers: Vec<String> = slots
            .iter()
            .map(|&s| self.config.category_label(s).to_string())
            .collect();
        context.insert("share_headers", &headers);
        let rows: Vec<SprintListRow> = self
            .ledger
            .sprints
            .iter()
            .enumerate()
            .rev()
            .map(|(i, sprint)| {
                let account = &self.accounts.sprints[i];
                let largest = self.largest_category(&slots, &account.by_category, account.effort);
                SprintListRow {
                    id: sprint.id.clone(),
                    href: format!("{root}{}index.html", sprint_address(sprint)),
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
        let missing: BTreeSet<&str> = self
            .accounts
            .sprints
            .iter()
            .flat_map(|a| a.teams_without_cost.iter())
            .map(|&t| self.ledger.teams[t].name.as_str())
            .collect();
        let missing: Vec<String> = missing.into_iter().map(str::to_string).collect();
        context.insert(
            "cost_footnote",
            &(!missing.is_empty()).then(|| {
                format!(
                    "* Known cost only: excludes {}, with no day cost given.",
                    narrate::join_words(&missing)
                )
            }),
        );
        context.insert("pages", &self.listing("sprints/", root));
    }

    fn teams(&self, context: &mut Context, root: &str) {
        context.insert("title", "Teams");
        let Some(current) = self.ledger.current_sprint().map(|_| self.ledger.current) else {
            context.insert("teams", &Vec::<TeamRow>::new());
            return;
        };
        context.insert("teams", &self.team_rows(current, root));
        let missing: Vec<String> = self
            .ledger
            .teams
            .iter()
            .filter(|t| t.day_cost.is_none())
            .map(|t| t.name.clone())
            .collect();
        context.insert("teams_without_cost", &missing);
    }

    /// "Keeping the lights on (35%)": the category with the most effort, or that none was recorded.
    fn largest_category(&self, slots: &[usize], by_category: &[f64], effort: f64) -> String {
        slots
            .iter()
            .copied()
            .max_by(|&a, &b| by_category[a].total_cmp(&by_category[b]).then(b.cmp(&a)))
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

    fn team_rows(&self, sprint: usize, root: &str) -> Vec<TeamRow> {
        let account = &self.accounts.sprints[sprint];
        let slots = narrate::shown_slots(self.config, self.accounts);
        self.ledger
            .teams
            .iter()
            .zip(&account.teams)
            .map(|(team, figures)| {
                let largest = self.largest_category(&slots, &figures.by_category, figures.effort);
                TeamRow {
                    name: team.name.clone(),
                    href: format!("{root}teams/{}/index.html", team.id),
                    people: narrate::number(team.people),
                    effort: narrate::number(figures.effort),
                    fte: narrate::number(figures.fte),
                    cost: self.cost_text(figures.cost, 0.0),
                    capacity: figures
                        .capacity
                        .map(narrate::number)
                        .unwrap_or_else(|| "not given".to_string()),
                    used: figures
                        .capacity_used()
                        .map(percent)
                        .unwrap_or_else(|| "–".to_string()),
                    largest,
                }
            })
            .collect()
    }

    fn cost_text(&self, cost: Option<f64>, known: f64) -> String {
        match cost {
            Some(cost) => narrate::money(self.config, cost),
            None if known > 0.0 => format!("{}*", narrate::money(self.config, known)),
            None => "unknown".to_string(),
        }
    }

    fn sprint_view(&self, index: usize, root: &str, with_work: bool) -> SprintView {
        let sprint = &self.ledger.sprints[index];
        let account = &self.accounts.sprints[index];
        let config = self.config;
        let slots = narrate::shown_slots(config, self.accounts);
        let categories = slots
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
            .collect();
        let work = if with_work {
            self.work_items(sprint, root, None)
        } else {
            Vec::new()
        };
        let link = |i: usize| {
            let s = &self.ledger.sprints[i];
            Link {
                title: format!("Sprint {}", s.id),
                href: format!("{root}{}index.html", sprint_address(s)),
                note: date_range(s),
                date: s.start.iso(),
            }
        };
        let reports = self
            .content
            .narratives
            .iter()
            .enumerate()
            .filter(|(_, n)| n.sprint == Some(index) && n.address != sprint_address(sprint))
            .map(|(i, _)| self.page_link(i, root))
            .collect();
        SprintView {
            id: sprint.id.clone(),
            href: format!("{root}{}index.html", sprint_address(sprint)),
            dates: date_range(sprint),
            start: sprint.start.iso(),
            end: sprint.end.iso(),
            working_days: sprint.working_days,
            goal: sprint.goal.clone(),
            effort: narrate::effort(config, account.effort),
            people: narrate::people(account.fte),
            cost: match account.cost() {
                Some(cost) => narrate::money(config, cost),
                None if account.cost_known > 0.0 => narrate::money(config, account.cost_known),
                None => "unknown".to_string(),
            },
            cost_label: if account.teams_without_cost.is_empty() {
                "cost".to_string()
            } else {
                format!(
                    "known cost; excludes {}",
                    narrate::join_words(
                        &account
                            .teams_without_cost
                            .iter()
                            .map(|&t| self.ledger.teams[t].name.clone())
                            .collect::<Vec<_>>()
                    )
                )
            },
            headline: narrate::sprint_headline(config, self.ledger, self.accounts, index),
            summary: narrate::sprint_summary(config, self.ledger, self.accounts, index),
            categories,
            teams: self.team_rows(index, root),
            work_count: sprint.work.len(),
            work,
            previous: index.checked_sub(1).map(link),
            next: (index + 1 < self.ledger.sprints.len()).then(|| link(index + 1)),
            notes: self.data_notes(index),
            reports,
            is_current: index == self.ledger.current,
            planned_share: percent(account.planned_share()),
        }
    }

    /// What the reader should know is missing from a sprint's numbers.
    fn data_notes(&self, index: usize) -> Vec<String> {
        let account = &self.accounts.sprints[index];
        let names = |teams: &[usize]| -> Vec<String> {
            teams
                .iter()
                .map(|&t| self.ledger.teams[t].name.clone())
                .collect()
        };
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
                narrate::join_words(&names(&account.teams_without_cost))
            ));
        }
        if !account.teams_without_work.is_empty() {
            notes.push(format!(
                "No work is recorded for {}.",
                narrate::join_words(&names(&account.teams_without_work))
            ));
        }
        if !account.teams_without_capacity.is_empty() && account.capacity.is_some() {
            notes.push(format!(
                "No capacity was given for {}, so capacity used covers the other teams only.",
                narrate::join_words(&names(&account.teams_without_capacity))
            ));
        } else if account.capacity.is_none() {
            notes.push("No team gave its capacity this sprint.".to_string());
        }
        notes
    }

    fn work_items(&self, sprint: &Sprint, root: &str, team: Option<usize>) -> Vec<WorkItem> {
        let mut rows: Vec<&crate::load::ledger::WorkRow> = sprint
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
                    team_href: format!("{root}teams/{}/index.html", team.id),
                    category: self.config.category_label(row.category).to_string(),
                    color: self.config.category_color(row.category).to_string(),
                    effort: narrate::number(row.effort),
                    planned: row.planned,
                }
            })
            .collect()
    }

    fn team_view(&self, index: usize, root: &str) -> TeamView {
        let team = &self.ledger.teams[index];
        let slots = narrate::shown_slots(self.config, self.accounts);
        let history = self
            .ledger
            .sprints
            .iter()
            .enumerate()
            .rev()
            .map(|(i, sprint)| {
                let figures = &self.accounts.sprints[i].teams[index];
                TeamSprintRow {
                    sprint: sprint.id.clone(),
                    href: format!("{root}{}index.html", sprint_address(sprint)),
                    effort: narrate::number(figures.effort),
                    people: narrate::number(figures.fte),
                    cost: self.cost_text(figures.cost, 0.0),
                    used: figures
                        .capacity_used()
                        .map(percent)
                        .unwrap_or_else(|| "–".to_string()),
                    shares: slots.iter().map(|&s| percent(figures.share(s))).collect(),
                }
            })
            .collect();
        let current = self.ledger.current_sprint();
        let headline = match current {
            Some(sprint) => {
                let figures = &self.accounts.sprints[self.ledger.current].teams[index];
                if figures.effort == 0.0 {
                    format!("{} recorded no work in sprint {}.", team.name, sprint.id)
                } else {
                    let top = slots
                        .iter()
                        .copied()
                        .max_by(|&a, &b| {
                            figures.by_category[a]
                                .total_cmp(&figures.by_category[b])
                                .then(b.cmp(&a))
                        })
                        .unwrap_or(0);
                    format!(
                        "{} spent {} of its time on {} in sprint {}: {} in all, {}.",
                        team.name,
                        percent(ratio(figures.by_category[top], figures.effort)),
                        self.config.category_label(top).to_lowercase(),
                        sprint.id,
                        narrate::effort(self.config, figures.effort),
                        narrate::people(figures.fte)
                    )
                }
            }
            None => format!("{} has no sprint data yet.", team.name),
        };
        let recent_end = (self.ledger.current + 1).min(self.ledger.sprints.len());
        let recent = &self.accounts.sprints
            [recent_end.saturating_sub(crate::accounts::RECENT_SPRINTS)..recent_end];
        let targets = team
            .targets
            .iter()
            .map(|&(slot, target)| {
                let now = self
                    .accounts
                    .sprints
                    .get(self.ledger.current)
                    .map_or(0.0, |s| s.teams[index].share(slot));
                let effort: f64 = recent
                    .iter()
                    .map(|s| s.teams[index].by_category[slot])
                    .sum();
                let total: f64 = recent.iter().map(|s| s.teams[index].effort).sum();
                (
                    self.config.category_label(slot).to_string(),
                    percent(target),
                    percent(now),
                    percent(ratio(effort, total)),
                )
            })
            .collect();
        TeamView {
            id: team.id.clone(),
            name: team.name.clone(),
            people: narrate::number(team.people),
            day_cost: team
                .day_cost
                .map(|c| narrate::money(self.config, c))
                .unwrap_or_else(|| "not given".to_string()),
            explain: team.explain.clone(),
            headline,
            history,
            work: current
                .map(|s| self.work_items(s, root, Some(index)))
                .unwrap_or_default(),
            current_sprint: current.map(|s| s.id.clone()).unwrap_or_default(),
            targets,
        }
    }
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

/// `2 Nov – 13 Nov 2026`.
fn date_range(sprint: &Sprint) -> String {
    let (start, end) = (sprint.start.0, sprint.end.0);
    if start.year() == end.year() {
        format!(
            "{} – {}",
            start.strftime("%-d %b"),
            end.strftime("%-d %b %Y")
        )
    } else {
        format!(
            "{} – {}",
            start.strftime("%-d %b %Y"),
            end.strftime("%-d %b %Y")
        )
    }
}

/// `2 Nov – 13 Nov`, for tables.
fn short_date_range(sprint: &Sprint) -> String {
    format!(
        "{} – {}",
        sprint.start.0.strftime("%-d %b"),
        sprint.end.0.strftime("%-d %b")
    )
}

/// `2 November 2026`.
fn long_date(date: jiff::civil::Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The top-level folders offered in navigation, with their labels.
pub fn nav_sections(content: &Content, jobs: &[PageJob]) -> Vec<(String, String)> {
    jobs.iter()
        .filter_map(|job| match &job.kind {
            PageKind::Section(folder) if folder.matches('/').count() == 1 => Some(folder.clone()),
            _ => None,
        })
        .map(|folder| {
            let label = content
                .at(&folder)
                .map(|n| n.title.clone())
                .unwrap_or_else(|| folder_label(&folder));
            (folder, label)
        })
        .collect()
}
