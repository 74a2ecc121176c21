//! Located, fixable error reports.
//!
//! Every problem in a user's input becomes a [`Diagnostic`]: the file, the byte span inside it,
//! what is wrong, and how to fix it. The library only builds them; the CLI (or the dev server)
//! decides how to show them. Rendering uses `annotate-snippets`, so reports look like rustc's:
//! the offending line, a caret under the span, and `help:` lines.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// A file the user wrote, kept whole so that errors can quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user knows it: relative to the site root where possible.
    pub path: PathBuf,
    /// The file's full text.
    pub text: String,
}

impl SourceFile {
    /// The byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line {
            match self.text[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[offset..];
        offset
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }

    /// Wraps a file's text for later quoting.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        // A byte-order mark is invisible to the author: it is not a column.
        let col = before[line_start..]
            .chars()
            .filter(|c| *c != '\u{feff}')
            .count()
            + 1;
        (line, col)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the site can still be built.
    Warning,
}

/// One problem found in the user's input.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, as one sentence.
    pub message: String,
    /// Where: the file and, when known, the byte span inside it.
    pub location: Option<Location>,
    /// A short note under the caret, e.g. "not defined in teams.toml".
    pub label: Option<String>,
    /// How to fix it; each entry becomes a `help:` line.
    pub help: Vec<String>,
}

/// A place in a source file.
#[derive(Debug, Clone)]
pub struct Location {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Byte range in the file's text; an empty range points between two characters.
    pub span: Range<usize>,
}

impl Diagnostic {
    /// An error at a span of a file.
    pub fn error(file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            location: Some(Location {
                file: Arc::clone(file),
                span,
            }),
            label: None,
            help: Vec::new(),
        }
    }

    /// An error about a whole file, or no file at all.
    pub fn error_in(file: Option<&Arc<SourceFile>>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            location: file.map(|file| Location {
                file: Arc::clone(file),
                span: 0..0,
            }),
            label: None,
            help: Vec::new(),
        }
    }

    /// Turns this into a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds the note shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a `help:` line saying how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// The file's path, when the diagnostic has one.
    pub fn path(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.file.path.as_path())
    }

    /// 1-based line and column of the start of the span.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location
            .as_ref()
            .map(|l| l.file.line_col(l.span.start))
    }

    /// `path:line:col`, or just the path, or nothing.
    pub fn position(&self) -> Option<String> {
        let location = self.location.as_ref()?;
        let (line, col) = location.file.line_col(location.span.start);
        Some(format!("{}:{line}:{col}", location.file.path.display()))
    }

    /// Renders the diagnostic as rustc-style text, with or without terminal colours.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path_text;
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        if let Some(location) = &self.location {
            path_text = location.file.path.display().to_string();
            let text = location.file.text.as_str();
            let span = clamp_span(text, &location.span);
            let mut annotation = AnnotationKind::Primary.span(span);
            if let Some(label) = &self.label {
                annotation = annotation.label(label.as_str());
            }
            group = group.element(
                Snippet::source(text)
                    .path(path_text.as_str())
                    .fold(true)
                    .annotation(annotation),
            );
        }
        for help in &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        renderer.render(&report)
    }
}

/// Keeps a span inside the text and on character boundaries, so rendering never panics.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    start..end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Suggests the known name closest to an unknown one, for "did you mean" hints.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let unknown_lower = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&unknown_lower, &k.to_lowercase()), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// "did you mean `x`? Known: a, b, c" help text for an unknown name.
pub fn unknown_name_help<'a>(
    unknown: &str,
    kind: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let list: Vec<&str> = known.clone().into_iter().collect();
    let listing = if list.is_empty() {
        format!("no {kind} is defined yet")
    } else {
        format!("the known {} are: {}", plural(kind), list.join(", "))
    };
    match closest(unknown, known) {
        Some(best) => format!("did you mean `{best}`? {listing}"),
        None => listing,
    }
}

/// `team` → `teams`, `category` → `categories`.
fn plural(noun: &str) -> String {
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

/// Everything that went wrong in one run, so authors fix all problems in one pass.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records several problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All recorded problems.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Takes the recorded problems out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let file = SourceFile::new("a.toml", "ab\ncdé f\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(file.line_col(8), (2, 5));
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let file = SourceFile::new("a.toml", "é");
        let diagnostic = Diagnostic::error(&file, 1..99, "bad");
        let text = diagnostic.render(false);
        assert!(text.contains("a.toml:1:1"), "{text}");
    }

    #[test]
    fn render_shows_path_line_column_and_help() {
        let file = SourceFile::new(
            "content/data/teams.toml",
            "[[team]]\nid = \"pay\"\npeple = 3\n",
        );
        let diagnostic = Diagnostic::error(&file, 20..25, "unknown field `peple`")
            .with_label("not a team field")
            .with_help("did you mean `people`?");
        let text = diagnostic.render(false);
        assert!(text.contains("content/data/teams.toml:3:1"), "{text}");
        assert!(text.contains("peple = 3"), "{text}");
        assert!(text.contains("help: did you mean `people`?"), "{text}");
    }

    #[test]
    fn closest_name_is_suggested() {
        assert_eq!(
            closest("paymnts", ["payments", "platform"]),
            Some("payments")
        );
        assert_eq!(closest("zzz", ["payments", "platform"]), None);
    }
}
