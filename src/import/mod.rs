//! `tally import`: turns a tracker export into work rows of a sprint file.
//!
//! The stages: read the export into [`Item`]s (one reader per format: [`jira`], [`linear`],
//! [`github`]; every malformed record is a located [`Diagnostic`]) → keep the items done
//! between the sprint's start and end → give each a team and a category with the `[import]`
//! rules of site.toml ([`rules`]) → give each an effort ([`effort`]) → replace the rows of that
//! source in the sprint file, keeping every other row and comment ([`write`]) → check the new
//! file with the ledger → report a [`Reconciliation`]. Nothing is dropped silently: every item
//! that is not imported, or imported without a category or an estimate, is listed with why.

mod csvfile;
mod dates;
pub mod effort;
mod github;
mod jira;
mod linear;
pub mod reconcile;
pub mod rules;
pub mod write;

use std::cmp::Ordering;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use reconcile::{Listed, Reconciliation, TeamTotal};
pub use rules::{EffortMode, Rules};

use crate::diagnostics::{Diagnostic, Location, SourceFile, unknown_name_help};
use crate::error::Error;
use crate::load::config::{Config, EffortUnit};
use crate::load::input::{Day, is_valid_id};
use crate::load::ledger::{DATA_DIR, Ledger, LedgerSources, weekdays_between};

/// The tracker an export comes from; also the `source` of the rows it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Jira's "Export CSV (all fields)".
    Jira,
    /// Linear's CSV export.
    Linear,
    /// The JSON of `gh issue list` / `gh pr list`.
    Github,
}

impl Format {
    /// The `source` written into imported rows: `jira`, `linear` or `github`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jira => "jira",
            Self::Linear => "linear",
            Self::Github => "github",
        }
    }

    /// The tracker's name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Jira => "Jira",
            Self::Linear => "Linear",
            Self::Github => "GitHub",
        }
    }

    /// What "done" is called in this tracker.
    fn done_word(self) -> &'static str {
        match self {
            Self::Jira => "resolved",
            Self::Linear => "completed",
            Self::Github => "closed",
        }
    }
}

/// One item of an export, whatever the tracker.
#[derive(Debug, Clone)]
pub struct Item {
    /// The key: `PAY-12` (Jira, Linear), `#345` or `owner/repo#345` (GitHub).
    pub key: String,
    /// Jira's numeric `Issue id`, which `Parent` and `Parent id` refer to.
    pub id: Option<String>,
    /// The summary, exactly as exported.
    pub title: String,
    /// The issue type (Jira).
    pub kind: Option<String>,
    /// The status (Jira, Linear) or state (GitHub).
    pub status: Option<String>,
    /// The project key (Jira) or project name (Linear).
    pub project: Option<String>,
    /// The tracker's team (Linear; Jira's `Team` field when exported).
    pub team: Option<String>,
    /// The repository (GitHub, from `--repo`).
    pub repo: Option<String>,
    /// The milestone (GitHub).
    pub milestone: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Components (Jira).
    pub components: Vec<String>,
    /// Parents and epics as exported: keys, or numeric ids (Jira).
    pub parents: Vec<String>,
    /// Parents, their parents and so on, as keys where the export allows.
    pub ancestors: Vec<String>,
    /// Numeric parent ids that are not in the export.
    pub unresolved_parents: Vec<String>,
    /// Story points (Jira) or estimate (Linear).
    pub points: Option<f64>,
    /// Jira's original estimate, in hours.
    pub hours: Option<f64>,
    /// The day it was resolved, completed or closed.
    pub done: Option<jiff::civil::Date>,
    /// Where it is in the export.
    pub origin: Location,
}

/// A work row made from an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Team id.
    pub team: String,
    /// Category id; `None` is uncategorized.
    pub category: Option<String>,
    /// Effort in the site's unit.
    pub effort: f64,
    /// The item's title.
    pub title: String,
    /// The item's key.
    pub reference: String,
    /// System id.
    pub system: Option<String>,
    /// Initiative id.
    pub initiative: Option<String>,
    /// Whether the work was planned.
    pub planned: bool,
    /// `jira`, `linear` or `github`.
    pub source: &'static str,
}

