//! The builder between rebuilds: a full build in memory, or, after an edit to narratives only,
//! just their pages.
//!
//! The last good build is kept so that charts whose data did not change are reused and an edit
//! to one narrative re-renders only its page when its title, date and address are unchanged.

use std::path::PathBuf;
use std::sync::Arc;

use super::hub::Files;
use crate::error::Error;
use crate::site::{BuildOptions, OutputFile, Prepared, Site};

/// The builder's state between rebuilds.
pub(super) struct Session {
    root: PathBuf,
    options: BuildOptions,
    built: Option<(Site, Prepared)>,
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
        }
    }

    /// A full build in memory.
    pub(super) fn full(&mut self) -> Result<Files, Error> {
        // Charts whose data did not change are reused from the last good build.
        let previous = self
            .built
            .take()
            .map(|(_, prepared)| prepared.charts)
            .unwrap_or_default();
        let site = Site::load(&self.root, &self.options)?;
        let prepared = site.prepare(previous)?;
        let files = render_all(&site, &prepared)?;
        self.built = Some((site, prepared));
        Ok(files)
    }

    /// Re-renders after `changed` files: only the edited narratives' pages when possible.
    pub(super) fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Error> {
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
        for path in changed {
            match site.update_narrative(prepared, path, self.options.drafts) {
                Ok(Some(changed_files)) => files.extend(changed_files),
                Ok(None) => return Ok(None),
                Err(error) => {
                    self.built = None;
                    return Err(error);
                }
            }
        }
        Ok(Some(files))
    }
}

/// Every page and data file of a prepared site, in memory.
fn render_all(site: &Site, prepared: &Prepared) -> Result<Files, Error> {
    let jobs: Vec<_> = prepared.jobs.iter().collect();
    let mut files = site.render_pages(prepared, &jobs)?;
    files.extend(site.data_files(prepared)?);
    Ok(files
        .into_iter()
        .map(|f| (f.path, Arc::from(f.bytes)))
        .collect())
}
