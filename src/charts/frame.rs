//! The shared plotting set-up: the chart's size, fonts and colours, text metrics (plotters has
//! none without system fonts), round axis maximums, legends, and the frames every chart is drawn
//! in: one row per label across, or columns and lines up.

use std::borrow::Borrow;

use plotters::chart::MeshStyle;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{AsRangedCoord, SegmentValue, SegmentedCoord, ValueFormatter};
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::coord::{CoordTranslate, Shift};
use plotters::element::{CoordMapper, Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(super) use super::size::{NARROW, Size, TEXT, WIDE, WIDTH};
use super::spec::{Series, Spec};
use crate::words::narrate;

/// Grid lines: a grey that reads on light and dark pages.
pub(super) const GRID: RGBColor = RGBColor(128, 128, 128);
/// The height of one row of legend entries.
const LEGEND_ROW: u32 = 22;

/// The style of the wide form's labels, legends and axis names.
pub(super) fn text_style() -> TextStyle<'static> {
    WIDE.text()
}

/// An axis label for a percentage (the value is already in %).
pub(super) fn axis_percent(value: &f64) -> String {
    format!("{value:.0}%")
}

/// An axis label for an amount.
pub(super) fn axis_number(value: &f64) -> String {
    narrate::number(*value)
}

/// Approximate width of the wide form's text in SVG units.
pub(super) fn text_width(text: &str) -> u32 {
    WIDE.text_width(text)
}

/// The width of the label area beside horizontal bars: the longest label, up to two fifths of
/// the chart.
fn label_area(longest: u32) -> u32 {
    (longest + 16).min(WIDTH * 2 / 5)
}

/// Shortens a wide form's label to fit `max_px`, ending it with an ellipsis.
pub(super) fn fit_label(text: &str, max_px: u32) -> String {
    WIDE.fit(text, max_px)
}

/// Lays out legend entries in rows at `size`; returns each entry's (x, row) and the number of
/// rows. An entry longer than the width is shortened when drawn.
fn legend_layout(labels: &[&str], size: Size) -> (Vec<(u32, u32)>, u32) {
    let width = size.width;
    let mut positions = Vec::with_capacity(labels.len());
    let (mut x, mut row) = (8u32, 0u32);
    for label in labels {
        let entry = 18 + size.text_width(label) + 16;
        if x + entry > width && x > 8 {
            x = 8;
            row += 1;
        }
        positions.push((x, row));
        x += entry;
    }
    (positions, if labels.is_empty() { 0 } else { row + 1 })
}

/// The height of one row of legend entries at `size`.
fn legend_row(size: Size) -> u32 {
    LEGEND_ROW.max(size.line() + 4)
}

