//! The reader groups (`[audiences.<id>]` in `site.toml`): four that work without
//! configuration, renamed or joined by the author's own, each with an index page at
//! `for/<id>/`.

use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::load::input::is_valid_id;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAudience {
    label: Option<String>,
    description: Option<String>,
}

/// A group of readers with its own index page at `for/<id>/`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Audience {
    /// The id used in front matter and the address.
    pub id: String,
    /// The page's name, e.g. "For finance".
    pub label: String,
    /// One sentence: who this is for and what they will find.
    pub description: String,
}

/// The four audiences that work without configuration.
pub fn default_audiences() -> Vec<Audience> {
    let make = |id: &str, label: &str, description: &str| Audience {
        id: id.to_string(),
        label: label.to_string(),
        description: description.to_string(),
    };
    vec![
        make(
            "executive",
            "For executives",
            "Where engineering time goes, what changed and what we ask for, in a few minutes.",
        ),
        make(
            "finance",
            "For finance",
            "What engineering costs, how the cost is counted, and what the figures leave out.",
        ),
        make(
            "product",
            "For product",
            "How much time goes to new things against upkeep, and what that means for the roadmap.",
        ),
        make(
            "engineering",
            "For engineering",
            "The detail behind the numbers: systems, upkeep and the work that pays it down.",
        ),
    ]
}

/// The default audiences, with `[audiences.<id>]` renaming one or adding a new one.
pub(super) fn merge_audiences(
    source: &Arc<SourceFile>,
    raw: IndexMap<Spanned<String>, RawAudience>,
    diagnostics: &mut Diagnostics,
) -> Vec<Audience> {
    let mut audiences = default_audiences();
    for (id, audience) in raw {
        let span = id.span();
        let id = id.into_inner();
        if !is_valid_id(&id) {
            diagnostics.push(
                Diagnostic::error(source, span, format!("`{id}` cannot be an audience id"))
                    .with_help("audience ids are used in addresses (for/<id>/): use letters, digits, `-` and `_`"),
            );
            continue;
        }
        let position = audiences.iter().position(|a| a.id == id);
        let entry = match position {
            Some(i) => &mut audiences[i],
            None => {
                audiences.push(Audience {
                    label: format!("For {}", id.replace(['-', '_'], " ")),
                    description: String::new(),
                    id,
                });
                audiences.last_mut().expect("just pushed")
            }
        };
        if let Some(label) = audience.label {
            entry.label = label;
        }
        if let Some(description) = audience.description {
            entry.description = description;
        }
    }
    audiences
}
