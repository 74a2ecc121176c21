//! Rendering pages: every page's context filled in and its template rendered, in parallel,
//! each template error reported once however many pages it breaks.

use std::collections::HashSet;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::pages::render::Renderer;
use crate::pages::{PageJob, SharedValues, SiteData};
use crate::site::loading::Site;
use crate::site::output::OutputFile;
use crate::site::prepare::{Htmls, Prepared};

/// The most template errors one build reports.
const MOST_TEMPLATE_ERRORS: usize = 20;

impl Site {
    /// Renders every file of the site in memory, pages in parallel.
    pub fn render(&self) -> Result<Vec<OutputFile>, Error> {
        let prepared = self.prepare(Default::default())?;
        let jobs: Vec<&PageJob> = prepared.jobs.iter().collect();
        let mut files = self.render_pages(&prepared, &jobs)?;
        files.extend(self.data_files(&prepared)?);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|later, earlier| later.path == earlier.path);
        Ok(files)
    }

    /// Renders some pages, in parallel. Template errors are collected and reported once each.
    pub fn render_pages(
        &self,
        prepared: &Prepared,
        jobs: &[&PageJob],
    ) -> Result<Vec<OutputFile>, Error> {
        let collected = Collect::default();
        self.render_pages_into(prepared, jobs, &collected)?;
        let mut files: Vec<OutputFile> =
            collected.into_pages().into_iter().map(|(f, _)| f).collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders pages in parallel and hands each to `sink` as soon as it is rendered, so that a
    /// build writes pages to disk without holding the whole site in memory. A page whose
    /// fingerprint the sink already has is not rendered: the sink takes over its previous
    /// bytes.
    pub fn render_pages_into(
        &self,
        prepared: &Prepared,
        jobs: &[&PageJob],
        sink: &impl PageSink,
    ) -> Result<(), Error> {
        let htmls = Htmls {
            site: self,
            prepared,
        };
        let shared_values = SharedValues::default();
        let data = self.page_data(prepared, &htmls, &shared_values);
        let failures: Vec<Result<(), Error>> = jobs
            .par_iter()
            .filter_map(|job| {
                render_page(&data, &prepared.renderer, job, sink)
                    .err()
                    .map(Err)
            })
            .collect();
        match Error::gather(failures) {
            Err(Error::Invalid(problems)) => Err(Error::Invalid(once_each(problems))),
            other => other.map(|_| ()),
        }
    }

    /// What every page is made from.
    fn page_data<'a>(
        &'a self,
        prepared: &'a Prepared,
        htmls: &'a Htmls<'a>,
        shared_values: &'a SharedValues,
    ) -> SiteData<'a> {
        SiteData {
            config: &self.config,
            ledger: &self.ledger,
            content: &self.content,
            accounts: &self.accounts,
            html: htmls,
            shared_values,
            charts: &prepared.charts,
            listings: &prepared.listings,
            sections: prepared.sections.clone(),
            glossary: &self.glossary,
            sibling_lists: &prepared.sibling_lists,
            stylesheet: self.theme.stylesheet(),
        }
    }
}

/// A broken partial fails every page that includes it: each problem is reported once, in
/// order, and only the first few.
fn once_each(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    problems.sort_by_key(|d| d.position());
    problems.retain(|d| seen.insert((d.position(), d.message.clone())));
    problems.truncate(MOST_TEMPLATE_ERRORS);
    problems
}

/// Where rendered pages go, and what it kept of the previous build.
pub trait PageSink: Sync {
    /// Takes over the previous build's page at `path` when it was rendered from the same
    /// `fingerprint`; false when the page must be rendered.
    fn reuse(&self, path: &str, fingerprint: u64) -> Result<bool, Error>;

    /// Takes a rendered page and the fingerprint it was rendered from.
    fn put(&self, file: OutputFile, fingerprint: u64) -> Result<(), Error>;
}

/// Collects rendered pages in memory; it has no previous build, so every page is rendered.
#[derive(Default)]
pub struct Collect {
    pages: Mutex<Vec<(OutputFile, u64)>>,
}

impl Collect {
    /// The pages rendered, with their fingerprints, in no particular order.
    pub fn into_pages(self) -> Vec<(OutputFile, u64)> {
        self.pages
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl PageSink for Collect {
    fn reuse(&self, _path: &str, _fingerprint: u64) -> Result<bool, Error> {
        Ok(false)
    }

    fn put(&self, file: OutputFile, fingerprint: u64) -> Result<(), Error> {
        self.pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((file, fingerprint));
        Ok(())
    }
}

/// Fills in one page's context and renders it, unless the sink has the page from a previous
/// build with the same fingerprint. The fingerprint covers everything the bytes depend on:
/// the context, the template's name, every template's text and tally's version, and the path.
fn render_page(
    data: &SiteData<'_>,
    renderer: &Renderer,
    job: &PageJob,
    sink: &impl PageSink,
) -> Result<(), Error> {
    let mut context = data.context(job);
    let template = data.template(job, renderer);
    let path = job.output_path();
    let fingerprint = page_fingerprint(context.fingerprint(), &template, renderer, &path);
    if sink.reuse(&path, fingerprint)? {
        return Ok(());
    }
    data.complete(&mut context);
    let html = renderer.render(&template, context.values(), &path)?;
    sink.put(
        OutputFile {
            path,
            bytes: html.into_bytes(),
        },
        fingerprint,
    )
}

/// One hash of what a page is rendered from.
fn page_fingerprint(context: u64, template: &str, renderer: &Renderer, path: &str) -> u64 {
    crate::text::fingerprint(&(context, template, renderer.fingerprint(), path))
}
