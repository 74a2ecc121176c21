//! Why a command failed: the library's one error type, at the bottom of the crate.
//!
//! Every stage returns [`Error`]; problems in the user's input travel inside it as located
//! [`Diagnostic`]s, and the edge (the CLI or the dev server) decides how to show them. This
//! module imports nothing of the crate but the diagnostics, so any stage can use it.

use std::path::PathBuf;

use crate::diagnostics::{self, Diagnostic, Diagnostics};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's input has problems; each one is located in its file.
    #[error("{}", summarize("the site", .0))]
    Invalid(Vec<Diagnostic>),
    /// A tracker export given to `tally import` has problems; each one is located in the
    /// export. (The site itself may be fine.)
    #[error("{}", summarize("the export", .0))]
    Export(Vec<Diagnostic>),
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
    Chart(#[from] ChartError),
}

fn summarize(whose: &str, diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .count();
    match errors {
        1 => format!("{whose} has 1 error"),
        n => format!("{whose} has {n} errors"),
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

    /// The problems found in the input, if there are any: `Ok` when there are none.
    pub fn invalid_if_any(problems: Vec<Diagnostic>) -> Result<(), Self> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Gathers results worked out one by one (often in parallel): every value when all
    /// succeeded, else every problem in the input among them, so that each mistake is reported
    /// and not only the first. An error of another kind is returned as soon as it is met.
    pub fn gather<T>(results: impl IntoIterator<Item = Result<T, Self>>) -> Result<Vec<T>, Self> {
        let mut values = Vec::new();
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(value) => values.push(value),
                Err(Error::Invalid(diagnostics)) => problems.extend(diagnostics),
                Err(other) => return Err(other),
            }
        }
        Error::invalid_if_any(problems).map(|()| values)
    }
}

/// A chart could not be drawn (a plotters error; not expected on valid data).
#[derive(Debug, thiserror::Error)]
#[error("could not draw the chart `{chart}`: {message}")]
pub struct ChartError {
    /// The chart's id.
    pub chart: String,
    /// What plotters said.
    pub message: String,
}

/// An error as the CLI prints it: every located report, then a one-line summary.
pub fn report_text(error: &Error) -> String {
    report_with(error, false)
}

/// [`report_text`], with terminal colours when `color` is set.
pub fn report_with(error: &Error, color: bool) -> String {
    let mut text = String::new();
    if let Error::Invalid(diagnostics) | Error::Export(diagnostics) = error {
        for diagnostic in diagnostics {
            text.push_str(&diagnostic.render(color));
            text.push_str("\n\n");
        }
    }
    text.push_str(&format!("tally: {error}"));
    text
}

/// How the findings of a check become its result; here rather than beside [`Diagnostics`], so
/// that the diagnostics know nothing of the error type.
impl Diagnostics {
    /// `Err` with every finding when any error was recorded, else `Ok(value)` (warnings dropped).
    pub fn finish<T>(self, value: T) -> Result<(T, Vec<Diagnostic>), Error> {
        let errors = self.has_errors();
        let items = self.into_vec();
        if errors {
            Err(Error::Invalid(items))
        } else {
            Ok((value, items))
        }
    }
}
