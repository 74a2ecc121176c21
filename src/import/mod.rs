//! `tally import`: turns a tracker export into work rows of a sprint file.
//!
//! The stages: read the export into [`Item`]s (one reader per format: [`jira`], [`linear`],
//! [`github`]; every malformed record is a located [`Diagnostic`](crate::diagnostics::Diagnostic))
//! → keep the items done between the sprint's start and end → give each a team and a category
//! with the `[import]` rules of site.toml ([`rules`]) → give each an effort ([`effort`]) →
//! replace the rows of that source in the sprint file, keeping every other row and comment
//! ([`write`]) → check the new file with the ledger → report a [`Reconciliation`]. Nothing is
//! dropped silently: every item that is not imported, or imported without a category or an
//! estimate, is listed with why.
//!
//! The parts, each importing only those listed before it (none imports this module):
//! - `item`: the item model ([`Format`], [`Item`], [`Row`]) and the order of keys;
//! - `amounts`: reading exported numbers within bounds, and writing amounts;
//! - `csvfile`, `dates`, `estimates`: CSV with byte offsets, the trackers' dates, and which
//!   column holds each row's estimate;
//! - `jira`, `linear`, `github`: one reader per tracker;
//! - `rules`, `reconcile`, `effort`, `write`: the `[import]` rules, the reconciliation, the
//!   effort maths and the format-preserving edit of a sprint file;
//! - `export`: reading the export files and linking parents;
//! - `target`: the sprint written into, existing or new;
//! - `select`: which items are taken, and why the others are not;
//! - `rows`: each team's capacity and rows;
//! - `save`: the edited sprint file, checked, then written;
//! - `release_json`, `releases`: releases and deployments from GitHub's JSON, appended to
//!   releases.toml (`tally import github-releases`, `github-deployments`);
//! - this module: the options, the outcome and [`import`], which runs the stages in order.

mod amounts;
mod csvfile;
mod dates;
pub mod effort;
mod estimates;
mod export;
mod github;
mod item;
mod jira;
mod linear;
pub mod reconcile;
mod release_json;
pub mod releases;
mod rows;
pub mod rules;
mod save;
mod select;
mod target;
pub mod write;

use std::path::PathBuf;

pub use amounts::{MAX_EXPORTED_AMOUNT, MAX_ITEM_PERSON_DAYS};
pub use item::{Format, Item, Row, natural_cmp};
pub use reconcile::{Listed, Reconciliation, TeamTotal};
pub use release_json::ReleaseFormat;
pub use releases::{NewRelease, ReleaseOptions, ReleaseOutcome, import_releases};
pub use rules::{EffortMode, Rules};

use crate::error::Error;
use crate::load::config::{Config, EffortUnit};
use crate::load::input::Day;
use crate::load::ledger::{Ledger, LedgerSources};

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
    let target = target::find_target(root, &options.sprint, options.new_sprint, &ledger)?;
    let items = export::read_items(
        options.format,
        &options.files,
        &rules,
        options.repo.as_deref(),
    )?;
    let mut selection = select::select(&items, options.format, &target, &rules, &ledger);

    let unit = config.effort_unit.as_str();
    let context = effort::Context {
        mode: rules.effort,
        points_per_day: rules.points_per_day,
        hours_per_day: config.hours_per_day,
        in_hours: config.effort_unit == EffortUnit::Hours,
        format: options.format,
        unit,
    };
    let mut made = rows::make_rows(&selection.chosen, &context, &target, &config, &ledger)?;
    rows::in_export_order(&mut made.estimated, &items);

    let marker = save::marker(options.format, &options.files);
    let edited = save::edit(&target, options.format, &marker, &made.rows)?;
    let mut notes = std::mem::take(&mut selection.notes);
    notes.extend(save::kept_twice(&edited, &made.rows));
    save::check_new_file(&config, sources, &target, &edited.text)?;

    let changed = target.text.as_deref() != Some(edited.text.as_str());
    let written = changed && !options.dry_run;
    if written {
        save::write_file(&root.join(&target.path), &edited.text)?;
    }
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
        mode_explained: effort::explain_mode(&rules, options.format, config.hours_per_day),
        unit,
        read: items.len(),
        imported: made.rows.len(),
        effort: effort::round(made.rows.iter().map(|r| r.effort).sum()),
        teams: made.teams,
        skipped: std::mem::take(&mut selection.skipped),
        uncategorized: std::mem::take(&mut selection.uncategorized),
        estimated: made.estimated,
        estimate_columns: estimate_columns(&selection.chosen, rules.effort),
        counted_as: made.counted_as,
        suggested_rules: select::suggested_rules(&selection.unmatched),
        notes,
        replaced: edited.replaced,
        kept: edited.kept.len(),
    };
    Ok(Outcome {
        path: target.path,
        created: target.text.is_none(),
        snippet: write::snippet(&made.rows, &marker),
        rows: made.rows,
        text: edited.text,
        changed,
        written,
        reconciliation,
    })
}

/// How many of the imported items took their estimate from each column, in the order first met.
/// `points-share` uses points only, and `count` no estimate at all.
fn estimate_columns(chosen: &[select::Chosen], mode: EffortMode) -> Vec<(String, usize)> {
    let used = |item: &Item| match mode {
        EffortMode::Estimate => true,
        EffortMode::PointsShare => item.points.is_some(),
        EffortMode::Count => false,
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for column in chosen
        .iter()
        .filter(|(_, item, _)| used(item))
        .filter_map(|(_, item, _)| item.estimate_from.as_ref())
    {
        match counts.iter_mut().find(|(c, _)| c == column) {
            Some((_, n)) => *n += 1,
            None => counts.push((column.clone(), 1)),
        }
    }
    counts
}
