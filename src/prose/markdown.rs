//! Markdown into HTML: the site's dialect, heading anchors, links that work from any depth,
//! glossary links and the figures that directives place.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

pub use crate::prose::figures::Figures;
use crate::prose::figures::place_figures;
pub use crate::prose::headings::Heading;
use crate::prose::headings::{Spanned, assign_heading_ids, drop_title_heading};
use crate::prose::tables::{reflowing_tables, table_headers};

use crate::load::narratives::{CONTENT_DIR, address_of};
use crate::prose::terms::{Piece, TermLinks};

/// A link or image of a narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address as written to the page.
    pub href: String,
    /// The destination as written in the markdown.
    pub written: String,
    /// Where the link is in the markdown that was rendered (its destination when it is written
    /// there, else the whole link), so that a broken one is reported where it was written.
    pub span: Range<usize>,
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
    /// Every link and image, in order.
    pub links: Vec<Link>,
    /// A hash of `html`, taken once: a page that shows the HTML counts it in its fingerprint
    /// by this, instead of hashing kilobytes of HTML again for every page and every build.
    pub html_hash: u64,
}

/// What a narrative is rendered with besides its markdown.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// The figures that directives placed in the markdown.
    pub figures: &'a Figures,
    /// The ids other parts of the page already use (headings get other anchors).
    pub taken: &'a HashSet<String>,
    /// The page's title: a first heading that repeats it is dropped.
    pub title: Option<&'a str>,
    /// `[markdown] smart_punctuation`: curly quotes, en and em dashes, ellipses.
    pub smart_punctuation: bool,
}

/// The markdown dialect: CommonMark plus tables, footnotes, strikethrough, task lists, heading
/// attributes (`{#id}`) and smart punctuation.
pub fn markdown_options() -> Options {
    markdown_options_with(true)
}

/// [`markdown_options`], with or without smart punctuation.
pub fn markdown_options_with(smart_punctuation: bool) -> Options {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if smart_punctuation {
        options | Options::ENABLE_SMART_PUNCTUATION
    } else {
        options
    }
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
    let options = RenderOptions {
        figures: &Figures::default(),
        taken: &HashSet::new(),
        title: None,
        smart_punctuation: true,
    };
    render_markdown_with(markdown, address, source, terms, options)
}

/// [`render_markdown`], with the figures, the ids around and the title of [`RenderOptions`].
pub fn render_markdown_with(
    markdown: &str,
    address: &str,
    source: &Path,
    mut terms: Option<&mut TermLinks<'_>>,
    options: RenderOptions<'_>,
) -> Rendered {
    let root = root_prefix(address);
    let folder = source_folder(source);
    let parser = Parser::new_ext(markdown, markdown_options_with(options.smart_punctuation));
    let mut spanned: Vec<Spanned<'_>> = parser.into_offset_iter().collect();
    if let Some(title) = options.title {
        drop_title_heading(&mut spanned, markdown, title);
    }
    let headings = assign_heading_ids(&mut spanned, markdown, options.taken);
    let mut spans = link_spans(&spanned, markdown).into_iter();
    let events: Vec<Event<'_>> = spanned.into_iter().map(|(event, _)| event).collect();
    let events = place_figures(merge_text(events), options.figures);
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
                links.push(Link {
                    href: dest_url.to_string(),
                    written,
                    span: spans.next().unwrap_or(0..0),
                });
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
    let html_hash = crate::text::fingerprint(&html);
    Rendered {
        html,
        headings,
        has_charts: false,
        links,
        html_hash,
    }
}

/// Where each link and image of the markdown is, in order: its destination when it is written
/// inside the link (`[a](dest)`), else the whole link (`[a][ref]`, `<https://...>`).
fn link_spans(events: &[Spanned<'_>], markdown: &str) -> Vec<Range<usize>> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let written = markdown.get(range.clone()).unwrap_or("");
                let at = written
                    .rfind(&format!("]({dest_url}"))
                    .map(|i| i + 2)
                    .or_else(|| written.rfind(&format!("](<{dest_url}")).map(|i| i + 3))
                    .filter(|_| !dest_url.is_empty());
                Some(match at {
                    Some(i) => range.start + i..range.start + i + dest_url.len(),
                    None => range.clone(),
                })
            }
            _ => None,
        })
        .collect()
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

