//! The shapes several chart families draw: stacked columns over sprints or months, lines over
//! sprints, and one labelled horizontal bar per row (shares or amounts).

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::frame::{FONT, GRID, TEXT, WIDTH, draw_legend, nice_max};
use super::spec::Spec;
use crate::words::narrate::{self, percent};

impl Spec {
    pub(super) fn draw_columns(&self, percent: bool) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let totals: Vec<f64> = (0..n)
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        let y_max = if percent {
            100.0
        } else {
            nice_max(totals.iter().copied().fold(0.0, f64::max))
        };
        let legend = self.legend_height();
        let height = 340 + legend;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top, plot) = root.split_vertically(legend);
            draw_legend(&top, &self.series)?;
            let mut chart = ChartBuilder::on(&plot)
                .margin_right(40)
                .margin_left(8)
                .margin_top(8)
                .x_label_area_size(36)
                .y_label_area_size(64)
                .build_cartesian_2d((0..n.max(2) - 1).into_segmented(), 0f64..y_max)
                .map_err(|e| e.to_string())?;
            let formatter = self.x_formatter();
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID.mix(0.35))
                .axis_style(TEXT)
                .x_labels(n)
                .x_label_formatter(&formatter)
                .y_label_formatter(&|v| {
                    if percent {
                        format!("{v:.0}%")
                    } else {
                        narrate::number(*v)
                    }
                })
                .y_desc(self.axis.as_str())
                .label_style((FONT, 15).into_font().color(&TEXT))
                .axis_desc_style((FONT, 15).into_font().color(&TEXT))
                .draw()
                .map_err(|e| e.to_string())?;
            let gap = if n > 40 { 0 } else { 3 };
            for i in 0..self.labels.len() {
                let mut base = 0.0;
                for s in &self.series {
                    let value = s.values[i] * if percent { 100.0 } else { 1.0 };
                    if value <= 0.0 {
                        continue;
                    }
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), base),
                            (SegmentValue::Exact(i + 1), base + value),
                        ],
                        s.color.filled(),
                    );
                    bar.set_margin(0, 0, gap, gap);
                    chart
                        .draw_series(std::iter::once(bar))
                        .map_err(|e| e.to_string())?;
                    base += value;
                }
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    pub(super) fn draw_bars(&self) -> Result<String, String> {
        let n = self.series.len().max(1);
        let height = 60 + 34 * n as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let mut chart =
                self.horizontal_chart(&root, 100f64, (10, 40), &|v| format!("{v:.0}%"))?;
            for (k, s) in self.series.iter().enumerate() {
                let row = n - 1 - k;
                let value = s.values[0] * 100.0;
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(row)),
                        (value, SegmentValue::Exact(row + 1)),
                    ],
                    s.color.filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                chart
                    .draw_series(std::iter::once(bar))
                    .map_err(|e| e.to_string())?;
                let label = EmptyElement::at((value, SegmentValue::CenterOf(row)))
                    + Text::new(
                        percent(s.values[0]),
                        (6, -7),
                        (FONT, 15).into_font().color(&TEXT),
                    );
                chart
                    .draw_series(std::iter::once(label))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    pub(super) fn draw_lines(&self, percent: bool) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let scale = if percent { 100.0 } else { 1.0 };
        let top = self
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .fold(0.0f64, |a, b| a.max(*b))
            * scale;
        let y_max = if percent {
            nice_max(top.max(10.0)).min(100.0)
        } else {
            nice_max(top)
        };
        let legend = self.legend_height();
        let height = 320 + legend;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top_area, plot) = root.split_vertically(legend);
            draw_legend(&top_area, &self.series)?;
            let mut chart = ChartBuilder::on(&plot)
                .margin_right(40)
                .margin_left(8)
                .margin_top(8)
                .x_label_area_size(36)
                .y_label_area_size(64)
                .build_cartesian_2d((0..n.max(2) - 1).into_segmented(), 0f64..y_max)
                .map_err(|e| e.to_string())?;
            let formatter = self.x_formatter();
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID.mix(0.35))
                .axis_style(TEXT)
                .x_labels(n)
                .x_label_formatter(&formatter)
                .y_label_formatter(&|v| {
                    if percent {
                        format!("{v:.0}%")
                    } else {
                        narrate::number(*v)
                    }
                })
                .y_desc(self.axis.as_str())
                .label_style((FONT, 15).into_font().color(&TEXT))
                .axis_desc_style((FONT, 15).into_font().color(&TEXT))
                .draw()
                .map_err(|e| e.to_string())?;
            for (k, s) in self.series.iter().enumerate() {
                let points: Vec<(SegmentValue<usize>, f64)> = s
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (SegmentValue::CenterOf(i), v * scale))
                    .collect();
                chart
                    .draw_series(LineSeries::new(points.clone(), s.color.stroke_width(3)))
                    .map_err(|e| e.to_string())?;
                // A different marker per series, so lines differ by shape as well as colour.
                for point in points.iter().filter(|_| n <= 40) {
                    let marker: DynElement<_, _> = match k % 3 {
                        0 => Circle::new(point.clone(), 4, s.color.filled()).into_dyn(),
                        1 => TriangleMarker::new(point.clone(), 5, s.color.filled()).into_dyn(),
                        _ => Cross::new(point.clone(), 4, s.color.stroke_width(2)).into_dyn(),
                    };
                    chart
                        .draw_series(std::iter::once(marker))
                        .map_err(|e| e.to_string())?;
                }
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    pub(super) fn draw_value_bars(&self, unit: &str) -> Result<String, String> {
        let n = self.series.len().max(1);
        let x_max = nice_max(self.series.iter().map(|s| s.values[0]).fold(0.0, f64::max));
        let height = 60 + 34 * n as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let mut chart =
                self.horizontal_chart(&root, x_max, (10, 70), &|v| narrate::number(*v))?;
            for (k, s) in self.series.iter().enumerate() {
                let row = n - 1 - k;
                let value = s.values[0];
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(row)),
                        (value, SegmentValue::Exact(row + 1)),
                    ],
                    s.color.filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                chart
                    .draw_series(std::iter::once(bar))
                    .map_err(|e| e.to_string())?;
                let label = EmptyElement::at((value, SegmentValue::CenterOf(row)))
                    + Text::new(
                        format!("{} {unit}", narrate::number(value)),
                        (6, -7),
                        (FONT, 15).into_font().color(&TEXT),
                    );
                chart
                    .draw_series(std::iter::once(label))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }
}
