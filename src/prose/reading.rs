//! The parts of a narrative that readers read as words, for the jargon check: the text of
//! paragraphs, headings, lists, tables and link texts, and never code, raw HTML, link
//! destinations, addresses written out (`https://github.com/...`) or directives.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use regex::Regex;

use crate::prose::markdown::markdown_options;

/// Byte ranges of `body` (markdown) that are prose, in order; neighbouring pieces of text
/// (split by smart punctuation or entities) are joined, so that "people’s worth" is one range.
pub fn prose_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut in_code = 0usize;
    let mut in_address = 0usize;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            // `<https://...>` and `<a@b.example>`: the text is the address itself.
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => in_address += 1,
            Event::End(TagEnd::Link) if in_address > 0 => in_address -= 1,
            Event::Text(_) if in_code == 0 && in_address == 0 => match ranges.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => ranges.push(range),
            },
            _ => {}
        }
    }
    ranges
        .into_iter()
        .flat_map(|range| without_addresses(body, range))
        .collect()
}

/// `range` of `body` with every address (`https://...`, `www....`) and every directive
/// (`{{ ... }}`) in it cut out.
fn without_addresses(body: &str, range: Range<usize>) -> Vec<Range<usize>> {
    static ADDRESS: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let address = ADDRESS
        .get_or_init(|| Regex::new(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+|\{\{.*?\}\}").ok());
    let text = &body[range.clone()];
    let Some(address) = address else {
        return vec![range];
    };
    let mut pieces = Vec::new();
    let mut from = 0;
    for found in address.find_iter(text) {
        pieces.push(range.start + from..range.start + found.start());
        from = found.end();
    }
    pieces.push(range.start + from..range.end);
    pieces.retain(|piece| !piece.is_empty());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_readers_read_are_prose() {
        let body = "# On GitHub\n\nSee [the repo](https://github.com/acme/repo) or <https://github.com/x>, \
                    https://github.com/y and `github`; people's {{ value(metric=\"share\") }} worth.\n\n\
                    ```\ngithub\n```\n\n<div>github</div>\n\n[ref]: https://github.com/z\n";
        let prose: Vec<&str> = prose_ranges(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(
            prose,
            [
                "On GitHub",
                "See ",
                "the repo",
                " or ",
                ", ",
                " and ",
                "; people's ",
                " worth."
            ]
        );
    }
}
