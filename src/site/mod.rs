//! Building a site: load and check everything, render every page, and write the output so that
//! a failed build never touches the previous one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::accounts::Accounts;
use crate::charts::{Books, Chart, ChartRequest};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::Ledger;
use crate::load::narratives::{self, Content, Narrative};
use crate::load::theme::Theme;
use crate::pages::export;
use crate::pages::feeds;
use crate::pages::render::Renderer;
use crate::pages::{self, PageJob, SiteData};
use crate::prose::directives::{self, Directive, Located};
use crate::words::jargon::JargonMatcher;
use collisions::Origin;

pub mod links;
pub mod output;
pub use output::{OUTPUT_MARKER, OutputFile};
pub mod collisions;
mod publish;

/// Options of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include narratives marked `draft = true`.
    pub drafts: bool,
    /// The address the site is published at, for absolute links in the feed and sitemap
    /// (overrides `base_url` in site.toml).
    pub base_url: Option<String>,
    /// Print how long each stage took, for benchmarks and profiling.
    pub timings: bool,
}

/// A loaded and checked site: everything needed to render it.
pub struct Site {
    /// The site's folder.
    pub root: PathBuf,
    /// `site.toml`.
    pub config: Config,
    /// Teams and sprints.
    pub ledger: Ledger,
    /// Narratives and assets.
    pub content: Content,
    /// The computed figures.
    pub accounts: Accounts,
    /// Templates and static files.
    pub theme: Theme,
    /// Plain-language meanings of the jargon.
    pub glossary: Glossary,
}

