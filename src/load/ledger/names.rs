//! Resolving the ids one data file defines (teams, systems, initiatives) where another file
//! names them, without reporting one mistake hundreds of times.
//!
//! When an entry of `teams.toml` cannot be read, every sprint row naming that team would be an
//! "unknown team" too: one mistake, hundreds of reports. [`Failed`] remembers which ids a file
//! meant to define but could not, and [`Names::resolve`] stays silent about references to them.

use std::collections::HashSet;
use std::sync::Arc;

use toml::Spanned;

use crate::diagnostics::{Diagnostic, SourceFile, unknown_name_help};

/// The ids a file meant to define but could not: entries that failed to be read or checked.
#[derive(Debug, Default, Clone)]
pub(crate) struct Failed {
    ids: HashSet<String>,
    /// An entry without a readable id failed, or the whole file did: any unknown name may be one
    /// of its.
    any: bool,
}

impl Failed {
    /// Records a failed entry, by its id when it has a readable one.
    pub(crate) fn entry(&mut self, id: Option<String>) {
        match id {
            Some(id) => {
                self.ids.insert(id);
            }
            None => self.any = true,
        }
    }

    /// Records that the whole file could not be read.
    pub(crate) fn file(&mut self) {
        self.any = true;
    }

    /// Whether nothing failed.
    pub(crate) fn is_empty(&self) -> bool {
        !self.any && self.ids.is_empty()
    }

    /// Whether a reference to `name` may be to an entry that failed (and so is no new mistake).
    pub(crate) fn excuses(&self, name: &str) -> bool {
        self.any || self.ids.contains(name)
    }
}

/// The ids one file defines, in its order, with the ones it failed to define.
pub(crate) struct Names<'a> {
    /// What they are: `team`, `system`, `initiative`.
    kind: &'static str,
    /// The file under `content/data/` that defines them.
    file: &'static str,
    ids: Vec<&'a str>,
    failed: &'a Failed,
}

impl<'a> Names<'a> {
    /// The ids of `file`, in its order.
    pub(crate) fn new(
        kind: &'static str,
        file: &'static str,
        ids: impl IntoIterator<Item = &'a str>,
        failed: &'a Failed,
    ) -> Self {
        Self {
            kind,
            file,
            ids: ids.into_iter().collect(),
            failed,
        }
    }

    /// The index of `name`; else the located "unknown ..." report, or `None` when the name is
    /// probably that of an entry whose own error is reported already.
    pub(crate) fn resolve(
        &self,
        source: &Arc<SourceFile>,
        name: &Spanned<String>,
    ) -> Result<usize, Option<Diagnostic>> {
        let wanted = name.get_ref().as_str();
        if let Some(index) = self.ids.iter().position(|id| *id == wanted) {
            return Ok(index);
        }
        if self.failed.excuses(wanted) {
            return Err(None);
        }
        let (kind, file) = (self.kind, self.file);
        Err(Some(
            Diagnostic::error(source, name.span(), format!("unknown {kind} `{wanted}`"))
                .with_label(format!("not defined in content/data/{file}"))
                .with_help(unknown_name_help(wanted, kind, self.ids.iter().copied()))
                .with_help(format!(
                    "add the {kind} to content/data/{file}, or fix the id here"
                )),
        ))
    }
}

/// The entries of a list file (`[[team]]`, `[[system]]`...) that could be read: each one that
/// could not is reported and recorded in `failed`; a file that cannot be read at all is reported
/// once and fails as a whole.
pub(crate) fn read_list<T: serde::de::DeserializeOwned>(
    source: &Arc<SourceFile>,
    key: &str,
    failed: &mut Failed,
    diagnostics: &mut crate::diagnostics::Diagnostics,
) -> Vec<T> {
    let entries = match crate::load::input::parse_toml_list(source, key) {
        Ok(entries) => entries,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            failed.file();
            return Vec::new();
        }
    };
    let mut read = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry.parsed {
            Ok(item) => read.push(item),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                failed.entry(entry.id);
            }
        }
    }
    read
}