/// Rewrites `/a/b/` to `<root>a/b/index.html`; leaves external and relative links alone. A
/// last part without an extension names a page's folder, as on a web server with pretty
/// addresses (`/commands/npm-config` is `commands/npm-config/index.html`), so the link also
/// works from `file://`.
fn relative_url(url: &str, root: &str) -> Option<String> {
    let path = url.strip_prefix('/')?;
    if path.starts_with('/') {
        return None; // protocol-relative: external
    }
    let (path, fragment) = match path.find(['#', '?']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let last = path.rsplit('/').next().unwrap_or_default();
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if !last.contains('.') {
        format!("{path}/index.html")
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
            rendered.html.contains("<h2 id=\"intro-1\">"),
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
            ["intro", "intro-1", "intro-2", "main-1", "search-box-1"]
        );
    }

    #[test]
    fn heading_anchors_are_github_s_and_avoid_the_narrative_s_own_anchors() {
        let rendered = render_markdown_plain(
            "<a id=\"overview\"></a>\n\n## Overview\n\nText <a name=\"faq\"></a>.\n\n## FAQ\n\n\
             ## Linking to libraries included with Node.js\n\n### `fs.open(path[, flags[, mode]], callback)`\n\n\
             ## What's new -- and what isn't\n\n### main\n\n## Ünïcode café\n",
            "a/",
        );
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "overview-1",
                "faq-1",
                "linking-to-libraries-included-with-nodejs",
                "fsopenpath-flags-mode-callback",
                "whats-new----and-what-isnt",
                "main-1",
                "ünïcode-café",
            ]
        );
        // The heading still shows the smart punctuation.
        assert_eq!(rendered.headings[4].text, "What’s new – and what isn’t");
    }

    #[test]
    fn a_first_heading_that_repeats_the_title_is_dropped() {
        let render = |markdown: &str, title: &str| {
            let options = RenderOptions {
                figures: &Figures::default(),
                taken: &HashSet::new(),
                title: Some(title),
                smart_punctuation: true,
            };
            render_markdown_with(markdown, "a/", Path::new("content/a.md"), None, options)
        };
        let kept = "## Our year\n\nText.\n";
        let dropped = render(&format!("# What's  new\n\n{kept}"), "What's new");
        assert!(!dropped.html.contains("<h1"), "{}", dropped.html);
        assert_eq!(dropped.headings.len(), 1);
        for other in [
            format!("# Something else\n\n{kept}"),
            "Intro.\n\n# What's new\n".to_string(),
        ] {
            assert!(render(&other, "What's new").html.contains("<h1"), "{other}");
        }
    }

    #[test]
    fn smart_punctuation_can_be_turned_off() {
        let render = |smart_punctuation| {
            let options = RenderOptions {
                figures: &Figures::default(),
                taken: &HashSet::new(),
                title: None,
                smart_punctuation,
            };
            render_markdown_with(
                "Use --legacy-bundling, \"quoted\".",
                "",
                Path::new("content/a.md"),
                None,
                options,
            )
            .html
        };
        assert!(
            render(true).contains("–legacy-bundling, “quoted”"),
            "{}",
            render(true)
        );
        assert!(
            render(false).contains("--legacy-bundling, &quot;quoted&quot;")
                || render(false).contains("--legacy-bundling, \"quoted\""),
            "{}",
            render(false)
        );
    }

    #[test]
    fn each_link_knows_its_own_place_in_the_markdown() {
        let markdown = "See [b](#optionsconfigparsers) and [a](#optionsconfig), [r][ref], <https://x.example/>.\n\n[ref]: /sprints/\n";
        let rendered = render_markdown_plain(markdown, "");
        let places: Vec<&str> = rendered
            .links
            .iter()
            .map(|l| &markdown[l.span.clone()])
            .collect();
        assert_eq!(
            places,
            [
                "#optionsconfigparsers",
                "#optionsconfig",
                "[r][ref]",
                "<https://x.example/>"
            ]
        );
    }

    #[test]
    fn root_links_become_relative_and_name_index_files() {
        let rendered = render_markdown_plain(
            "[s](/sprints/) [t](/teams/pay/#cost) [x](https://example.com/) [r](other.html) [h](/) [n](/commands/npm-config#desc) [f](/data/accounts.json)",
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
        assert!(
            html.contains("href=\"../../commands/npm-config/index.html#desc\""),
            "{html}"
        );
        assert!(html.contains("href=\"../../data/accounts.json\""), "{html}");
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
        use crate::text::slugify;
        assert_eq!(slugify("Sprint 23: what's next?"), "sprint-23-what-s-next");
        assert_eq!(slugify("  Émigré  café "), "émigré-café");
    }
}
