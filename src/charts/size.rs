//! The two sizes a chart is drawn at (the wide form and the phone form), with the font, the
//! text colour and the text metrics plotters lacks without system fonts.

use plotters::prelude::*;

/// The wide form's width in SVG units (the page scales the SVG to its box).
pub(super) const WIDTH: u32 = 720;

/// A form's drawing size: its width in SVG units and its font size (as plotters takes it; the
/// SVG says `font / 1.24`). The page scales the SVG to its box, so text renders at
/// `font / 1.24 × box width / width` CSS px: the wide form is shown from a 670 px box up (12.1
/// units → at least 11.2 px), the phone form in a box of 286 to 512 px (14.5 units × 286 / 360
/// → at least 11.5 px).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Size {
    /// The width in SVG units.
    pub(super) width: u32,
    /// The font size, as plotters takes it.
    pub(super) font: f64,
}

/// The wide form: 720 units, text 12.1 units.
pub(super) const WIDE: Size = Size {
    width: WIDTH,
    font: 15.0,
};

/// The phone form: 360 units, text 14.5 units.
pub(super) const NARROW: Size = Size {
    width: 360,
    font: 18.0,
};

impl Size {
    /// The style of labels at this size.
    pub(super) fn text(self) -> TextStyle<'static> {
        (FONT, self.font).into_font().color(&TEXT)
    }

    /// Bold labels at this size (the current sprint's).
    pub(super) fn bold(self) -> TextStyle<'static> {
        (FONT, self.font)
            .into_font()
            .style(FontStyle::Bold)
            .color(&TEXT)
    }

    /// Approximate width of `text` in SVG units: plotters has no font metrics without system
    /// fonts, so estimate generously (half the font size per character).
    pub(super) fn text_width(self, text: &str) -> u32 {
        (text.chars().count() as f64 * self.font / 2.0) as u32 + 4
    }

    /// Shortens a label to fit `max_px`, ending it with an ellipsis (the table keeps the full
    /// text).
    pub(super) fn fit(self, text: &str, max_px: u32) -> String {
        if self.text_width(text) <= max_px {
            return text.to_string();
        }
        let mut kept = String::new();
        for c in text.chars() {
            kept.push(c);
            if self.text_width(&kept) + 8 > max_px {
                kept.pop();
                break;
            }
        }
        format!("{}…", kept.trim_end())
    }

    /// A length that holds text at the wide form's size, grown with this size's font.
    pub(super) fn scaled(self, wide: u32) -> u32 {
        (f64::from(wide) * self.font / WIDE.font) as u32
    }

    /// The height of a line of text at this size.
    pub(super) fn line(self) -> u32 {
        (self.font * 1.25) as u32
    }
}
/// The font family of every label.
pub(super) const FONT: &str = "sans-serif";
/// Text and axes: black, which the wrapper turns into `currentColor`.
pub(super) const TEXT: RGBColor = RGBColor(0, 0, 0);
