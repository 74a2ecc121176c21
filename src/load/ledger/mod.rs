//! The work data: teams and sprints, read from `content/data/` and checked into plain types.
//!
//! This is the one place where raw rows are validated (unknown teams and categories, negative
//! effort, overlapping sprints...). What comes out holds indices instead of names, so later
//! stages never look anything up by string and never re-check.
//!
//! [`sources`] reads the files; [`teams`], [`initiatives`], [`systems`], [`debt`],
//! [`sprints`] and [`scenarios`] check one file kind each, resolving the names they use through `names`. This
//! module puts them in order (a file is checked after the files whose ids it names) and holds
//! the [`Ledger`] they make.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::error::Error;
use crate::load::config::Config;

pub mod debt;
pub mod delivery;
mod incidents;
pub mod initiatives;
mod names;
pub mod scenarios;
pub mod sources;
pub mod sprints;
pub mod systems;
pub mod teams;

pub use debt::{Debt, DebtStatus};
pub use delivery::{Delivery, Event, EventKind, Release};
pub use incidents::{FollowUp, Incident};
pub use initiatives::Initiative;
use names::{Failed, Names, collapse_repeated_unknowns};
pub use scenarios::{Change, Scenario, TakeFrom};
pub use sources::{DATA_DIR, LedgerSources};
pub use sprints::{Capacity, MAX_SPRINT_DAYS, Sprint, WorkRow, sprint_of_day, weekdays_between};
use sprints::{CheckedSprint, Lookups, check_sprint, check_sprint_overlaps, pick_current_sprint};
pub use systems::{Dependency, Health, Lifecycle, System};
pub use teams::Team;
use teams::check_teams;

/// All work data, checked: teams, and sprints in date order.
#[derive(Debug, Clone)]
pub struct Ledger {
    /// Teams in the order of `teams.toml`.
    pub teams: Vec<Team>,
    /// Sprints sorted by start date.
    pub sprints: Vec<Sprint>,
    /// Index of the sprint the report leads with.
    pub current: usize,
    /// Initiatives in the order of `initiatives.toml`.
    pub initiatives: Vec<Initiative>,
    /// Systems in the order of `systems.toml`.
    pub systems: Vec<System>,
    /// The tech-debt ledger.
    pub debts: Vec<Debt>,
    /// Dependency snapshots per sprint (index), in sprint order: (system, dependency) rows.
    pub dependency_snapshots: Vec<(usize, Vec<(usize, Dependency)>)>,
    /// What-if scenarios, in the order of `scenarios.toml`.
    pub scenarios: Vec<Scenario>,
    /// Releases, incidents and events (`releases.toml`, `incidents.toml`, `events.toml`).
    pub delivery: Delivery,
}

impl Ledger {
    /// Reads and checks `content/data/teams.toml` and `content/data/sprints/*.toml`.
    pub fn load(root: &Path, config: &Config) -> Result<Self, Error> {
        Self::check_sources(config, LedgerSources::read(root)?)
    }

    /// Checks teams and sprints only (for tests and small tools).
    pub fn check(
        config: &Config,
        teams_source: Arc<SourceFile>,
        sprint_sources: Vec<Arc<SourceFile>>,
    ) -> Result<Self, Error> {
        Self::check_sources(
            config,
            LedgerSources {
                teams: Some(teams_source),
                sprints: sprint_sources,
                ..LedgerSources::default()
            },
        )
    }

