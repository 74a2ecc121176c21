//! The debt map: each open debt item placed by its interest (across) and principal (up), so the
//! items that pay back fastest stand low and to the right.

use plotters::prelude::*;

use super::frame::{
    FONT, TEXT, WIDTH, axis_number, fit_label, nice_max, plot, render_svg, site_mesh, text_width,
};
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
        .filter_map(|&i| books.accounts.debts[i].payback_sprints.map(|p| (i, p)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let beyond = open
        .iter()
        .find_map(|&i| books.accounts.debts[i].beyond_horizon);
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
    Spec {
        shape: Shape::Scatter {
            points: points.clone(),
            x_axis: format!("Interest: {unit} lost per sprint"),
        },
        title: caption.clone(),
        subtitle: format!(
            "Each open debt item: effort to fix it against the effort it costs every sprint, in {unit}"
        ),
        desc: format!(
            "A dot per debt item, placed by its interest (across) and principal (up); items low and to the right pay back fastest. {caption}"
        ),
        caption,
        source_note: "Source: the tech debt list.".into(),
        axis: format!("Principal: {unit} to fix"),
        labels: Vec::new(),
        series: Vec::new(),
        table,
    }
}

impl Spec {
    /// A dot per point, placed by its x (across) and y (up), labelled on the side with more room.
    pub(super) fn draw_scatter(
        &self,
        points: &[(String, f64, f64)],
        x_axis: &str,
    ) -> Result<String, String> {
        let x_max = nice_max(points.iter().map(|p| p.1).fold(0.0, f64::max));
        let y_max = nice_max(points.iter().map(|p| p.2).fold(0.0, f64::max));
        render_svg(380, |root| {
            let mut chart = ChartBuilder::on(root)
                .margin_right(40)
                .margin_left(8)
                .margin_top(12)
                .x_label_area_size(44)
                .y_label_area_size(64)
                .build_cartesian_2d(0f64..x_max, 0f64..y_max)
                .map_err(|e| e.to_string())?;
            site_mesh(&mut chart.configure_mesh())
                .x_label_formatter(&axis_number)
                .y_label_formatter(&axis_number)
                .x_desc(x_axis)
                .y_desc(self.axis.as_str())
                .draw()
                .map_err(|e| e.to_string())?;
            let color = parse_color("#c2416b");
            // Plot area in pixels (left label area and margins as set above).
            let (left, right) = (64.0 + 8.0, f64::from(WIDTH) - 40.0);
            for (label, x, y) in points {
                let px = left + (right - left) * (x / x_max);
                // Put the label on the side with more room, shortened to fit inside the chart.
                let room_right = (f64::from(WIDTH) - px - 16.0).max(0.0) as u32;
                let room_left = (px - 16.0).max(0.0) as u32;
                let on_right = room_right >= room_left;
                let shown = fit_label(label, if on_right { room_right } else { room_left });
                let width = text_width(&shown) as i32;
                let offset = if on_right { (8, -8) } else { (-8 - width, -8) };
                let element = EmptyElement::at((*x, *y))
                    + Circle::new((0, 0), 6, color.filled())
                    + Text::new(shown, offset, (FONT, 14).into_font().color(&TEXT));
                plot(&mut chart, std::iter::once(element))?;
            }
            Ok(())
        })
    }
}
