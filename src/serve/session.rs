//! The builder between rebuilds: a full build in memory, or, after an edit to narratives only,
//! just their pages.
//!
//! The last good build is kept so that charts whose data did not change are reused, an edit
//! to one narrative re-renders only its page when its title, date and address are unchanged,
//! and after any other edit only the pages whose fingerprint changed are rendered again.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::hub::Files;
use crate::error::Error;
use crate::site::{BuildOptions, OutputFile, PageSink, Prepared, Previous, Site};

/// Each page of the last good build: its fingerprint and its bytes, by path.
type Pages = HashMap<String, (u64, Arc<[u8]>)>;

/// The builder's state between rebuilds.
pub(super) struct Session {
    root: PathBuf,
    options: BuildOptions,
    built: Option<(Site, Prepared)>,
    pages: Pages,
    /// How many pages the last rebuild rendered, and of how many.
    rendered: (usize, usize),
}

/// What a rebuild changed: some files, or the whole site.
pub(super) enum Update {
    Patch(Vec<OutputFile>),
    Replace(Files),
}

impl Session {
    /// A session that has built nothing yet.
    pub(super) fn new(root: PathBuf, drafts: bool) -> Self {
        Self {
            root,
            options: BuildOptions {
                drafts,
                // The not-found page links to this server's root, not the published site.
                base_url: Some("/".to_string()),
                timings: false,
            },
            built: None,
            pages: Pages::new(),
            rendered: (0, 0),
        }
    }

    /// How many pages the last rebuild rendered, and how many the site has: after an edit,
    /// only the pages whose fingerprint changed are rendered.
    pub(super) fn rendered(&self) -> (usize, usize) {
        self.rendered
    }

    /// A full build in memory.
    pub(super) fn full(&mut self) -> Result<Files, Error> {
        // Charts whose data did not change, and the HTML of narratives whose file did not, are
        // taken over from the last good build.
        let previous = self
            .built
            .take()
            .map(|(site, prepared)| Previous::of(&site, prepared))
            .unwrap_or_default();
        let site = Site::load(&self.root, &self.options)?;
        let prepared = site.prepare(previous)?;
        let (files, pages, rendered) = render_all(&site, &prepared, &self.pages)?;
        self.rendered = (rendered, prepared.jobs.len());
        self.built = Some((site, prepared));
        self.pages = pages;
        Ok(files)
    }

    /// Re-renders after `changed` files: only the edited narratives' pages when possible.
    pub(super) fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Error> {
        self.rendered.0 = 0;
        if self.only_narratives(changed)
            && let Some(files) = self.patch_narratives(changed)?
        {
            return Ok(Update::Patch(files));
        }
        self.full().map(Update::Replace)
    }

    /// Whether every changed file is a narrative that still exists.
    fn only_narratives(&self, changed: &[PathBuf]) -> bool {
        changed.iter().all(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.starts_with(crate::load::narratives::CONTENT_DIR)
                && !p.starts_with(crate::load::ledger::DATA_DIR)
                && self.root.join(p).is_file()
        })
    }

    /// The re-rendered pages of the changed narratives, or `None` when one of them needs a full
    /// build (nothing built yet, or its title, date or address changed).
    fn patch_narratives(&mut self, changed: &[PathBuf]) -> Result<Option<Vec<OutputFile>>, Error> {
        let Some((site, prepared)) = self.built.as_mut() else {
            return Ok(None);
        };
        let mut files = Vec::new();
        let pages = prepared.jobs.len();
        for path in changed {
            match site.update_narrative(prepared, path, self.options.drafts) {
                Ok(Some(changed_files)) => {
                    // These pages no longer match what their fingerprints describe.
                    for file in &changed_files {
                        self.pages.remove(&file.path);
                    }
                    files.extend(changed_files);
                }
                Ok(None) => return Ok(None),
                Err(error) => {
                    self.built = None;
                    return Err(error);
                }
            }
        }
        let rendered = files.iter().filter(|f| f.path.ends_with(".html")).count();
        self.rendered = (rendered, pages);
        Ok(Some(files))
    }
}

/// Every page and data file of a prepared site, in memory, the pages' fingerprints, and how
/// many pages were rendered. A page whose fingerprint is the one it had in `previous` keeps its
/// bytes and is not rendered.
fn render_all(
    site: &Site,
    prepared: &Prepared,
    previous: &Pages,
) -> Result<(Files, Pages, usize), Error> {
    let sink = Keep {
        previous,
        pages: Mutex::new(Pages::with_capacity(previous.len())),
        rendered: AtomicUsize::new(0),
    };
    let jobs: Vec<_> = prepared.jobs.iter().collect();
    site.render_pages_into(prepared, &jobs, &sink)?;
    let pages = sink.pages.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut files: Files = pages
        .iter()
        .map(|(path, (_, bytes))| (path.clone(), Arc::clone(bytes)))
        .collect();
    for file in site.data_files(prepared)? {
        files.insert(file.path, Arc::from(file.bytes));
    }
    Ok((files, pages, sink.rendered.into_inner()))
}

/// Collects a rebuild's pages, keeping the previous bytes of those whose fingerprint is the
/// same.
struct Keep<'a> {
    previous: &'a Pages,
    pages: Mutex<Pages>,
    rendered: AtomicUsize,
}

impl Keep<'_> {
    fn keep(&self, path: &str, fingerprint: u64, bytes: Arc<[u8]>) {
        self.pages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_string(), (fingerprint, bytes));
    }
}

impl PageSink for Keep<'_> {
    fn reuse(&self, path: &str, fingerprint: u64) -> Result<bool, Error> {
        match self.previous.get(path) {
            Some((was, bytes)) if *was == fingerprint => {
                self.keep(path, fingerprint, Arc::clone(bytes));
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn put(&self, file: OutputFile, fingerprint: u64) -> Result<(), Error> {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.keep(&file.path, fingerprint, Arc::from(file.bytes));
        Ok(())
    }
}
