//! The page for unknown addresses. It is served at any depth, so it stands alone: its links
//! start from the site's base address and its stylesheet is inline.

use crate::pages::context::Context;

/// Where the not-found page's links start. It is served for unknown addresses at any depth,
/// where no relative link is right, so they start from the site's base address (an absolute
/// address, or a path on the host); without one, from the host's root, the one place a site
/// without a base address can be published so that every depth works.
pub fn not_found_root(base: Option<&str>) -> String {
    let base = base.unwrap_or("/");
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// The stylesheet as the body of a `<style>` element: a `</style` in it would end the element.
pub fn inline_stylesheet(css: &str) -> String {
    css.replace("</", "<\\/")
}

/// The not-found page's own values.
pub fn not_found_page(context: &mut Context) {
    context.insert("title", "Page not found");
}
