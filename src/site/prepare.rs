//! Preparing a build: compiling the templates, planning the pages, finding every narrative's
//! directives, drawing every chart once and rendering every narrative's HTML, after checking
//! what would otherwise fail half-way (unknown templates, repeated charts, two sources for one
//! output file). `tally serve` keeps the result to re-render only what an edit changes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::charts::{Chart, ChartRequest};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::load::narratives::Narrative;
use crate::pages::context::Shared;
use crate::pages::render::Renderer;
use crate::pages::{self, NarrativeHtml, PageJob};
use crate::prose::directives::{self, Directive, Located};
use crate::prose::markdown::Rendered;
use crate::site::loading::Site;
use crate::text::fingerprint;

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
    /// Each narrative's HTML: made here for a narrative with directives (whose errors must
    /// stop the build before any page is written), or taken over from a previous build; else
    /// made when a page that shows it is rendered ([`Prepared::narrative_html`]).
    pub html: Vec<OnceLock<Rendered>>,
    /// The pages listed in each folder.
    pub listings: BTreeMap<String, Vec<usize>>,
    /// Top-level navigation folders.
    pub sections: Vec<(String, String)>,
    /// Each folder's page list, shared by the pages in it.
    pub sibling_lists: HashMap<String, Shared>,
    /// For each narrative, a hash of everything its HTML was made from, when that is only its
    /// own file and the glossary (no directives): the HTML can then be taken over by a rebuild.
    pub narrative_inputs: Vec<Option<u64>>,
}

impl Prepared {
    /// A narrative's HTML, rendered now if it was not yet.
    pub fn narrative_html<'a>(&'a self, site: &Site, index: usize) -> &'a Rendered {
        self.html[index]
            .get_or_init(|| site.render_plain_narrative(&site.content.narratives[index]))
    }

    /// Every narrative's HTML, in order (the link check reads them all).
    pub fn all_narrative_html<'a>(&'a self, site: &Site) -> Vec<&'a Rendered> {
        (0..self.html.len())
            .into_par_iter()
            .map(|index| self.narrative_html(site, index))
            .collect()
    }
}

/// The narratives' HTML as pages ask for it: made on first use.
pub(super) struct Htmls<'a> {
    pub(super) site: &'a Site,
    pub(super) prepared: &'a Prepared,
}

impl NarrativeHtml for Htmls<'_> {
    fn html(&self, index: usize) -> &Rendered {
        self.prepared.narrative_html(self.site, index)
    }

    fn inputs(&self, index: usize) -> Option<u64> {
        self.prepared.narrative_inputs[index]
    }
}

/// What a rebuild takes over from the last good build (`tally serve` keeps it between edits):
/// the charts whose data did not change, and the HTML of the narratives whose file and
/// surroundings did not change.
#[derive(Default)]
pub struct Previous {
    /// Every chart, by request.
    pub charts: HashMap<ChartRequest, Chart>,
    /// By address: the hash of what a narrative's HTML was made from, and the HTML.
    pub narratives: HashMap<String, (u64, Rendered)>,
}

impl Previous {
    /// What the next build may take over from this one.
    pub fn of(site: &Site, prepared: Prepared) -> Self {
        let narratives = site
            .content
            .narratives
            .iter()
            .zip(prepared.narrative_inputs)
            .zip(prepared.html)
            .filter_map(|((narrative, inputs), html)| {
                Some((narrative.address.clone(), (inputs?, html.into_inner()?)))
            })
            .collect();
        Self {
            charts: prepared.charts,
            narratives,
        }
    }
}

/// The hash of what a narrative's HTML is made from, when that is only its file (text, path
/// and address) and the `surroundings`: `None` for a narrative with directives (their values
/// come from the accounts) or shown on a page whose own ids its headings avoid.
fn narrative_inputs(narrative: &Narrative, found: &[Located], surroundings: u64) -> Option<u64> {
    if !found.is_empty() || matches!(narrative.address.as_str(), "glossary/" | "debt/") {
        return None;
    }
    Some(fingerprint(&(
        &narrative.source.text,
        &narrative.source.path,
        &narrative.address,
        &narrative.title,
        narrative.body_offset,
        surroundings,
    )))
}

