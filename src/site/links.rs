//! Link checking for `tally check`: every internal link and anchor of every page, and every
//! referenced file, must exist in the built site.
//!
//! A broken link is reported where it was written: in the narrative's markdown when it came
//! from one, else in the template that holds it, else on the page.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::load::narratives::Content;
use crate::load::theme::Theme;
use crate::prose::markdown::Rendered;
use crate::site::output::OutputFile;
use crate::text::html::{declared_ids, elements};

/// The `href` and `src` values of a page's elements, in order. Only real tags count: an
/// `href="` shown in a code block, or written in a comment or a script, is not a link.
pub fn references(html: &str) -> Vec<&str> {
    elements(html)
        .into_iter()
        .flat_map(|e| [e.attribute("href"), e.attribute("src")])
        .flatten()
        .collect()
}

/// Every anchor of a page: each element's `id`, and each `<a name="...">`.
pub fn ids(html: &str) -> HashSet<&str> {
    declared_ids(html).into_iter().collect()
}

/// Whether a reference leaves the site (another host, a mail address...).
fn is_external(reference: &str) -> bool {
    reference.contains("://")
        || ["mailto:", "tel:", "data:", "javascript:", "//"]
            .iter()
            .any(|p| reference.starts_with(p))
}

/// The file a relative reference from `page` points at, and its fragment; `None` when it
/// climbs above the site's root.
pub fn resolve(page: &str, reference: &str) -> Option<(String, Option<String>)> {
    // As written in the HTML attribute: `&#x27;` holds a `#` that is no fragment.
    let reference = reference.replace("&#x27;", "'").replace("&amp;", "&");
    let (path, fragment) = match reference.split_once('#') {
        // `#%C3%BCber` names the anchor `über`.
        Some((path, fragment)) => (path, Some(decoded(fragment))),
        None => (reference.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.is_empty() {
        return Some((page.to_string(), fragment));
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut file = parts.join("/");
    if decoded.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some((file, fragment))
}

/// A reference as the browser reads it: percent-escapes and the HTML entities pulldown-cmark
/// writes (`&amp;`, `&#x27;`) decoded.
fn decoded(reference: &str) -> String {
    let unescaped = reference.replace("&#x27;", "'").replace("&amp;", "&");
    percent_encoding::percent_decode_str(&unescaped)
        .decode_utf8_lossy()
        .into_owned()
}

/// Where the links of a built site were written: the narratives (with their rendered HTML, in
/// the same order) and the templates.
pub struct Sources<'a> {
    /// The narratives.
    pub content: &'a Content,
    /// Each narrative's HTML, in the order of `content.narratives`.
    pub html: &'a [&'a Rendered],
    /// The site's templates and the theme's.
    pub theme: &'a Theme,
}

/// Checks every page's links against the built files.
pub fn check(sources: &Sources<'_>, files: &[OutputFile]) -> Vec<Diagnostic> {
    let pages: HashMap<&str, &str> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| {
            std::str::from_utf8(&f.bytes)
                .ok()
                .map(|html| (f.path.as_str(), html))
        })
        .collect();
    let existing: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let anchors: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|(path, html)| (*path, ids(html)))
        .collect();
    let mut broken: Vec<(String, String, String)> = pages
        .par_iter()
        // The not-found page links from the site's base address, wherever it is served.
        .filter(|(path, _)| **path != "404.html")
        .flat_map_iter(|(path, html)| {
            let mut problems = Vec::new();
            for reference in references(html) {
                if is_external(reference) {
                    continue;
                }
                let problem = match resolve(path, reference) {
                    None => Some("it climbs above the site's root".to_string()),
                    Some((file, fragment)) => {
                        if !existing.contains(file.as_str()) {
                            Some(format!("`{file}` does not exist in the built site"))
                        } else {
                            match (fragment, anchors.get(file.as_str())) {
                                (Some(fragment), Some(ids))
                                    if !fragment.is_empty() && !ids.contains(fragment.as_str()) =>
                                {
                                    Some(format!("`{file}` has no anchor `#{fragment}`"))
                                }
                                _ => None,
                            }
                        }
                    }
                };
                if let Some(problem) = problem {
                    problems.push((path.to_string(), reference.to_string(), problem));
                }
            }
            problems
        })
        .collect();
    broken.sort();
    broken.dedup();
    let templates: Vec<Arc<SourceFile>> = sources
        .theme
        .site_templates
        .iter()
        .chain(&sources.theme.theme_templates)
        .map(|t| Arc::clone(&t.source))
        .collect();
    let mut reported = HashSet::new();
    broken
        .into_iter()
        .filter_map(|(page, reference, problem)| {
            let diagnostic = locate(sources, &templates, &page, &reference, &problem);
            // A template's broken link shows on every page: report it once.
            let key = (diagnostic.position(), reference, problem);
            reported.insert(key).then_some(diagnostic)
        })
        .collect()
}

