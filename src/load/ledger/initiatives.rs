//! `content/data/initiatives.toml`: the big pieces of work, with their scope and target date.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, Names, check_entries, entry};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::load::input::{Checked, Day, Scope};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInitiative {
    id: Spanned<String>,
    name: String,
    category: Spanned<String>,
    #[serde(default)]
    why: String,
    owner: Spanned<String>,
    start: Day,
    target: Option<Day>,
    scope: Checked<Scope>,
    #[serde(default)]
    scope_change: Vec<RawScopeChange>,
    capitalizable: Option<bool>,
    cap_start: Option<Day>,
    in_service: Option<Day>,
    useful_life_months: Option<Spanned<u32>>,
    replaces: Option<Spanned<String>>,
}

entry!(RawInitiative, "initiative", "an initiative");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScopeChange {
    sprint: Spanned<String>,
    scope: Checked<Scope>,
}

/// A change of an initiative's estimated scope, from a sprint on.
#[derive(Debug, Clone)]
pub struct ScopeChange {
    /// The sprint id as written (resolved to an index by the ledger).
    pub sprint_id: Spanned<String>,
    /// The sprint (index), once resolved.
    pub sprint: usize,
    /// The new scope, in the site's effort unit.
    pub scope: f64,
}

/// An initiative, checked.
#[derive(Debug, Clone)]
pub struct Initiative {
    /// Stable id, used in work rows and addresses.
    pub id: String,
    /// The name readers see.
    pub name: String,
    /// Category slot.
    pub category: usize,
    /// The outcome expected, in plain words.
    pub why: String,
    /// The owning team (index).
    pub owner: usize,
    /// When work started.
    pub start: Day,
    /// The date it should be done by, if any.
    pub target: Option<Day>,
    /// The first estimate of its effort.
    pub scope: f64,
    /// Later estimates, in sprint order.
    pub scope_changes: Vec<ScopeChange>,
    /// Capitalization: whether its work may be capitalized (overrides the category's default).
    pub capitalizable: Option<bool>,
    /// The date funding was committed and completion became probable.
    pub cap_start: Option<Day>,
    /// The date the software went into service.
    pub in_service: Option<Day>,
    /// Months over which capitalized cost is amortized.
    pub useful_life_months: Option<u32>,
    /// The system it replaces, as written (`replaces = "<system id>"`), resolved once systems
    /// are known.
    pub replaces_id: Option<Spanned<String>>,
    /// The system it replaces (index): its work is the cure, not part of that system's cost
    /// of ownership.
    pub replaces: Option<usize>,
}

/// The longest amortization accepted: 100 years, far beyond any software's useful life (and
/// a bound on the schedule's length).
pub const MAX_USEFUL_LIFE_MONTHS: u32 = 1200;

/// Reads the initiatives, checking categories and owners; scope-change sprints are resolved
/// later, once sprints are known. Also returns the ids of those that could not be read or
/// checked, so that references to them are not reported again.
pub(crate) fn check(
    source: &Arc<SourceFile>,
    teams: &Names<'_>,
    category_index: &HashMap<&str, usize>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Initiative>, Failed) {
    check_entries(
        source,
        diagnostics,
        |item: RawInitiative, id, diagnostics| {
            let category = category_index
                .get(item.category.get_ref().as_str())
                .copied();
            if category.is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        source,
                        item.category.span(),
                        format!("unknown category `{}`", item.category.get_ref()),
                    )
                    .with_help(unknown_name_help(
                        item.category.get_ref(),
                        "category",
                        category_index
                            .keys()
                            .copied()
                            .collect::<std::collections::BTreeSet<_>>(),
                    )),
                );
            }
            let owner = teams
                .resolve(source, &item.owner)
                .map_err(|problem| diagnostics.extend(problem))
                .ok();
            if let Some(life) = &item.useful_life_months
                && !(1..=MAX_USEFUL_LIFE_MONTHS).contains(life.get_ref())
            {
                diagnostics.push(
                    Diagnostic::error(
                        source,
                        life.span(),
                        format!("`useful_life_months` must be from 1 to {MAX_USEFUL_LIFE_MONTHS}"),
                    )
                    .with_help("software is usually amortized over 36 to 60 months"),
                );
            }
            Some(Initiative {
                id,
                name: item.name,
                category: category?,
                why: item.why,
                owner: owner?,
                start: item.start,
                target: item.target,
                scope: item.scope.get(),
                scope_changes: item
                    .scope_change
                    .into_iter()
                    .map(|c| ScopeChange {
                        sprint_id: c.sprint,
                        sprint: 0,
                        scope: c.scope.get(),
                    })
                    .collect(),
                capitalizable: item.capitalizable,
                cap_start: item.cap_start,
                in_service: item.in_service,
                useful_life_months: item.useful_life_months.map(Spanned::into_inner),
                replaces_id: item.replaces,
                replaces: None,
            })
        },
    )
}
