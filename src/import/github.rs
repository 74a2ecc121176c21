//! GitHub: the JSON of `gh issue list` or `gh pr list` with
//! `--json number,title,labels,state,closedAt,milestone,assignees --state all --limit 1000`.
//!
//! The file holds a JSON list, or several lists one after the other (the output of both
//! commands appended to one file), or the single object of `gh issue view N --json ...` (or
//! several such objects one after the other, as a loop over `gh issue view` writes them). Each item is read on its own, so an error points at its
//! item. Assignees are never read: tally reports on teams, not on individuals.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::dates;
use super::item::Item;
use crate::diagnostics::{Diagnostic, Location, SourceFile};

const COMMAND: &str = "gh issue list --json number,title,labels,state,closedAt,milestone,assignees --state all --limit 1000";

#[derive(Debug, Deserialize)]
struct RawItem {
    number: u64,
    title: String,
    #[serde(default)]
    labels: Vec<RawLabel>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default, rename = "closedAt")]
    closed_at: Option<String>,
    #[serde(default)]
    milestone: Option<RawMilestone>,
}

#[derive(Debug, Deserialize)]
struct RawLabel {
    name: String,
}

#[derive(Debug, Deserialize)]
struct RawMilestone {
    title: String,
}

/// Reads a `gh ... list --json` file (one list or several), or the objects `gh issue view
/// --json` prints (one, or several one after the other). Problems are pushed to `problems`.
pub fn parse(
    file: &Arc<SourceFile>,
    repo: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let text = file.text.as_str();
    let mut reader = Reader {
        file,
        repo,
        items: Vec::new(),
    };
    let mut pos = skip_space(text, 0);
    if pos == text.len() {
        problems.push(
            Diagnostic::error_in(Some(file), "the file is empty")
                .with_help(format!("write it with `{COMMAND} > FILE`")),
        );
        return reader.items;
    }
    while pos < text.len() {
        let next = match text[pos..].chars().next() {
            Some('[') => reader.list(pos, problems),
            Some('{') => reader.item(pos, problems),
            _ => {
                problems.push(not_a_list(file, pos));
                None
            }
        };
        match next {
            Some(next) => pos = next,
            None => break,
        }
    }
    reader.items
}

/// The items read so far, and what every item needs.
struct Reader<'a> {
    file: &'a Arc<SourceFile>,
    repo: Option<&'a str>,
    items: Vec<Item>,
}

impl Reader<'_> {
    /// Reads the list at `pos`; the position after it, or `None` after an error.
    fn list(&mut self, pos: usize, problems: &mut Vec<Diagnostic>) -> Option<usize> {
        let text = self.file.text.as_str();
        let mut pos = skip_space(text, pos + 1);
        if text[pos..].starts_with(']') {
            return Some(skip_space(text, pos + 1));
        }
        loop {
            pos = self.item(pos, problems)?;
            match text[pos..].chars().next() {
                Some(',') => pos = skip_space(text, pos + 1),
                Some(']') => return Some(skip_space(text, pos + 1)),
                _ => {
                    problems.push(
                        Diagnostic::error(
                            self.file,
                            pos..pos,
                            "expected `,` or `]` after this item",
                        )
                        .with_help(format!("write the file with `{COMMAND} > FILE`")),
                    );
                    return None;
                }
            }
        }
    }

    /// Reads the item at `pos`; the position after it, or `None` after an error.
    fn item(&mut self, pos: usize, problems: &mut Vec<Diagnostic>) -> Option<usize> {
        let text = self.file.text.as_str();
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<RawItem>();
        match stream.next() {
            Some(Ok(raw)) => {
                let span = pos..pos + stream.byte_offset();
                if let Some(item) = convert(self.file, raw, span.clone(), self.repo, problems) {
                    self.items.push(item);
                }
                Some(skip_space(text, span.end))
            }
            Some(Err(error)) => {
                let at = pos + offset_in(&text[pos..], error.line(), error.column());
                problems.push(
                    Diagnostic::error(self.file, at..at, json_message(&error)).with_help(format!(
                        "tally reads the JSON written by `{COMMAND}` (or `gh pr list`, or `gh issue view --json` with the same fields)"
                    )),
                );
                None
            }
            None => {
                problems.push(not_a_list(self.file, text.len()));
                None
            }
        }
    }
}

fn convert(
    file: &Arc<SourceFile>,
    raw: RawItem,
    span: Range<usize>,
    repo: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let key = match repo {
        Some(repo) => format!("{repo}#{}", raw.number),
        None => format!("#{}", raw.number),
    };
    let open = raw
        .state
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("open"));
    // `gh` writes the zero time for items never closed in some versions.
    let closed_at = raw
        .closed_at
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.starts_with("0001-"));
    let done = match closed_at {
        Some(_) if open => None,
        None => None,
        Some(closed) => {
            match dates::iso(closed) {
                Some(date) => Some(date),
                None => {
                    let item_text = &file.text[span.clone()];
                    let at = item_text
                        .find("\"closedAt\"")
                        .map_or(span.start..span.start, |i| {
                            span.start + i..span.start + i + "\"closedAt\"".len()
                        });
                    problems.push(
                    Diagnostic::error(
                        file,
                        at,
                        format!("`closedAt` of {key} is not an ISO 8601 date: `{closed}`"),
                    )
                    .with_help("gh writes dates like `2026-11-13T16:05:00Z`; write the file again with gh"),
                );
                    return None;
                }
            }
        }
    };
    let origin = Location {
        file: Arc::clone(file),
        span,
    };
    Some(Item {
        status: raw.state,
        repo: repo.map(str::to_string),
        milestone: raw.milestone.map(|m| m.title),
        labels: raw.labels.into_iter().map(|l| l.name).collect(),
        done,
        ..Item::new(key, raw.title, origin)
    })
}

fn not_a_list(file: &Arc<SourceFile>, at: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        at..at,
        "expected a JSON list of items (`[{...}, ...]`) or an item (`{...}`)",
    )
    .with_help(format!("write the file with `{COMMAND} > FILE`"))
}

pub(super) fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    // serde_json ends its messages with " at line L column C"; the location is shown anyway.
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

pub(super) fn skip_space(text: &str, mut pos: usize) -> usize {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    pos += rest.len() - trimmed.len();
    pos
}

/// The byte offset of serde_json's 1-based line and column inside `text`.
pub(super) fn offset_in(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let line_len = text[offset..].find('\n').unwrap_or(text.len() - offset);
    let mut at = offset + column.saturating_sub(1).min(line_len);
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
