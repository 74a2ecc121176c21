//! The phone form of every chart: drawn 360 units wide, so that on a phone's screen its text
//! renders at about the size it is written, in a shape that reads at that width. Series over
//! sprints show the last [`PHONE_SPRINTS`] as one horizontal bar each (columns) or as small
//! multiples, one panel per line, on one scale (lines). Bars keep one row per label with the
//! label above its bar, across the whole width, and the value beside the label. The burn-up and
//! the debt map are drawn again at the narrow size (the debt map with numbered dots). The
//! marked sprint is written in bold with its word ("MF-14 · now").

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::{Area, GRID, NARROW, Size, TEXT, draw_legend, legend_height_of, nice_max};
use super::frame::{axis_number, axis_percent, render_sized};
use super::spec::{Series, Shape, Spec, TargetRow};
use super::targets::target_axis_max;
use crate::words::narrate::{self, percent};

/// How many sprints (or months) a phone form of a series over time shows.
pub(super) const PHONE_SPRINTS: usize = 6;

/// One row of a phone chart: a label line (the label, and the value at its right), then a bar.
struct PhoneRow {
    label: String,
    bold: bool,
    value: String,
    bar: RowBar,
    /// A thin rule down the row's left edge: an incident or event happened in it (named in
    /// its label).
    ruled: bool,
}

/// What a phone row draws under its label.
enum RowBar {
    /// Stacked segments from zero: (length, colour).
    Stack(Vec<(f64, RGBColor)>),
    /// The targets' marks: a bar at the target, a ring at the average, a dot at the actual.
    Marks {
        color: RGBColor,
        target: f64,
        now: f64,
        average: f64,
    },
}

