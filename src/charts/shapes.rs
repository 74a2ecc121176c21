//! The shapes several chart families draw: stacked columns over sprints or months, lines over
//! sprints, and one labelled horizontal bar per row (shares or amounts).

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::frame::{axis_number, axis_percent, label_row_end, nice_max, plot, render_svg, row_bar};
use super::spec::Spec;
use crate::words::narrate::{self, percent};

impl Spec {
    /// Stacked columns, one per x label, of shares (in %, up to 100) or of amounts.
    pub(super) fn draw_columns(&self, percent: bool) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let y_max = if percent {
            100.0
        } else {
            nice_max(self.stack_totals().into_iter().fold(0.0, f64::max))
        };
        let scale = if percent { 100.0 } else { 1.0 };
        self.draw_under_legend(340 + self.notes_height(), |area| {
            let mut chart = self.column_chart(area, y_max, percent)?;
            self.mark_column(&mut chart, y_max)?;
            let gap = if n > 40 { 0 } else { 3 };
            for i in 0..self.labels.len() {
                let mut base = 0.0;
                for s in &self.series {
                    let value = s.values[i] * scale;
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
                    plot(&mut chart, std::iter::once(bar))?;
                    base += value;
                }
            }
            self.draw_notes(&mut chart, y_max)
        })
    }

    /// Lines over the x labels, of shares (in %) or of amounts, with a different marker per
    /// series so lines differ by shape as well as colour.
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
        self.draw_under_legend(320 + self.notes_height(), |area| {
            let mut chart = self.column_chart(area, y_max, percent)?;
            self.mark_column(&mut chart, y_max)?;
            self.draw_notes(&mut chart, y_max)?;
            // Muted lines first, thinner, so that the highlighted one is drawn on top.
            let mut order: Vec<usize> = (0..self.series.len()).collect();
            order.sort_by_key(|&k| !self.series[k].muted);
            for k in order {
                let s = &self.series[k];
                let width = if s.muted { 2 } else { 3 };
                let points: Vec<(SegmentValue<usize>, f64)> = s
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (SegmentValue::CenterOf(i), v * scale))
                    .collect();
                plot(
                    &mut chart,
                    LineSeries::new(points.clone(), s.color.stroke_width(width)),
                )?;
                for point in points.iter().filter(|_| n <= 40) {
                    let marker: DynElement<_, _> = match k % 3 {
                        0 => Circle::new(point.clone(), 4, s.color.filled()).into_dyn(),
                        1 => TriangleMarker::new(point.clone(), 5, s.color.filled()).into_dyn(),
                        _ => Cross::new(point.clone(), 4, s.color.stroke_width(2)).into_dyn(),
                    };
                    plot(&mut chart, std::iter::once(marker))?;
                }
            }
            Ok(())
        })
    }

    /// The end of a share axis, in %: a round ceiling just above the largest share (50% when
    /// the largest is 43%), never past 100%.
    pub(super) fn share_ceiling(&self) -> f64 {
        let top = self
            .series
            .iter()
            .filter_map(|s| s.values.first())
            .fold(0.0f64, |a, b| a.max(*b))
            * 100.0;
        nice_max(top.max(10.0)).min(100.0)
    }

    /// One bar per series of its share, in %, with the share written after it, on an axis
    /// that ends at a round ceiling just above the largest share.
    pub(super) fn draw_share_bars(&self) -> Result<String, String> {
        self.draw_labelled_bars(
            LabelledBars {
                x_max: self.share_ceiling(),
                right: 40,
                scale: 100.0,
                x_format: &axis_percent,
            },
            &percent,
        )
    }

    /// One bar per series of its amount, with the amount and `unit` written after it.
    pub(super) fn draw_value_bars(&self, unit: &str) -> Result<String, String> {
        let x_max = nice_max(self.series.iter().map(|s| s.values[0]).fold(0.0, f64::max));
        self.draw_labelled_bars(
            LabelledBars {
                x_max,
                right: 70,
                scale: 1.0,
                x_format: &axis_number,
            },
            &|value| format!("{} {unit}", narrate::number(value)),
        )
    }

    /// One horizontal bar per series (its first value), in the series' colour, with
    /// `value_label` of the value written after it.
    fn draw_labelled_bars(
        &self,
        bars: LabelledBars<'_>,
        value_label: &dyn Fn(f64) -> String,
    ) -> Result<String, String> {
        let n = self.series.len().max(1);
        render_svg(60 + 34 * n as u32, |root| {
            let mut chart =
                self.horizontal_chart(root, bars.x_max, (10, bars.right), bars.x_format)?;
            for (k, s) in self.series.iter().enumerate() {
                let row = n - 1 - k;
                let value = s.values[0] * bars.scale;
                plot(
                    &mut chart,
                    std::iter::once(row_bar(0.0, value, row, s.color)),
                )?;
                label_row_end(&mut chart, value, row, value_label(s.values[0]))?;
            }
            Ok(())
        })
    }
}

/// The x axis of a labelled-bar chart.
struct LabelledBars<'f> {
    /// The axis's end, in drawn units.
    x_max: f64,
    /// The room right of the plot, for the label after the longest bar.
    right: u32,
    /// Drawn units per value (100 for shares drawn in %).
    scale: f64,
    /// The axis's labels.
    x_format: &'f dyn Fn(&f64) -> String,
}