impl Site {
    /// Reads and checks the site in `root`.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Self, Error> {
        let mut config = Config::load(root)?;
        if options.base_url.is_some() {
            config.base_url = options.base_url.clone();
        }
        let ledger = Ledger::load(root, &config)?;
        let content = Content::load(root, &config, &ledger, options.drafts)?;
        let accounts = Accounts::compute(&config, &ledger);
        let theme = Theme::load(root, &config.theme)?;
        let glossary = Glossary::load(root)?;
        Ok(Self {
            glossary,
            root: root.to_path_buf(),
            config,
            ledger,
            content,
            accounts,
            theme,
        })
    }

    /// Renders every file of the site in memory, pages in parallel.
    pub fn render(&self) -> Result<Vec<OutputFile>, Error> {
        let prepared = self.prepare(HashMap::new())?;
        let jobs: Vec<&PageJob> = prepared.jobs.iter().collect();
        let mut files = self.render_pages(&prepared, &jobs)?;
        files.extend(self.data_files(&prepared)?);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|later, earlier| later.path == earlier.path);
        Ok(files)
    }

    /// Everything pages are rendered from: templates, the page list, every chart (drawn once;
    /// a chart in `previous` whose data, words and colours are unchanged is reused as it is)
    /// and every narrative's HTML.
    pub fn prepare(&self, previous: HashMap<ChartRequest, Chart>) -> Result<Prepared, Error> {
        let renderer = Renderer::new(&self.theme)?;
        self.check_narrative_templates(&renderer)?;
        let jobs = pages::plan(&self.config, &self.ledger, &self.content, &self.glossary);
        let directives = self.parse_directives()?;
        self.check_repeated_charts(&jobs, &directives)?;
        let inline_charts: Vec<ChartRequest> = directives
            .iter()
            .flatten()
            .filter_map(|d| match &d.directive {
                Directive::Chart(request) => Some(request.clone()),
                _ => None,
            })
            .collect();
        let charts = pages::draw_charts(
            &self.books(),
            &jobs,
            &inline_charts,
            &HashMap::new(),
            &previous,
        )?;
        self.check_outputs(&jobs, &charts)?;
        let html: Vec<crate::prose::markdown::Rendered> = self
            .content
            .narratives
            .par_iter()
            .zip(&directives)
            .map(|(narrative, found)| self.render_narrative(narrative, found, &charts, &renderer))
            .collect::<Result<_, Error>>()?;
        let listings = self.content.listings();
        Ok(Prepared {
            sibling_lists: pages::sibling_lists(&self.content, &listings),
            listings,
            sections: pages::nav_sections(&self.content, &jobs),
            renderer,
            jobs,
            directives,
            charts,
            html,
        })
    }

    fn books(&self) -> Books<'_> {
        Books {
            config: &self.config,
            ledger: &self.ledger,
            accounts: &self.accounts,
        }
    }

    /// Renders some pages, in parallel. Template errors are collected and reported once each.
    pub fn render_pages(
        &self,
        prepared: &Prepared,
        jobs: &[&PageJob],
    ) -> Result<Vec<OutputFile>, Error> {
        let files = std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
        self.render_pages_into(prepared, jobs, |file| {
            files
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(file);
            Ok(())
        })?;
        let mut files = files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders pages in parallel and hands each to `sink` as soon as it is rendered, so that a
    /// build writes pages to disk without holding the whole site in memory.
    pub fn render_pages_into(
        &self,
        prepared: &Prepared,
        jobs: &[&PageJob],
        sink: impl Fn(OutputFile) -> Result<(), Error> + Sync,
    ) -> Result<(), Error> {
        let data = SiteData {
            config: &self.config,
            ledger: &self.ledger,
            content: &self.content,
            accounts: &self.accounts,
            html: &prepared.html,
            charts: &prepared.charts,
            listings: &prepared.listings,
            sections: prepared.sections.clone(),
            glossary: &self.glossary,
            sibling_lists: &prepared.sibling_lists,
            stylesheet: self.theme.stylesheet(),
        };
        let failures: Vec<Error> = jobs
            .par_iter()
            .filter_map(|job| {
                render_page(&data, &prepared.renderer, job)
                    .and_then(&sink)
                    .err()
            })
            .collect();
        let mut problems = Vec::new();
        for failure in failures {
            match failure {
                Error::Invalid(diagnostics) => problems.extend(diagnostics),
                other => return Err(other),
            }
        }
        if !problems.is_empty() {
            // A broken partial fails every page that includes it: report it once.
            let mut seen = std::collections::HashSet::new();
            problems.sort_by_key(|d| d.position());
            problems.retain(|d| seen.insert((d.position(), d.message.clone())));
            problems.truncate(20);
            return Err(Error::Invalid(problems));
        }
        Ok(())
    }

    /// Every file that is not a page: the export, chart CSVs, feeds, static files and assets.
    pub fn data_files(&self, prepared: &Prepared) -> Result<Vec<OutputFile>, Error> {
        let jobs = &prepared.jobs;
        let mut files = Vec::with_capacity(prepared.charts.len() + 16);
        if jobs
            .iter()
            .any(|j| j.kind == pages::PageKind::Capitalization)
        {
            files.push(OutputFile {
                path: "data/capitalization-rows.csv".to_string(),
                bytes: pages::capitalization_csv(&self.config, &self.ledger, &self.accounts)
                    .into_bytes(),
            });
        }
        let base = self
            .config
            .base_url
            .as_deref()
            .filter(|b| b.contains("://"));
        let headlines: Vec<String> = (0..self.ledger.sprints.len())
            .map(|s| {
                crate::words::narrate::sprint_headline(
                    &self.config,
                    &self.ledger,
                    &self.accounts,
                    s,
                )
            })
            .collect();
        files.push(OutputFile {
            path: "atom.xml".to_string(),
            bytes: feeds::atom(&self.config, &self.ledger, &self.content, &headlines, base)
                .into_bytes(),
        });
        files.push(OutputFile {
            path: "sitemap.xml".to_string(),
            bytes: feeds::sitemap(jobs.iter().map(|j| j.address.as_str()), base).into_bytes(),
        });
        files.push(OutputFile {
            path: "search-index.js".to_string(),
            bytes: self.search_index(jobs).into_bytes(),
        });
        files.push(OutputFile {
            path: "data/accounts.json".to_string(),
            bytes: export::accounts_json(&self.config, &self.ledger, &self.accounts).into_bytes(),
        });
        let mut csvs: Vec<&Chart> = prepared.charts.values().collect();
        csvs.sort_by(|a, b| a.id.cmp(&b.id));
        files.extend(csvs.into_iter().map(|chart| OutputFile {
            path: format!("data/charts/{}.csv", chart.id),
            bytes: chart.table.csv().into_bytes(),
        }));
        files.extend(self.theme.statics.iter().map(|s| OutputFile {
            path: s.address.clone(),
            bytes: s.bytes.to_vec(),
        }));
        for asset in &self.content.assets {
            let full = self.root.join(asset);
            let bytes = std::fs::read(&full).map_err(Error::io("could not read", &full))?;
            files.push(OutputFile {
                path: asset_address(asset),
                bytes,
            });
        }
        files.push(OutputFile {
            path: OUTPUT_MARKER.to_string(),
            bytes: publish::MARKER_TEXT.to_vec(),
        });
        Ok(files)
    }

    /// Re-reads one narrative after an edit and re-renders only what depends on it. Returns the
    /// changed files, or `None` when the edit changes what other pages show (its title, date,
    /// address...), in which case the caller rebuilds the pages.
    pub fn update_narrative(
        &mut self,
        prepared: &mut Prepared,
        relative: &Path,
        drafts: bool,
    ) -> Result<Option<Vec<OutputFile>>, Error> {
        let source = crate::load::input::read_source(&self.root, relative)?;
        let narrative = self
            .content
            .reparse(source, &self.config, &self.ledger)
            .map_err(|d| Error::Invalid(vec![d]))?;
        let Some(index) = self.content.index_of(&narrative.address) else {
            return Ok(None);
        };
        let old = &self.content.narratives[index];
        if narrative.draft != old.draft && !drafts || !old.lists_like(&narrative) {
            return Ok(None);
        }
        self.content.narratives[index] = narrative;
        self.check_narrative_templates(&prepared.renderer)?;
        let scope = directives::Scope {
            config: &self.config,
            ledger: &self.ledger,
            glossary: &self.glossary,
        };
        let found =
            directives::parse(&self.content.narratives[index], &scope).map_err(Error::Invalid)?;
        let job = prepared
            .jobs
            .iter()
            .find(|j| j.address == self.content.narratives[index].address);
        let repeated = self.repeated_charts(&self.content.narratives[index], &found, job);
        if !repeated.is_empty() {
            return Err(Error::Invalid(repeated));
        }
        let inline: Vec<ChartRequest> = found
            .iter()
            .filter_map(|d| match &d.directive {
                Directive::Chart(request) => Some(request.clone()),
                _ => None,
            })
            .collect();
        let fresh = pages::draw_charts(
            &self.books(),
            &[],
            &inline,
            &prepared.charts,
            &HashMap::new(),
        )?;
        let mut files: Vec<OutputFile> = fresh
            .values()
            .map(|chart| OutputFile {
                path: format!("data/charts/{}.csv", chart.id),
                bytes: chart.table.csv().into_bytes(),
            })
            .collect();
        prepared.charts.extend(fresh);
        prepared.html[index] = self.render_narrative(
            &self.content.narratives[index],
            &found,
            &prepared.charts,
            &prepared.renderer,
        )?;
        prepared.directives[index] = found;
        let address = self.content.narratives[index].address.clone();
        let jobs: Vec<&PageJob> = prepared
            .jobs
            .iter()
            .filter(|j| j.address == address)
            .collect();
        files.extend(self.render_pages(prepared, &jobs)?);
        Ok(Some(files))
    }
}