/// What to import, from where, into which sprint.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder.
    pub root: PathBuf,
    /// The tracker.
    pub format: Format,
    /// The export files (relative to the current folder, or absolute).
    pub files: Vec<PathBuf>,
    /// The sprint's id.
    pub sprint: String,
    /// `--start` and `--end`: create the sprint file when it does not exist.
    pub new_sprint: Option<(Day, Day)>,
    /// `--repo`: GitHub keys become `repo#number`, and `repo` rules can match.
    pub repo: Option<String>,
    /// Compute and report, but write nothing.
    pub dry_run: bool,
}

/// What an import did (or, with `dry_run`, would do).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The sprint file, relative to the site's folder.
    pub path: PathBuf,
    /// Whether the sprint file is new.
    pub created: bool,
    /// The imported rows, in the file's order.
    pub rows: Vec<Row>,
    /// The imported rows as TOML, as written into the file.
    pub snippet: String,
    /// The whole new sprint file.
    pub text: String,
    /// Whether the new file differs from the one on disk.
    pub changed: bool,
    /// Whether the file was written.
    pub written: bool,
    /// What was read, imported, skipped and assumed.
    pub reconciliation: Reconciliation,
}

/// The sprint the rows go into.
struct Target {
    id: String,
    start: Day,
    end: Day,
    working_days: u32,
    /// Capacity rows: team index and effort.
    capacity: Vec<(usize, f64)>,
    path: PathBuf,
    /// The file's text; `None` when it is created.
    text: Option<String>,
}

