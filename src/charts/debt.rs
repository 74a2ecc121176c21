//! The debt map: each open debt item placed by its interest (across) and principal (up), so the
//! items that pay back fastest stand low and to the right.

use plotters::prelude::*;

use super::frame::{Size, WIDE, axis_number, nice_max, plot, render_sized, site_mesh};
use super::request::{Books, ChartRequest};
use super::spec::{Shape, Spec, parse_color};
use super::table::{Table, ValueKind};
use crate::words::narrate;

/// Each open debt item's principal against its interest, led by the one that pays back fastest.
pub(super) fn debt_map_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let open: Vec<usize> = (0..books.ledger.debts.len())
        .filter(|&i| books.ledger.debts[i].status != crate::load::ledger::DebtStatus::Paid)
        .collect();
    let points: Vec<(String, f64, f64)> = open
        .iter()
        .map(|&i| {
            let d = &books.ledger.debts[i];
            (d.title.clone(), d.interest, d.principal)
        })
        .collect();
    let best = open
        .iter()
        .filter_map(|&i| books.accounts.debt.items[i].payback_sprints.map(|p| (i, p)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let beyond = open
        .iter()
        .find_map(|&i| books.accounts.debt.items[i].beyond_horizon);
    let caption = match (best, beyond) {
        (Some((i, sprints)), _) => format!(
            "Fixing “{}” pays for itself fastest: in about {} sprints.",
            books.ledger.debts[i].title,
            narrate::number(sprints.ceil())
        ),
        (None, Some(why)) => format!(
            "At today's interest, no open debt item pays for itself {}.",
            why.limit()
        ),
        (None, None) => "No open debt item costs time every sprint.".into(),
    };
    let unit = books.config.effort_unit.as_str();
    let table = Table {
        notes: Vec::new(),
        row_header: "Debt".into(),
        columns: vec![
            format!("Interest ({unit} per sprint)"),
            format!("Principal ({unit})"),
        ],
        kind: ValueKind::Effort,
        rows: points
            .iter()
            .map(|(l, x, y)| (l.clone(), vec![*x, *y]))
            .collect(),
    };
    let shape = Shape::Scatter {
        points: points.clone(),
        x_axis: format!("Interest: {unit} lost per sprint"),
    };
    Spec {
        subtitle: format!(
            "Each open debt item: effort to fix it against the effort it costs every sprint, in {unit}"
        ),
        desc: format!(
            "A dot per debt item, placed by its interest (across) and principal (up); items low and to the right pay back fastest. {caption}"
        ),
        source_note: "Source: the tech debt list.".into(),
        axis: format!("Principal: {unit} to fix"),
        ..Spec::wide(shape, caption, Vec::new(), Vec::new(), table)
    }
}

impl Spec {
    /// A dot per point, placed by its x (across) and y (up). The wide form labels each dot on
    /// the side with more room; the phone form numbers the dots and lists the numbers' names
    /// under the plot, one per line.
    pub(super) fn draw_scatter(
        &self,
        points: &[(String, f64, f64)],
        x_axis: &str,
    ) -> Result<String, String> {
        let size = self.size;
        let numbered = size != WIDE;
        let x_max = nice_max(points.iter().map(|p| p.1).fold(0.0, f64::max));
        let y_max = nice_max(points.iter().map(|p| p.2).fold(0.0, f64::max));
        let plot_height = if numbered { 320 } else { 380 };
        // The phone form's key: each dot's number and name, on up to two lines.
        let key: Vec<Vec<String>> = points
            .iter()
            .enumerate()
            .filter(|_| numbered)
            .map(|(k, (label, _, _))| {
                wrap(size, &format!("{}. {label}", k + 1), size.width - 16, 2)
            })
            .collect();
        let key_lines: usize = key.iter().map(Vec::len).sum();
        let key_height = if numbered {
            key_lines as u32 * size.line() + 4 * key.len() as u32 + 8
        } else {
            0
        };
        let (y_area, right_margin) = (size.scaled(64), if numbered { 24 } else { 40 });
        render_sized(size, plot_height + key_height, |root| {
            let (area, key_area) = root.split_vertically(plot_height);
            let mut chart = ChartBuilder::on(&area)
                .margin_right(right_margin)
                .margin_left(8)
                .margin_top(12)
                .x_label_area_size(size.scaled(44))
                .y_label_area_size(y_area)
                .build_cartesian_2d(0f64..x_max, 0f64..y_max)
                .map_err(|e| e.to_string())?;
            site_mesh(&mut chart.configure_mesh(), size)
                .x_label_formatter(&axis_number)
                .y_label_formatter(&axis_number)
                .x_desc(x_axis)
                .y_desc(self.axis.as_str())
                .draw()
                .map_err(|e| e.to_string())?;
            let color = parse_color("#c2416b");
            let width = f64::from(size.width);
            // Plot area in units (left label area and margins as set above).
            let (left, right) = (f64::from(y_area) + 8.0, width - f64::from(right_margin));
            for (k, (label, x, y)) in points.iter().enumerate() {
                let px = left + (right - left) * (x / x_max);
                // Put the label on the side with more room, shortened to fit inside the chart.
                let room_right = (width - px - 16.0).max(0.0) as u32;
                let room_left = (px - 16.0).max(0.0) as u32;
                let on_right = room_right >= room_left;
                let shown = if numbered {
                    (k + 1).to_string()
                } else {
                    size.fit(label, if on_right { room_right } else { room_left })
                };
                let text_w = size.text_width(&shown) as i32;
                let offset = if on_right { (8, -8) } else { (-8 - text_w, -8) };
                let element = EmptyElement::at((*x, *y))
                    + Circle::new((0, 0), 6, color.filled())
                    + Text::new(shown, offset, size.text());
                plot(&mut chart, std::iter::once(element))?;
            }
            let mut y = 4;
            for lines in key {
                for (j, line) in lines.into_iter().enumerate() {
                    // A name's second line is indented.
                    let x = if j == 0 {
                        8
                    } else {
                        8 + 2 * size.scaled(8) as i32
                    };
                    key_area
                        .draw(&Text::new(line, (x, y), size.text()))
                        .map_err(|e| e.to_string())?;
                    y += size.line() as i32;
                }
                y += 4;
            }
            Ok(())
        })
    }
}

/// Splits `text` into at most `max_lines` lines of at most `width` units at `size`, at spaces;
/// the last line is shortened with an ellipsis when the text does not fit.
fn wrap(size: Size, text: &str, width: u32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if size.text_width(&candidate) <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(rest);
    }
    lines.into_iter().map(|l| size.fit(&l, width)).collect()
}