/// Draws a colour swatch and the label of every series, in rows across the top of the chart.
pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    size: Size,
) -> Result<(), String> {
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    let (positions, _) = legend_layout(&labels, size);
    for (s, (x, row)) in series.iter().zip(positions) {
        let y = (row * legend_row(size) + 6) as i32;
        let x = x as i32;
        area.draw(&Rectangle::new(
            [(x, y), (x + 12, y + 12)],
            s.color.filled(),
        ))
        .map_err(|e| e.to_string())?;
        let room = size.width.saturating_sub(x as u32 + 18 + 4);
        area.draw(&Text::new(
            size.fit(&s.label, room),
            (x + 18, y),
            size.text(),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The height of a legend of `series` at `size`, in rows as they fit across.
pub(super) fn legend_height_of(series: &[Series], size: Size) -> u32 {
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    legend_layout(&labels, size).1 * legend_row(size) + 8
}

/// Keeps x labels of `longest` characters at `size` from overlapping by showing every k-th.
pub(super) fn label_step(count: usize, width: u32, longest: usize, size: Size) -> usize {
    let per_label = (size.scaled(longest as u32 * 8) + 12).max(24);
    let fits = (width / per_label).max(1) as usize;
    count.div_ceil(fits).max(1)
}

/// The area an SVG chart is drawn on.
pub(super) type Area<'b> = DrawingArea<SVGBackend<'b>, Shift>;

/// The coordinates of a chart with one horizontal row per label.
pub(super) type Rows = Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>;

/// The coordinates of a chart with one column (or line point) per x label.
pub(super) type Columns = Cartesian2d<SegmentedCoord<RangedCoordusize>, RangedCoordf64>;

/// Draws a wide SVG chart `height` units tall with `draw`, and returns its text.
pub(super) fn render_svg(
    height: u32,
    draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
) -> Result<String, String> {
    render_sized(WIDE, height, draw)
}

/// Draws an SVG chart of `size`'s width and `height` units tall with `draw`.
pub(super) fn render_sized(
    size: Size,
    height: u32,
    draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, height)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Draws `series` on `chart`, with plotters' error as text.
pub(super) fn plot<DB, CT, B, E, R, S>(
    chart: &mut ChartContext<'_, DB, CT>,
    series: S,
) -> Result<(), String>
where
    DB: DrawingBackend,
    CT: CoordTranslate,
    B: CoordMapper,
    for<'e> &'e E: PointCollection<'e, CT::From, B>,
    E: Drawable<DB, B>,
    R: Borrow<E>,
    S: IntoIterator<Item = R>,
{
    chart
        .draw_series(series)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// One bar of a row chart, from `from` to `to` across, filling row `row` but for a gap.
pub(super) fn row_bar(
    from: f64,
    to: f64,
    row: usize,
    color: RGBColor,
) -> Rectangle<(f64, SegmentValue<usize>)> {
    let mut bar = Rectangle::new(
        [
            (from, SegmentValue::Exact(row)),
            (to, SegmentValue::Exact(row + 1)),
        ],
        color.filled(),
    );
    bar.set_margin(5, 5, 0, 0);
    bar
}

/// Writes `text` just after the end of a row's bar, at `x`.
pub(super) fn label_row_end(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Rows>,
    x: f64,
    row: usize,
    text: String,
) -> Result<(), String> {
    let label =
        EmptyElement::at((x, SegmentValue::CenterOf(row))) + Text::new(text, (6, -7), text_style());
    plot(chart, std::iter::once(label))
}

/// The site's look on a chart's mesh: faint grid lines, and axes and labels in the text colour.
pub(super) fn site_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    size: Size,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged,
    Y: Ranged,
    DB: DrawingBackend,
{
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(GRID.mix(0.35))
        .axis_style(TEXT)
        .label_style(size.text())
        .axis_desc_style(size.text())
}

/// How a vertical chart's x axis is labelled.
pub(super) struct XAxis<'f, V> {
    /// How many labels plotters places along it.
    pub(super) labels: usize,
    /// Each label's text (empty to skip one).
    pub(super) format: &'f dyn Fn(&V) -> String,
    /// The axis's name, if it shows one.
    pub(super) desc: Option<&'f str>,
}

impl Spec {
    /// A chart with one horizontal row per label (shortened to fit the label area), an x axis
    /// from zero to `x_max` labelled by `x_format`, and the site's grid, text and axis styles.
    pub(super) fn horizontal_chart<'a, 'b>(
        &self,
        area: &'a Area<'b>,
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
        site_mesh(&mut chart.configure_mesh(), self.size)
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) if *i < labels.len() => {
                    fit_label(&labels[labels.len() - 1 - i], label_area(longest) - 16)
                }
                _ => String::new(),
            })
            .x_label_formatter(x_format)
            .x_desc(self.axis.as_str())
            .draw()
            .map_err(|e| e.to_string())?;
        Ok(chart)
    }

    /// A chart with the y axis from zero to `y_max` labelled by `y_format` and named by the
    /// spec's axis, the x axis as `x_axis` says, and the site's grid, text and axis styles.
    pub(super) fn vertical_chart<'a, 'b, X>(
        &self,
        plot: &'a Area<'b>,
        x_range: X,
        y_max: f64,
        x_axis: XAxis<'_, <X::CoordDescType as Ranged>::ValueType>,
        y_format: &dyn Fn(&f64) -> String,
    ) -> Result<
        ChartContext<'a, SVGBackend<'b>, Cartesian2d<X::CoordDescType, RangedCoordf64>>,
        String,
    >
    where
        X: AsRangedCoord,
        X::CoordDescType: ValueFormatter<<X::CoordDescType as Ranged>::ValueType>,
    {
        // Room above the plot for the current sprint's word ("now").
        let top = if self.mark.is_some() {
            8 + self.size.line()
        } else {
            8
        } + self.notes_height();
        let mut chart = ChartBuilder::on(plot)
            .margin_right(40)
            .margin_left(8)
            .margin_top(top)
            .x_label_area_size(self.size.scaled(36))
            .y_label_area_size(self.size.scaled(64))
            .build_cartesian_2d(x_range, 0f64..y_max)
            .map_err(|e| e.to_string())?;
        let mut mesh = chart.configure_mesh();
        site_mesh(&mut mesh, self.size)
            .disable_x_mesh()
            .x_labels(x_axis.labels)
            .x_label_formatter(x_axis.format)
            .y_label_formatter(y_format)
            .y_desc(self.axis.as_str());
        if let Some(desc) = x_axis.desc {
            mesh.x_desc(desc);
        }
        mesh.draw().map_err(|e| e.to_string())?;
        Ok(chart)
    }

    /// A vertical chart with one column (or line point) per x label, the labels thinned to fit,
    /// and the y axis in % or in amounts.
    pub(super) fn column_chart<'a, 'b>(
        &self,
        plot: &'a Area<'b>,
        y_max: f64,
        percent: bool,
    ) -> Result<ChartContext<'a, SVGBackend<'b>, Columns>, String> {
        let n = self.labels.len().max(1);
        let formatter = self.x_formatter();
        let x_axis = XAxis {
            labels: n,
            format: &formatter,
            desc: None,
        };
        let y_format: &dyn Fn(&f64) -> String = if percent { &axis_percent } else { &axis_number };
        self.vertical_chart(
            plot,
            (0..n.max(2) - 1).into_segmented(),
            y_max,
            x_axis,
            y_format,
        )
    }

    /// Draws the series' legend across the top, then `draw` on the `plot_height` pixels below.
    pub(super) fn draw_under_legend(
        &self,
        plot_height: u32,
        draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
    ) -> Result<String, String> {
        let legend = self.legend_height();
        render_sized(self.size, plot_height + legend, |root| {
            let (top, plot) = root.split_vertically(legend);
            draw_legend(&top, &self.series, self.size)?;
            draw(&plot)
        })
    }

    /// The height of the series' legend, in rows as they fit across the chart.
    pub(super) fn legend_height(&self) -> u32 {
        legend_height_of(&self.series, self.size)
    }

    /// The x labels of a column chart: every k-th, counted from the marked sprint's (or the
    /// last), so they do not overlap and the marked one always shows.
    fn x_formatter(&self) -> impl Fn(&SegmentValue<usize>) -> String + '_ {
        let longest = self
            .labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1);
        let step = label_step(self.labels.len(), self.size.width - 80, longest, self.size);
        let count = self.labels.len();
        let anchor = self
            .mark
            .as_ref()
            .map_or(count.saturating_sub(1), |m| m.index);
        move |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(i) if *i < count && i.abs_diff(anchor).is_multiple_of(step) => {
                self.labels[*i].clone()
            }
            _ => String::new(),
        }
    }

    /// Marks the sprint of a column or line chart: a faint band behind its column and its word
    /// ("now") in bold above the plot, so it shows by a word and a place, not by colour alone.
    pub(super) fn mark_column(
        &self,
        chart: &mut ChartContext<'_, SVGBackend<'_>, Columns>,
        y_max: f64,
    ) -> Result<(), String> {
        let Some(mark) = self.mark.as_ref().filter(|m| m.index < self.labels.len()) else {
            return Ok(());
        };
        let i = mark.index;
        let band = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0.0),
                (SegmentValue::Exact(i + 1), y_max),
            ],
            GRID.mix(0.2).filled(),
        );
        plot(chart, std::iter::once(band))?;
        let word = EmptyElement::at((SegmentValue::CenterOf(i), y_max))
            + Text::new(mark.word, (0, -4), self.mark_style());
        plot(chart, std::iter::once(word))
    }

    /// Marks the sprint at `x` of a chart with sprints across: a line up the plot and its word
    /// ("now") in bold above it.
    pub(super) fn mark_now_line(
        &self,
        chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        x: f64,
        y_max: f64,
    ) -> Result<(), String> {
        let Some(mark) = &self.mark else {
            return Ok(());
        };
        self.worded_line(chart, x, y_max, mark.word, GRID.stroke_width(1))
    }

    /// A vertical line at `x` labelled `word` above it (a burn-up's target date).
    pub(super) fn mark_line(
        &self,
        chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        x: f64,
        y_max: f64,
        word: &str,
    ) -> Result<(), String> {
        self.worded_line(chart, x, y_max, word, TEXT.stroke_width(2))
    }

    /// A vertical line at `x` from zero to `y_max` in `style`, with `word` in bold above it:
    /// what the sprint's mark and a burn-up's target date both draw.
    fn worded_line(
        &self,
        chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
        x: f64,
        y_max: f64,
        word: &str,
        style: ShapeStyle,
    ) -> Result<(), String> {
        let line = PathElement::new(vec![(x, 0.0), (x, y_max)], style);
        plot(chart, std::iter::once(line))?;
        let word =
            EmptyElement::at((x, y_max)) + Text::new(word.to_string(), (0, -4), self.mark_style());
        plot(chart, std::iter::once(word))
    }

    /// The mark's word: bold, centred above the point it stands on.
    fn mark_style(&self) -> TextStyle<'static> {
        self.size.bold().pos(Pos::new(HPos::Center, VPos::Bottom))
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
