//! Finding directives in a narrative's markdown: `{{ ... }}` outside code spans, code blocks
//! and raw HTML, each parsed, checked and then checked for its place (a chart cannot sit in a
//! heading or a link). Returns every directive with its span, or every problem at once.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::load::narratives::Narrative;
use crate::prose::markdown::markdown_options;

use super::check::check;
use super::problem::Problem;
use super::syntax::{Call, is_meant_as_directive, names_a_directive};
use super::types::{Directive, Located, Scope};

/// Byte ranges (relative to `body`) of code spans, code blocks and raw HTML, where `{{` is text.
pub fn protected_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.push(block_start.take().unwrap_or(range.start)..range.end);
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Where a piece of text sits in the markdown, as far as a directive cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In a paragraph, list item, table cell, quote or footnote: a chart can go here.
    Block,
    /// In a heading.
    Heading,
    /// In emphasized, strong, struck-through, super- or subscript text.
    Phrase,
    /// In a link's text or an image's description.
    Link,
}

/// Byte ranges (relative to `body`) of the text, each with the place it sits in.
fn text_places(body: &str) -> Vec<(Range<usize>, Place)> {
    let mut places = Vec::new();
    let mut open: Vec<Place> = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => open.push(match tag {
                Tag::Heading { .. } => Place::Heading,
                Tag::Link { .. } | Tag::Image { .. } => Place::Link,
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript => Place::Phrase,
                _ => Place::Block,
            }),
            Event::End(_) => {
                open.pop();
            }
            Event::Text(_) => {
                // The strictest place around the text decides.
                let place = [Place::Link, Place::Heading, Place::Phrase]
                    .into_iter()
                    .find(|p| open.contains(p))
                    .unwrap_or(Place::Block);
                places.push((range, place));
            }
            _ => {}
        }
    }
    places
}

/// A chart is a block (a figure with a table): it can stand in a paragraph, which is closed
/// around it, but not inside a heading, a link or emphasized words. A glossary term is a link,
/// so it cannot go inside another link.
fn check_place(directive: &Directive, place: Option<Place>) -> Result<(), Problem> {
    let chart_help = "put the chart on a line of its own, with a blank line before and after";
    match (directive, place) {
        (Directive::Chart(_), None) => {
            Err(Problem::new("a chart can only go in the text of the page", None).help(chart_help))
        }
        (Directive::Chart(_), Some(Place::Heading)) => {
            Err(Problem::new("a chart cannot go inside a heading", None)
                .help("put the chart on a line of its own, after the heading"))
        }
        (Directive::Chart(_), Some(Place::Phrase)) => Err(Problem::new(
            "a chart cannot go inside emphasized or struck-through words",
            None,
        )
        .help(chart_help)),
        (Directive::Chart(_), Some(Place::Link)) => {
            Err(Problem::new("a chart cannot go inside a link or an image", None).help(chart_help))
        }
        (Directive::Term(..), Some(Place::Link)) => Err(Problem::new(
            "a glossary term cannot go inside a link or an image: the term is a link itself",
            None,
        )
        .help("move the term out of the link, or write the words without `term`")),
        _ => Ok(()),
    }
}

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

/// Finds and checks every directive of a narrative. Returns the directives or every problem.
pub fn parse(narrative: &Narrative, scope: &Scope<'_>) -> Result<Vec<Located>, Vec<Diagnostic>> {
    let body = narrative.body();
    if !body.contains("{{") {
        // Most pages have no directive: skip the markdown pass that finds code spans.
        return Ok(Vec::new());
    }
    let offset = narrative.body_offset;
    let protected = protected_ranges(body);
    let places = text_places(body);
    let place_of = |at: usize| {
        places
            .iter()
            .find(|(range, _)| range.contains(&at))
            .map(|(_, place)| *place)
    };
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("{{") {
        let start = from + i;
        if inside(&protected, start) {
            from = start + 2;
            continue;
        }
        let Some(close) = body[start..].find("}}") else {
            let line = body[start + 2..].lines().next().unwrap_or("");
            if !names_a_directive(line) {
                from = start + 2;
                continue;
            }
            problems.push(
                Diagnostic::error(
                    &narrative.source,
                    offset + start..offset + start + 2,
                    "this directive is not closed",
                )
                .with_help(
                    "end it with `}}`, e.g. {{ value(metric=\"share\", category=\"ktlo\") }}",
                ),
            );
            break;
        };
        let end = start + close + 2;
        if !is_meant_as_directive(&body[start + 2..end - 2]) {
            // Prose such as "`{` became {{ and }}": left as written.
            from = start + 2;
            continue;
        }
        let call = Call::parse(&body[start + 2..end - 2], offset + start + 2);
        let located = call
            .and_then(|call| check(&call, narrative, scope))
            .and_then(|directive| check_place(&directive, place_of(start)).map(|()| directive));
        match located {
            Ok(directive) => found.push(Located {
                span: offset + start..offset + end,
                directive,
            }),
            Err(problem) => {
                problems.push(problem.into_diagnostic(narrative, offset + start..offset + end))
            }
        }
        from = end;
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}
