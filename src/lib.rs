//! tally: a static site generator for technical accounting.
//!
//! The pipeline follows the data, one module per stage:
//! [`config`] (site.toml) → [`content`] (narratives) and [`ledger`] (work data) →
//! [`accounts`] (the maths) → [`narrate`] (sentences from numbers) and [`charts`] →
//! [`render`] (templates) and [`export`] (accounts.json) → [`site`] (build and output).
//! Every problem in the user's input is a located [`diagnostics::Diagnostic`].

pub mod accounts;
pub mod charts;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod directives;
pub mod export;
pub mod feeds;
pub mod glossary;
pub mod import;
pub mod input;
pub mod jargon;
pub mod ledger;
pub mod links;
pub mod narrate;
pub mod outputs;
pub mod pages;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod starter;
pub mod theme;
pub mod urls;

use std::path::PathBuf;

pub use diagnostics::Diagnostic;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's input has problems; each one is located in its file.
    #[error("{}", summarize(.0))]
    Invalid(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        /// What tally was doing, e.g. "could not read".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// tally declined to go on, to protect the user's files or because a precondition is missing.
    #[error("{0}")]
    Refused(String),
    /// The built site could not be written to its output folder (disk full, permissions, a
    /// folder in the way). Exit code 3.
    #[error("{message}{}", .source.as_ref().map(|s| format!(": {s}")).unwrap_or_default())]
    Write {
        /// What failed, naming the file or folder.
        message: String,
        /// The operating system's error, when there is one.
        #[source]
        source: Option<std::io::Error>,
    },
    /// tally will not write the site where it was asked to, because that would replace or
    /// delete files it did not write (the site's own sources, or a folder it did not create).
    /// Exit code 4.
    #[error("{0}")]
    OutputRefused(String),
    /// A chart could not be drawn.
    #[error(transparent)]
    Chart(#[from] charts::ChartError),
}

fn summarize(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .count();
    match errors {
        1 => "the site has 1 error".to_string(),
        n => format!("the site has {n} errors"),
    }
}

impl Error {
    /// Wraps an I/O error with what was being done and to which path.
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}
