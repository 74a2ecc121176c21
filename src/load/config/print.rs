//! How pages print (`[print]` in `site.toml`): the paper size of the `@page` rule every page
//! carries. A4 unless the site asks for US Letter.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrint {
    paper: Option<Spanned<String>>,
}

/// The paper a printed page is laid out for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm: the default.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// The name as written in `site.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "Letter",
        }
    }

    /// The value of the CSS `size` descriptor of `@page`.
    pub fn css_size(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "letter",
        }
    }
}

/// The checked `[print]` table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Print {
    /// The paper size; `paper = "A4"` (the default) or `paper = "Letter"`.
    pub paper: Paper,
}

/// Checks `[print]`: `paper` is `"A4"` or `"Letter"` (in any case); anything else is located.
pub(super) fn check_print(
    source: &Arc<SourceFile>,
    raw: Option<RawPrint>,
    diagnostics: &mut Diagnostics,
) -> Print {
    let Some(paper) = raw.and_then(|r| r.paper) else {
        return Print::default();
    };
    let paper = match paper.get_ref().to_ascii_lowercase().as_str() {
        "a4" => Paper::A4,
        "letter" => Paper::Letter,
        _ => {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    paper.span(),
                    format!(
                        "`paper` is the size pages print on, `\"A4\"` or `\"Letter\"`, not {:?}",
                        paper.get_ref()
                    ),
                )
                .with_help(
                    "write `paper = \"A4\"` (210 × 297 mm, the default) or `paper = \"Letter\"` (US Letter, 8.5 × 11 in) under `[print]`",
                ),
            );
            Paper::A4
        }
    };
    Print { paper }
}
