//! Writing the imported rows into the sprint file: the comment line that marks them, the
//! format-preserving edit ([`super::write`]), the notes on rows that are now in the file twice,
//! the check of the new file with the ledger, and the write itself, through a temporary file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::item::{Format, Row};
use super::reconcile::Listed;
use super::target::Target;
use super::write::{self, Edited};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::load::config::Config;
use crate::load::ledger::{Ledger, LedgerSources};

/// The export files' names as the comment lines name them (no folder).
pub(super) fn file_names(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect()
}

/// The comment line above the imported rows: where they come from, and that a new import
/// replaces them.
pub(super) fn marker(format: Format, files: &[PathBuf]) -> String {
    let file_names = file_names(files);
    let source = format.as_str();
    format!(
        "{} {source}` from {}; a new import replaces every row with source = \"{source}\".",
        write::MARKER,
        file_names.join(", ")
    )
}

/// The sprint file with `rows` in place of the rows of `format`'s source; a new file when the
/// sprint has none yet.
pub(super) fn edit(
    target: &Target,
    format: Format,
    marker: &str,
    rows: &[Row],
) -> Result<Edited, Error> {
    let base = target.text.clone().unwrap_or_else(|| {
        format!(
            "# Sprint {}, created by `tally import`: add a goal, capacity rows and hand-written work as needed.\nstart = {}\nend = {}\n",
            target.id,
            target.start.iso(),
            target.end.iso()
        )
    });
    write::apply(&base, format.as_str(), marker, rows).map_err(|message| {
        Error::Invalid(vec![
            Diagnostic::error_in(Some(&SourceFile::new(&target.path, base.clone())), message)
                .with_help(
                    "write each row as a `[[work]]` table, as in the README, then import again",
                ),
        ])
    })
}

/// Notes on imported items that another row of the sprint (hand-written, or from another
/// source) also names: their effort would count twice.
pub(super) fn kept_twice(edited: &Edited, rows: &[Row]) -> Vec<Listed> {
    let mut notes = Vec::new();
    for (reference, other) in &edited.kept {
        let Some(reference) = reference else { continue };
        if rows.iter().any(|r| &r.reference == reference) {
            let by = match other {
                Some(other) => format!("a row with source = \"{other}\""),
                None => "a hand-written row".to_string(),
            };
            notes.push(Listed::new(
                reference,
                format!(
                    "also in {by} of this sprint: its effort counts twice unless one of them goes"
                ),
            ));
        }
    }
    notes
}

/// The new file must load like any other: it is checked with the rest of the ledger before it
/// is written.
pub(super) fn check_new_file(
    config: &Config,
    mut sources: LedgerSources,
    target: &Target,
    text: &str,
) -> Result<(), Error> {
    let new_file = SourceFile::new(&target.path, text.to_string());
    match sources.sprints.iter().position(|s| s.path == target.path) {
        Some(i) => sources.sprints[i] = Arc::clone(&new_file),
        None => sources.sprints.push(Arc::clone(&new_file)),
    }
    Ledger::check_sources(config, sources)?;
    Ok(())
}

/// Writes through a temporary file in the same folder, so a failure never leaves half a file.
pub(super) fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io("could not create", parent))?;
    }
    let temporary = path.with_extension("toml.tally-import");
    std::fs::write(&temporary, text).map_err(Error::io("could not write", &temporary))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::Io {
            action: "could not replace",
            path: path.to_path_buf(),
            source: e,
        }
    })
}
