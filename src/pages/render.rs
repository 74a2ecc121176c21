//! Templates: turning the accounts, charts and narratives into HTML pages with tera.
//!
//! The theme's templates are registered under `theme/NAME` and the site's overrides under `NAME`;
//! tera's fallback prefixes pick the override when there is one, so a site can replace any
//! template (and an override can still `{% extends "theme/base.html" %}`).
//! Every value a template shows is prepared here as plain text; templates only lay it out.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::load::theme::Theme;
use crate::text::css_string;

/// The template engine with the theme and the site's overrides loaded.
pub struct Renderer {
    tera: Tera,
    sources: HashMap<String, Arc<SourceFile>>,
    fingerprint: u64,
}

impl Renderer {
    /// Compiles every template; a syntax error is reported in its file with line and column.
    pub fn new(theme: &Theme) -> Result<Self, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_fallback_prefixes(["theme/"])
            .map_err(|e| Error::Refused(e.to_string()))?;
        // `{{ text | css_string }}`: text inside a double-quoted CSS string in a `<style>`
        // element (the running header of printed pages).
        tera.register_filter(
            "css_string",
            |text: &str, _: tera::Kwargs, _: &tera::State| {
                tera::Value::safe_string(&css_string(text))
            },
        );
        let mut sources = HashMap::new();
        let mut templates = Vec::new();
        for file in &theme.theme_templates {
            let name = format!("theme/{}", file.name);
            sources.insert(name.clone(), Arc::clone(&file.source));
            templates.push((name, file.source.text.clone()));
        }
        for file in &theme.site_templates {
            sources.insert(file.name.clone(), Arc::clone(&file.source));
            templates.push((file.name.clone(), file.source.text.clone()));
        }
        let fingerprint = templates_fingerprint(&templates);
        let renderer_sources = sources.clone();
        tera.add_raw_templates(templates)
            .map_err(|e| Error::Invalid(vec![template_diagnostic(&renderer_sources, None, &e)]))?;
        Ok(Self {
            tera,
            sources,
            fingerprint,
        })
    }

    /// A hash of every template and of tally's version: a page renders alike in two builds
    /// when this and its context's fingerprint are the same in both.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders `template` with `context`. `page` names the page, for error reports.
    pub fn render(&self, template: &str, context: &Context, page: &str) -> Result<String, Error> {
        self.tera
            .render(template, context)
            .map_err(|e| Error::Invalid(vec![template_diagnostic(&self.sources, Some(page), &e)]))
    }

    /// Renders one chart's figure (the `partials/figure.html` template) for a page at `root`.
    pub fn render_figure(
        &self,
        chart: &crate::charts::Chart,
        root: &str,
        page: &str,
    ) -> Result<String, Error> {
        let mut context = Context::new();
        context.insert("chart", chart);
        context.insert("root", root);
        self.render("partials/figure.html", &context, page)
    }

    /// Whether a template of this name exists (in the site or the theme).
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

/// The hash of the templates (names and text, by name) and of the version of tally, whose
/// filters and page values the templates are rendered with.
fn templates_fingerprint(templates: &[(String, String)]) -> u64 {
    let mut by_name: Vec<&(String, String)> = templates.iter().collect();
    by_name.sort();
    crate::text::fingerprint(&(env!("CARGO_PKG_VERSION"), by_name))
}

/// Turns a tera error into a located diagnostic in the template file.
fn template_diagnostic(
    sources: &HashMap<String, Arc<SourceFile>>,
    page: Option<&str>,
    error: &tera::Error,
) -> Diagnostic {
    let while_rendering = page
        .map(|p| format!(" (while rendering `{p}`)"))
        .unwrap_or_default();
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let kind = if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            let message = format!("{kind}: {}{while_rendering}", report.message());
            let diagnostic = match sources.get(report.filename()) {
                Some(file) => Diagnostic::error(file, report.span().range.clone(), message),
                None => Diagnostic::error_in(None, format!("{message} in `{}`", report.filename())),
            };
            diagnostic.with_help(
                "fix the template (the tera syntax is documented at keats.github.io/tera), or remove the override to use the theme's",
            )
        }
        tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::MissingParent { current: tpl, .. } => {
            let message = format!("template error: {}{while_rendering}", error.kind());
            let diagnostic = match sources.get(tpl.as_str()) {
                Some(file) => {
                    let start = file.text.find("extends").unwrap_or(0);
                    Diagnostic::error(file, start..start + 7, message)
                }
                None => Diagnostic::error_in(None, message),
            };
            diagnostic.with_help(
                "to build on the theme's template of the same name, write {% extends \"theme/base.html\" %} (with that template's name)",
            )
        }
        _ => located_report(sources, &error.to_string(), &while_rendering).unwrap_or_else(|| {
            Diagnostic::error_in(None, format!("template error: {error}{while_rendering}"))
                .with_help("check that the templates your site overrides exist and extend templates that exist")
        }),
    }
}

/// Some tera errors (an unknown template, filter or function) arrive as a rendered report:
/// `error: MESSAGE` then `--> NAME:LINE:COL`. Re-locate the first one in our own file.
fn located_report(
    sources: &HashMap<String, Arc<SourceFile>>,
    text: &str,
    while_rendering: &str,
) -> Option<Diagnostic> {
    let mut lines = text.lines().map(str::trim);
    let message = lines.find_map(|l| l.strip_prefix("error: "))?;
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let place = lines.find_map(|l| l.strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let file = sources
        .get(name)
        .or_else(|| sources.get(&format!("theme/{name}")))?;
    let start = file.offset_of(line, col);
    let end = file.text[start..]
        .find(char::is_whitespace)
        .map_or(file.text.len(), |i| start + i);
    Some(
        Diagnostic::error(file, start..end, format!("template error: {message}{while_rendering}"))
            .with_help("check the name: templates, filters and functions must exist in your site's templates/ or in the theme"),
    )
}

/// A link in the navigation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct NavItem {
    /// What the reader sees.
    pub label: String,
    /// The href, relative to the current page.
    pub href: String,
    /// Whether the current page is this item or below it.
    pub current: bool,
}

/// A link to another page, with optional detail.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The page title.
    pub title: String,
    /// The href, relative to the current page.
    pub href: String,
    /// A short line under the title.
    pub note: String,
    /// An ISO date, when the page has one.
    pub date: String,
}