/// Finds where a broken reference was written.
fn locate(
    sources: &Sources<'_>,
    templates: &[Arc<SourceFile>],
    page: &str,
    reference: &str,
    problem: &str,
) -> Diagnostic {
    let message = format!("broken link `{reference}` on page `{page}`: {problem}");
    let help = "fix the address, or create the page it points to; links between pages are written root-relative (`/sprints/2026-S23/`) or to the .md file";
    // A narrative on this page, whose markdown wrote the link.
    let address = page.strip_suffix("index.html").unwrap_or(page);
    if let Some(index) = sources.content.index_of(address) {
        let narrative = &sources.content.narratives[index];
        // The link's own place, as the markdown parser saw it: never another link that
        // merely starts the same (`#optionsconfig` in `#optionsconfigparsers`).
        if let Some(link) = sources.html[index]
            .links
            .iter()
            .find(|link| decoded(&link.href) == decoded(reference) && !link.span.is_empty())
        {
            return Diagnostic::error(&narrative.source, link.span.clone(), message)
                .with_help(help);
        }
        // Raw HTML in the markdown (`<a href="...">`) is written to the page as it is.
        let text = narrative.body();
        let quoted = ["href=\"", "src=\"", "href='", "src='"]
            .iter()
            .find_map(|attribute| {
                text.find(&format!("{attribute}{reference}"))
                    .map(|i| i + attribute.len())
            });
        if let Some(at) = quoted {
            let at = narrative.body_offset + at;
            return Diagnostic::error(&narrative.source, at..at + reference.len(), message)
                .with_help(help);
        }
    }
    // A template: look for the reference without the way back to the root.
    let tail = reference.trim_start_matches("../").trim_start_matches("./");
    for template in templates {
        if let Some(at) = template.text.find(tail) {
            return Diagnostic::error(template, at..at + tail.len(), message)
                .with_help("the link is written in this template");
        }
    }
    Diagnostic::error_in(None, message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_ids_are_found() {
        let html = r#"<a href="a/index.html">x</a> <img src="b.png" alt=""> <div data-href="no"></div> <h2 id="top">"#;
        assert_eq!(references(html), ["a/index.html", "b.png"]);
        assert!(ids(html).contains("top"));
    }

    #[test]
    fn relative_references_resolve_against_the_page() {
        // (page, reference, the file it names and its fragment; `None` when it leaves the site)
        let cases = [
            (
                "sprints/S1/index.html",
                "../../teams/a/index.html#cost",
                Some(("teams/a/index.html", Some("cost"))),
            ),
            ("index.html", "sprints/", Some(("sprints/index.html", None))),
            ("a/index.html", "#x", Some(("a/index.html", Some("x")))),
            ("index.html", "../x.html", None),
            (
                "index.html",
                "notes/it&#x27;s%20&amp;%20co/#top",
                Some(("notes/it's & co/index.html", Some("top"))),
            ),
            (
                "a/index.html",
                "../b%20%C3%BC%20%F0%9F%8E%89/",
                Some(("b ü 🎉/index.html", None)),
            ),
            (
                "a/index.html",
                "#%C3%BCber",
                Some(("a/index.html", Some("über"))),
            ),
            (
                "a/index.html",
                "my%20file.pdf",
                Some(("a/my file.pdf", None)),
            ),
        ];
        for (page, reference, expected) in cases {
            let expected = expected.map(|(file, fragment)| (file.into(), fragment.map(Into::into)));
            assert_eq!(resolve(page, reference), expected, "{reference} on {page}");
        }
    }
}
