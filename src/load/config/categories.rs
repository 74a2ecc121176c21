//! The investment categories of `site.toml` (`[categories.<id>]`) and their `[targets]`: ids
//! checked for addresses, colours for the charts (from a fixed palette when not given), the one
//! category that keeps the lights on, and target shares by category.

use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::load::input::is_valid_id;

/// The id of the default categories' upkeep category. A category with this id keeps the lights
/// on when no category is marked `kind = "upkeep"`, so sites written before `kind` keep working.
pub const UNMARKED_UPKEEP_ID: &str = "ktlo";

/// The id under which work without a category is counted.
pub const UNCATEGORIZED: &str = "uncategorized";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    label: Option<String>,
    phrase: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
    #[serde(default)]
    explain: String,
    #[serde(default)]
    capitalizable: bool,
    kind: Option<Spanned<CategoryKind>>,
}

/// What a category stands for, where the books need to know (`kind = "upkeep"` in site.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CategoryKind {
    /// Keeping the lights on: the cost of owning what exists. Systems' cost of ownership, the
    /// monolith's "tax" and the sentence on who carries the upkeep count this category.
    Upkeep,
}

/// An investment category: a bucket of work that a reader can understand.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Category {
    /// Stable id, used in data files, addresses and the export.
    pub id: String,
    /// The name readers see.
    pub label: String,
    /// How a sentence names the work mid-sentence ("running the business"), when the author
    /// gave one; else sentences quote the label as written ("on Run the business work").
    pub phrase: Option<String>,
    /// `#rrggbb`, the same everywhere on the site.
    pub color: String,
    /// One plain sentence saying what counts here.
    pub explain: String,
    /// Whether work in this category is capitalizable by default.
    pub capitalizable: bool,
    /// What the category stands for, when marked.
    pub kind: Option<CategoryKind>,
}

/// The neutral grey of `uncategorized`: visible on light and dark backgrounds.
pub const UNCATEGORIZED_COLOR: &str = "#8a8f98";

/// A palette for categories without a colour: mid-tones with 3:1 contrast on white and on
/// near-black.
pub(crate) const PALETTE: [&str; 10] = [
    "#2f6fdf", "#0f8a6a", "#8a5cd6", "#d9730d", "#c2416b", "#3d8fb3", "#9c7a15", "#5f7d2b",
    "#b5568f", "#6b7fa8",
];

/// Checks the `[categories.<id>]` tables, in the author's order (the stacking order of charts).
pub(super) fn check_categories(
    source: &Arc<SourceFile>,
    raw: IndexMap<Spanned<String>, Spanned<RawCategory>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Category> {
    let mut categories = Vec::with_capacity(raw.len());
    let mut upkeep_id: Option<String> = None;
    for (index, (id, category)) in raw.into_iter().enumerate() {
        let id_span = id.span();
        let id = id.into_inner();
        if id == UNCATEGORIZED {
            diagnostics.push(
                Diagnostic::error(source, id_span, "`uncategorized` is reserved")
                    .with_help("work rows without `category` are counted as `uncategorized` automatically; pick another id"),
            );
            continue;
        }
        if !is_valid_id(&id) {
            diagnostics.push(
                Diagnostic::error(source, id_span, format!("`{id}` cannot be a category id"))
                    .with_help(
                        "ids are used in addresses and files: use letters, digits, `-` and `_`",
                    ),
            );
            continue;
        }
        let category = category.into_inner();
        let kind = category.kind.map(|kind| {
            if let Some(first) = &upkeep_id {
                diagnostics.push(
                    Diagnostic::error(
                        source,
                        kind.span(),
                        format!("two categories are marked as upkeep: `{first}` and `{id}`"),
                    )
                    .with_help(
                        "mark only the category that keeps the lights on `kind = \"upkeep\"`",
                    ),
                );
            }
            upkeep_id.get_or_insert_with(|| id.clone());
            kind.into_inner()
        });
        let color = match category.color {
            Some(color) if !is_hex_color(color.get_ref()) => {
                diagnostics.push(
                    Diagnostic::error(source, color.span(), "a colour is written `#rrggbb`")
                        .with_help("for example `color = \"#d97706\"`"),
                );
                PALETTE[index % PALETTE.len()].to_string()
            }
            Some(color) => color.into_inner().to_lowercase(),
            None => PALETTE[index % PALETTE.len()].to_string(),
        };
        let phrase = category.phrase.and_then(|phrase| {
            let span = phrase.span();
            let text = phrase.into_inner();
            let text = text.trim();
            if text.is_empty() || text.contains(['\n', '\r']) {
                diagnostics.push(
                    Diagnostic::error(source, span, "a phrase is a few words on one line")
                        .with_help("write how a sentence names this work after \"time spent on\", e.g. `phrase = \"running the business\"`; or leave it out to use the label"),
                );
                None
            } else {
                Some(text.to_string())
            }
        });
        categories.push(Category {
            phrase,
            label: category.label.unwrap_or_else(|| id.clone()),
            id,
            color,
            explain: category.explain,
            capitalizable: category.capitalizable,
            kind,
        });
    }
    categories
}

/// See [`Config::upkeep_slot`].
pub(super) fn upkeep_slot(categories: &[Category]) -> Option<usize> {
    categories
        .iter()
        .position(|c| c.kind == Some(CategoryKind::Upkeep))
        .or_else(|| categories.iter().position(|c| c.id == UNMARKED_UPKEEP_ID))
}

/// Checks target shares: known categories, fractions from 0 to 1.
pub fn check_targets(
    source: &Arc<SourceFile>,
    categories: &[Category],
    raw: IndexMap<Spanned<String>, Spanned<f64>>,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, f64)> {
    let mut targets = Vec::new();
    for (id, share) in raw {
        let Some(slot) = categories.iter().position(|c| &c.id == id.get_ref()) else {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    id.span(),
                    format!("unknown category `{}`", id.get_ref()),
                )
                .with_help(crate::diagnostics::unknown_name_help(
                    id.get_ref(),
                    "category",
                    categories.iter().map(|c| c.id.as_str()),
                )),
            );
            continue;
        };
        let value = *share.get_ref();
        if !(0.0..=1.0).contains(&value) {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    share.span(),
                    format!("a target share is a fraction from 0 to 1, not {value}"),
                )
                .with_help("write 0.25 for a target of 25%"),
            );
            continue;
        }
        targets.push((slot, value));
    }
    targets
}

/// Whether `text` is a `#rrggbb` colour.
fn is_hex_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}
