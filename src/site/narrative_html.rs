//! A narrative's HTML: its directives expanded (values, deltas, glossary terms and charts),
//! then its markdown rendered with glossary links and heading ids that do not clash with the
//! ids already on the page it is shown on.

use std::collections::{HashMap, HashSet};

use crate::charts::{Chart, ChartRequest};
use crate::error::Error;
use crate::load::narratives::Narrative;
use crate::pages::render::Renderer;
use crate::prose::directives::{self, Directive, Located};
use crate::prose::markdown::{self, Figures, RenderOptions, Rendered, root_prefix};
use crate::prose::terms::{TermLinks, term_link};
use crate::site::loading::Site;
use crate::text::escape_markdown_inline;

/// A narrative's markdown with its directives expanded, and what the expansion used.
struct Expanded {
    /// The markdown, each chart replaced by a placeholder.
    text: String,
    /// The glossary terms (by index) the directives linked.
    used: HashSet<usize>,
    /// Whether a chart was placed.
    has_charts: bool,
    /// The charts' HTML, put in place of their placeholders after parsing.
    figures: Figures,
    /// (where in `text`, where in the body, whether copied as written): one entry per piece of
    /// `text`, so that a place in the rendered text can be traced back to the file.
    pieces: Vec<(usize, usize, bool)>,
}

impl Expanded {
    /// The place in the narrative's body that the byte `at` of the expanded text came from
    /// (the directive's start, for text a directive wrote).
    fn source_of(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|(start, _, _)| *start <= at);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, body, true)) => body + (at - start),
            Some((_, body, false)) => body,
            None => at,
        }
    }
}

impl Site {
    /// Expands a narrative's directives, then renders its markdown with glossary links.
    pub(super) fn render_narrative(
        &self,
        narrative: &Narrative,
        found: &[Located],
        charts: &HashMap<ChartRequest, Chart>,
        renderer: &Renderer,
    ) -> Result<Rendered, Error> {
        let root = root_prefix(&narrative.address);
        let expanded = self.expand_directives(narrative, found, charts, renderer, &root)?;
        Ok(self.finish_narrative(narrative, found, charts, expanded, root))
    }

    /// The HTML of a narrative without directives: its markdown with glossary links. It cannot
    /// fail, so a build renders it only when a page that shows it is rendered.
    pub(super) fn render_plain_narrative(&self, narrative: &Narrative) -> Rendered {
        let root = root_prefix(&narrative.address);
        let body = narrative.body();
        let expanded = Expanded {
            text: body.to_string(),
            used: HashSet::new(),
            has_charts: false,
            figures: Figures::for_text(body),
            pieces: vec![(0, 0, true)],
        };
        self.finish_narrative(narrative, &[], &HashMap::new(), expanded, root)
    }

    /// Renders the expanded markdown, with glossary links and heading ids that the page does
    /// not use already, and locates its links in the file.
    fn finish_narrative(
        &self,
        narrative: &Narrative,
        found: &[Located],
        charts: &HashMap<ChartRequest, Chart>,
        mut expanded: Expanded,
        root: String,
    ) -> Rendered {
        let mut links = TermLinks {
            glossary: &self.glossary,
            root,
            used: std::mem::take(&mut expanded.used),
        };
        let taken = self.ids_around(narrative, found, charts);
        let options = RenderOptions {
            figures: &expanded.figures,
            taken: &taken,
            title: Some(&narrative.title),
            smart_punctuation: self.config.markdown.smart_punctuation,
        };
        let mut rendered = markdown::render_markdown_with(
            &expanded.text,
            &narrative.address,
            &narrative.source.path,
            Some(&mut links),
            options,
        );
        rendered.has_charts = expanded.has_charts;
        // Links are reported in the file: from the expanded text back to where they were written.
        let offset = narrative.body_offset;
        for link in &mut rendered.links {
            let start = expanded.source_of(link.span.start);
            let end = expanded.source_of(link.span.end).max(start);
            link.span = offset + start..offset + end;
        }
        rendered
    }

    /// A narrative's body with each directive replaced by what it shows.
    fn expand_directives(
        &self,
        narrative: &Narrative,
        found: &[Located],
        charts: &HashMap<ChartRequest, Chart>,
        renderer: &Renderer,
        root: &str,
    ) -> Result<Expanded, Error> {
        let books = &self.books();
        let body = narrative.body();
        let offset = narrative.body_offset;
        let mut out = Expanded {
            text: String::with_capacity(body.len() + 256),
            used: HashSet::new(),
            has_charts: false,
            figures: Figures::for_text(body),
            pieces: Vec::new(),
        };
        let mut last = 0;
        for located in found {
            let start = located.span.start - offset;
            out.pieces.push((out.text.len(), last, true));
            out.text.push_str(&body[last..start]);
            out.pieces.push((out.text.len(), start, false));
            match &located.directive {
                Directive::Value(measure) => {
                    let value = directives::value_text(measure, books);
                    out.text.push_str(&escape_markdown_inline(&value));
                }
                Directive::Delta(measure) => {
                    let delta = directives::delta_text(measure, books);
                    out.text.push_str(&escape_markdown_inline(&delta));
                }
                Directive::Term(index, words) => {
                    out.used.insert(*index);
                    let term = &self.glossary.terms[*index];
                    let id = format!("term-{}-{}", term.anchor, located.span.start);
                    out.text.push_str(&term_link(term, words, root, &id));
                }
                Directive::Chart(request) => {
                    if let Some(chart) = charts.get(request) {
                        out.has_charts = true;
                        let figure = renderer.render_figure(
                            chart,
                            root,
                            &narrative.source.path.display().to_string(),
                        )?;
                        // Placed after parsing, so that a chart in a paragraph, a list or
                        // a quote ends up whole and in valid HTML.
                        let lines: Vec<&str> =
                            figure.lines().filter(|l| !l.trim().is_empty()).collect();
                        out.text
                            .push_str(&out.figures.placeholder(lines.join("\n")));
                    }
                }
            }
            last = located.span.end - offset;
        }
        out.pieces.push((out.text.len(), last, true));
        out.text.push_str(&body[last..]);
        Ok(out)
    }

    /// The ids already used on the page a narrative is shown on, that its headings must not
    /// take: glossary tooltips, its charts' figures and drawings, and the entries of the
    /// glossary page or the debt ledger when it is shown there.
    fn ids_around(
        &self,
        narrative: &Narrative,
        found: &[Located],
        charts: &HashMap<ChartRequest, Chart>,
    ) -> HashSet<String> {
        let mut taken: HashSet<String> = self
            .glossary
            .terms
            .iter()
            .map(|t| format!("term-{}", t.anchor))
            .collect();
        for located in found {
            if let Directive::Chart(request) = &located.directive
                && let Some(chart) = charts.get(request)
            {
                taken.extend(["", "-title", "-desc"].map(|end| format!("{}{end}", chart.id)));
            }
        }
        match narrative.address.as_str() {
            "glossary/" => taken.extend(self.glossary.terms.iter().map(|t| t.anchor.clone())),
            "debt/" => taken.extend(self.ledger.debts.iter().map(|d| d.id.clone())),
            _ => {}
        }
        taken
    }
}
