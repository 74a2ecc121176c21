//! The built-in categories: the Balance framework's four, used when `site.toml` defines none.

use super::categories::{Category, CategoryKind, PALETTE, UNMARKED_UPKEEP_ID};

/// The Balance framework's four categories, used when `site.toml` defines none.
pub fn default_categories() -> Vec<Category> {
    let make = |id: &str, label: &str, color: &str, explain: &str, capitalizable: bool| Category {
        id: id.to_string(),
        label: label.to_string(),
        // The built-in labels read well in lower case mid-sentence.
        phrase: Some(label.to_lowercase()),
        color: color.to_string(),
        explain: explain.to_string(),
        capitalizable,
        kind: (id == UNMARKED_UPKEEP_ID).then_some(CategoryKind::Upkeep),
    };
    vec![
        make(
            "new",
            "New things",
            PALETTE[0],
            "Building features and products that customers have not had before.",
            true,
        ),
        make(
            "improve",
            "Improving what exists",
            PALETTE[1],
            "Making existing features better, faster or easier to use.",
            true,
        ),
        make(
            "productivity",
            "Making the team faster",
            PALETTE[2],
            "Tools, automation and clean-up that let engineers ship with less effort.",
            false,
        ),
        make(
            UNMARKED_UPKEEP_ID,
            "Keeping the lights on",
            PALETTE[3],
            "Fixing bugs, upgrading, patching, on-call: the cost of owning what we already have.",
            false,
        ),
    ]
}
