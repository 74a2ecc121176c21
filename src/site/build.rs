//! The build and check entry points: `tally build` renders the site into a staging folder and
//! swaps it in only when everything succeeded; `tally check` renders in memory and checks
//! every link, writing nothing.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::pages::PageJob;
use crate::site::links;
use crate::site::loading::{BuildOptions, Site};
use crate::site::output::OUTPUT_MARKER;
use crate::site::prepare::Prepared;
use crate::site::publish;
use crate::site::reuse::Writer;

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// All files of the site.
    pub files: usize,
    /// Files whose bytes were written; the others were unchanged and reused from the previous
    /// site (hard-linked, or copied keeping their mtime).
    pub written: usize,
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
    let prepared = site.prepare(Default::default())?;
    let drawn = started.elapsed();
    let published = publish::publish(&target, |writer| write_site(&site, &prepared, writer))?;
    if options.timings {
        eprintln!(
            "timings: load and check {} ms (config, work data, narratives, accounts; the accounts {} ms); \
             charts and narratives {} ms ({} charts); pages and files {} ms ({} pages); swap {} ms; \
             files: {} written, {} reused ({} pages not rendered again)",
            loaded.as_millis(),
            site.accounts_took.as_millis(),
            (drawn - loaded).as_millis(),
            prepared.charts.len(),
            published.writing.as_millis(),
            prepared.jobs.len(),
            published.swapping.as_millis(),
            published.files.written,
            published.files.reused,
            published.files.unrendered
        );
    }
    Ok(BuildSummary {
        pages: prepared.jobs.len(),
        files: published.files.written + published.files.reused,
        written: published.files.written,
        sprints: site.ledger.sprints.len(),
        output: output.to_path_buf(),
        warnings: published.warnings,
    })
}

/// Renders the site straight into the staging folder, each page put as soon as it is
/// rendered. The marker is left out: the staging folder got it first.
fn write_site(site: &Site, prepared: &Prepared, writer: &Writer) -> Result<(), Error> {
    let jobs: Vec<&PageJob> = prepared.jobs.iter().collect();
    site.render_pages_into(prepared, &jobs, writer)?;
    writer.put_manifest()?;
    let mut data = site.data_files(prepared)?;
    data.retain(|file| file.path != OUTPUT_MARKER);
    data.sort_by(|a, b| a.path.cmp(&b.path));
    data.dedup_by(|later, earlier| later.path == earlier.path);
    data.par_iter().try_for_each(|file| writer.put(file))
}

/// Loads and renders the site without writing anything. Returns the summary and the warnings
/// (jargon the glossary does not explain); with any error, every finding (errors and
/// warnings together) as [`Error::Invalid`].
pub fn check(
    root: &Path,
    options: &BuildOptions,
) -> Result<(BuildSummary, Vec<Diagnostic>), Error> {
    let checked = check_findings(root, options)?;
    if checked
        .findings
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return Err(Error::Invalid(checked.findings));
    }
    let summary = BuildSummary {
        pages: checked.pages,
        files: checked.files,
        written: 0,
        sprints: checked.sprints,
        output: PathBuf::new(),
        warnings: Vec::new(),
    };
    Ok((summary, checked.findings))
}

/// What `tally check` found: every kind at once (errors in the input, broken links and jargon).
#[derive(Debug)]
pub struct Checked {
    /// The HTML pages rendered and checked (0 when the site could not be loaded or prepared).
    pub pages: usize,
    /// All files rendered.
    pub files: usize,
    /// Sprints in the data (0 when it could not be read).
    pub sprints: usize,
    /// Errors and warnings, in the order they were found.
    pub findings: Vec<Diagnostic>,
}

/// Loads, renders and checks the site in memory, collecting every finding: a site whose
/// links are broken still gets its jargon warnings, and the pages it rendered are counted.
/// Returns an error only when the check itself could not run (an unreadable folder...).
pub fn check_findings(root: &Path, options: &BuildOptions) -> Result<Checked, Error> {
    let nothing = |findings| Checked {
        pages: 0,
        files: 0,
        sprints: 0,
        findings,
    };
    let site = match Site::load(root, options) {
        Ok(site) => site,
        Err(Error::Invalid(findings)) => return Ok(nothing(findings)),
        Err(other) => return Err(other),
    };
    let jargon = site.jargon_warnings();
    let prepared = match site.prepare(Default::default()) {
        Ok(prepared) => prepared,
        Err(Error::Invalid(mut findings)) => {
            findings.extend(jargon);
            return Ok(Checked {
                sprints: site.ledger.sprints.len(),
                ..nothing(findings)
            });
        }
        Err(other) => return Err(other),
    };
    let jobs: Vec<&PageJob> = prepared.jobs.iter().collect();
    let mut files = site.render_pages(&prepared, &jobs)?;
    files.extend(site.data_files(&prepared)?);
    let html = prepared.all_narrative_html(&site);
    let sources = links::Sources {
        content: &site.content,
        html: &html,
        theme: &site.theme,
    };
    let mut findings = links::check(&sources, &files);
    findings.extend(jargon);
    Ok(Checked {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        sprints: site.ledger.sprints.len(),
        findings,
    })
}
