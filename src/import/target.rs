//! The sprint an import writes into: an existing sprint of the ledger, or a new sprint file
//! planned from `--start` and `--end` (checked here, before anything is read or written).

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, unknown_name_help};
use crate::error::Error;
use crate::load::input::{Day, is_valid_id};
use crate::load::ledger::{DATA_DIR, Ledger, weekdays_between};

/// The sprint the rows go into.
pub(super) struct Target {
    pub(super) id: String,
    pub(super) start: Day,
    pub(super) end: Day,
    pub(super) working_days: u32,
    /// Capacity rows: team index and effort.
    pub(super) capacity: Vec<(usize, f64)>,
    pub(super) path: PathBuf,
    /// The file's text; `None` when it is created.
    pub(super) text: Option<String>,
}

/// Finds the sprint, or plans its file when `--start` and `--end` are given.
pub(super) fn find_target(
    root: &Path,
    id: &str,
    new_sprint: Option<(Day, Day)>,
    ledger: &Ledger,
) -> Result<Target, Error> {
    if let Some(sprint) = ledger.sprints.iter().find(|s| s.id == id) {
        if let Some((start, end)) = new_sprint
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
    let Some((start, end)) = new_sprint else {
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
    if root.join(&path).exists() {
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
