//! Re-rendering after one narrative is edited, for `tally serve`: only that narrative's HTML,
//! the charts it newly shows and the page at its address, when the edit changes nothing that
//! other pages show.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Error;
use crate::load::input::read_source;
use crate::pages::{self, PageJob};
use crate::prose::directives;
use crate::site::data_files::chart_csvs;
use crate::site::loading::Site;
use crate::site::output::OutputFile;
use crate::site::prepare::{Prepared, chart_directives};

impl Site {
    /// Re-reads one narrative after an edit and re-renders only what depends on it. Returns the
    /// changed files, or `None` when the edit changes what other pages show (its title, date,
    /// address...), in which case the caller rebuilds the pages.
    pub fn update_narrative(
        &mut self,
        prepared: &mut Prepared,
        relative: &Path,
        drafts: bool,
    ) -> Result<Option<Vec<OutputFile>>, Error> {
        let Some(index) = self.replace_narrative(relative, drafts)? else {
            return Ok(None);
        };
        self.check_narrative_templates(&prepared.renderer)?;
        let narrative = &self.content.narratives[index];
        let found =
            directives::parse(narrative, &self.directive_scope()).map_err(Error::Invalid)?;
        let job = prepared
            .jobs
            .iter()
            .find(|j| j.address == narrative.address);
        Error::invalid_if_any(self.repeated_charts(narrative, &found, job))?;
        let fresh = pages::draw_charts(
            &self.books(),
            &[],
            &chart_directives(&found),
            &prepared.charts,
            &HashMap::new(),
        )?;
        let mut files = chart_csvs(fresh.values());
        prepared.charts.extend(fresh);
        prepared.html[index] = std::sync::OnceLock::from(self.render_narrative(
            narrative,
            &found,
            &prepared.charts,
            &prepared.renderer,
        )?);
        prepared.directives[index] = found;
        // Not taken over by the next full rebuild: its hash was of the text before the edit.
        prepared.narrative_inputs[index] = None;
        let jobs: Vec<&PageJob> = prepared
            .jobs
            .iter()
            .filter(|j| j.address == narrative.address)
            .collect();
        files.extend(self.render_pages(prepared, &jobs)?);
        Ok(Some(files))
    }

    /// Reads the edited narrative and puts it in place of the old one, returning its index;
    /// `None` when it cannot simply replace it (a new address, a change to what lists show, or
    /// a draft that is now shown or hidden).
    fn replace_narrative(&mut self, relative: &Path, drafts: bool) -> Result<Option<usize>, Error> {
        let source = read_source(&self.root, relative)?;
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
        Ok(Some(index))
    }
}
