//! Tables in narratives reflow: on a phone each row becomes a card that names each value's
//! column, so a wide table never needs sideways scrolling.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use crate::text::escape_xml;

/// Writes every table so that it reflows: in a `.table-wrap` box (reachable by keyboard, a
/// last resort should a table still not fit), with `class="reflow"` so that on a phone each
/// row becomes a card, and each body cell carrying its column's header text in `data-label`,
/// which the card shows before the value ("Status: late").
pub(super) fn reflowing_tables<'a>(
    events: Vec<Event<'a>>,
    headers: &[Vec<String>],
) -> Vec<Event<'a>> {
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
pub(super) fn table_headers(events: &[Event<'_>]) -> Vec<Vec<String>> {
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
