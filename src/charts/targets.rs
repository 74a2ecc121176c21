//! Targets: each category's actual share against its target and its recent average, as marks
//! on one row per category.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::frame::{
    Area, Rows, TEXT, axis_percent, nice_max, plot, render_svg, text_style, text_width,
};
use super::request::{Books, ChartRequest};
use super::spec::{Series, Shape, Spec, TargetRow, highlight_slot, mute, parse_color, source_note};
use super::table::{Table, ValueKind};
use crate::words::narrate::{join_words, percent};

/// Each category's share against its target and its 6-sprint average, led by the category
/// furthest from its target.
pub(super) fn targets_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let targets = books.accounts.targets(books.config, request.sprint);
    let id = &books.ledger.sprints[request.sprint].id;
    // The average is over the site's comparison window, ending at the chart's sprint.
    let window = books.accounts.window;
    let recent_end = (request.sprint + 1).min(books.accounts.sprints.len());
    let recent = &books.accounts.sprints[recent_end.saturating_sub(window)..recent_end];
    let recent_total: f64 = recent.iter().map(|s| s.effort).sum();
    let average_of = |slot: usize| {
        let effort: f64 = recent.iter().map(|s| s.by_category[slot]).sum();
        crate::accounts::ratio(effort, recent_total)
    };
    let average_label = format!("Average of the last {window} sprints");
    // The category the headline is about keeps its colour; the others are muted.
    let highlight = highlight_slot(books, request.sprint, None)
        .filter(|slot| targets.iter().any(|t| t.0 == *slot) && targets.len() > 1);
    let rows: Vec<TargetRow> = targets
        .iter()
        .map(|&(slot, target, now, _)| {
            let average = average_of(slot);
            let color = parse_color(books.config.category_color(slot));
            (
                books.config.category_label(slot).to_string(),
                match highlight {
                    Some(h) if h != slot => mute(color),
                    _ => color,
                },
                target,
                now,
                average,
            )
        })
        .collect();
    let gap = rows
        .iter()
        .max_by(|a, b| (a.3 - a.2).abs().total_cmp(&(b.3 - b.2).abs()));
    let caption = match gap {
        Some((label, _, target, now, _)) if (now - target).abs() >= 0.005 => format!(
            "{} is furthest from its target: {} of the time in sprint {id}, against a target of {}.",
            label,
            percent(*now),
            percent(*target)
        ),
        Some(_) => format!("Every category is on its target in sprint {id}."),
        None => "No targets are set.".into(),
    };
    let table = Table {
        notes: Vec::new(),
        row_header: "Category".into(),
        columns: vec![
            "Target".into(),
            format!("Actual, {id}"),
            format!("Average, last {window} sprints"),
        ],
        kind: ValueKind::Share,
        rows: rows
            .iter()
            .map(|(l, _, t, n, a)| (l.clone(), vec![*t, *n, *a]))
            .collect(),
    };
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let shape = Shape::Dots { rows: rows.clone() };
    let legend = vec![
        Series::legend("Target", TEXT),
        Series::legend("This sprint", TEXT),
        Series::legend(&average_label, TEXT),
    ];
    Spec {
        subtitle: format!(
            "Share of engineering effort per category: target, sprint {id}, and the average of the last {window} sprints, %"
        ),
        desc: format!(
            "A row per category with three marks: the target, the actual share this sprint and the {window}-sprint average. {}",
            join_words(
                &rows
                    .iter()
                    .map(|(l, _, t, n, _)| format!("{l}: {} against {}", percent(*n), percent(*t)))
                    .collect::<Vec<_>>()
            )
        ),
        source_note: source_note(books, &[request.sprint]),
        axis: "% of effort".into(),
        ..Spec::wide(shape, caption, labels, legend, table)
    }
}

impl Spec {
    /// A row per category: a line from the target to the actual share, a bar at the target, a
    /// filled dot at the actual share and a ring at the average.
    pub(super) fn draw_dots(&self, rows: &[TargetRow]) -> Result<String, String> {
        let n = rows.len().max(1);
        let legend = self.legend_height();
        let x_max = target_axis_max(rows);
        render_svg(legend + 60 + 40 * n as u32, |root| {
            let (top, area) = root.split_vertically(legend);
            draw_mark_legend(&top, &self.series)?;
            let mut chart = self.horizontal_chart(&area, x_max, (8, 40), &axis_percent)?;
            for (k, row) in rows.iter().enumerate() {
                draw_target_row(&mut chart, row, n - 1 - k)?;
            }
            Ok(())
        })
    }
}

/// The legend of the targets chart: each mark's shape and what it stands for.
fn draw_mark_legend(top: &Area<'_>, entries: &[Series]) -> Result<(), String> {
    let mut x = 8;
    for (kind, entry) in entries.iter().enumerate() {
        let label = entry.label.as_str();
        let center = (x + 6, 12);
        match kind {
            0 => top.draw(&Rectangle::new(
                [(center.0 - 2, 4), (center.0 + 2, 20)],
                TEXT.filled(),
            )),
            1 => top.draw(&Circle::new(center, 6, TEXT.filled())),
            _ => top.draw(&Circle::new(center, 6, TEXT.stroke_width(2))),
        }
        .map_err(|e| e.to_string())?;
        top.draw(&Text::new(label.to_string(), (x + 18, 6), text_style()))
            .map_err(|e| e.to_string())?;
        x += 18 + text_width(label) as i32 + 20;
    }
    Ok(())
}

/// One category's marks on row `row`.
fn draw_target_row(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Rows>,
    (_, color, target, now, average): &TargetRow,
    row: usize,
) -> Result<(), String> {
    let at = || SegmentValue::CenterOf(row);
    let (t, a, m) = (target * 100.0, now * 100.0, average * 100.0);
    plot(
        chart,
        std::iter::once(PathElement::new(
            vec![(t.min(a), at()), (t.max(a), at())],
            color.stroke_width(2),
        )),
    )?;
    let target_mark =
        EmptyElement::at((t, at())) + Rectangle::new([(-2, -9), (2, 9)], TEXT.filled());
    plot(chart, std::iter::once(target_mark))?;
    plot(
        chart,
        std::iter::once(Circle::new((m, at()), 6, color.stroke_width(2))),
    )?;
    plot(
        chart,
        std::iter::once(Circle::new((a, at()), 6, color.filled())),
    )
}

/// The end of the targets chart's share axis: a round value above the largest mark (target,
/// this sprint or the average), between 10% and 100%. Both forms use it.
pub(super) fn target_axis_max(rows: &[TargetRow]) -> f64 {
    let largest = rows
        .iter()
        .flat_map(|r| [r.2, r.3, r.4])
        .fold(0.0f64, f64::max);
    nice_max((largest * 100.0 * 1.15).clamp(10.0, 100.0)).min(100.0)
}
