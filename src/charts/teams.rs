//! Effort by team, split by category: one horizontal stacked bar per team, with its total.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::frame::{FONT, TEXT, WIDTH, draw_legend, nice_max};
use super::request::{Books, ChartRequest};
use super::spec::{Series, Shape, Spec, parse_color, source_note};
use super::table::{Table, ValueKind};
use crate::words::narrate::{self, capitalize, shown_slots};

pub(super) fn team_split_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let config = books.config;
    let sprint = request.sprint;
    let account = &books.accounts.sprints[sprint];
    let id = &books.ledger.sprints[sprint].id;
    let slots = shown_slots(config, books.accounts);
    let teams: Vec<usize> = (0..books.ledger.teams.len()).collect();
    let labels: Vec<String> = teams
        .iter()
        .map(|&t| books.ledger.teams[t].name.clone())
        .collect();
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| Series {
            label: config.category_label(slot).to_string(),
            color: parse_color(config.category_color(slot)),
            values: teams
                .iter()
                .map(|&t| account.teams[t].by_category[slot])
                .collect(),
        })
        .collect();
    let busiest = teams.iter().max_by(|&&a, &&b| {
        account.teams[a]
            .effort
            .total_cmp(&account.teams[b].effort)
            .then(b.cmp(&a))
    });
    let caption = match busiest {
        Some(&t) if account.effort > 0.0 => format!(
            "{} recorded the most time in sprint {id}: {}, {}.",
            books.ledger.teams[t].name,
            narrate::effort(config, account.teams[t].effort),
            narrate::people(account.teams[t].fte)
        ),
        _ => format!("No work is recorded for sprint {id}."),
    };
    let table = Table {
        row_header: "Team".to_string(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::StackedRows,
        title: caption.clone(),
        subtitle: format!(
            "Effort by team and category in sprint {id}, in {}",
            config.effort_unit.as_str()
        ),
        desc: format!("Horizontal stacked bars, one per team, split by category. {caption}"),
        caption,
        source_note: source_note(books, &[sprint]),
        axis: capitalize(config.effort_unit.as_str()),
        labels,
        series,
        table,
    }
}

impl Spec {
    pub(super) fn draw_stacked_rows(&self) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let totals: Vec<f64> = (0..n)
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        let x_max = nice_max(totals.iter().copied().fold(0.0, f64::max));
        let legend = self.legend_height();
        let height = legend + 60 + 36 * n as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top, plot) = root.split_vertically(legend);
            draw_legend(&top, &self.series)?;
            let mut chart =
                self.horizontal_chart(&plot, x_max, (8, 56), &|v| narrate::number(*v))?;
            for (i, total_value) in totals.iter().enumerate().take(self.labels.len()) {
                let row = n - 1 - i;
                let mut base = 0.0;
                for s in &self.series {
                    let value = s.values[i];
                    if value <= 0.0 {
                        continue;
                    }
                    let mut bar = Rectangle::new(
                        [
                            (base, SegmentValue::Exact(row)),
                            (base + value, SegmentValue::Exact(row + 1)),
                        ],
                        s.color.filled(),
                    );
                    bar.set_margin(5, 5, 0, 0);
                    chart
                        .draw_series(std::iter::once(bar))
                        .map_err(|e| e.to_string())?;
                    base += value;
                }
                let total = EmptyElement::at((base, SegmentValue::CenterOf(row)))
                    + Text::new(
                        narrate::number(*total_value),
                        (6, -7),
                        (FONT, 15).into_font().color(&TEXT),
                    );
                chart
                    .draw_series(std::iter::once(total))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }
}
