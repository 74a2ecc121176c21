//! `content/data/systems.toml` and `content/data/dependencies/<sprint>.toml`: the systems we own,
//! who owns them, their health, and how far behind their dependencies are.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, Names, check_entries, entry, read_list};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::load::input::Day;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSystem {
    id: Spanned<String>,
    name: String,
    owner: Spanned<String>,
    lifecycle: Lifecycle,
    #[serde(default)]
    explain: String,
    health: Option<Health>,
    #[serde(default)]
    health_note: String,
    #[serde(default)]
    dependency: Vec<Dependency>,
}

entry!(RawSystem, "system", "a system");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnapshotDependency {
    system: Spanned<String>,
    name: String,
    version: String,
    released: Day,
    latest: String,
    latest_released: Day,
    ecosystem: Option<String>,
}

/// Where a system is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    /// We are building it up.
    Invest,
    /// We keep it running as it is.
    Maintain,
    /// We are replacing it.
    Sunset,
    /// It is switched off.
    Retired,
}

impl Lifecycle {
    /// The id used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invest => "invest",
            Self::Maintain => "maintain",
            Self::Sunset => "sunset",
            Self::Retired => "retired",
        }
    }

    /// What it means, for a reader.
    pub fn explain(self) -> &'static str {
        match self {
            Self::Invest => "growing: we are adding to it",
            Self::Maintain => "steady: we keep it running as it is",
            Self::Sunset => "being replaced: we spend only what keeps it safe",
            Self::Retired => "switched off",
        }
    }
}

/// How healthy a system is, as its owners judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    /// Works well and is easy to change.
    Good,
    /// Works, with known problems.
    Fair,
    /// Fragile or slow to change.
    Poor,
}

impl Health {
    /// The id used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::Fair => "fair",
            Self::Poor => "poor",
        }
    }
}

/// A library or platform a system depends on, and how far behind it is: a `[[system.dependency]]`
/// row as written (serde's type errors name it `RawDependency`, as they always have).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename(deserialize = "RawDependency"))]
pub struct Dependency {
    /// Package name.
    pub name: String,
    /// The version in use.
    pub version: String,
    /// When the version in use was released.
    pub released: Day,
    /// The newest version.
    pub latest: String,
    /// When the newest version was released.
    pub latest_released: Day,
    /// Package ecosystem (npm, cargo, rubygems...), when given.
    pub ecosystem: Option<String>,
}

/// A system, checked.
#[derive(Debug, Clone)]
pub struct System {
    /// Stable id, used in work rows and addresses.
    pub id: String,
    /// The name readers see.
    pub name: String,
    /// The owning team (index).
    pub owner: usize,
    /// Where it is in its life.
    pub lifecycle: Lifecycle,
    /// What it is, for a non-engineer.
    pub explain: String,
    /// Health, when judged.
    pub health: Option<Health>,
    /// Why the health is what it is.
    pub health_note: String,
    /// Its dependencies, as of now.
    pub dependencies: Vec<Dependency>,
}

/// Reads the systems, checking owners; also returns the ids of those that could not be read
/// or checked, so that references to them are not reported again.
pub(crate) fn check(
    source: &Arc<SourceFile>,
    teams: &Names<'_>,
    diagnostics: &mut Diagnostics,
) -> (Vec<System>, Failed) {
    check_entries(source, diagnostics, |item: RawSystem, id, diagnostics| {
        let owner = teams
            .resolve(source, &item.owner)
            .map_err(|problem| diagnostics.extend(problem))
            .ok()?;
        Some(System {
            id,
            name: item.name,
            owner,
            lifecycle: item.lifecycle,
            explain: item.explain,
            health: item.health,
            health_note: item.health_note,
            dependencies: item.dependency,
        })
    })
}

/// Reads a dependency snapshot: each row names its system.
pub(crate) fn check_snapshot(
    source: &Arc<SourceFile>,
    systems: &Names<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, Dependency)> {
    let raw: Vec<RawSnapshotDependency> =
        read_list(source, "dependency", &mut Failed::default(), diagnostics);
    let mut rows = Vec::with_capacity(raw.len());
    for d in raw {
        let system = match systems.resolve(source, &d.system) {
            Ok(system) => system,
            Err(problem) => {
                diagnostics.extend(problem);
                continue;
            }
        };
        rows.push((
            system,
            Dependency {
                name: d.name,
                version: d.version,
                released: d.released,
                latest: d.latest,
                latest_released: d.latest_released,
                ecosystem: d.ecosystem,
            },
        ));
    }
    rows
}