/// Runs an import: reads, maps, computes, checks and (unless `dry_run`) writes.
pub fn import(options: &Options) -> Result<Outcome, Error> {
    if options.repo.is_some() && options.format != Format::Github {
        return Err(Error::Refused(
            "--repo applies to GitHub exports only: Jira and Linear keys already name their project"
                .to_string(),
        ));
    }
    let root = options.root.as_path();
    let config = Config::load(root)?;
    let sources = LedgerSources::read(root)?;
    let ledger = Ledger::check_sources(&config, sources.clone())?;
    let rules = rules::load(&config, &ledger)?;
    let target = find_target(options, &ledger)?;

    let mut problems = Vec::new();
    let mut items = Vec::new();
    for path in &options.files {
        let file = read_export(path)?;
        items.extend(match options.format {
            Format::Jira => jira::parse(&file, &rules.jira_date_format, &mut problems),
            Format::Linear => linear::parse(&file, &mut problems),
            Format::Github => github::parse(&file, options.repo.as_deref(), &mut problems),
        });
    }
    check_duplicates(&items, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    resolve_parents(&mut items);

    let mut skipped = Vec::new();
    let mut uncategorized = Vec::new();
    let mut notes = Vec::new();
    let mut chosen: Vec<(usize, &Item, Option<&rules::Rule>)> = Vec::new();
    let done_word = options.format.done_word();
    for item in &items {
        let Some(done) = item.done else {
            skipped.push(Listed::new(&item.key, not_done(options.format, item)));
            continue;
        };
        if done < target.start.0 {
            skipped.push(Listed::new(
                &item.key,
                format!(
                    "{done_word} {done}, before the sprint starts on {}",
                    target.start.iso()
                ),
            ));
            continue;
        }
        if done > target.end.0 {
            skipped.push(Listed::new(
                &item.key,
                format!(
                    "{done_word} {done}, after the sprint ends on {}",
                    target.end.iso()
                ),
            ));
            continue;
        }
        let Some((team_id, defaulted)) = rules.team_of(item) else {
            skipped.push(Listed::new(&item.key, "no team rule matched"));
            continue;
        };
        let Some(team) = ledger.team_index(team_id) else {
            skipped.push(Listed::new(&item.key, format!("unknown team `{team_id}`")));
            continue;
        };
        if defaulted {
            notes.push(Listed::new(
                &item.key,
                format!("no team rule matched: imported for the default team `{team_id}`"),
            ));
        }
        let rule = rules.rule_of(item);
        match rule {
            None => uncategorized.push(Listed::new(&item.key, "no category rule matched")),
            Some(rule) if rule.category.is_none() => uncategorized.push(Listed::new(
                &item.key,
                "the first rule it matches sets no category",
            )),
            Some(_) => {}
        }
        if item.ancestors.len() == item.unresolved_parents.len() {
            for id in &item.unresolved_parents {
                notes.push(Listed::new(
                    &item.key,
                    format!("its parent has the id {id}, which is not in this export, so `epic` rules cannot see the parent's key"),
                ));
            }
        }
        chosen.push((team, item, rule));
    }
    chosen.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(&a.1.key, &b.1.key)));

    let in_hours = config.effort_unit == EffortUnit::Hours;
    let unit = config.effort_unit.as_str();
    let context = effort::Context {
        mode: rules.effort,
        points_per_day: rules.points_per_day,
        hours_per_day: config.hours_per_day,
        in_hours,
        format: options.format,
        unit,
    };
    let mut rows = Vec::with_capacity(chosen.len());
    let mut estimated = Vec::new();
    let mut teams = Vec::new();
    for (team_index, team) in ledger.teams.iter().enumerate() {
        let group: Vec<&(usize, &Item, Option<&rules::Rule>)> =
            chosen.iter().filter(|c| c.0 == team_index).collect();
        if group.is_empty() {
            continue;
        }
        let (capacity, capacity_note) = match target.capacity.iter().find(|c| c.0 == team_index) {
            Some((_, effort)) => (
                *effort,
                format!(
                    "capacity {} (its capacity row)",
                    reconcile::format_amount(*effort)
                ),
            ),
            None => {
                let days = team.people * f64::from(target.working_days);
                let capacity = if in_hours {
                    days * config.hours_per_day
                } else {
                    days
                };
                let hours = if in_hours {
                    format!(
                        " × {} hours",
                        reconcile::format_amount(config.hours_per_day)
                    )
                } else {
                    String::new()
                };
                (
                    capacity,
                    format!(
                        "capacity {} ({} people × {} working days{hours})",
                        reconcile::format_amount(capacity),
                        reconcile::format_amount(team.people),
                        target.working_days
                    ),
                )
            }
        };
        let group_items: Vec<&Item> = group.iter().map(|c| c.1).collect();
        let (efforts, assumed) = effort::for_team(&context, &group_items, capacity);
        check_item_efforts(&group_items, &efforts, &config, unit, &mut problems);
        estimated.extend(assumed);
        let mut total = 0.0;
        for ((_, item, rule), effort) in group.iter().zip(efforts) {
            total += effort;
            rows.push(Row {
                team: team.id.clone(),
                category: rule.and_then(|r| r.category.clone()),
                effort,
                title: item.title.clone(),
                reference: item.key.clone(),
                system: rule.and_then(|r| r.system.clone()),
                initiative: rule.and_then(|r| r.initiative.clone()),
                planned: rule.and_then(|r| r.planned).unwrap_or(true),
                source: options.format.as_str(),
            });
        }
        teams.push(TeamTotal {
            team: team.id.clone(),
            items: group.len(),
            effort: effort::round(total),
            capacity: Some(capacity_note),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let export_order: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.key.as_str(), i))
        .collect();
    estimated.sort_by_key(|l| export_order.get(l.key.as_str()).copied());

    let file_names: Vec<String> = options
        .files
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let source = options.format.as_str();
    let marker = format!(
        "{} {source}` from {}; a new import replaces every row with source = \"{source}\".",
        write::MARKER,
        file_names.join(", ")
    );
    let base = target.text.clone().unwrap_or_else(|| {
        format!(
            "# Sprint {}, created by `tally import`: add a goal, capacity rows and hand-written work as needed.\nstart = {}\nend = {}\n",
            target.id,
            target.start.iso(),
            target.end.iso()
        )
    });
    let edited = write::apply(&base, source, &marker, &rows).map_err(|message| {
        Error::Invalid(vec![
            Diagnostic::error_in(Some(&SourceFile::new(&target.path, base.clone())), message)
                .with_help(
                    "write each row as a `[[work]]` table, as in the README, then import again",
                ),
        ])
    })?;
    for (reference, other) in &edited.kept {
        let Some(reference) = reference else { continue };
        if rows.iter().any(|r| &r.reference == reference) {
            let by = match other {
                Some(other) => format!("a row with source = \"{other}\""),
                None => "a hand-written row".to_string(),
            };
            notes.push(Listed::new(
                reference,
                format!(
                    "also in {by} of this sprint: its effort counts twice unless one of them goes"
                ),
            ));
        }
    }

    // The new file must load like any other: check it with the ledger before writing.
    let mut new_sources = sources;
    let new_file = SourceFile::new(&target.path, edited.text.clone());
    match new_sources
        .sprints
        .iter()
        .position(|s| s.path == target.path)
    {
        Some(i) => new_sources.sprints[i] = Arc::clone(&new_file),
        None => new_sources.sprints.push(Arc::clone(&new_file)),
    }
    Ledger::check_sources(&config, new_sources)?;

    let changed = target.text.as_deref() != Some(edited.text.as_str());
    let written = changed && !options.dry_run;
    if written {
        write_file(&root.join(&target.path), &edited.text)?;
    }
    let effort_total = effort::round(rows.iter().map(|r| r.effort).sum());
    let reconciliation = Reconciliation {
        sprint: target.id.clone(),
        start: target.start,
        end: target.end,
        format: options.format,
        files: options
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        mode: rules.effort,
        mode_explained: explain_mode(&rules, options.format, config.hours_per_day),
        unit,
        read: items.len(),
        imported: rows.len(),
        effort: effort_total,
        teams,
        skipped,
        uncategorized,
        estimated,
        notes,
        replaced: edited.replaced,
        kept: edited.kept.len(),
    };
    Ok(Outcome {
        path: target.path,
        created: target.text.is_none(),
        snippet: write::snippet(&rows, &marker),
        rows,
        text: edited.text,
        changed,
        written,
        reconciliation,
    })
}

