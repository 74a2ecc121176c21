//! Annotations on trend charts: the incidents of the severities a site marks (every one but
//! the least severe) and every event, drawn at the sprint they fall in as a thin vertical rule
//! and a short label, so that a jump in the chart says why. The same labels go into the chart's
//! table (a "What happened" column, also in the CSV) and its description, so that they are
//! never carried by the drawing alone.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::{Columns, TEXT, plot};
use super::request::Books;
use super::spec::{Annotation, Spec};
use crate::words::narrate::{capitalize, join_words};

/// The header of the table column that holds the annotations.
pub(super) const NOTES_COLUMN: &str = "What happened";

/// The annotations of a chart over `sprints` (its x positions), of one team's incidents (and
/// every event) when `team` is given: events first, then incidents, each in its sprint's order.
pub(super) fn sprint_annotations(
    books: &Books<'_>,
    sprints: &[usize],
    team: Option<usize>,
) -> Vec<Annotation> {
    let delivery = &books.ledger.delivery;
    let settings = &books.config.delivery;
    let mut notes: Vec<Annotation> = Vec::new();
    for event in &delivery.events {
        if let Some(index) = event
            .sprint
            .and_then(|s| sprints.iter().position(|&x| x == s))
        {
            notes.push(Annotation {
                index,
                label: event.label.clone(),
                long: event.label.clone(),
            });
        }
    }
    for incident in &delivery.incidents {
        let shown = settings.is_annotated(incident.severity)
            && team.is_none_or(|t| incident.teams.contains(&t));
        let index = incident
            .sprint
            .and_then(|s| sprints.iter().position(|&x| x == s));
        if let (true, Some(index)) = (shown, index) {
            notes.push(Annotation {
                index,
                label: incident.title.clone(),
                long: format!(
                    "{} incident: {}",
                    capitalize(&settings.severities[incident.severity]),
                    incident.title
                ),
            });
        }
    }
    notes.sort_by_key(|n| n.index);
    notes
}

/// What the description adds: "Marked on the chart: in 2026-S17, Critical incident: …".
pub(super) fn notes_sentence(spec: &Spec) -> String {
    if spec.annotations.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = spec
        .annotations
        .iter()
        .map(|n| {
            let at = spec.labels.get(n.index).map_or("", String::as_str);
            format!("{} ({at})", n.long)
        })
        .collect();
    format!("Marked on the chart: {}.", join_words(&parts))
}

/// The "What happened" cell of each table row (rows follow the x labels): the annotations of
/// that position, joined; empty where nothing happened.
pub(super) fn notes_cells(spec: &Spec) -> Vec<String> {
    (0..spec.table.rows.len())
        .map(|i| {
            let here: Vec<&str> = spec.notes_at(i).map(|n| n.long.as_str()).collect();
            here.join("; ")
        })
        .collect()
}

impl Spec {
    /// The annotations at x position `i`, in order.
    pub(super) fn notes_at(&self, i: usize) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().filter(move |n| n.index == i)
    }

    /// The room above the plot that the labels take: one line each.
    pub(super) fn notes_height(&self) -> u32 {
        self.annotations.len() as u32 * self.size.line()
    }

    /// The x position of annotation `i`'s rule, in px from the plot's left edge, and the plot's
    /// width, as the labels are laid out (estimated: the axis takes the rest).
    fn note_x(&self, i: usize) -> f64 {
        let n = self.labels.len().max(1) as f64;
        (self.annotations[i].index as f64 + 0.5) * f64::from(self.size.width - 120) / n
    }

    /// The room, in px, for the label of annotation `k` on line `lines[k]` running rightwards
    /// or not: to the edge of the chart, and clear of every rule that rises through its line
    /// (those of the labels on the lines above).
    fn note_room(&self, k: usize, lines: &[usize], rightwards: bool) -> f64 {
        let x = self.note_x(k);
        let mut room = if rightwards {
            f64::from(self.size.width - 120) - x + 36.0
        } else {
            x + 56.0
        };
        for (i, &line) in lines.iter().enumerate() {
            let gap = if rightwards {
                self.note_x(i) - x
            } else {
                x - self.note_x(i)
            };
            if line < lines[k] && gap > 0.0 {
                room = room.min(gap - 10.0);
            }
        }
        room.max(24.0)
    }

    /// Each annotation's line above the plot (0 is the top one), its direction and its room:
    /// the order of lines and the directions that cut the fewest characters of the labels (all
    /// orders are tried for up to 6 annotations; beyond, the earliest is the highest). No rule
    /// crosses a label: a label's room stops short of every rule that rises through its line.
    fn note_layout(&self) -> Vec<(usize, bool, u32)> {
        let count = self.annotations.len();
        let layout_of = |lines: &[usize]| -> (f64, Vec<(usize, bool, u32)>) {
            let mut cut = 0.0;
            let placed = (0..count)
                .map(|k| {
                    let width = f64::from(self.size.text_width(&self.annotations[k].label));
                    let right = self.note_room(k, lines, true);
                    let left = self.note_room(k, lines, false);
                    let rightwards = right >= width || right >= left;
                    let room = if rightwards { right } else { left };
                    cut += (width - room).max(0.0);
                    (lines[k], rightwards, room as u32)
                })
                .collect();
            (cut, placed)
        };
        let mut lines: Vec<usize> = (0..count).collect();
        let mut best = layout_of(&lines);
        if count <= 6 {
            permutations(&mut lines, 0, &mut |order| {
                let candidate = layout_of(order);
                if candidate.0 + 0.5 < best.0 {
                    best = candidate;
                }
            });
        }
        best.1
    }

    /// Draws each annotation on a column or line chart: a thin rule up the middle of its
    /// sprint's column, from the axis to its own line above the plot, and its label there.
    pub(super) fn draw_notes(
        &self,
        chart: &mut ChartContext<'_, SVGBackend<'_>, Columns>,
        y_max: f64,
    ) -> Result<(), String> {
        let count = self.annotations.len() as i32;
        let line = self.size.line() as i32;
        let above_mark = if self.mark.is_some() { line } else { 0 };
        let rule = TEXT.mix(0.85).stroke_width(1);
        let layout = self.note_layout();
        for (k, note) in self.annotations.iter().enumerate() {
            if note.index >= self.labels.len() {
                continue;
            }
            let x = SegmentValue::CenterOf(note.index);
            let (place, rightwards, room) = layout[k];
            let rise = above_mark + (count - place as i32) * line;
            let up = PathElement::new(vec![(x.clone(), 0.0), (x.clone(), y_max)], rule);
            plot(chart, std::iter::once(up))?;
            // The stem leaves a gap for the marked sprint's word ("now") rather than cross it.
            let on_mark = self.mark.as_ref().is_some_and(|m| m.index == note.index);
            let from = if on_mark { -above_mark } else { 0 };
            let stem = EmptyElement::at((x.clone(), y_max))
                + PathElement::new(vec![(0, from), (0, -rise + line)], rule);
            plot(chart, std::iter::once(stem))?;
            let (dx, anchor) = if rightwards {
                (4, HPos::Left)
            } else {
                (-4, HPos::Right)
            };
            let style = self.size.text().pos(Pos::new(anchor, VPos::Bottom));
            let label = self.size.fit(&note.label, room);
            let text =
                EmptyElement::at((x, y_max)) + Text::new(label, (dx, -rise + line - 2), style);
            plot(chart, std::iter::once(text))?;
        }
        Ok(())
    }
}

