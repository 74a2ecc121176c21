//! The shared plotting set-up: the chart's size, fonts and colours, text metrics (plotters has
//! none without system fonts), round axis maximums, legends, and the frames every chart is drawn
//! in: one row per label across, or columns and lines up.

use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{SegmentValue, SegmentedCoord};
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;

use super::spec::{Series, Spec};

pub(super) const WIDTH: u32 = 720;
pub(super) const FONT: &str = "sans-serif";
pub(super) const TEXT: RGBColor = RGBColor(0, 0, 0);
pub(super) const GRID: RGBColor = RGBColor(128, 128, 128);
pub(super) const LEGEND_ROW: u32 = 22;

/// Approximate width in pixels of text at 13 px: plotters has no font metrics without system
/// fonts, so estimate generously.
pub(super) fn text_width(text: &str) -> u32 {
    (text.chars().count() as u32) * 15 / 2 + 4
}

/// The width of the label area beside horizontal bars: the longest label, up to two fifths of
/// the chart.
pub(super) fn label_area(longest: u32) -> u32 {
    (longest + 16).min(WIDTH * 2 / 5)
}

/// Shortens a label to fit `max_px`, ending it with an ellipsis (the table keeps the full text).
pub(super) fn fit_label(text: &str, max_px: u32) -> String {
    if text_width(text) <= max_px {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if text_width(&kept) + 8 > max_px {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// Lays out legend entries in rows; returns each entry's (x, row) and the number of rows.
pub(super) fn legend_layout(labels: &[&str], width: u32) -> (Vec<(u32, u32)>, u32) {
    let mut positions = Vec::with_capacity(labels.len());
    let (mut x, mut row) = (8u32, 0u32);
    for label in labels {
        let entry = 18 + text_width(label) + 16;
        if x + entry > width && x > 8 {
            x = 8;
            row += 1;
        }
        positions.push((x, row));
        x += entry;
    }
    (positions, if labels.is_empty() { 0 } else { row + 1 })
}

pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[Series],
) -> Result<(), String> {
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    let (positions, _) = legend_layout(&labels, WIDTH);
    for (s, (x, row)) in series.iter().zip(positions) {
        let y = (row * LEGEND_ROW + 6) as i32;
        let x = x as i32;
        area.draw(&Rectangle::new(
            [(x, y), (x + 12, y + 12)],
            s.color.filled(),
        ))
        .map_err(|e| e.to_string())?;
        area.draw(&Text::new(
            s.label.clone(),
            (x + 18, y),
            (FONT, 15).into_font().color(&TEXT),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Keeps at most ~12 x labels readable by showing every k-th.
pub(super) fn label_step(count: usize, width: u32, longest: usize) -> usize {
    let per_label = (longest as u32 * 8 + 12).max(24);
    let fits = (width / per_label).max(1) as usize;
    count.div_ceil(fits).max(1)
}

/// The coordinates of a chart with one horizontal row per label.
pub(super) type Rows = Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>;

impl Spec {
    /// A chart with one horizontal row per label (shortened to fit the label area), an x axis
    /// from zero to `x_max` labelled by `x_format`, and the site's grid, text and axis styles.
    pub(super) fn horizontal_chart<'a, 'b>(
        &self,
        area: &'a DrawingArea<SVGBackend<'b>, Shift>,
        x_max: f64,
        (top, right): (u32, u32),
        x_format: &dyn Fn(&f64) -> String,
    ) -> Result<ChartContext<'a, SVGBackend<'b>, Rows>, String> {
        let n = self.labels.len().max(1);
        let longest = self
            .labels
            .iter()
            .map(|l| text_width(l))
            .max()
            .unwrap_or(40);
        let mut chart = ChartBuilder::on(area)
            .margin_right(right)
            .margin_left(8)
            .margin_top(top)
            .x_label_area_size(36)
            .y_label_area_size(label_area(longest))
            .build_cartesian_2d(0f64..x_max, (0..n.max(2) - 1).into_segmented())
            .map_err(|e| e.to_string())?;
        let labels = &self.labels;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.mix(0.35))
            .axis_style(TEXT)
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) if *i < labels.len() => {
                    fit_label(&labels[labels.len() - 1 - i], label_area(longest) - 16)
                }
                _ => String::new(),
            })
            .x_label_formatter(x_format)
            .x_desc(self.axis.as_str())
            .label_style((FONT, 15).into_font().color(&TEXT))
            .axis_desc_style((FONT, 15).into_font().color(&TEXT))
            .draw()
            .map_err(|e| e.to_string())?;
        Ok(chart)
    }

    pub(super) fn legend_height(&self) -> u32 {
        let labels: Vec<&str> = self.series.iter().map(|s| s.label.as_str()).collect();
        legend_layout(&labels, WIDTH).1 * LEGEND_ROW + 8
    }

    pub(super) fn x_formatter(&self) -> impl Fn(&SegmentValue<usize>) -> String + '_ {
        let longest = self
            .labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1);
        let step = label_step(self.labels.len(), WIDTH - 80, longest);
        let count = self.labels.len();
        move |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(i) if *i < count && (count - 1 - i).is_multiple_of(step) => {
                self.labels[*i].clone()
            }
            _ => String::new(),
        }
    }
}

/// A round axis maximum above `value`: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_max(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * magnitude >= value * 1.05 {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_shortened_to_fit() {
        assert_eq!(fit_label("Payments", 200), "Payments");
        let short = fit_label(
            "A very long system name that does not fit beside the bars at all",
            150,
        );
        assert!(short.ends_with('…'));
        assert!(text_width(&short) <= 150, "{short}");
    }

    #[test]
    fn axis_maximum_is_round_and_above_the_data() {
        assert_eq!(nice_max(93.0), 100.0);
        assert_eq!(nice_max(120.0), 150.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert!(nice_max(47.0) >= 47.0);
    }
}
