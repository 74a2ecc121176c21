//! Markdown into HTML: the site's dialect, heading anchors, links that work from any depth,
//! glossary links and the figures that directives place.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use crate::prose::figures::Figures;
use crate::prose::figures::place_figures;

use crate::load::narratives::{CONTENT_DIR, address_of};
use crate::load::theme::THEME_IDS;
use crate::prose::terms::{Piece, TermLinks};
use crate::text::{escape_xml, slugify, unique_id};

/// A heading of a rendered narrative, for a table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// Markdown rendered to HTML.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings in order, with their anchor ids.
    pub headings: Vec<Heading>,
    /// Whether directives placed charts in it (the page then explains the categories).
    pub has_charts: bool,
    /// Every link and image: (the href as written to the page, the destination as written in
    /// the markdown), so a broken link can be reported where the author wrote it.
    pub links: Vec<(String, String)>,
}

/// The markdown dialect: CommonMark plus tables, footnotes, strikethrough and task lists.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders markdown for a page at `address`, giving headings unique anchors and turning
/// root-relative links (`/sprints/`) into relative ones, so the site works under any sub-path
/// and from `file://`.
///
/// With `terms`, the first use of each glossary term becomes a link to its entry; never inside
/// headings, links, images or code.
pub fn render_markdown(
    markdown: &str,
    address: &str,
    source: &Path,
    terms: Option<&mut TermLinks<'_>>,
) -> Rendered {
    render_markdown_with(
        markdown,
        address,
        source,
        terms,
        &Figures::default(),
        &HashSet::new(),
    )
}

/// [`render_markdown`], with the figures that directives placed in the markdown and the ids
/// that other parts of the page already use (headings get other anchors).
pub fn render_markdown_with(
    markdown: &str,
    address: &str,
    source: &Path,
    mut terms: Option<&mut TermLinks<'_>>,
    figures: &Figures,
    taken: &HashSet<String>,
) -> Rendered {
    let root = root_prefix(address);
    let folder = source_folder(source);
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, markdown_options()).collect();
    let headings = assign_heading_ids(&mut events, taken);
    let events = place_figures(merge_text(events), figures);
    let headers = table_headers(&events);
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut no_links = 0usize;
    let mut inside_html = 0usize;
    let mut links = Vec::new();
    for mut event in events {
        match &mut event {
            Event::InlineHtml(tag) => {
                let tag = tag.trim();
                if tag.starts_with("</") {
                    inside_html = inside_html.saturating_sub(1);
                } else if tag.starts_with('<') && !tag.ends_with("/>") && !is_void_element(tag) {
                    inside_html += 1;
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                no_links += 1;
                let written = dest_url.to_string();
                if let Some(rewritten) = relative_url(dest_url, &root)
                    .or_else(|| markdown_link(dest_url, &root, &folder))
                {
                    *dest_url = CowStr::from(rewritten);
                }
                links.push((dest_url.to_string(), written));
            }
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => no_links += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                no_links = no_links.saturating_sub(1);
            }
            Event::Text(text) if no_links == 0 && inside_html == 0 => {
                if let Some(pieces) = terms.as_deref_mut().and_then(|t| t.link(text)) {
                    out.extend(pieces.into_iter().map(|piece| match piece {
                        Piece::Text(t) => Event::Text(CowStr::from(t)),
                        Piece::Html(h) => Event::InlineHtml(CowStr::from(h)),
                    }));
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    let out = reflowing_tables(out, &headers);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered {
        html,
        headings,
        has_charts: false,
        links,
    }
}

/// Writes every table so that it reflows: in a `.table-wrap` box (reachable by keyboard, a
/// last resort should a table still not fit), with `class="reflow"` so that on a phone each
/// row becomes a card, and each body cell carrying its column's header text in `data-label`,
/// which the card shows before the value ("Status: late").
fn reflowing_tables<'a>(events: Vec<Event<'a>>, headers: &[Vec<String>]) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut tables = headers.iter();
    let mut labels: &[String] = &[];
    let mut in_head = false;
    let mut column = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Table(aligns)) => {
                alignments = aligns;
                labels = tables.next().map(Vec::as_slice).unwrap_or(&[]);
                out.push(Event::Html(CowStr::from(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table class=\"reflow\">",
                )));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::Html(CowStr::from("</tbody></table>\n</div>")));
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                out.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                out.push(Event::Start(Tag::TableRow));
            }
            Event::Start(Tag::TableCell) => {
                let align = alignment_style(alignments.get(column));
                let tag = if in_head {
                    format!("<th{align}>")
                } else {
                    let label = labels.get(column).map(String::as_str).unwrap_or("");
                    format!("<td{align} data-label=\"{}\">", escape_xml(label))
                };
                out.push(Event::Html(CowStr::from(tag)));
            }
            Event::End(TagEnd::TableCell) => {
                column += 1;
                out.push(Event::Html(CowStr::from(if in_head {
                    "</th>"
                } else {
                    "</td>"
                })));
            }
            other => out.push(other),
        }
    }
    out
}

