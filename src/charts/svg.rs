//! The accessible SVG wrapper: plotters' SVG gets `role="img"`, a `<title>` and a `<desc>` tied
//! to it by ids, a class for CSS, and `currentColor` for text and axes so dark mode restyles it.

use crate::text::escape_xml;

/// Adds accessibility to plotters' SVG: `role="img"`, `<title>`, `<desc>`, a class for CSS, and
/// `currentColor` for text and axes so dark mode restyles them.
/// `form` is the class that tells the wide form (`chart-wide`) from the phone form
/// (`chart-narrow`); `id` prefixes the ids of its `<title>` and `<desc>`.
pub(super) fn finish_svg(svg: &str, id: &str, form: &str, title: &str, desc: &str) -> String {
    let svg = svg.replace("#000000", "currentColor");
    let Some(open_end) = svg.find('>') else {
        return svg;
    };
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" class=\"chart-svg {form}\" aria-labelledby=\"{id}-title {id}-desc\" "
        ),
        1,
    );
    format!(
        "{open}>\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{}",
        escape_xml(title),
        escape_xml(desc),
        &rest[1..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_gets_title_desc_and_current_color() {
        let svg = finish_svg(
            "<svg width=\"1\" xmlns=\"x\">\n<text fill=\"#000000\">a</text></svg>",
            "c1",
            "chart-wide",
            "A & B",
            "<desc>",
        );
        assert!(svg.starts_with("<svg role=\"img\" class=\"chart-svg chart-wide\" aria-labelledby=\"c1-title c1-desc\" width=\"1\""), "{svg}");
        assert!(svg.contains("<title id=\"c1-title\">A &amp; B</title>"));
        assert!(svg.contains("<desc id=\"c1-desc\">&lt;desc&gt;</desc>"));
        assert!(svg.contains("fill=\"currentColor\""));
    }
}
