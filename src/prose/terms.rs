//! Glossary links: the first use of each term on a page becomes a link to its entry, with the
//! meaning as a tooltip that needs no JavaScript.

use crate::load::glossary::{Glossary, Term};
use crate::text::escape_xml;

/// Links the first use of each glossary term on one page.
pub struct TermLinks<'a> {
    /// The glossary.
    pub glossary: &'a Glossary,
    /// The way back to the site root from the page.
    pub root: String,
    /// Terms already linked on this page (indices).
    pub used: std::collections::HashSet<usize>,
}

/// A piece of text after linking: plain text, or the HTML of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text to keep as it is.
    Text(String),
    /// A glossary link's HTML.
    Html(String),
}

impl TermLinks<'_> {
    /// Splits `text` around the first use on this page of each term; `None` when nothing to link.
    pub fn link(&mut self, text: &str) -> Option<Vec<Piece>> {
        let mut pieces = Vec::new();
        let mut from = 0;
        for (start, end, term) in self.glossary.find_in(text) {
            if start < from || !self.used.insert(term) {
                continue;
            }
            if start > from {
                pieces.push(Piece::Text(text[from..start].to_string()));
            }
            let entry = &self.glossary.terms[term];
            let id = format!("term-{}", entry.anchor);
            pieces.push(Piece::Html(term_link(
                entry,
                &text[start..end],
                &self.root,
                &id,
            )));
            from = end;
        }
        if pieces.is_empty() {
            return None;
        }
        if from < text.len() {
            pieces.push(Piece::Text(text[from..].to_string()));
        }
        Some(pieces)
    }
}

/// The HTML of a glossary link: the word, linking to its entry, with the meaning as a tooltip
/// that shows on hover and on keyboard focus (CSS only) and is read by screen readers as the
/// link's description.
pub fn term_link(term: &Term, shown: &str, root: &str, id: &str) -> String {
    format!(
        "<a class=\"term\" href=\"{root}glossary/index.html#{anchor}\" aria-describedby=\"{id}\">{shown}</a><span class=\"term-tip\" role=\"tooltip\" id=\"{id}\">{means}</span>",
        anchor = term.anchor,
        shown = escape_xml(shown),
        means = escape_xml(&term.means),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_escape_the_meaning() {
        let term = Term {
            term: "API".into(),
            aka: vec![],
            means: "A <door> & more".into(),
            example: None,
            anchor: "api".into(),
        };
        let html = term_link(&term, "APIs", "../", "t1");
        assert!(html.contains("href=\"../glossary/index.html#api\""));
        assert!(html.contains("A &lt;door&gt; &amp; more"));
    }
}