    /// Checks already-read sources. Every problem is reported, not just the first.
    pub fn check_sources(config: &Config, mut sources: LedgerSources) -> Result<Self, Error> {
        let mut diagnostics = Diagnostics::default();
        let (teams, failed_teams) = match &sources.teams {
            Some(source) => check_teams(source, config, &mut diagnostics),
            None => (Vec::new(), Failed::default()),
        };
        let team_names = Names::new(
            "team",
            "teams.toml",
            teams.iter().map(|t| t.id.as_str()),
            &failed_teams,
        );
        let category_index: HashMap<&str, usize> = config
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let (initiatives, failed_initiatives) = sources
            .initiatives
            .as_ref()
            .map(|s| initiatives::check(s, &team_names, &category_index, &mut diagnostics))
            .unwrap_or_default();
        let initiative_names = Names::new(
            "initiative",
            "initiatives.toml",
            initiatives.iter().map(|i| i.id.as_str()),
            &failed_initiatives,
        );
        let (systems, failed_systems) = sources
            .systems
            .as_ref()
            .map(|s| systems::check(s, &team_names, &mut diagnostics))
            .unwrap_or_default();
        if !systems.is_empty() {
            check_upkeep_category(config, &mut diagnostics);
        }
        let system_names = Names::new(
            "system",
            "systems.toml",
            systems.iter().map(|s| s.id.as_str()),
            &failed_systems,
        );
        let debts = sources
            .debt
            .as_ref()
            .map(|s| debt::check(s, &system_names, &initiative_names, &mut diagnostics))
            .unwrap_or_default();
        let lookups = Lookups {
            config,
            teams: &team_names,
            category_index: &category_index,
            initiatives: &initiative_names,
            systems: &system_names,
        };
        let checked: Vec<CheckedSprint> = std::mem::take(&mut sources.sprints)
            .into_par_iter()
            .map(|source| check_sprint(&source, &lookups))
            .collect();
        let mut sprints = Vec::with_capacity(checked.len());
        // A sprint file that cannot be read takes its sprint with it: names of sprints are then
        // not checked, since the one they name may be that sprint.
        let mut failed_sprints = Failed::default();
        for (sprint, problems) in checked {
            diagnostics.extend(problems);
            match sprint {
                Some(sprint) => sprints.push(sprint),
                None => failed_sprints.file(),
            }
        }
        sprints.sort_by(|a, b| (a.0.start, &a.0.id).cmp(&(b.0.start, &b.0.id)));
        check_sprint_overlaps(&sprints, &mut diagnostics);
        let sprints: Vec<Sprint> = sprints.into_iter().map(|(s, _)| s).collect();
        let sprint_names = Names::new(
            "sprint",
            "sprints/",
            sprints.iter().map(|s| s.id.as_str()),
            &failed_sprints,
        );
        let current = pick_current_sprint(config, &sprints, &failed_sprints, &mut diagnostics);
        let scenarios = sources
            .scenarios
            .as_ref()
            .map(|source| {
                let known = scenarios::Known {
                    initiatives: &initiative_names,
                    categories: &category_index,
                    initiative_ids: initiatives.iter().map(|i| i.id.as_str()).collect(),
                    sprints: &sprint_names,
                    sprint_ids: sprints.iter().map(|s| s.id.as_str()).collect(),
                    current: (!sprints.is_empty()).then_some(current),
                };
                scenarios::check(source, &known, &mut diagnostics)
            })
            .unwrap_or_default();
        let initiative_ids: Vec<String> = initiatives.iter().map(|i| i.id.clone()).collect();
        let delivery = check_delivery(
            config,
            &sources,
            &sprints,
            &failed_sprints,
            [&team_names, &system_names, &sprint_names, &initiative_names],
            &initiative_ids,
            &mut diagnostics,
        );
        let mut initiatives = initiatives;
        // `replaces` names a system: resolved now that systems are known.
        if let Some(source) = sources.initiatives.as_ref() {
            for initiative in &mut initiatives {
                if let Some(name) = &initiative.replaces_id {
                    match system_names.resolve(source, name) {
                        Ok(index) => initiative.replaces = Some(index),
                        Err(problem) => diagnostics.extend(problem),
                    }
                }
            }
        }
        resolve_scope_changes(
            &mut initiatives,
            &sprint_names,
            sources.initiatives.as_ref(),
            &mut diagnostics,
        );
        let dependency_snapshots = check_snapshots(
            &sources.dependencies,
            &sprints,
            &failed_sprints,
            &system_names,
            &mut diagnostics,
        );
        let diagnostics = collapse_repeated_unknowns(diagnostics);
        diagnostics
            .finish(Ledger {
                delivery,
                teams,
                sprints,
                current,
                initiatives,
                systems,
                debts,
                dependency_snapshots,
                scenarios,
            })
            .map(|(ledger, _)| ledger)
    }

    /// The sprint the report leads with, if there is any sprint.
    pub fn current_sprint(&self) -> Option<&Sprint> {
        self.sprints.get(self.current)
    }

    /// Index of a sprint by id.
    pub fn sprint_index(&self, id: &str) -> Option<usize> {
        self.sprints.iter().position(|s| s.id == id)
    }

