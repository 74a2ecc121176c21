//! How narratives are read (`[markdown]` in `site.toml`: smart punctuation on or off) and which
//! words the jargon check takes for names (`[jargon] names`).

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    smart_punctuation: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawJargon {
    names: Option<Spanned<toml::Value>>,
}

/// The checked `[markdown]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Markdown {
    /// Straight quotes become curly, `--` an en dash, `---` an em dash, `...` an ellipsis.
    /// On unless `smart_punctuation = false`.
    pub smart_punctuation: bool,
}

impl Default for Markdown {
    fn default() -> Self {
        Self {
            smart_punctuation: true,
        }
    }
}

/// Checks `[markdown]`: `smart_punctuation` is `true` or `false`.
pub(super) fn check_markdown(
    source: &Arc<SourceFile>,
    raw: Option<RawMarkdown>,
    diagnostics: &mut Diagnostics,
) -> Markdown {
    let Some(value) = raw.and_then(|r| r.smart_punctuation) else {
        return Markdown::default();
    };
    match value.get_ref() {
        toml::Value::Boolean(on) => Markdown {
            smart_punctuation: *on,
        },
        other => {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    value.span(),
                    format!(
                        "`smart_punctuation` is `true` or `false`, not {}",
                        describe(other)
                    ),
                )
                .with_help(
                    "write `smart_punctuation = false` under `[markdown]` to keep quotes and dashes as typed (`--flag` stays `--flag`); it is on by default",
                ),
            );
            Markdown::default()
        }
    }
}

/// Checks `[jargon] names`: a list of words the jargon check takes for names (products,
/// companies, tools every reader knows).
pub(super) fn check_jargon_names(
    source: &Arc<SourceFile>,
    raw: Option<RawJargon>,
    diagnostics: &mut Diagnostics,
) -> Vec<String> {
    let Some(value) = raw.and_then(|r| r.names) else {
        return Vec::new();
    };
    let names: Option<Vec<String>> = value.get_ref().as_array().and_then(|items| {
        items
            .iter()
            .map(|item| item.as_str().map(str::trim).filter(|s| !s.is_empty()))
            .map(|name| name.map(str::to_string))
            .collect()
    });
    names.unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::error(source, value.span(), "`names` is a list of words in quotes")
                .with_help("for example `names = [\"Kafka\", \"Acme Pay\"]` under `[jargon]`"),
        );
        Vec::new()
    })
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("the text {s:?}"),
        other => format!("`{other}`"),
    }
}