/// The plain text of each table's header cells, table by table, as the author wrote them
/// (before glossary links are added).
fn table_headers(events: &[Event<'_>]) -> Vec<Vec<String>> {
    let mut tables = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_head = false;
    for event in events {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if in_head => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) if in_head => {
                if let (Some(text), Some(table)) = (cell.take(), tables.last_mut()) {
                    table.push(text.trim().to_string());
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(text);
                }
            }
            _ => {}
        }
    }
    tables
}

/// The `style` attribute pulldown-cmark gives a cell of a column aligned by its delimiter row.
fn alignment_style(alignment: Option<&Alignment>) -> &'static str {
    match alignment {
        Some(Alignment::Left) => " style=\"text-align: left\"",
        Some(Alignment::Center) => " style=\"text-align: center\"",
        Some(Alignment::Right) => " style=\"text-align: right\"",
        _ => "",
    }
}

/// Joins neighbouring text events (smart punctuation splits "people’s" in three), so that
/// glossary terms are found across them.
fn merge_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut merged: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        if let Event::Text(next) = &event
            && let Some(Event::Text(previous)) = merged.last_mut()
        {
            let mut joined = previous.to_string();
            joined.push_str(next);
            *previous = CowStr::from(joined);
            continue;
        }
        merged.push(event);
    }
    merged
}

/// Whether an opening tag is an HTML element without a closing tag (`<br>`, `<img ...>`).
fn is_void_element(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "br" | "img" | "hr" | "input" | "wbr" | "meta" | "source"
    )
}

/// `../` repeated once per folder level of `address`: the way back to the site root.
pub fn root_prefix(address: &str) -> String {
    "../".repeat(address.matches('/').count())
}

