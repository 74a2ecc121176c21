//! The work data: teams and sprints, read from `content/data/` and checked into plain types.
//!
//! This is the one place where raw rows are validated (unknown teams and categories, negative
//! effort, overlapping sprints...). What comes out holds indices instead of names, so later
//! stages never look anything up by string and never re-check.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;

pub mod debt;
pub mod initiatives;
mod names;
pub mod systems;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::load::config::Config;
use crate::load::input::{
    Checked, Day, DayCost, Effort, People, is_valid_id, parse_toml, read_source,
};
pub use debt::{Debt, DebtStatus};
pub use initiatives::Initiative;
use names::{Failed, Names};
pub use systems::{Dependency, Health, Lifecycle, System};

/// The longest sprint accepted, in days: a year. Longer is a typo in a year, and would split
/// into thousands of months in the capitalization accounts.
pub const MAX_SPRINT_DAYS: i32 = 366;

/// Where the work data lives, relative to the site root.
pub const DATA_DIR: &str = "content/data";

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSprint {
    id: Option<Spanned<String>>,
    start: Spanned<Day>,
    end: Spanned<Day>,
    #[serde(default)]
    working_days: Option<Spanned<u32>>,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    work: Vec<RawWork>,
    #[serde(default)]
    capacity: Vec<RawCapacity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWork {
    team: Spanned<String>,
    category: Option<Spanned<String>>,
    effort: Checked<Effort>,
    title: Option<String>,
    #[serde(rename = "ref")]
    reference: Option<String>,
    system: Option<Spanned<String>>,
    initiative: Option<Spanned<String>>,
    #[serde(default = "yes")]
    planned: bool,
    source: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapacity {
    team: Spanned<String>,
    effort: Checked<Effort>,
}

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

/// One row of recorded work, checked.
#[derive(Debug, Clone)]
pub struct WorkRow {
    /// Index into [`Ledger::teams`].
    pub team: usize,
    /// Category slot: an index into the config's categories, or the uncategorized slot.
    pub category: usize,
    /// Effort in the site's effort unit.
    pub effort: f64,
    /// What the work was, when given.
    pub title: Option<String>,
    /// Ticket key, when given.
    pub reference: Option<String>,
    /// The system worked on (index into [`Ledger::systems`]), when given.
    pub system: Option<usize>,
    /// The initiative this work belongs to (index into [`Ledger::initiatives`]), when given.
    pub initiative: Option<usize>,
    /// Whether the work was planned at the start of the sprint.
    pub planned: bool,
}

/// A sprint's capacity for one team: the effort it had available.
#[derive(Debug, Clone, Copy)]
pub struct Capacity {
    /// Index into [`Ledger::teams`].
    pub team: usize,
    /// Available effort in the site's effort unit.
    pub effort: f64,
}

/// One sprint of recorded work.
#[derive(Debug, Clone)]
pub struct Sprint {
    /// Stable id, used in addresses.
    pub id: String,
    /// First day.
    pub start: Day,
    /// Last day (inclusive).
    pub end: Day,
    /// Weekdays from start to end inclusive, unless the file overrides it.
    pub working_days: u32,
    /// The sprint's goal, in a sentence, when given.
    pub goal: String,
    /// The recorded work.
    pub work: Vec<WorkRow>,
    /// Capacity rows, at most one per team.
    pub capacity: Vec<Capacity>,
    /// The data file, relative to the site root.
    pub path: PathBuf,
    /// The file itself, to locate errors that refer to this sprint.
    pub source: Arc<SourceFile>,
}

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
}

/// The files the ledger is read from, already loaded.
#[derive(Debug, Clone, Default)]
pub struct LedgerSources {
    /// `teams.toml`.
    pub teams: Option<Arc<SourceFile>>,
    /// `sprints/*.toml`.
    pub sprints: Vec<Arc<SourceFile>>,
    /// `initiatives.toml`, when there is one.
    pub initiatives: Option<Arc<SourceFile>>,
    /// `systems.toml`, when there is one.
    pub systems: Option<Arc<SourceFile>>,
    /// `debt.toml`, when there is one.
    pub debt: Option<Arc<SourceFile>>,
    /// `dependencies/<sprint>.toml`.
    pub dependencies: Vec<Arc<SourceFile>>,
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
    pub fn check_sources(config: &Config, sources: LedgerSources) -> Result<Self, Error> {
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
        let checked: Vec<CheckedSprint> = sources
            .sprints
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
        let mut initiatives = initiatives;
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
                teams,
                sprints,
                current,
                initiatives,
                systems,
                debts,
                dependency_snapshots,
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

impl LedgerSources {
    /// Reads every work-data file under `content/data/` of `root` (a site needs `teams.toml`;
    /// the others are optional).
    pub fn read(root: &Path) -> Result<Self, Error> {
        let teams_path = Path::new(DATA_DIR).join("teams.toml");
        if !root.join(&teams_path).is_file() {
            return Err(Error::Refused(format!(
                "no `{}` in `{}`: a site needs at least one team (see `tally init`)",
                teams_path.display(),
                root.display()
            )));
        }
        let optional = |name: &str| -> Result<Option<Arc<SourceFile>>, Error> {
            let path = Path::new(DATA_DIR).join(name);
            if root.join(&path).is_file() {
                read_source(root, &path).map(Some)
            } else {
                Ok(None)
            }
        };
        let read_all = |paths: Vec<PathBuf>| {
            paths
                .par_iter()
                .map(|path| read_source(root, path))
                .collect::<Result<Vec<_>, Error>>()
        };
        Ok(Self {
            teams: Some(read_source(root, &teams_path)?),
            sprints: read_all(toml_files(root, "sprints")?)?,
            initiatives: optional("initiatives.toml")?,
            systems: optional("systems.toml")?,
            debt: optional("debt.toml")?,
            dependencies: read_all(toml_files(root, "dependencies")?)?,
        })
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

/// The same unknown name written in many places is one mistake (an id renamed or removed): it
/// is reported once, at its first use, with how many other uses there are and where.
fn collapse_repeated_unknowns(diagnostics: Diagnostics) -> Diagnostics {
    let mut kept: Vec<Diagnostic> = Vec::new();
    // message → (its index in `kept`, how many more, in which files)
    let mut firsts: HashMap<String, (usize, usize, std::collections::BTreeSet<PathBuf>)> =
        HashMap::new();
    for diagnostic in diagnostics.into_vec() {
        let unknown_name = diagnostic.message.starts_with("unknown ")
            && diagnostic
                .label
                .as_deref()
                .is_some_and(|label| label.starts_with("not defined in"));
        if unknown_name {
            if let Some((_, more, files)) = firsts.get_mut(&diagnostic.message) {
                *more += 1;
                files.extend(diagnostic.path().map(Path::to_path_buf));
                continue;
            }
            firsts.insert(
                diagnostic.message.clone(),
                (kept.len(), 0, std::collections::BTreeSet::new()),
            );
        }
        kept.push(diagnostic);
    }
    for (index, more, files) in firsts.into_values() {
        if more == 0 {
            continue;
        }
        let mut listed: Vec<String> = files
            .iter()
            .take(5)
            .map(|f| f.display().to_string())
            .collect();
        if files.len() > 5 {
            listed.push(format!("{} other files", files.len() - 5));
        }
        let times = if more == 1 { "time" } else { "times" };
        kept[index].help.push(format!(
            "the same name is used {more} more {times}, in {}: fix them all",
            listed.join(", ")
        ));
    }
    let mut collapsed = Diagnostics::default();
    collapsed.extend(kept);
    collapsed
}

/// Checks the id of a new team, initiative or system (`a team`, `an initiative`...): usable in
/// addresses, and not taken by an earlier entry. Records the problem and returns `false` if not.
pub(crate) fn check_new_id(
    source: &Arc<SourceFile>,
    id: &Spanned<String>,
    kind: &str,
    taken: bool,
    diagnostics: &mut Diagnostics,
) -> bool {
    let name = kind.split_once(' ').map_or(kind, |(_, name)| name);
    if !is_valid_id(id.get_ref()) {
        diagnostics.push(
            Diagnostic::error(
                source,
                id.span(),
                format!("`{}` cannot be {kind} id", id.get_ref()),
            )
            .with_help(format!(
                "{name} ids are used in addresses: use letters, digits, `-` and `_`"
            )),
        );
        return false;
    }
    if taken {
        diagnostics.push(
            Diagnostic::error(
                source,
                id.span(),
                format!("the {name} `{}` is defined twice", id.get_ref()),
            )
            .with_help(format!(
                "give each {name} its own id, or merge the two entries"
            )),
        );
        return false;
    }
    true
}

struct Lookups<'a> {
    config: &'a Config,
    teams: &'a Names<'a>,
    category_index: &'a HashMap<&'a str, usize>,
    initiatives: &'a Names<'a>,
    systems: &'a Names<'a>,
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

/// A sprint file after checking: the sprint (unless unreadable) and its problems.
type CheckedSprint = (Option<(Sprint, SprintSpans)>, Vec<Diagnostic>);

/// Spans kept only while checking, for errors that involve two sprints.
struct SprintSpans {
    id: std::ops::Range<usize>,
    start: std::ops::Range<usize>,
}

/// `content/data/<folder>/*.toml`, sorted by path so that runs are deterministic.
fn toml_files(root: &Path, folder: &str) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(DATA_DIR).join(folder);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Io {
            action: "could not list",
            path: dir.clone(),
            source: e.into(),
        })?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            paths.push(relative);
        }
    }
    Ok(paths)
}

/// Reads the teams, and the ids of those that could not be read.
fn check_teams(
    source: &Arc<SourceFile>,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> (Vec<Team>, Failed) {
    let mut failed = Failed::default();
    let raw: Vec<RawTeam> = names::read_list(source, "team", &mut failed, diagnostics);
    if raw.is_empty() && failed.is_empty() {
        diagnostics.push(
            Diagnostic::error_in(Some(source), "no team is defined")
                .with_help("add a team:\n[[team]]\nid = \"web\"\nname = \"Web\"\npeople = 6"),
        );
    }
    let mut teams: Vec<Team> = Vec::with_capacity(raw.len());
    for team in raw {
        let taken = teams.iter().any(|t| &t.id == team.id.get_ref());
        if !check_new_id(source, &team.id, "a team", taken, diagnostics) {
            if !taken {
                failed.entry(Some(team.id.into_inner()));
            }
            continue;
        }
        let id = team.id.into_inner();
        teams.push(Team {
            id,
            name: team.name,
            people: team.people.get(),
            day_cost: team.day_cost.map(Checked::get),
            explain: team.explain,
            targets: crate::load::config::check_targets(
                source,
                &config.categories,
                team.targets,
                diagnostics,
            ),
        });
    }
    (teams, failed)
}

fn check_sprint(source: &Arc<SourceFile>, lookups: &Lookups<'_>) -> CheckedSprint {
    let mut problems = Vec::new();
    let raw: RawSprint = match parse_toml(source, &source.text, 0) {
        Ok(raw) => raw,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let stem = source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (id, id_span) = match raw.id {
        Some(id) => {
            let span = id.span();
            (id.into_inner(), span)
        }
        None => (stem, 0..0),
    };
    if !is_valid_id(&id) {
        problems.push(
            Diagnostic::error(source, id_span.clone(), format!("`{id}` cannot be a sprint id"))
                .with_help("sprint ids are used in addresses: use letters, digits, `-` and `_`, e.g. `2026-S23`"),
        );
    }
    let start = *raw.start.get_ref();
    let end = *raw.end.get_ref();
    if end < start {
        problems.push(
            Diagnostic::error(
                source,
                raw.end.span(),
                format!(
                    "the sprint ends ({}) before it starts ({})",
                    end.iso(),
                    start.iso()
                ),
            )
            .with_help(
                "check the dates: `end` is the sprint's last day and comes on or after `start`",
            ),
        );
    }
    if end >= start && (end.0 - start.0).get_days() >= MAX_SPRINT_DAYS {
        problems.push(
            Diagnostic::error(
                source,
                raw.end.span(),
                format!(
                    "the sprint lasts {} days, from {} to {}; a sprint lasts at most {MAX_SPRINT_DAYS} days",
                    (end.0 - start.0).get_days() + 1,
                    start.iso(),
                    end.iso()
                ),
            )
            .with_help("check the year of `start` and `end`; record a longer period as several sprints"),
        );
    }
    let working_days = match raw.working_days {
        Some(days) if *days.get_ref() == 0 => {
            problems.push(
                Diagnostic::error(source, days.span(), "`working_days` must be at least 1")
                    .with_help("remove it to count the weekdays between start and end"),
            );
            1
        }
        Some(days) => days.into_inner(),
        None => weekdays_between(start, end).max(1),
    };
    let work = raw
        .work
        .into_iter()
        .filter_map(|row| check_work_row(source, row, lookups, &mut problems))
        .collect();
    let mut capacity: Vec<Capacity> = Vec::new();
    for row in raw.capacity {
        let Some(team) = resolve(source, lookups.teams, &row.team, &mut problems) else {
            continue;
        };
        if capacity.iter().any(|c| c.team == team) {
            problems.push(
                Diagnostic::error(
                    source,
                    row.team.span(),
                    format!(
                        "the capacity of `{}` is given twice in this sprint",
                        row.team.get_ref()
                    ),
                )
                .with_help("keep one `[[capacity]]` row per team"),
            );
            continue;
        }
        capacity.push(Capacity {
            team,
            effort: row.effort.get(),
        });
    }
    let sprint = Sprint {
        id,
        start,
        end,
        working_days,
        goal: raw.goal,
        work,
        capacity,
        path: source.path.clone(),
        source: Arc::clone(source),
    };
    let spans = SprintSpans {
        id: id_span,
        start: raw.start.span(),
    };
    (Some((sprint, spans)), problems)
}

/// The index `names` gives `name`, recording its "unknown ..." report (if it deserves one).
fn resolve(
    source: &Arc<SourceFile>,
    names: &Names<'_>,
    name: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<usize> {
    names
        .resolve(source, name)
        .map_err(|problem| problems.extend(problem))
        .ok()
}

fn check_work_row(
    source: &Arc<SourceFile>,
    row: RawWork,
    lookups: &Lookups<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<WorkRow> {
    let team = resolve(source, lookups.teams, &row.team, problems);
    let category = match &row.category {
        None => Some(lookups.config.uncategorized_slot()),
        Some(category) => {
            let found = lookups
                .category_index
                .get(category.get_ref().as_str())
                .copied();
            if found.is_none() {
                problems.push(
                    Diagnostic::error(source, category.span(), format!(
                        "unknown category `{}`",
                        category.get_ref()
                    ))
                    .with_label("not defined in site.toml")
                    .with_help(unknown_name_help(
                        category.get_ref(),
                        "category",
                        lookups.config.categories.iter().map(|c| c.id.as_str()),
                    ))
                    .with_help("define it as `[categories.<id>]` in site.toml, or leave `category` out to count the row as uncategorized"),
                );
            }
            found
        }
    };
    // `Some(None)` when not given, `None` when unknown.
    let system = match &row.system {
        None => Some(None),
        Some(name) => resolve(source, lookups.systems, name, problems).map(Some),
    };
    let initiative = match &row.initiative {
        None => Some(None),
        Some(name) => resolve(source, lookups.initiatives, name, problems).map(Some),
    };
    // Imported rows name their source; the report does not need it.
    let _ = row.source;
    Some(WorkRow {
        team: team?,
        category: category?,
        effort: row.effort.get(),
        title: row.title,
        reference: row.reference,
        system: system?,
        initiative: initiative?,
        planned: row.planned,
    })
}

fn check_sprint_overlaps(sprints: &[(Sprint, SprintSpans)], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Sprint> = HashMap::with_capacity(sprints.len());
    for (sprint, spans) in sprints {
        if let Some(first) = seen.insert(sprint.id.as_str(), sprint) {
            diagnostics.push(
                Diagnostic::error(&sprint.source, spans.id.clone(), format!(
                    "two sprints have the id `{}`",
                    sprint.id
                ))
                .with_label(format!("also used by {}", first.path.display()))
                .with_help("give each sprint its own id (the `id` key, or the file name when `id` is left out)"),
            );
        }
    }
    // Sorted by start, so only neighbours can overlap first.
    for pair in sprints.windows(2) {
        let (earlier, _) = &pair[0];
        let (later, spans) = &pair[1];
        if later.start <= earlier.end {
            diagnostics.push(
                Diagnostic::error(&later.source, spans.start.clone(), format!(
                    "sprint `{}` starts on {}, before sprint `{}` ({}) ends on {}",
                    later.id,
                    later.start.iso(),
                    earlier.id,
                    earlier.path.display(),
                    earlier.end.iso()
                ))
                .with_help("sprints may not overlap: move this start after the other sprint's end, or fix that sprint's dates"),
            );
        }
    }
}

fn pick_current_sprint(
    config: &Config,
    sprints: &[Sprint],
    failed: &Failed,
    diagnostics: &mut Diagnostics,
) -> usize {
    let latest = sprints.len().saturating_sub(1);
    let Some(wanted) = &config.current_sprint else {
        return latest;
    };
    match sprints.iter().position(|s| &s.id == wanted.get_ref()) {
        Some(index) => index,
        None if failed.excuses(wanted.get_ref()) => latest,
        None => {
            diagnostics.push(
                Diagnostic::error(
                    &config.source,
                    wanted.span(),
                    format!(
                        "`current_sprint` names an unknown sprint `{}`",
                        wanted.get_ref()
                    ),
                )
                .with_help(unknown_name_help(
                    wanted.get_ref(),
                    "sprint",
                    sprints.iter().map(|s| s.id.as_str()),
                ))
                .with_help("remove `current_sprint` to use the latest sprint"),
            );
            latest
        }
    }
}

/// Weekdays (Monday to Friday) from `start` to `end`, both included.
pub fn weekdays_between(start: Day, end: Day) -> u32 {
    if end < start {
        return 0;
    }
    let days = (end.0 - start.0).get_days() as i64 + 1;
    let first = start.0.weekday().to_monday_zero_offset() as i64;
    let full_weeks = days / 7;
    let mut count = full_weeks * 5;
    for offset in 0..days % 7 {
        if (first + offset) % 7 < 5 {
            count += 1;
        }
    }
    count as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_count_both_ends() {
        // Monday 2026-11-02 to Friday 2026-11-13: two working weeks.
        assert_eq!(
            weekdays_between(Day(date(2026, 11, 2)), Day(date(2026, 11, 13))),
            10
        );
        // Saturday to Sunday: none.
        assert_eq!(
            weekdays_between(Day(date(2026, 11, 7)), Day(date(2026, 11, 8))),
            0
        );
        // Wednesday to the next Tuesday.
        assert_eq!(
            weekdays_between(Day(date(2026, 11, 4)), Day(date(2026, 11, 10))),
            5
        );
        // One day.
        assert_eq!(
            weekdays_between(Day(date(2026, 11, 4)), Day(date(2026, 11, 4))),
            1
        );
    }
}
