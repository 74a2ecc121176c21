//! `content/data/teams.toml`: the teams the report speaks of, with their head count, day cost
//! and targets.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, check_entries, entry};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::load::config::{Config, check_targets};
use crate::load::input::{Checked, DayCost, People};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    id: Spanned<String>,
    name: String,
    people: Checked<People>,
    #[serde(default)]
    day_cost: Option<Checked<DayCost>>,
    #[serde(default)]
    explain: String,
    #[serde(default)]
    targets: indexmap::IndexMap<Spanned<String>, Spanned<f64>>,
}

entry!(RawTeam, "team", "a team");

/// A team: the unit the report speaks of. Never individuals.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Team {
    /// Stable id used in data files and addresses.
    pub id: String,
    /// The name readers see.
    pub name: String,
    /// Head count.
    pub people: f64,
    /// Loaded cost of one person-day, in the site's currency, when known.
    pub day_cost: Option<f64>,
    /// What the team does, for a non-engineer.
    pub explain: String,
    /// Target share per category slot for this team, when given.
    pub targets: Vec<(usize, f64)>,
}

/// Reads the teams, and the ids of those that could not be read.
pub(super) fn check_teams(
    source: &Arc<SourceFile>,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> (Vec<Team>, Failed) {
    let (teams, failed) = check_entries(source, diagnostics, |team: RawTeam, id, diagnostics| {
        Some(Team {
            id,
            name: team.name,
            people: team.people.get(),
            day_cost: team.day_cost.map(Checked::get),
            explain: team.explain,
            targets: check_targets(source, &config.categories, team.targets, diagnostics),
        })
    });
    if teams.is_empty() && failed.is_empty() {
        diagnostics.push(
            Diagnostic::error_in(Some(source), "no team is defined")
                .with_help("add a team:\n[[team]]\nid = \"web\"\nname = \"Web\"\npeople = 6"),
        );
    }
    (teams, failed)
}