/// Rewrites `/a/b/` to `<root>a/b/index.html`; leaves external and relative links alone.
fn relative_url(url: &str, root: &str) -> Option<String> {
    let path = url.strip_prefix('/')?;
    if path.starts_with('/') {
        return None; // protocol-relative: external
    }
    let (path, fragment) = match path.find(['#', '?']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    Some(format!("{root}{file}{fragment}"))
}

/// The folder of a narrative's file inside `content/`, as `a/b/` (empty at the top).
fn source_folder(source: &Path) -> String {
    let inside = source.strip_prefix(CONTENT_DIR).unwrap_or(source);
    let mut folder = String::new();
    if let Some(parent) = inside.parent() {
        for part in parent.components() {
            folder.push_str(&part.as_os_str().to_string_lossy());
            folder.push('/');
        }
    }
    folder
}

/// Rewrites a relative link to another narrative's file (`../ops/report.md#cost`) to that
/// page's address, relative to this page. Leaves anything else alone.
fn markdown_link(url: &str, root: &str, folder: &str) -> Option<String> {
    if url.contains("://") || url.starts_with(['/', '#']) || url.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = match url.find('#') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    // `my%20file.md` names the file `my file.md`; the link to its page is encoded again.
    let path = crate::text::urls::decode_path(path);
    if !path.ends_with(".md") {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let file = parts.join("/");
    let (address, _) = address_of(Path::new(&file));
    Some(format!(
        "{}{fragment}",
        crate::text::urls::page_href(root, &address)
    ))
}

fn assign_heading_ids(events: &mut [Event<'_>], taken: &HashSet<String>) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashSet<String> = taken.clone();
    used.extend(THEME_IDS.iter().map(|id| id.to_string()));
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = heading_level(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| slugify(&text));
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let unique = unique_id(base, &mut used);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level,
                id: unique,
                text,
            });
            i = j;
        }
        i += 1;
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    #[test]
    fn the_way_back_to_the_root_follows_the_depth() {
        assert_eq!(root_prefix("guides/how/"), "../../");
        assert_eq!(root_prefix(""), "");
    }

    fn render_markdown_in(
        markdown: &str,
        address: &str,
        terms: Option<&mut TermLinks<'_>>,
    ) -> Rendered {
        render_markdown(markdown, address, Path::new("content/x.md"), terms)
    }

    #[test]
    fn links_to_markdown_files_point_at_their_pages() {
        let html = render_markdown(
            "[a](../ops/report.md#cost) [b](sibling.md) [c](../../escape.md) [d](notes.txt)",
            "guides/how/",
            Path::new("content/guides/how.md"),
            None,
        )
        .html;
        assert!(
            html.contains("href=\"../../ops/report/index.html#cost\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"../../guides/sibling/index.html\""),
            "{html}"
        );
        assert!(html.contains("href=\"../../escape.md\""), "{html}");
        assert!(html.contains("href=\"notes.txt\""), "{html}");
    }

    /// The HTML of `markdown` on the page at `address` (`root` leads back to the site root),
    /// with the terms of `glossary` (a glossary file's text) linked.
    fn render_with_glossary(markdown: &str, address: &str, root: &str, glossary: &str) -> String {
        let glossary =
            crate::load::glossary::Glossary::parse(&SourceFile::new("g.toml", glossary)).unwrap();
        let mut links = TermLinks {
            glossary: &glossary,
            root: root.into(),
            used: Default::default(),
        };
        render_markdown_in(markdown, address, Some(&mut links)).html
    }

    fn render_markdown_plain(markdown: &str, address: &str) -> Rendered {
        render_markdown(markdown, address, Path::new("content/x.md"), None)
    }

    #[test]
    fn first_uses_of_glossary_terms_link_outside_headings_links_and_code() {
        let html = render_with_glossary(
            "# The monolith\n\n[monolith](/x/) and `monolith`.\n\nThe Monolith grows. The monolith again.\n",
            "a/",
            "../",
            "[[term]]\nterm = \"monolith\"\nmeans = \"One big program.\"\n",
        );
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(html.contains("The <a class=\"term\" href=\"../glossary/index.html#monolith\" aria-describedby=\"term-monolith\">Monolith</a>"), "{html}");
        assert!(
            html.contains("<h1 id=\"the-monolith\">The monolith</h1>"),
            "{html}"
        );
    }

    #[test]
    fn nothing_inside_inline_html_is_linked_and_curly_apostrophes_match() {
        let html = render_with_glossary(
            "<span class=\"tip\">a fix</span> then people's worth and a fix<br> here.",
            "",
            "",
            "[[term]]\nterm = \"people's worth\"\nmeans = \"x\"\n[[term]]\nterm = \"fix\"\nmeans = \"y\"\n",
        );
        assert!(html.contains("<span class=\"tip\">a fix</span>"), "{html}");
        assert!(html.contains("#people-s-worth"), "{html}");
        assert!(
            html.contains("a <a class=\"term\" href=\"glossary/index.html#fix\""),
            "{html}"
        );
    }

    #[test]
    fn table_cells_carry_their_column_header_for_the_phone_cards() {
        let html = render_markdown_plain(
            "| Team | Status `now` | Share |\n|---|---|--:|\n| Payments | late | 40% |\n| A \"b\" | on track | 5% |\n",
            "a/",
        )
        .html;
        assert!(html.contains("<table class=\"reflow\">"), "{html}");
        assert!(html.contains("<th>Status <code>now</code></th>"), "{html}");
        assert!(
            html.contains("<td data-label=\"Status now\">late</td>"),
            "{html}"
        );
        assert!(
            html.contains("<td style=\"text-align: right\" data-label=\"Share\">40%</td>"),
            "{html}"
        );
        assert!(
            html.contains("<td data-label=\"Team\">A “b”</td>"),
            "{html}"
        );
        assert!(html.starts_with("<div class=\"table-wrap\""), "{html}");
        assert!(
            html.trim_end().ends_with("</tbody></table>\n</div>"),
            "{html}"
        );
    }

    #[test]
    fn headings_get_unique_anchors() {
        let rendered = render_markdown_plain(
            "# What we ask for\n\n## Intro\n\n## Intro\n\n## Custom {#mine}\n",
            "a/",
        );
        assert!(
            rendered.html.contains("<h1 id=\"what-we-ask-for\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"intro-2\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"mine\">"),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.headings.len(), 4);
    }

    #[test]
    fn heading_anchors_never_repeat_nor_take_the_theme_s_ids() {
        let rendered = render_markdown_plain(
            "# Intro\n\n# Intro\n\n# Intro 2\n\n# Main\n\n# Search box\n",
            "a/",
        );
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["intro", "intro-2", "intro-2-2", "main-2", "search-box-2"]
        );
    }

    #[test]
    fn root_links_become_relative_and_name_index_files() {
        let rendered = render_markdown_plain(
            "[s](/sprints/) [t](/teams/pay/#cost) [x](https://example.com/) [r](other.html) [h](/)",
            "guides/how/",
        );
        let html = rendered.html;
        assert!(html.contains("href=\"../../sprints/index.html\""), "{html}");
        assert!(
            html.contains("href=\"../../teams/pay/index.html#cost\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://example.com/\""), "{html}");
        assert!(html.contains("href=\"other.html\""), "{html}");
        assert!(html.contains("href=\"../../index.html\""), "{html}");
    }

    #[test]
    fn markdown_extensions_are_on() {
        let html = render_markdown_plain(
            "| a |\n|---|\n| 1 |\n\n~~x~~\n\n- [x] done\n\nA[^1]\n\n[^1]: note\n",
            "",
        )
        .html;
        assert!(html.contains("<table class=\"reflow\">"));
        assert!(html.contains("<del>x</del>"));
        assert!(html.contains("checkbox"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slugify("Sprint 23: what's next?"), "sprint-23-what-s-next");
        assert_eq!(slugify("  Émigré  café "), "émigré-café");
    }
}
