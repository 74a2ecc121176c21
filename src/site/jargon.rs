//! Warnings for engineering jargon that the glossary does not explain, for `tally check`: the
//! readers are executives and finance, so each such word is pointed out where it is first used.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::prose::reading::prose_ranges;
use crate::site::loading::Site;
use crate::words::jargon::JargonMatcher;

impl Site {
    /// A warning for the first use on each page of engineering jargon that the glossary does
    /// not define, in the words readers read (never code, raw HTML, link destinations or
    /// addresses).
    pub fn jargon_warnings(&self) -> Vec<Diagnostic> {
        let Some(matcher) = JargonMatcher::new(&self.config.jargon_names) else {
            return Vec::new();
        };
        let mut warnings: Vec<Diagnostic> = self
            .content
            .narratives
            .par_iter()
            .flat_map_iter(|narrative| {
                let body = narrative.body();
                let mut seen = HashSet::new();
                let mut found = Vec::new();
                let uses = prose_ranges(body).into_iter().flat_map(|range| {
                    let start = range.start;
                    matcher
                        .find_in(&body[range])
                        .into_iter()
                        .map(move |(s, e, term)| (start + s, start + e, term))
                });
                for (start, end, term) in uses {
                    let words = &body[start..end];
                    let defined = self.glossary.defines(term)
                        || self.glossary.defines(words)
                        || self.glossary.find_in(words).iter().any(|(s, e, _)| *s == 0 && *e == words.len());
                    // Once per term and page, whatever its spelling or plural.
                    if defined || !seen.insert(term.to_lowercase()) {
                        continue;
                    }
                    let offset = narrative.body_offset;
                    found.push(
                        Diagnostic::error(&narrative.source, offset + start..offset + end, format!(
                            "`{words}` is engineering jargon that the glossary does not explain"
                        ))
                        .warning()
                        .with_help(format!(
                            "add it to content/glossary.toml ([[term]] with term = \"{term}\" and a plain `means`), or say it in everyday words"
                        )),
                    );
                }
                found
            })
            .collect();
        warnings.sort_by_key(|d| {
            (
                d.path().map(Path::to_path_buf),
                d.location.as_ref().map(|l| l.span.start),
            )
        });
        warnings
    }
}