/// The charts that a narrative's directives show, in order.
pub(super) fn chart_directives<'a>(
    found: impl IntoIterator<Item = &'a Located>,
) -> Vec<ChartRequest> {
    found
        .into_iter()
        .filter_map(|d| match &d.directive {
            Directive::Chart(request) => Some(request.clone()),
            _ => None,
        })
        .collect()
}

impl Site {
    /// Everything pages are rendered from: templates, the page list, every chart (drawn once;
    /// a chart in `previous` whose data, words and colours are unchanged is reused as it is)
    /// and every narrative's HTML.
    pub fn prepare(&self, previous: Previous) -> Result<Prepared, Error> {
        let renderer = Renderer::new(&self.theme)?;
        self.check_narrative_templates(&renderer)?;
        let jobs = pages::plan(&self.config, &self.ledger, &self.content, &self.glossary);
        let directives = self.parse_directives()?;
        self.check_repeated_charts(&jobs, &directives)?;
        let inline_charts = chart_directives(directives.iter().flatten());
        let charts = pages::draw_charts(
            &self.books(),
            &jobs,
            &inline_charts,
            &HashMap::new(),
            &previous.charts,
        )?;
        self.check_outputs(&jobs, &charts)?;
        let surroundings = self.narrative_surroundings();
        let narrative_inputs: Vec<Option<u64>> = self
            .content
            .narratives
            .par_iter()
            .zip(&directives)
            .map(|(narrative, found)| narrative_inputs(narrative, found, surroundings))
            .collect();
        let html: Vec<OnceLock<Rendered>> = self
            .content
            .narratives
            .par_iter()
            .zip(&directives)
            .zip(&narrative_inputs)
            .map(|((narrative, found), inputs)| {
                match (inputs, previous.narratives.get(&narrative.address)) {
                    (Some(now), Some((then, html))) if now == then => {
                        Ok(OnceLock::from(html.clone()))
                    }
                    (Some(_), _) => Ok(OnceLock::new()),
                    (None, _) => self
                        .render_narrative(narrative, found, &charts, &renderer)
                        .map(OnceLock::from),
                }
            })
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
            narrative_inputs,
        })
    }

    /// A hash of what every narrative's HTML depends on beyond its own file: the glossary (its
    /// terms are linked in the text and their ids kept free) and the markdown settings.
    fn narrative_surroundings(&self) -> u64 {
        fingerprint(&(
            format!("{:?}", self.glossary.terms),
            self.config.markdown.smart_punctuation,
        ))
    }

    /// Finds and checks the directives of every narrative; every mistake is reported.
    fn parse_directives(&self) -> Result<Vec<Vec<Located>>, Error> {
        let scope = self.directive_scope();
        let parsed: Vec<Result<Vec<Located>, Error>> = self
            .content
            .narratives
            .par_iter()
            .map(|narrative| directives::parse(narrative, &scope).map_err(Error::Invalid))
            .collect();
        Error::gather(parsed)
    }

    /// What directives may name: the categories, teams, sprints and glossary terms.
    pub(super) fn directive_scope(&self) -> directives::Scope<'_> {
        directives::Scope {
            config: &self.config,
            ledger: &self.ledger,
            glossary: &self.glossary,
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
        Error::invalid_if_any(problems)
    }

    /// The chart directives of one narrative that repeat a chart of its page (`job`) or of
    /// the narrative itself.
    pub(super) fn repeated_charts(
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

    /// Every `template = "..."` in front matter must name a template that exists.
    pub(super) fn check_narrative_templates(&self, renderer: &Renderer) -> Result<(), Error> {
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
        Error::invalid_if_any(problems)
    }
}
