//! Rendering pages: every page's context filled in and its template rendered, in parallel,
//! each template error reported once however many pages it breaks.

use std::collections::HashSet;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::pages::render::Renderer;
use crate::pages::{PageJob, SiteData};
use crate::site::loading::Site;
use crate::site::output::OutputFile;
use crate::site::prepare::Prepared;

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
        let files = Mutex::new(Vec::with_capacity(jobs.len()));
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
        let data = self.page_data(prepared);
        let failures: Vec<Result<(), Error>> = jobs
            .par_iter()
            .filter_map(|job| {
                render_page(&data, &prepared.renderer, job)
                    .and_then(&sink)
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
    fn page_data<'a>(&'a self, prepared: &'a Prepared) -> SiteData<'a> {
        SiteData {
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