/// Where a file under `content/` is copied to: its path inside `content/`, with `/`.
fn asset_address(asset: &Path) -> String {
    let inside = asset.strip_prefix(narratives::CONTENT_DIR).unwrap_or(asset);
    inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Site {
    /// Every file the build will write and where it comes from: the same list as the pages
    /// and [`Site::data_files`] produce, known before anything is rendered.
    pub(crate) fn planned_outputs(
        &self,
        jobs: &[PageJob],
        charts: &HashMap<ChartRequest, Chart>,
    ) -> Vec<(String, Origin)> {
        let mut planned: Vec<(String, Origin)> = jobs
            .iter()
            .map(|job| (job.output_path(), self.origin_of(job)))
            .collect();
        let made = |path: &str, what: &str| (path.to_string(), Origin::Generated(what.to_string()));
        if jobs
            .iter()
            .any(|j| j.kind == pages::PageKind::Capitalization)
        {
            planned.push(made(
                "data/capitalization-rows.csv",
                "the table of capitalization rows",
            ));
        }
        planned.push(made("atom.xml", "the feed of sprint reports"));
        planned.push(made("sitemap.xml", "the sitemap"));
        planned.push(made("search-index.js", "the search index"));
        planned.push(made("data/accounts.json", "the export of every figure"));
        planned.push(made(OUTPUT_MARKER, "the marker of tally's output folder"));
        planned.extend(charts.values().map(|chart| {
            let path = format!("data/charts/{}.csv", chart.id);
            let what = format!("the numbers of the chart `{}`", chart.id);
            (path, Origin::Generated(what))
        }));
        planned.extend(self.theme.statics.iter().map(|s| {
            let own = Path::new("static").join(&s.address);
            let origin = if self.root.join(&own).is_file() {
                Origin::Copied(own)
            } else {
                Origin::Theme(s.address.clone())
            };
            (s.address.clone(), origin)
        }));
        planned.extend(
            self.content
                .assets
                .iter()
                .map(|asset| (asset_address(asset), Origin::Copied(asset.clone()))),
        );
        planned
    }

    /// What makes a page: its narrative, its folder, or tally itself.
    fn origin_of(&self, job: &PageJob) -> Origin {
        use pages::PageKind as K;
        let ledger = &self.ledger;
        let what = match &job.kind {
            K::Narrative(i) => {
                return Origin::Narrative(std::sync::Arc::clone(
                    &self.content.narratives[*i].source,
                ));
            }
            K::Section(folder) => {
                let inside = self
                    .content
                    .narratives
                    .iter()
                    .find(|n| n.address != *folder && n.address.starts_with(folder.as_str()))
                    .map(|n| std::sync::Arc::clone(&n.source));
                if let Some(example) = inside {
                    return Origin::Folder {
                        folder: format!("{}/{folder}", narratives::CONTENT_DIR),
                        example,
                    };
                }
                format!("the list of the pages in `{folder}`")
            }
            K::Home => "the home page".to_string(),
            K::Sprints => "the list of sprints".to_string(),
            K::Sprint(i) => format!("the page of sprint `{}`", ledger.sprints[*i].id),
            K::Teams => "the list of teams".to_string(),
            K::Team(i) => format!("the page of team `{}`", ledger.teams[*i].id),
            K::NotFound => "the page for unknown addresses".to_string(),
            K::Glossary => "the glossary page".to_string(),
            K::Audience(i) => format!(
                "the page for the audience `{}`",
                self.config.audiences[*i].id
            ),
            K::Initiatives => "the list of big projects".to_string(),
            K::Initiative(i) => format!("the page of big project `{}`", ledger.initiatives[*i].id),
            K::Systems => "the list of systems".to_string(),
            K::System(i) => format!("the page of system `{}`", ledger.systems[*i].id),
            K::Dependencies => "the list of libraries".to_string(),
            K::Debt => "the tech-debt ledger".to_string(),
            K::Capitalization => "the capitalization page".to_string(),
        };
        Origin::Generated(what)
    }

    /// Two sources for one output file are an error naming both, before anything is written.
    fn check_outputs(
        &self,
        jobs: &[PageJob],
        charts: &HashMap<ChartRequest, Chart>,
    ) -> Result<(), Error> {
        let problems = collisions::check(self.planned_outputs(jobs, charts));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// The search index: every page, sprint, team, initiative, system and glossary term, as a
    /// script (so search works from `file://`, where a page cannot fetch JSON).
    fn search_index(&self, jobs: &[PageJob]) -> String {
        #[derive(serde::Serialize)]
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
        let mut items: Vec<Item> = Vec::with_capacity(jobs.len() + self.glossary.terms.len());
        let address = |a: &str| crate::text::urls::page_href("", a);
        for job in jobs {
            let (title, kind, summary) = match &job.kind {
                pages::PageKind::Sprint(i) => (
                    format!("Sprint {}", self.ledger.sprints[*i].id),
                    "Sprint",
                    crate::words::narrate::sprint_headline(
                        &self.config,
                        &self.ledger,
                        &self.accounts,
                        *i,
                    ),
                ),
                pages::PageKind::Team(i) => {
                    let team = &self.ledger.teams[*i];
                    (team.name.clone(), "Team", team.explain.clone())
                }
                pages::PageKind::Initiative(i) => {
                    let initiative = &self.ledger.initiatives[*i];
                    (
                        initiative.name.clone(),
                        "Big project",
                        initiative.why.clone(),
                    )
                }
                pages::PageKind::System(i) => {
                    let system = &self.ledger.systems[*i];
                    (system.name.clone(), "System", system.explain.clone())
                }
                pages::PageKind::Narrative(i) => {
                    let narrative = &self.content.narratives[*i];
                    (
                        narrative.title.clone(),
                        "Page",
                        narrative.summary.clone().unwrap_or_default(),
                    )
                }
                pages::PageKind::Section(folder) => (
                    self.content
                        .at(folder)
                        .map(|n| n.title.clone())
                        .unwrap_or_else(|| pages::folder_label(folder)),
                    "Pages",
                    String::new(),
                ),
                pages::PageKind::Audience(i) => {
                    let audience = &self.config.audiences[*i];
                    (
                        audience.label.clone(),
                        "Reading list",
                        audience.description.clone(),
                    )
                }
                pages::PageKind::Sprints => ("All sprints".into(), "List", String::new()),
                pages::PageKind::Teams => ("All teams".into(), "List", String::new()),
                pages::PageKind::Initiatives => ("Big projects".into(), "List", String::new()),
                pages::PageKind::Systems => ("Systems".into(), "List", String::new()),
                pages::PageKind::Dependencies => {
                    ("Dependency freshness".into(), "List", String::new())
                }
                pages::PageKind::Debt => ("Tech debt".into(), "List", String::new()),
                pages::PageKind::Capitalization => {
                    ("Capitalization".into(), "Finance", String::new())
                }
                pages::PageKind::Glossary => ("Glossary".into(), "List", String::new()),
                pages::PageKind::Home | pages::PageKind::NotFound => continue,
            };
            items.push(Item {
                t: title,
                u: address(&job.address),
                k: kind,
                s: summary,
            });
        }
        for term in &self.glossary.terms {
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
}

/// The intermediate results of a build, kept by `tally serve` to re-render only what an edit
/// changes.
pub struct Prepared {
    /// The compiled templates.
    pub renderer: Renderer,
    /// Every page.
    pub jobs: Vec<PageJob>,
    /// Each narrative's directives.
    pub directives: Vec<Vec<Located>>,
    /// Every chart, by request.
    pub charts: HashMap<ChartRequest, Chart>,
    /// Each narrative's HTML.
    pub html: Vec<crate::prose::markdown::Rendered>,
    /// The pages listed in each folder.
    pub listings: std::collections::BTreeMap<String, Vec<usize>>,
    /// Top-level navigation folders.
    pub sections: Vec<(String, String)>,
    /// Each folder's page list, shared by the pages in it.
    pub sibling_lists: HashMap<String, tera::Value>,
}

impl Site {
    /// Finds and checks the directives of every narrative; every mistake is reported.
    fn parse_directives(&self) -> Result<Vec<Vec<Located>>, Error> {
        let scope = directives::Scope {
            config: &self.config,
            ledger: &self.ledger,
            glossary: &self.glossary,
        };
        let parsed: Vec<Result<Vec<Located>, Vec<Diagnostic>>> = self
            .content
            .narratives
            .par_iter()
            .map(|narrative| directives::parse(narrative, &scope))
            .collect();
        let mut found = Vec::with_capacity(parsed.len());
        let mut problems = Vec::new();
        for result in parsed {
            match result {
                Ok(directives) => found.push(directives),
                Err(diagnostics) => problems.extend(diagnostics),
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// A chart shown twice on one page would give two elements the same id (the figure's and
    /// those inside its drawing), so links to it and screen readers would find the wrong one.
    /// Reported at the second directive.
    fn check_repeated_charts(
        &self,
        jobs: &[PageJob],
        directives: &[Vec<Located>],
    ) -> Result<(), Error> {
        let by_address: HashMap<&str, &PageJob> =
            jobs.iter().map(|j| (j.address.as_str(), j)).collect();
        let problems: Vec<Diagnostic> = self
            .content
            .narratives
            .iter()
            .zip(directives)
            .flat_map(|(narrative, found)| {
                let job = by_address.get(narrative.address.as_str()).copied();
                self.repeated_charts(narrative, found, job)
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// The chart directives of one narrative that repeat a chart of its page (`job`) or of
    /// the narrative itself.
    fn repeated_charts(
        &self,
        narrative: &Narrative,
        found: &[Located],
        job: Option<&PageJob>,
    ) -> Vec<Diagnostic> {
        let shown = job
            .map(|job| pages::chart_requests(job, &self.config, &self.ledger))
            .unwrap_or_default();
        let mut seen = HashSet::new();
        let mut problems = Vec::new();
        for located in found {
            let Directive::Chart(request) = &located.directive else {
                continue;
            };
            let message = if shown.contains(request) {
                "the page already shows this chart"
            } else if !seen.insert(request) {
                "this chart is already on this page"
            } else {
                continue;
            };
            problems.push(
                Diagnostic::error(&narrative.source, located.span.clone(), message).with_help(
                    "remove this one; to show another period, change `last` or `sprint`",
                ),
            );
        }
        problems
    }

    /// Expands a narrative's directives, then renders its markdown with glossary links.
    fn render_narrative(
        &self,
        narrative: &Narrative,
        found: &[Located],
        charts: &HashMap<ChartRequest, Chart>,
        renderer: &Renderer,
    ) -> Result<crate::prose::markdown::Rendered, Error> {
        let books = &self.books();
        let body = narrative.body();
        let offset = narrative.body_offset;
        let root = crate::prose::markdown::root_prefix(&narrative.address);
        let mut text = String::with_capacity(body.len() + 256);
        let mut used = HashSet::new();
        let mut has_charts = false;
        let mut figures = crate::prose::markdown::Figures::for_text(body);
        let mut last = 0;
        for located in found {
            let start = located.span.start - offset;
            text.push_str(&body[last..start]);
            match &located.directive {
                Directive::Value(measure) => {
                    text.push_str(&escape_inline(&directives::value_text(measure, books)));
                }
                Directive::Delta(measure) => {
                    text.push_str(&escape_inline(&directives::delta_text(measure, books)));
                }
                Directive::Term(index, words) => {
                    used.insert(*index);
                    let term = &self.glossary.terms[*index];
                    let id = format!("term-{}-{}", term.anchor, located.span.start);
                    text.push_str(&crate::prose::terms::term_link(term, words, &root, &id));
                }
                Directive::Chart(request) => {
                    if let Some(chart) = charts.get(request) {
                        has_charts = true;
                        let figure = renderer.render_figure(
                            chart,
                            &root,
                            &narrative.source.path.display().to_string(),
                        )?;
                        // Placed after parsing, so that a chart in a paragraph, a list or
                        // a quote ends up whole and in valid HTML.
                        let lines: Vec<&str> =
                            figure.lines().filter(|l| !l.trim().is_empty()).collect();
                        text.push_str(&figures.placeholder(lines.join("\n")));
                    }
                }
            }
            last = located.span.end - offset;
        }
        text.push_str(&body[last..]);
        let mut links = crate::prose::terms::TermLinks {
            glossary: &self.glossary,
            root,
            used,
        };
        let taken = self.ids_around(narrative, found, charts);
        let mut rendered = crate::prose::markdown::render_markdown_with(
            &text,
            &narrative.address,
            &narrative.source.path,
            Some(&mut links),
            &figures,
            &taken,
        );
        rendered.has_charts = has_charts;
        Ok(rendered)
    }

    /// The ids already used on the page a narrative is shown on, that its headings must not
    /// take: glossary tooltips, its charts' figures and drawings, and the entries of the
    /// glossary page or the debt ledger when it is shown there.
    fn ids_around(
        &self,
        narrative: &Narrative,
        found: &[Located],
        charts: &HashMap<ChartRequest, Chart>,
    ) -> HashSet<String> {
        let mut taken: HashSet<String> = self
            .glossary
            .terms
            .iter()
            .map(|t| format!("term-{}", t.anchor))
            .collect();
        for located in found {
            if let Directive::Chart(request) = &located.directive
                && let Some(chart) = charts.get(request)
            {
                taken.extend(["", "-title", "-desc"].map(|end| format!("{}{end}", chart.id)));
            }
        }
        match narrative.address.as_str() {
            "glossary/" => taken.extend(self.glossary.terms.iter().map(|t| t.anchor.clone())),
            "debt/" => taken.extend(self.ledger.debts.iter().map(|d| d.id.clone())),
            _ => {}
        }
        taken
    }

    /// Every `template = "..."` in front matter must name a template that exists.
    fn check_narrative_templates(&self, renderer: &Renderer) -> Result<(), Error> {
        let problems: Vec<Diagnostic> = self
            .content
            .narratives
            .iter()
            .filter_map(|n| {
                let (name, span) = n.template.as_ref()?;
                (!renderer.has_template(name)).then(|| {
                    Diagnostic::error(&n.source, span.clone(), format!("unknown template `{name}`"))
                        .with_help("put the template in your site's templates/ folder, or remove `template` to use page.html")
                })
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Escapes text inserted into markdown: HTML characters, and markdown's emphasis and link marks.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '[' | ']' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn render_page(
    data: &SiteData<'_>,
    renderer: &Renderer,
    job: &PageJob,
) -> Result<OutputFile, Error> {
    let context = data.context(job);
    let template = data.template(job, renderer);
    let html = renderer.render(&template, &context, &job.output_path())?;
    Ok(OutputFile {
        path: job.output_path(),
        bytes: html.into_bytes(),
    })
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Sprints in the data.
    pub sprints: usize,
    /// The output folder.
    pub output: PathBuf,
    /// What the user should know about the output folder (leftovers tally did not touch).
    pub warnings: Vec<String>,
}

/// Builds the site in `root` into `output`. The site is rendered into a temporary folder next
/// to `output` and swapped in only when everything succeeded; on any error the previous output
/// is left exactly as it was. An output folder that would hold or replace the site's own files
/// is refused before anything is read.
pub fn build(root: &Path, output: &Path, options: &BuildOptions) -> Result<BuildSummary, Error> {
    let started = std::time::Instant::now();
    let target = publish::Output::locate(root, output)?;
    let site = Site::load(root, options)?;
    let loaded = started.elapsed();
    let prepared = site.prepare(HashMap::new())?;
    let drawn = started.elapsed();
    let published = publish::publish(&target, |staging| write_site(&site, &prepared, staging))?;
    if options.timings {
        eprintln!(
            "timings: load and check {} ms (config, work data, narratives, accounts); \
             charts and narratives {} ms ({} charts); pages and files {} ms ({} pages); swap {} ms",
            loaded.as_millis(),
            (drawn - loaded).as_millis(),
            prepared.charts.len(),
            published.writing.as_millis(),
            prepared.jobs.len(),
            published.swapping.as_millis()
        );
    }
    Ok(BuildSummary {
        pages: prepared.jobs.len(),
        files: published.files,
        sprints: site.ledger.sprints.len(),
        output: output.to_path_buf(),
        warnings: published.warnings,
    })
}

/// Renders the site straight into `dir`, each page written as soon as it is rendered.
/// Returns how many files were written.
fn write_site(site: &Site, prepared: &Prepared, dir: &Path) -> Result<usize, Error> {
    let written = std::sync::atomic::AtomicUsize::new(0);
    let write = |file: OutputFile| -> Result<(), Error> {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                publish::write_error(format!("could not create `{}`", parent.display()), e)
            })?;
        }
        std::fs::write(&path, &file.bytes).map_err(|e| {
            publish::write_error(format!("could not write `{}`", path.display()), e)
        })?;
        written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    };
    let jobs: Vec<&PageJob> = prepared.jobs.iter().collect();
    site.render_pages_into(prepared, &jobs, write)?;
    let mut data = site.data_files(prepared)?;
    data.sort_by(|a, b| a.path.cmp(&b.path));
    data.dedup_by(|later, earlier| later.path == earlier.path);
    data.into_par_iter().try_for_each(write)?;
    Ok(written.into_inner())
}

/// Loads and renders the site without writing anything. Returns the summary and the warnings
/// (jargon the glossary does not explain).
pub fn check(
    root: &Path,
    options: &BuildOptions,
) -> Result<(BuildSummary, Vec<Diagnostic>), Error> {
    let site = Site::load(root, options)?;
    let prepared = site.prepare(HashMap::new())?;
    let jobs: Vec<&PageJob> = prepared.jobs.iter().collect();
    let mut files = site.render_pages(&prepared, &jobs)?;
    files.extend(site.data_files(&prepared)?);
    let sources = links::Sources {
        content: &site.content,
        html: &prepared.html,
        theme: &site.theme,
    };
    let broken = links::check(&sources, &files);
    if !broken.is_empty() {
        return Err(Error::Invalid(broken));
    }
    let summary = BuildSummary {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        sprints: site.ledger.sprints.len(),
        output: PathBuf::new(),
        warnings: Vec::new(),
    };
    Ok((summary, site.jargon_warnings()))
}

impl Site {
    /// A warning for the first use on each page of engineering jargon that the glossary does
    /// not define (outside code).
    pub fn jargon_warnings(&self) -> Vec<Diagnostic> {
        let Some(matcher) = JargonMatcher::new() else {
            return Vec::new();
        };
        let mut warnings: Vec<Diagnostic> = self
            .content
            .narratives
            .par_iter()
            .flat_map_iter(|narrative| {
                let body = narrative.body();
                let protected = directives::protected_ranges(body);
                let mut seen = HashSet::new();
                let mut found = Vec::new();
                for (start, end, term) in matcher.find_in(body) {
                    let words = &body[start..end];
                    let defined = self.glossary.defines(term)
                        || self.glossary.defines(words)
                        || self.glossary.find_in(words).iter().any(|(s, e, _)| *s == 0 && *e == words.len());
                    if defined
                        || protected.iter().any(|r| r.contains(&start))
                        || !seen.insert(term.to_lowercase())
                    {
                        continue;
                    }
                    let offset = narrative.body_offset;
                    found.push(
                        Diagnostic::error(&narrative.source, offset + start..offset + end, format!(
                            "`{words}` is engineering jargon that the glossary does not explain"
                        ))
                        .warning()
                        .with_help(format!(
                            "add it to content/glossary.toml ([[term]] with term = \"{term}\" and a plain `means`), or say it in everyday words"
                        )),
                    );
                }
                found
            })
            .collect();
        warnings.sort_by_key(|d| {
            (
                d.path().map(Path::to_path_buf),
                d.location.as_ref().map(|l| l.span.start),
            )
        });
        warnings
    }
}
