//! A problem found in a directive, before it becomes a located [`Diagnostic`]: the message,
//! the span it points at (or none, for the whole directive) and its help lines.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::load::narratives::Narrative;

/// A problem in a directive: a message, where (absolute span, or the whole directive), help.
pub(super) struct Problem {
    message: String,
    span: Option<Range<usize>>,
    help: Vec<String>,
}

impl Problem {
    pub(super) fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Self {
            message: message.into(),
            span,
            help: Vec::new(),
        }
    }

    pub(super) fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    pub(super) fn into_diagnostic(self, narrative: &Narrative, whole: Range<usize>) -> Diagnostic {
        let mut diagnostic =
            Diagnostic::error(&narrative.source, self.span.unwrap_or(whole), self.message);
        for help in self.help {
            diagnostic = diagnostic.with_help(help);
        }
        diagnostic
    }
}
