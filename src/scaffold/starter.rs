//! The starter site that `tally init` writes: small, complete, and meant to be replaced.

use std::path::Path;

use crate::error::Error;

/// One file of the starter site: its path in the site, and its text, read at compile time from
/// the same path under `src/scaffold/starter/`.
macro_rules! starter_file {
    ($path:literal) => {
        ($path, include_str!(concat!("starter/", $path)))
    };
}

/// The starter site's files: (path, text). They live under `src/scaffold/starter/` as the site
/// they make, so that they read and edit as what they are.
pub const FILES: &[(&str, &str)] = &[
    starter_file!("site.toml"),
    starter_file!("content/_index.md"),
    starter_file!("content/data/teams.toml"),
    starter_file!("content/data/sprints/2026-01.toml"),
    starter_file!("content/data/sprints/2026-02.toml"),
    starter_file!("content/sprints/2026-02.md"),
];

/// Writes the starter site into `dir`, which must not exist or be empty. Returns how many
/// files were written.
pub fn write(dir: &Path) -> Result<usize, Error> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(Error::io("could not read", dir))?;
        if entries.next().is_some() {
            return Err(Error::Refused(format!(
                "`{}` is not empty; tally init only writes into a new or empty folder",
                dir.display()
            )));
        }
    }
    for (path, text) in FILES {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("could not create", parent))?;
        }
        std::fs::write(&full, text).map_err(Error::io("could not write", &full))?;
    }
    Ok(FILES.len())
}