fn explain_mode(rules: &Rules, format: Format, hours_per_day: f64) -> String {
    let amount = reconcile::format_amount;
    match rules.effort {
        EffortMode::Estimate => match format {
            Format::Jira => format!(
                "estimate (story points ÷ {} per person-day; without points, the original estimate ÷ {} hours per day)",
                reconcile::with_unit(rules.points_per_day, "points"),
                amount(hours_per_day)
            ),
            Format::Linear => format!(
                "estimate (Linear's estimate ÷ {} per person-day)",
                reconcile::with_unit(rules.points_per_day, "points")
            ),
            Format::Github => "estimate (GitHub items carry no estimate: effort = \"count\" or \"points-share\" splits each team's capacity instead)".to_string(),
        },
        EffortMode::PointsShare => {
            "points-share (each team's capacity split over its items by story points)".to_string()
        }
        EffortMode::Count => "count (each team's capacity split equally over its items)".to_string(),
    }
}

fn not_done(format: Format, item: &Item) -> String {
    let status = item.status.as_deref().unwrap_or_default();
    match format {
        Format::Github if !status.eq_ignore_ascii_case("open") && !status.is_empty() => {
            format!("state {status}, but the export gives no `closedAt` date")
        }
        Format::Github => "not closed (state OPEN)".to_string(),
        _ if status.is_empty() => format!("not {}", format.done_word()),
        _ => format!("not {} (status \"{status}\")", format.done_word()),
    }
}

/// Finds the sprint, or plans its file when `--start` and `--end` are given.
fn find_target(options: &Options, ledger: &Ledger) -> Result<Target, Error> {
    let id = options.sprint.as_str();
    if let Some(sprint) = ledger.sprints.iter().find(|s| s.id == id) {
        if let Some((start, end)) = options.new_sprint
            && (start, end) != (sprint.start, sprint.end)
        {
            return Err(Error::Refused(format!(
                "sprint `{id}` already exists in {} and runs from {} to {}; leave out --start and --end (or change the dates in the file)",
                sprint.path.display(),
                sprint.start.iso(),
                sprint.end.iso()
            )));
        }
        return Ok(Target {
            id: sprint.id.clone(),
            start: sprint.start,
            end: sprint.end,
            working_days: sprint.working_days,
            capacity: sprint.capacity.iter().map(|c| (c.team, c.effort)).collect(),
            path: sprint.path.clone(),
            text: Some(sprint.source.text.clone()),
        });
    }
    let path = Path::new(DATA_DIR)
        .join("sprints")
        .join(format!("{id}.toml"));
    let Some((start, end)) = options.new_sprint else {
        return Err(Error::Invalid(vec![
            Diagnostic::error_in(
                None,
                format!("there is no sprint `{id}`: {} does not exist", path.display()),
            )
            .with_help(unknown_name_help(
                id,
                "sprint",
                ledger.sprints.iter().map(|s| s.id.as_str()),
            ))
            .with_help(format!(
                "create the sprint first with `tally new sprint {id}`, or pass `--start YYYY-MM-DD --end YYYY-MM-DD` and tally import creates the file"
            )),
        ]));
    };
    if !is_valid_id(id) {
        return Err(Error::Refused(format!(
            "`{id}` cannot be a sprint id: sprint ids are used in addresses and file names; use letters, digits, `-` and `_`, e.g. `2026-S23`"
        )));
    }
    if end < start {
        return Err(Error::Refused(format!(
            "--end {} is before --start {}: the end is the sprint's last day",
            end.iso(),
            start.iso()
        )));
    }
    if options.root.join(&path).exists() {
        return Err(Error::Refused(format!(
            "{} exists but holds another sprint id; give it `id = \"{id}\"` or choose another id",
            path.display()
        )));
    }
    Ok(Target {
        id: id.to_string(),
        start,
        end,
        working_days: weekdays_between(start, end).max(1),
        capacity: Vec::new(),
        path,
        text: None,
    })
}

