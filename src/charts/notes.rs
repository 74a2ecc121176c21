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
            let here: Vec<&str> = spec
                .annotations
                .iter()
                .filter(|n| n.index == i)
                .map(|n| n.long.as_str())
                .collect();
            here.join("; ")
        })
        .collect()
}

impl Spec {
    /// The room above the plot that the labels take: one line each.
    pub(super) fn notes_height(&self) -> u32 {
        self.annotations.len() as u32 * self.size.line()
    }

    /// The line above the plot each annotation's label takes (0 is the top one), and whether
    /// it runs rightwards from its rule. Labels on the right-hand side of the chart run
    /// leftwards and take the top lines, the rightmost highest; the others run rightwards on
    /// the lines below, the earliest highest. So a rule only rises through the lines of labels
    /// that cannot reach it, and [`Spec::note_room`] keeps the rest clear of it.
    fn note_lines(&self) -> Vec<(usize, bool)> {
        let n = self.labels.len().max(1);
        let rightwards = |i: usize| self.annotations[i].index * 5 < n * 3;
        let mut order: Vec<usize> = (0..self.annotations.len()).collect();
        order.sort_by_key(|&i| {
            let index = self.annotations[i].index;
            if rightwards(i) {
                (1, index, i)
            } else {
                (0, usize::MAX - index, i)
            }
        });
        let mut lines = vec![(0, true); self.annotations.len()];
        for (line, &i) in order.iter().enumerate() {
            lines[i] = (line, rightwards(i));
        }
        lines
    }

    /// The room, in px, for the label of annotation `k`: to the edge of the chart, and clear of
    /// every rule that rises through its line.
    fn note_room(&self, k: usize, lines: &[(usize, bool)]) -> u32 {
        let n = self.labels.len().max(1) as f64;
        let column = f64::from(self.size.width - 120) / n;
        let x = |i: usize| (self.annotations[i].index as f64 + 0.5) * column;
        let (line, rightwards) = lines[k];
        let mut room = if rightwards {
            f64::from(self.size.width - 120) - x(k) + 36.0
        } else {
            x(k) + 56.0
        };
        for (i, &(other, _)) in lines.iter().enumerate() {
            let gap = if rightwards { x(i) - x(k) } else { x(k) - x(i) };
            if other < line && gap > 0.0 {
                room = room.min(gap - 10.0);
            }
        }
        room.max(24.0) as u32
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
        let lines = self.note_lines();
        for (k, note) in self.annotations.iter().enumerate() {
            if note.index >= self.labels.len() {
                continue;
            }
            let x = SegmentValue::CenterOf(note.index);
            let (place, rightwards) = lines[k];
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
            let label = self.size.fit(&note.label, self.note_room(k, &lines));
            let text =
                EmptyElement::at((x, y_max)) + Text::new(label, (dx, -rise + line - 2), style);
            plot(chart, std::iter::once(text))?;
        }
        Ok(())
    }
}
