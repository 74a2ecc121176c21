//! Where the work data lives and reading its files: `teams.toml`, `sprints/*.toml` and the
//! optional initiatives, systems, debt, scenarios, dependency snapshots and delivery record, each into a checked text
//! with spans before anything is parsed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::SourceFile;
use crate::error::Error;
use crate::load::input::{read_source, relative_file};

/// Where the work data lives, relative to the site root.
pub const DATA_DIR: &str = "content/data";

/// The files the ledger is read from, already loaded.
#[derive(Debug, Clone, Default)]
pub struct LedgerSources {
    /// `teams.toml`.
    pub teams: Option<Arc<SourceFile>>,
    /// `sprints/*.toml`.
    pub sprints: Vec<Arc<SourceFile>>,
    /// `initiatives.toml`, when there is one.
    pub initiatives: Option<Arc<SourceFile>>,
    /// `systems.toml`, when there is one.
    pub systems: Option<Arc<SourceFile>>,
    /// `debt.toml`, when there is one.
    pub debt: Option<Arc<SourceFile>>,
    /// `scenarios.toml`, when there is one.
    pub scenarios: Option<Arc<SourceFile>>,
    /// `dependencies/<sprint>.toml`.
    pub dependencies: Vec<Arc<SourceFile>>,
    /// `releases.toml`, when there is one.
    pub releases: Option<Arc<SourceFile>>,
    /// `incidents.toml`, when there is one.
    pub incidents: Option<Arc<SourceFile>>,
    /// `events.toml`, when there is one.
    pub events: Option<Arc<SourceFile>>,
}

impl LedgerSources {
    /// Reads every work-data file under `content/data/` of `root` (a site needs `teams.toml`;
    /// the others are optional).
    pub fn read(root: &Path) -> Result<Self, Error> {
        let teams_path = Path::new(DATA_DIR).join("teams.toml");
        if !root.join(&teams_path).is_file() {
            return Err(Error::Refused(format!(
                "no `{}` in `{}`: a site needs at least one team (see `tally init`)",
                teams_path.display(),
                root.display()
            )));
        }
        let optional = |name: &str| -> Result<Option<Arc<SourceFile>>, Error> {
            let path = Path::new(DATA_DIR).join(name);
            if root.join(&path).is_file() {
                read_source(root, &path).map(Some)
            } else {
                Ok(None)
            }
        };
        let read_all = |paths: Vec<PathBuf>| {
            paths
                .par_iter()
                .map(|path| read_source(root, path))
                .collect::<Result<Vec<_>, Error>>()
        };
        Ok(Self {
            teams: Some(read_source(root, &teams_path)?),
            sprints: read_all(toml_files(root, "sprints")?)?,
            initiatives: optional("initiatives.toml")?,
            systems: optional("systems.toml")?,
            debt: optional("debt.toml")?,
            scenarios: optional("scenarios.toml")?,
            dependencies: read_all(toml_files(root, "dependencies")?)?,
            releases: optional("releases.toml")?,
            incidents: optional("incidents.toml")?,
            events: optional("events.toml")?,
        })
    }
}

/// `content/data/<folder>/*.toml`, sorted by path so that runs are deterministic.
fn toml_files(root: &Path, folder: &str) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(DATA_DIR).join(folder);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Io {
            action: "could not list",
            path: dir.clone(),
            source: e.into(),
        })?;
        if let Some(relative) = relative_file(root, &entry)
            && relative.extension().is_some_and(|e| e == "toml")
        {
            paths.push(relative);
        }
    }
    Ok(paths)
}