/// Reads an export; its path is shown as given.
fn read_export(path: &Path) -> Result<Arc<SourceFile>, Error> {
    let bytes = std::fs::read(path).map_err(Error::io("could not read", path))?;
    crate::load::input::decode_source(path, bytes).map_err(|mut d| {
        if d.message == "this file is not UTF-8 text" {
            d.help = vec!["export it again as UTF-8, or convert it, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`".to_string()];
        }
        Error::Invalid(vec![d])
    })
}

/// Writes through a temporary file in the same folder, so a failure never leaves half a file.
fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io("could not create", parent))?;
    }
    let temporary = path.with_extension("toml.tally-import");
    std::fs::write(&temporary, text).map_err(Error::io("could not write", &temporary))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::Io {
            action: "could not replace",
            path: path.to_path_buf(),
            source: e,
        }
    })
}

fn check_duplicates(items: &[Item], problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Item> = HashMap::with_capacity(items.len());
    for item in items {
        if let Some(first) = seen.get(item.key.as_str()) {
            let (line, _) = first.origin.file.line_col(first.origin.span.start);
            problems.push(
                Diagnostic::error(
                    &item.origin.file,
                    item.origin.span.clone(),
                    format!("`{}` is in the export twice", item.key),
                )
                .with_label(format!(
                    "also at {}:{line}",
                    first.origin.file.path.display()
                ))
                .with_help(
                    "an export lists each item once: remove one of the two, or export again",
                ),
            );
        } else {
            seen.insert(&item.key, item);
        }
    }
}

/// Resolves numeric parent ids to keys (through the export's `Issue id`s) and collects every
/// item's ancestors: its parents, their parents, and so on.
fn resolve_parents(items: &mut [Item]) {
    let by_id: HashMap<&str, &str> = items
        .iter()
        .filter_map(|i| Some((i.id.as_deref()?, i.key.as_str())))
        .collect();
    let direct: Vec<(Vec<String>, Vec<String>)> = items
        .iter()
        .map(|item| {
            let mut keys: Vec<String> = Vec::new();
            let mut unresolved = Vec::new();
            for parent in &item.parents {
                let key = if parent.chars().all(|c| c.is_ascii_digit()) {
                    match by_id.get(parent.as_str()) {
                        Some(key) => (*key).to_string(),
                        None => {
                            unresolved.push(parent.clone());
                            continue;
                        }
                    }
                } else {
                    parent.clone()
                };
                if !keys.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
                    keys.push(key);
                }
            }
            (keys, unresolved)
        })
        .collect();
    let by_key: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.key.to_lowercase(), i))
        .collect();
    for (i, item) in items.iter_mut().enumerate() {
        let mut ancestors: Vec<String> = Vec::new();
        let mut queue: VecDeque<&String> = direct[i].0.iter().collect();
        while let Some(key) = queue.pop_front() {
            if key.eq_ignore_ascii_case(&item.key)
                || ancestors.iter().any(|a| a.eq_ignore_ascii_case(key))
            {
                continue;
            }
            ancestors.push(key.clone());
            if let Some(&j) = by_key.get(&key.to_lowercase()) {
                queue.extend(direct[j].0.iter());
            }
        }
        // An id that is not in the export can still be named by an `epic` rule.
        ancestors.extend(direct[i].1.iter().cloned());
        item.ancestors = ancestors;
        item.unresolved_parents = direct[i].1.clone();
    }
}