    /// Index of a team by id.
    pub fn team_index(&self, id: &str) -> Option<usize> {
        self.teams.iter().position(|t| t.id == id)
    }
}

/// Systems' figures (cost of ownership, share of the upkeep, the monolith's "tax") count the
/// category that keeps the lights on: with systems, a site whose categories are its own must
/// say which one that is.
fn check_upkeep_category(config: &Config, diagnostics: &mut Diagnostics) {
    if config.upkeep_slot().is_some() {
        return;
    }
    let at = config.source.text.find("[categories.").unwrap_or(0);
    diagnostics.push(
        Diagnostic::error(
            &config.source,
            at..at,
            "no category is marked as upkeep, and the systems in content/data/systems.toml need one",
        )
        .with_help(format!(
            "add `kind = \"upkeep\"` to the category that keeps the lights on (fixing, patching, upgrading), e.g. under [categories.{}]",
            config.category_id(config.categories.len().saturating_sub(1))
        ))
        .with_help("each system's cost of ownership and share of the upkeep count that category"),
    );
}

/// The delivery record: releases first (incidents name them), then incidents and events.
/// `names` are the teams, systems, sprints and initiatives, in that order.
fn check_delivery(
    config: &Config,
    sources: &LedgerSources,
    sprints: &[Sprint],
    failed_sprints: &Failed,
    names: [&Names<'_>; 4],
    initiative_ids: &[String],
    diagnostics: &mut Diagnostics,
) -> Delivery {
    let [teams, systems, sprint_names, initiative_names] = names;
    let releases = sources
        .releases
        .as_ref()
        .map(|s| delivery::check_releases(s, sprints, teams, systems, diagnostics))
        .unwrap_or_default();
    let lookups = incidents::IncidentLookups {
        settings: &config.delivery,
        sprints,
        failed_sprints,
        teams,
        systems,
        initiatives: initiative_names,
        initiative_ids: initiative_ids.iter().map(String::as_str).collect(),
        release_ids: releases.iter().map(|r| r.id.as_deref()).collect(),
        earlier_errors: diagnostics.has_errors(),
    };
    let incidents = sources
        .incidents
        .as_ref()
        .map(|s| incidents::check_incidents(s, &lookups, diagnostics))
        .unwrap_or_default();
    let events = sources
        .events
        .as_ref()
        .map(|s| delivery::check_events(s, sprints, sprint_names, diagnostics))
        .unwrap_or_default();
    Delivery {
        releases,
        incidents,
        events,
    }
}

/// Scope changes name sprints: resolve them now that sprints are known.
fn resolve_scope_changes(
    initiatives: &mut [Initiative],
    sprints: &Names<'_>,
    source: Option<&Arc<SourceFile>>,
    diagnostics: &mut Diagnostics,
) {
    let Some(source) = source else { return };
    for initiative in initiatives.iter_mut() {
        initiative.scope_changes.retain_mut(|change| {
            match sprints.resolve(source, &change.sprint_id) {
                Ok(index) => {
                    change.sprint = index;
                    true
                }
                Err(problem) => {
                    diagnostics.extend(problem);
                    false
                }
            }
        });
        initiative.scope_changes.sort_by_key(|c| c.sprint);
    }
}

/// `dependencies/<sprint>.toml` snapshots, each named after a sprint.
fn check_snapshots(
    sources: &[Arc<SourceFile>],
    sprints: &[Sprint],
    failed_sprints: &Failed,
    systems: &Names<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, Vec<(usize, Dependency)>)> {
    let mut snapshots = Vec::with_capacity(sources.len());
    for source in sources {
        let stem = source
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(sprint) = sprints.iter().position(|s| s.id == stem) else {
            if failed_sprints.excuses(&stem) {
                continue;
            }
            diagnostics.push(
                Diagnostic::error_in(
                    Some(source),
                    format!("`{stem}` is not a sprint id, so this snapshot belongs to no sprint"),
                )
                .with_help(unknown_name_help(
                    &stem,
                    "sprint",
                    sprints.iter().map(|s| s.id.as_str()),
                ))
                .with_help(
                    "name the file after the sprint it describes, e.g. dependencies/2026-S23.toml",
                ),
            );
            continue;
        };
        snapshots.push((
            sprint,
            systems::check_snapshot(source, systems, diagnostics),
        ));
    }
    snapshots.sort_by_key(|(sprint, _)| *sprint);
    snapshots
}