/// What a phone chart draws above its rows.
enum Top<'s> {
    Nothing,
    /// The series' legend (swatches and labels, in rows).
    Legend(&'s [Series]),
    /// The targets chart's three marks, with their legend entries.
    Marks(&'s [Series]),
}

/// A text style anchored at its top right.
fn right(style: TextStyle<'static>) -> TextStyle<'static> {
    style.pos(Pos::new(HPos::Right, VPos::Top))
}

/// Draws `element` on `area`, with plotters' error as text.
fn put<'b, E>(area: &Area<'b>, element: &E) -> Result<(), String>
where
    for<'a> &'a E: plotters::element::PointCollection<'a, (i32, i32)>,
    E: plotters::element::Drawable<SVGBackend<'b>>,
{
    area.draw(element).map_err(|e| e.to_string())
}

/// Draws `rows` across the phone width, under `top`, on an axis from zero to `x_max` that is
/// labelled at 0, the middle and the end with `x_format` and named `axis`.
fn draw_rows(
    top: Top<'_>,
    rows: &[PhoneRow],
    x_max: f64,
    x_format: &dyn Fn(&f64) -> String,
    axis: &str,
) -> Result<String, String> {
    let size = NARROW;
    let line = size.line() as i32;
    let (x0, x1) = (8, size.width as i32 - 8);
    let top_height = match top {
        Top::Nothing => 0,
        Top::Legend(series) => legend_height_of(series, size),
        Top::Marks(_) => 3 * size.line() + 8,
    } as i32;
    let bar_height = 14;
    let row_height = line + bar_height + 16;
    let rows_top = top_height + 4;
    let axis_y = rows_top + rows.len() as i32 * row_height;
    let height = axis_y + 8 + 2 * line + 8;
    let px = |v: f64| x0 + ((x1 - x0) as f64 * (v / x_max).clamp(0.0, 1.0)).round() as i32;
    render_sized(size, height as u32, |root| {
        match top {
            Top::Nothing => {}
            Top::Legend(series) => draw_legend(root, series, size)?,
            Top::Marks(entries) => draw_mark_key(root, size, entries)?,
        }
        for (k, row) in rows.iter().enumerate() {
            let y = rows_top + k as i32 * row_height;
            let style = if row.bold { size.bold() } else { size.text() };
            let value_width = if row.value.is_empty() {
                0
            } else {
                size.text_width(&row.value) + 8
            };
            let room = ((x1 - x0) as u32).saturating_sub(value_width);
            put(
                root,
                &Text::new(size.fit(&row.label, room), (x0, y), style.clone()),
            )?;
            if !row.value.is_empty() {
                put(root, &Text::new(row.value.clone(), (x1, y), right(style)))?;
            }
            let bar_top = y + line;
            if row.ruled {
                let rule = vec![(3, y), (3, bar_top + bar_height)];
                put(root, &PathElement::new(rule, TEXT.stroke_width(2)))?;
            }
            match &row.bar {
                RowBar::Stack(segments) => {
                    let mut base = 0.0;
                    for (value, color) in segments.iter().filter(|(v, _)| *v > 0.0) {
                        let bar = [
                            (px(base), bar_top),
                            (px(base + value), bar_top + bar_height),
                        ];
                        put(root, &Rectangle::new(bar, color.filled()))?;
                        base += value;
                    }
                }
                RowBar::Marks {
                    color,
                    target,
                    now,
                    average,
                } => {
                    let cy = bar_top + bar_height / 2;
                    let span = vec![(px(target.min(*now)), cy), (px(target.max(*now)), cy)];
                    put(root, &PathElement::new(span, color.stroke_width(2)))?;
                    let t = px(*target);
                    put(
                        root,
                        &Rectangle::new([(t - 2, cy - 9), (t + 2, cy + 9)], TEXT.filled()),
                    )?;
                    put(
                        root,
                        &Circle::new((px(*average), cy), 6, color.stroke_width(2)),
                    )?;
                    put(root, &Circle::new((px(*now), cy), 6, color.filled()))?;
                }
            }
        }
        // Bars start at zero: the zero line, and the axis under the rows.
        let zero = vec![(x0, rows_top + line), (x0, axis_y)];
        put(root, &PathElement::new(zero, TEXT.stroke_width(1)))?;
        put(
            root,
            &PathElement::new(vec![(x0, axis_y), (x1, axis_y)], TEXT.stroke_width(1)),
        )?;
        let ticks = [
            (0.0, x0, HPos::Left),
            (x_max / 2.0, px(x_max / 2.0), HPos::Center),
            (x_max, x1, HPos::Right),
        ];
        for (value, x, anchor) in ticks {
            put(
                root,
                &PathElement::new(vec![(x, axis_y), (x, axis_y + 4)], TEXT.stroke_width(1)),
            )?;
            let style = size.text().pos(Pos::new(anchor, VPos::Top));
            put(root, &Text::new(x_format(&value), (x, axis_y + 6), style))?;
        }
        let name = size.text().pos(Pos::new(HPos::Center, VPos::Top));
        let centre = (x0 + x1) / 2;
        put(
            root,
            &Text::new(
                size.fit(axis, size.width - 16),
                (centre, axis_y + 8 + line),
                name,
            ),
        )
    })
}

/// The key of the targets' marks, one per line: what the bar, the dot and the ring stand for.
fn draw_mark_key(area: &Area<'_>, size: Size, entries: &[Series]) -> Result<(), String> {
    for (kind, entry) in entries.iter().enumerate().take(3) {
        let label = entry.label.as_str();
        let y = 4 + kind as i32 * size.line() as i32;
        let centre = (14, y + size.line() as i32 / 2 - 2);
        match kind {
            0 => put(
                area,
                &Rectangle::new([(12, centre.1 - 8), (16, centre.1 + 8)], TEXT.filled()),
            )?,
            1 => put(area, &Circle::new(centre, 6, TEXT.filled()))?,
            _ => put(area, &Circle::new(centre, 6, TEXT.stroke_width(2)))?,
        }
        put(area, &Text::new(label.to_string(), (28, y), size.text()))?;
    }
    Ok(())
}

/// One small panel per series, on one shared scale, over the shown x labels.
struct Multiples<'s> {
    /// Per panel: its label, colour, values and whether it is the highlighted one (its label
    /// in bold, its line drawn thicker; the others are muted).
    series: Vec<(&'s str, RGBColor, Vec<f64>, bool)>,
    labels: &'s [String],
    /// The marked position among the shown labels, and its word.
    mark: Option<(usize, &'static str)>,
    y_max: f64,
    value: &'s dyn Fn(f64) -> String,
    scale_note: String,
    /// Incidents and events at shown positions: (position, label), a thin rule across every
    /// panel and a line each under the scale.
    notes: Vec<(usize, String)>,
}

/// Draws small multiples: per series a label line ("Label" … "12% → 18%"), then its line with
/// a dot per point, the marked point larger and ringed; the first and the marked sprint are
/// named under the last panel, and the shared scale under them.
fn draw_multiples(m: &Multiples<'_>) -> Result<String, String> {
    let size = NARROW;
    let line = size.line() as i32;
    let (x0, x1) = (8, size.width as i32 - 8);
    // One line alone gets a taller plot.
    let plot_height = if m.series.len() == 1 { 110 } else { 50 };
    let panel = line + 6 + plot_height + 14;
    let count = m.labels.len().max(1);
    let px = |j: usize| {
        if count == 1 {
            (x0 + x1) / 2
        } else {
            x0 + 10 + ((x1 - x0 - 20) as f64 * j as f64 / (count - 1) as f64).round() as i32
        }
    };
    let end = 4 + m.series.len() as i32 * panel;
    let height = end + (2 + m.notes.len() as i32) * line + 12;
    render_sized(size, height as u32, |root| {
        for (k, (label, color, values, bold)) in m.series.iter().enumerate() {
            let style = if *bold { size.bold() } else { size.text() };
            let y = 4 + k as i32 * panel;
            let first = values.first().copied().unwrap_or(0.0);
            let last = values.last().copied().unwrap_or(0.0);
            let change = if values.len() > 1 {
                format!("{} → {}", (m.value)(first), (m.value)(last))
            } else {
                (m.value)(last)
            };
            let room = ((x1 - x0) as u32).saturating_sub(size.text_width(&change) + 8);
            put(
                root,
                &Text::new(size.fit(label, room), (x0, y), style.clone()),
            )?;
            put(root, &Text::new(change, (x1, y), right(style)))?;
            let (top, base) = (y + line + 6, y + line + 6 + plot_height);
            if let Some((i, _)) = m.mark {
                let band = [(px(i) - 12, top), (px(i) + 12, base)];
                put(root, &Rectangle::new(band, GRID.mix(0.2).filled()))?;
            }
            put(
                root,
                &PathElement::new(vec![(x0, top), (x1, top)], GRID.mix(0.35).stroke_width(1)),
            )?;
            for (j, _) in &m.notes {
                let rule = vec![(px(*j), top - 4), (px(*j), base)];
                put(
                    root,
                    &PathElement::new(rule, TEXT.mix(0.85).stroke_width(1)),
                )?;
            }
            put(
                root,
                &PathElement::new(vec![(x0, base), (x1, base)], TEXT.stroke_width(1)),
            )?;
            let points: Vec<(i32, i32)> = values
                .iter()
                .enumerate()
                .map(|(j, v)| {
                    let up = (f64::from(plot_height) * (v / m.y_max).clamp(0.0, 1.0)).round();
                    (px(j), base - up as i32)
                })
                .collect();
            let width = if !*bold && m.series.iter().any(|s| s.3) {
                2
            } else {
                3
            };
            put(
                root,
                &PathElement::new(points.clone(), color.stroke_width(width)),
            )?;
            for (j, point) in points.iter().enumerate() {
                if m.mark.is_some_and(|(i, _)| i == j) {
                    put(root, &Circle::new(*point, 8, TEXT.stroke_width(2)))?;
                    put(root, &Circle::new(*point, 5, color.filled()))?;
                } else {
                    put(root, &Circle::new(*point, 4, color.filled()))?;
                }
            }
        }
        // The sprints under the last panel: the first, and the marked one in bold.
        let marked = m.mark.unwrap_or((count - 1, ""));
        let marked_text = match marked.1 {
            "" => m.labels.get(marked.0).cloned().unwrap_or_default(),
            word => format!(
                "{} · {word}",
                m.labels.get(marked.0).map_or("", String::as_str)
            ),
        };
        let marked_width = size.text_width(&marked_text) as i32;
        let (anchor, left_edge) = if marked.0 + 1 == count && count > 1 {
            (HPos::Right, px(marked.0) + 10 - marked_width)
        } else if marked.0 == 0 {
            (HPos::Left, px(0) - 10)
        } else {
            (HPos::Center, px(marked.0) - marked_width / 2)
        };
        let x = match anchor {
            HPos::Right => px(marked.0) + 10,
            HPos::Left => px(0) - 10,
            HPos::Center => px(marked.0),
        };
        let bold = if m.mark.is_some() {
            size.bold()
        } else {
            size.text()
        };
        put(
            root,
            &Text::new(marked_text, (x, end), bold.pos(Pos::new(anchor, VPos::Top))),
        )?;
        let first = m.labels.first().cloned().unwrap_or_default();
        if marked.0 > 0 && x0 + size.text_width(&first) as i32 + 8 < left_edge {
            put(root, &Text::new(first, (x0, end), size.text()))?;
        }
        let note = size.fit(&m.scale_note, size.width - 16);
        put(root, &Text::new(note, (x0, end + line + 4), size.text()))?;
        for (k, (j, label)) in m.notes.iter().enumerate() {
            let y = end + (2 + k as i32) * line + 4;
            let text = format!("{}: {label}", m.labels.get(*j).map_or("", String::as_str));
            put(
                root,
                &PathElement::new(vec![(x0, y), (x0, y + line - 4)], TEXT.stroke_width(2)),
            )?;
            put(
                root,
                &Text::new(size.fit(&text, size.width - 24), (x0 + 6, y), size.text()),
            )?;
        }
        Ok(())
    })
}

impl Spec {
    /// Draws the phone form at [`NARROW`] size; returns its SVG and the sentence that says how it
    /// differs from the wide form ("" when it shows the same data).
    pub(super) fn draw_phone(&mut self) -> Result<(String, String), String> {
        self.size = NARROW;
        let n = self.labels.len();
        let mut start = n.saturating_sub(PHONE_SPRINTS);
        if let Some(mark) = self.mark.as_ref().filter(|m| m.index < start) {
            start = mark.index;
        }
        let end = (start + PHONE_SPRINTS).min(n);
        let periods = format!("{}s", self.table.row_header.to_lowercase());
        let fewer = if end - start < n {
            format!("the last {} of {n} {periods}", end - start)
        } else {
            String::new()
        };
        match &self.shape {
            Shape::Columns { percent } => {
                let note = match fewer.as_str() {
                    "" => String::new(),
                    _ => format!("On this screen: {fewer}, one bar each; the table has them all."),
                };
                Ok((self.phone_columns(start..end, *percent)?, note))
            }
            Shape::Lines { percent } => {
                let what = if self.series.len() > 1 {
                    "one panel per line, on one scale"
                } else {
                    "on one scale"
                };
                let note = match fewer.as_str() {
                    "" => format!("On this screen: {what}."),
                    _ => format!("On this screen: {what}, {fewer}; the table has them all."),
                };
                Ok((self.phone_lines(start..end, *percent)?, note))
            }
            Shape::Bars => {
                let rows = self.bar_rows(&|v| percent(v), 100.0);
                let x_max = self.share_ceiling();
                Ok((
                    draw_rows(Top::Nothing, &rows, x_max, &axis_percent, &self.axis)?,
                    String::new(),
                ))
            }
            Shape::ValueBars { unit } => {
                let unit = unit.clone();
                let rows = self.bar_rows(&|v| format!("{} {unit}", narrate::number(v)), 1.0);
                let x_max = nice_max(self.series.iter().map(|s| s.values[0]).fold(0.0, f64::max));
                Ok((
                    draw_rows(Top::Nothing, &rows, x_max, &axis_number, &self.axis)?,
                    String::new(),
                ))
            }
            Shape::StackedRows => {
                let totals = self.stack_totals();
                let rows: Vec<PhoneRow> = self
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| PhoneRow {
                        label: label.clone(),
                        bold: false,
                        value: narrate::number(totals[i]),
                        bar: RowBar::Stack(
                            self.series.iter().map(|s| (s.values[i], s.color)).collect(),
                        ),
                        ruled: false,
                    })
                    .collect();
                let x_max = nice_max(totals.iter().copied().fold(0.0, f64::max));
                let top = Top::Legend(&self.series);
                Ok((
                    draw_rows(top, &rows, x_max, &axis_number, &self.axis)?,
                    String::new(),
                ))
            }
            Shape::Dots { rows } => {
                let svg = phone_targets(rows, &self.axis, &self.series)?;
                Ok((svg, String::new()))
            }
            Shape::BurnUp(burn) => {
                let burn = burn.clone();
                Ok((self.draw_burn_up(&burn)?, String::new()))
            }
            Shape::Scatter { points, x_axis } => {
                let (points, x_axis) = (points.clone(), x_axis.clone());
                let note = "On this screen the dots are numbered; their names are under the chart.";
                Ok((self.draw_scatter(&points, &x_axis)?, note.to_string()))
            }
        }
    }

    /// The row label of x position `i`: the label, with the mark's word when it is marked.
    fn marked_label(&self, i: usize) -> (String, bool) {
        match &self.mark {
            Some(mark) if mark.index == i => (format!("{} · {}", self.labels[i], mark.word), true),
            _ => (self.labels[i].clone(), false),
        }
    }

    /// Columns over sprints as one horizontal stacked bar per sprint in `shown`, oldest first,
    /// with the legend above and the total beside each label (amounts only).
    fn phone_columns(
        &self,
        shown: std::ops::Range<usize>,
        percent: bool,
    ) -> Result<String, String> {
        let scale = if percent { 100.0 } else { 1.0 };
        let totals = self.stack_totals();
        let rows: Vec<PhoneRow> = shown
            .clone()
            .map(|i| {
                let (label, bold) = self.marked_label(i);
                let here: Vec<&str> = self.notes_at(i).map(|n| n.label.as_str()).collect();
                let ruled = !here.is_empty();
                let label = match ruled {
                    true => format!("{label} · {}", here.join("; ")),
                    false => label,
                };
                PhoneRow {
                    ruled,
                    label,
                    bold,
                    value: if percent {
                        String::new()
                    } else {
                        narrate::number(totals[i])
                    },
                    bar: RowBar::Stack(
                        self.series
                            .iter()
                            .map(|s| (s.values.get(i).copied().unwrap_or(0.0) * scale, s.color))
                            .collect(),
                    ),
                }
            })
            .collect();
        let x_max = if percent {
            100.0
        } else {
            nice_max(shown.map(|i| totals[i]).fold(0.0, f64::max))
        };
        let x_format: &dyn Fn(&f64) -> String = if percent { &axis_percent } else { &axis_number };
        draw_rows(
            Top::Legend(&self.series),
            &rows,
            x_max,
            x_format,
            &self.axis,
        )
    }

    /// Lines over sprints as small multiples over the sprints in `shown`.
    fn phone_lines(&self, shown: std::ops::Range<usize>, percent: bool) -> Result<String, String> {
        let scale = if percent { 100.0 } else { 1.0 };
        let series: Vec<(&str, RGBColor, Vec<f64>, bool)> = self
            .series
            .iter()
            .map(|s| {
                let values = shown
                    .clone()
                    .map(|i| s.values.get(i).copied().unwrap_or(0.0) * scale)
                    .collect();
                (s.label.as_str(), s.color, values, self.is_highlighted(s))
            })
            .collect();
        let top = series
            .iter()
            .flat_map(|s| s.2.iter())
            .fold(0.0f64, |a, b| a.max(*b));
        let y_max = if percent {
            nice_max(top.max(10.0)).min(100.0)
        } else {
            nice_max(top)
        };
        let value: &dyn Fn(f64) -> String = if percent {
            &|v| format!("{v:.0}%")
        } else {
            &|v| narrate::number(v)
        };
        let mark = self
            .mark
            .as_ref()
            .filter(|m| shown.contains(&m.index))
            .map(|m| (m.index - shown.start, m.word));
        let scale_note = match (percent, self.series.len() > 1) {
            (true, true) => format!("Scale: 0 to {} in every panel", value(y_max)),
            (true, false) => format!("Scale: 0 to {}", value(y_max)),
            (false, true) => format!("{}: 0 to {} in every panel", self.axis, value(y_max)),
            (false, false) => format!("{}: 0 to {}", self.axis, value(y_max)),
        };
        draw_multiples(&Multiples {
            series,
            labels: &self.labels[shown.clone()],
            mark,
            y_max,
            value,
            scale_note,
            notes: self
                .annotations
                .iter()
                .filter(|n| shown.contains(&n.index))
                .map(|n| (n.index - shown.start, n.label.clone()))
                .collect(),
        })
    }

    /// One row per series of its first value (times `scale` on the axis), labelled by `value`.
    fn bar_rows(&self, value: &dyn Fn(f64) -> String, scale: f64) -> Vec<PhoneRow> {
        self.series
            .iter()
            .map(|s| PhoneRow {
                label: s.label.clone(),
                bold: self.is_highlighted(s),
                value: value(s.values[0]),
                bar: RowBar::Stack(vec![(s.values[0] * scale, s.color)]),
                ruled: false,
            })
            .collect()
    }
}

/// The targets chart on a phone: a row per category with the three marks, and the key above.
fn phone_targets(rows: &[TargetRow], axis: &str, key: &[Series]) -> Result<String, String> {
    let x_max = target_axis_max(rows);
    let phone_rows: Vec<PhoneRow> = rows
        .iter()
        .map(|(label, color, target, now, average)| PhoneRow {
            label: label.clone(),
            bold: false,
            value: format!("{}, target {}", percent(*now), percent(*target)),
            bar: RowBar::Marks {
                color: *color,
                target: target * 100.0,
                now: now * 100.0,
                average: average * 100.0,
            },
            ruled: false,
        })
        .collect();
    draw_rows(Top::Marks(key), &phone_rows, x_max, &axis_percent, axis)
}