/// `PAY-9` before `PAY-10`: digits compare as numbers.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(text: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digits = None;
        for (i, c) in text.char_indices() {
            let is_digit = c.is_ascii_digit();
            if digits.is_some_and(|d| d != is_digit) {
                out.push((digits.unwrap_or(false), &text[start..i]));
                start = i;
            }
            digits = Some(is_digit);
        }
        if start < text.len() {
            out.push((digits.unwrap_or(false), &text[start..]));
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let order = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            (false, false) => x.1.to_lowercase().cmp(&y.1.to_lowercase()),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

/// A number of zero or more, as trackers write it: `3`, `2.5`, `3.0`.
fn parse_amount(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
}

/// The largest number an export may give as story points, an estimate or an original estimate
/// in seconds (a billion seconds is 31 years of one person's time): above it, the figure is a
/// typing or export mistake, and the maths on it would overflow.
pub const MAX_EXPORTED_AMOUNT: f64 = 1e9;

/// The most effort one imported item may come to, in person-days (40 years of one person's
/// working days): above it the item's estimate, or `points_per_day`, is a mistake.
pub const MAX_ITEM_PERSON_DAYS: f64 = 10_000.0;

/// The message and help for an exported number (`text` as written) too large to be an
/// estimate, or `None` when it is not.
fn too_large(value: f64, text: &str, key: &str) -> Option<(String, String)> {
    (value > MAX_EXPORTED_AMOUNT).then(|| {
        (
            format!("`{}` ({key}) is too large to be an estimate", text.trim()),
            format!(
                "tally reads estimates up to {}: fix this item's estimate in the tracker, or clear it, and export again",
                grouped(MAX_EXPORTED_AMOUNT)
            ),
        )
    })
}

/// A whole amount with thousands separators, e.g. `450,000,000`.
fn grouped(value: f64) -> String {
    crate::text::group_thousands(&format!("{:.0}", value.round()))
}

/// Each imported row's effort must be an ordinary amount: an item whose estimate comes to more
/// than [`MAX_ITEM_PERSON_DAYS`] is reported at its line in the export, not in the sprint file.
fn check_item_efforts(
    items: &[&Item],
    efforts: &[f64],
    config: &Config,
    unit: &str,
    problems: &mut Vec<Diagnostic>,
) {
    for (item, effort) in items.iter().zip(efforts) {
        let days = config.to_person_days(*effort);
        if days.is_finite() && days <= MAX_ITEM_PERSON_DAYS {
            continue;
        }
        let amount = if effort.is_finite() {
            grouped(*effort)
        } else {
            "more than any number".to_string()
        };
        problems.push(
            Diagnostic::error(
                &item.origin.file,
                item.origin.span.clone(),
                format!("{} comes to {amount} {unit} of work, more than one item can be", item.key),
            )
            .with_help(format!(
                "one item may come to at most {} person-days: check its estimate in the tracker, and `points_per_day` under [import] in site.toml",
                grouped(MAX_ITEM_PERSON_DAYS)
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, id: &str, parents: &[&str]) -> Item {
        let file = SourceFile::new("x.csv", "");
        Item {
            key: key.to_string(),
            id: Some(id.to_string()),
            title: String::new(),
            kind: None,
            status: None,
            project: None,
            team: None,
            repo: None,
            milestone: None,
            labels: Vec::new(),
            components: Vec::new(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            ancestors: Vec::new(),
            unresolved_parents: Vec::new(),
            points: None,
            hours: None,
            done: None,
            origin: Location { file, span: 0..0 },
        }
    }

    #[test]
    fn parents_resolve_through_ids_and_keys_at_any_depth() {
        let mut items = vec![
            // A sub-task whose `Parent` is the story's numeric id.
            item("PAY-3", "103", &["102"]),
            // A story under an epic that is not in the export, by `Parent key` and `Epic Link`.
            item("PAY-2", "102", &["PAY-500", "pay-500"]),
            // Only a numeric parent that is not in the export.
            item("PAY-4", "104", &["999"]),
            // A cycle does not loop.
            item("A-1", "1", &["A-2"]),
            item("A-2", "2", &["1"]),
        ];
        resolve_parents(&mut items);
        assert_eq!(items[0].ancestors, ["PAY-2", "PAY-500"]);
        assert_eq!(items[1].ancestors, ["PAY-500"]);
        assert_eq!(items[2].ancestors, ["999"]);
        assert_eq!(items[2].unresolved_parents, ["999"]);
        assert_eq!(items[3].ancestors, ["A-2"]);
        assert_eq!(items[4].ancestors, ["A-1"]);
    }

    #[test]
    fn keys_sort_naturally() {
        assert_eq!(natural_cmp("PAY-9", "PAY-10"), Ordering::Less);
        assert_eq!(natural_cmp("#100", "#20"), Ordering::Greater);
        assert_eq!(natural_cmp("DATA-1", "PAY-1"), Ordering::Less);
        let mut keys = vec!["b#2", "a#10", "a#9"];
        keys.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(keys, ["a#9", "a#10", "b#2"]);
    }
}
