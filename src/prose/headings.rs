//! Headings of a narrative: anchors as GitHub makes them (so the links authors wrote for GitHub
//! keep working), never an id the page already uses (the theme's, the narrative's own HTML
//! anchors, the charts and glossary entries around it), and no second H1 that repeats the
//! page's title.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::load::theme::THEME_IDS;
use crate::text::html::declared_ids;
use crate::text::{github_slug, unique_heading_id};

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

/// A markdown event with the byte range of the source it came from.
pub(super) type Spanned<'a> = (Event<'a>, Range<usize>);

/// The text of the heading that starts at `events[start]`: as shown (with smart punctuation),
/// and as written (the quotes and dashes the author typed, which GitHub's anchors are made
/// from); and the index of the heading's end.
fn heading_text(events: &[Spanned<'_>], source: &str, start: usize) -> (String, String, usize) {
    let mut shown = String::new();
    let mut written = String::new();
    let mut j = start + 1;
    while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
        if let Event::Text(t) | Event::Code(t) = &events[j].0 {
            shown.push_str(t);
            let typed = source.get(events[j].1.clone()).unwrap_or("");
            let smart = t.chars().all(|c| "‘’“”–—…".contains(c));
            written.push_str(if smart && !typed.is_empty() { typed } else { t });
        }
        j += 1;
    }
    (shown, written, j)
}

/// Drops the first heading when it is an H1 that says the page's title again (the page shows
/// the title as its heading already): case, spaces and typographic quotes aside.
pub(super) fn drop_title_heading(events: &mut Vec<Spanned<'_>>, source: &str, title: &str) {
    let Some((
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }),
        _,
    )) = events.first()
    else {
        return;
    };
    let (_, written, end) = heading_text(events, source, 0);
    let plain = |text: &str| -> String {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if plain(&written) == plain(title) && end < events.len() {
        events.drain(..=end);
    }
}

/// Gives every heading a unique anchor (`{#id}` when the author wrote one, else GitHub's from
/// its words); `taken` are the ids the rest of the page uses. Returns the headings in order.
pub(super) fn assign_heading_ids(
    events: &mut [Spanned<'_>],
    source: &str,
    taken: &HashSet<String>,
) -> Vec<Heading> {
    let mut used: HashSet<String> = taken.clone();
    used.extend(THEME_IDS.iter().map(|id| id.to_string()));
    // The narrative's own anchors (`<a id="overview">`, `<a name="faq">`) keep their ids.
    for (event, _) in events.iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            used.extend(declared_ids(html).into_iter().map(str::to_string));
        }
    }
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let (Event::Start(Tag::Heading { level, id, .. }), _) = &events[i] {
            let level = heading_level(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let (shown, written, end) = heading_text(events, source, i);
            let base = explicit.unwrap_or_else(|| github_slug(&written));
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let unique = unique_heading_id(base, &mut used);
            if let (Event::Start(Tag::Heading { id, .. }), _) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level,
                id: unique,
                text: shown,
            });
            i = end;
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
