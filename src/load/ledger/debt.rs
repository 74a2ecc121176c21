//! `content/data/debt.toml`: the tech-debt ledger, each item with a principal and an interest.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, Names, read_list};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::load::input::{Checked, Day, Effort, Scope, is_valid_id};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDebt {
    id: Spanned<String>,
    title: String,
    system: Spanned<String>,
    #[serde(default)]
    explain: String,
    principal: Checked<Scope>,
    interest: Checked<Effort>,
    since: Day,
    #[serde(default)]
    intentional: bool,
    status: DebtStatus,
    initiative: Option<Spanned<String>>,
}

/// Where a debt item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DebtStatus {
    /// Not being paid down.
    Open,
    /// Being paid down now.
    Paying,
    /// Paid off.
    Paid,
}

impl DebtStatus {
    /// The id used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Paying => "paying",
            Self::Paid => "paid",
        }
    }
}

/// A tech-debt item, checked.
#[derive(Debug, Clone)]
pub struct Debt {
    /// Stable id.
    pub id: String,
    /// What it is, in a few words.
    pub title: String,
    /// The system it lives in (index).
    pub system: usize,
    /// Why it costs us, in plain words.
    pub explain: String,
    /// Estimated effort to fix it, in the site's unit.
    pub principal: f64,
    /// Effort lost every sprint while it stays.
    pub interest: f64,
    /// Since when we carry it.
    pub since: Day,
    /// Whether it was taken on deliberately (a shortcut to ship sooner).
    pub intentional: bool,
    /// Open, paying or paid.
    pub status: DebtStatus,
    /// The initiative that pays it down (index), when there is one.
    pub initiative: Option<usize>,
}

/// Reads the debt ledger, checking systems and initiatives.
pub(crate) fn check(
    source: &Arc<SourceFile>,
    systems: &Names<'_>,
    initiatives: &Names<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Debt> {
    let raw: Vec<RawDebt> = read_list(source, "debt", &mut Failed::default(), diagnostics);
    let mut debts: Vec<Debt> = Vec::with_capacity(raw.len());
    for item in raw {
        let id = item.id.get_ref().clone();
        if !is_valid_id(&id) || debts.iter().any(|d| d.id == id) {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    item.id.span(),
                    format!(
                        "`{id}` is not a usable debt id (empty, unusual characters, or used twice)"
                    ),
                )
                .with_help("give each item its own id of letters, digits, `-` and `_`"),
            );
            continue;
        }
        let system = match systems.resolve(source, &item.system) {
            Ok(system) => system,
            Err(problem) => {
                diagnostics.extend(problem);
                continue;
            }
        };
        let initiative = match &item.initiative {
            None => None,
            Some(name) => match initiatives.resolve(source, name) {
                Ok(index) => Some(index),
                Err(problem) => {
                    diagnostics.extend(problem);
                    continue;
                }
            },
        };
        debts.push(Debt {
            id,
            title: item.title,
            system,
            explain: item.explain,
            principal: item.principal.get(),
            interest: item.interest.get(),
            since: item.since,
            intentional: item.intentional,
            status: item.status,
            initiative,
        });
    }
    debts
}
