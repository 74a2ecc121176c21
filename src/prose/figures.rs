//! Charts' figures inside rendered markdown. A directive's chart is block HTML, but it is
//! written where the author put it, often inside a paragraph: each figure goes into the
//! markdown as a placeholder tag and is put back after parsing, closing the paragraph around it.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Block HTML (charts' figures) placed in markdown by directives. Each is written into the
/// markdown as a placeholder tag and put in after parsing, where the tag landed: a figure
/// inside a paragraph closes the paragraph and opens a new one after it, since a paragraph
/// cannot hold a figure.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// The placeholder tag's name, chosen so that the author's text never contains it.
    prefix: String,
    /// The HTML of each figure, by number.
    html: Vec<String>,
}

impl Figures {
    /// Figures for a markdown text, whose placeholders cannot be mistaken for its own words.
    pub fn for_text(markdown: &str) -> Self {
        let mut prefix = "tally-figure".to_string();
        while markdown.contains(&prefix) {
            prefix.push('x');
        }
        Self {
            prefix,
            html: Vec::new(),
        }
    }

    /// Keeps a figure's HTML and returns the placeholder to write into the markdown.
    pub fn placeholder(&mut self, html: String) -> String {
        let tag = format!("<{}-{}/>", self.prefix, self.html.len());
        self.html.push(html);
        tag
    }

    /// The figure a placeholder tag stands for.
    fn figure(&self, tag: &str) -> Option<&str> {
        let number = tag
            .trim()
            .strip_prefix('<')?
            .strip_prefix(self.prefix.as_str())?
            .strip_prefix('-')?
            .strip_suffix("/>")?;
        self.html
            .get(number.parse::<usize>().ok()?)
            .map(String::as_str)
    }

    /// Raw HTML with every placeholder in it replaced by its figure.
    fn fill(&self, html: &str) -> Option<String> {
        if self.html.is_empty() || !html.contains(&format!("<{}-", self.prefix)) {
            return None;
        }
        let mut filled = html.to_string();
        for (number, figure) in self.html.iter().enumerate().rev() {
            filled = filled.replace(&format!("<{}-{number}/>", self.prefix), figure);
        }
        Some(filled)
    }
}

/// Puts each figure where its placeholder is: as it is in a block of HTML, a list item or a
/// table cell; between two halves of a paragraph (dropping a half left empty) otherwise.
pub(crate) fn place_figures<'a>(events: Vec<Event<'a>>, figures: &Figures) -> Vec<Event<'a>> {
    if figures.html.is_empty() {
        return events;
    }
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len() + 4);
    let mut in_paragraph: Vec<bool> = Vec::new();
    let mut reopened = false;
    for mut event in events {
        if std::mem::take(&mut reopened) {
            // The paragraph's second half starts at its first word.
            match &mut event {
                Event::SoftBreak => continue,
                Event::Text(text) => *text = CowStr::from(text.trim_start().to_string()),
                _ => {}
            }
        }
        match &event {
            Event::Start(tag) => in_paragraph.push(matches!(tag, Tag::Paragraph)),
            Event::End(_) => {
                in_paragraph.pop();
            }
            Event::Html(html) => {
                if let Some(filled) = figures.fill(html) {
                    out.push(Event::Html(CowStr::from(filled)));
                    continue;
                }
            }
            Event::InlineHtml(tag) => {
                if let Some(figure) = figures.figure(tag) {
                    let html = Event::Html(CowStr::from(format!("{figure}\n")));
                    if in_paragraph.last() == Some(&true) {
                        trim_paragraph_end(&mut out);
                        out.push(Event::End(TagEnd::Paragraph));
                        out.push(html);
                        out.push(Event::Start(Tag::Paragraph));
                        reopened = true;
                    } else {
                        out.push(html);
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    drop_empty_paragraphs(out)
}

/// Drops the line break and spaces at the end of a paragraph's first half.
fn trim_paragraph_end(out: &mut Vec<Event<'_>>) {
    while matches!(out.last(), Some(Event::SoftBreak)) {
        out.pop();
    }
    if let Some(Event::Text(text)) = out.last_mut() {
        *text = CowStr::from(text.trim_end().to_string());
    }
}

/// Removes paragraphs holding nothing but spaces and line breaks (left by splitting one).
fn drop_empty_paragraphs(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let blank = |e: &Event<'_>| {
        matches!(e, Event::SoftBreak) || matches!(e, Event::Text(t) if t.trim().is_empty())
    };
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::Start(Tag::Paragraph)) {
            let mut j = i + 1;
            while j < events.len() && blank(&events[j]) {
                j += 1;
            }
            if matches!(events.get(j), Some(Event::End(TagEnd::Paragraph))) {
                i = j + 1;
                continue;
            }
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}