/// Calls `visit` with every order of `items[from..]` (the items before `from` kept).
fn permutations(items: &mut [usize], from: usize, visit: &mut impl FnMut(&[usize])) {
    if from + 1 >= items.len() {
        visit(items);
        return;
    }
    for i in from..items.len() {
        items.swap(from, i);
        permutations(items, from + 1, visit);
        items.swap(from, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Accounts;
    use crate::charts::request::{ChartKind, ChartRequest};
    use crate::diagnostics::SourceFile;
    use crate::load::config::Config;
    use crate::load::ledger::{Ledger, LedgerSources};

    /// Fourteen two-week sprints from 2026-05-04, one row each, and `events` by sprint.
    fn spec_with(events: &[(usize, &str)]) -> Spec {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let start = jiff::civil::date(2026, 5, 4);
        let sprints = (0..14)
            .map(|k| {
                let first = start + jiff::Span::new().days(14 * k);
                let last = first + jiff::Span::new().days(11);
                SourceFile::new(
                    format!("S{k}.toml"),
                    format!("id = \"S{k}\"\nstart = {first}\nend = {last}\n[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 5\n"),
                )
            })
            .collect();
        let events: String = events
            .iter()
            .map(|(s, label)| format!("[[event]]\nsprint = \"S{s}\"\nlabel = \"{label}\"\n\n"))
            .collect();
        let sources = LedgerSources {
            teams: Some(SourceFile::new(
                "teams.toml",
                "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 2\n",
            )),
            sprints,
            events: Some(SourceFile::new("events.toml", events)),
            ..LedgerSources::default()
        };
        let ledger = Ledger::check_sources(&config, sources).unwrap();
        let accounts = Accounts::compute(&config, &ledger);
        let books = Books {
            config: &config,
            ledger: &ledger,
            accounts: &accounts,
        };
        let request = ChartRequest {
            kind: ChartKind::InvestmentMix,
            sprint: 13,
            last: None,
            team: None,
            category: None,
            subject: None,
        };
        super::super::mix::mix_spec(&books, &request, true)
    }

    #[test]
    fn labels_stay_whole_and_clear_of_every_rule_that_rises_past_them() {
        let spec = spec_with(&[
            (7, "Customers could not pay at checkout"),
            (9, "Monolith break-up starts"),
            (10, "Database upgrade starts"),
            (13, "Database upgrade done"),
        ]);
        let layout = spec.note_layout();
        let lines: Vec<usize> = layout.iter().map(|l| l.0).collect();
        let mut used = lines.clone();
        used.sort_unstable();
        assert_eq!(used, [0, 1, 2, 3], "one line each");
        for (k, &(line, rightwards, room)) in layout.iter().enumerate() {
            let width = spec.size.text_width(&spec.annotations[k].label);
            assert!(room >= width, "label {k} is cut: {room} < {width}");
            let x = spec.note_x(k);
            let (from, to) = if rightwards {
                (x, x + f64::from(width))
            } else {
                (x - f64::from(width), x)
            };
            for (i, &(other, _, _)) in layout.iter().enumerate() {
                let rule = spec.note_x(i);
                let crosses = other < line && rule > from + 0.5 && rule < to - 0.5;
                assert!(!crosses, "the rule of {i} crosses the label of {k}");
            }
        }
        // The description and the table name them too.
        assert!(
            notes_sentence(&spec)
                .starts_with("Marked on the chart: Customers could not pay at checkout (S7),")
        );
        assert_eq!(notes_cells(&spec)[13], "Database upgrade done");
    }
}
