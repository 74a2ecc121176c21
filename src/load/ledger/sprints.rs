//! `content/data/sprints/*.toml`: each sprint's dates and recorded work, checked against the
//! teams, categories, systems and initiatives; then the sprints together (no two overlap) and
//! the one the report leads with.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, Names};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::load::config::Config;
use crate::load::input::{Checked, Day, Effort, is_valid_id, parse_toml};

/// The longest sprint accepted, in days: a year. Longer is a typo in a year, and would split
/// into thousands of months in the capitalization accounts.
pub const MAX_SPRINT_DAYS: i32 = 366;

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

/// Work is planned unless its row says otherwise.
fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapacity {
    team: Spanned<String>,
    effort: Checked<Effort>,
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

#[cfg(test)]
impl Sprint {
    /// A sprint with no work from `start` to `end` (10 working days), for unit tests of what is
    /// computed from a sprint's dates.
    pub(crate) fn empty(start: jiff::civil::Date, end: jiff::civil::Date) -> Self {
        Self {
            id: "s".into(),
            start: Day(start),
            end: Day(end),
            working_days: 10,
            goal: String::new(),
            work: vec![],
            capacity: vec![],
            path: "s.toml".into(),
            source: SourceFile::new("s.toml", ""),
        }
    }
}

/// The names a sprint's rows may use, known before any sprint is read.
pub(super) struct Lookups<'a> {
    pub(super) config: &'a Config,
    pub(super) teams: &'a Names<'a>,
    pub(super) category_index: &'a HashMap<&'a str, usize>,
    pub(super) initiatives: &'a Names<'a>,
    pub(super) systems: &'a Names<'a>,
}

/// A sprint file after checking: the sprint (unless unreadable) and its problems.
pub(super) type CheckedSprint = (Option<(Sprint, SprintSpans)>, Vec<Diagnostic>);

/// Spans kept only while checking, for errors that involve two sprints.
pub(super) struct SprintSpans {
    id: std::ops::Range<usize>,
    start: std::ops::Range<usize>,
}

/// Reads and checks one sprint file: its dates, working days, work rows and capacity.
pub(super) fn check_sprint(source: &Arc<SourceFile>, lookups: &Lookups<'_>) -> CheckedSprint {
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

/// One work row, with its team, category, system and initiative resolved; `None` (with the
/// problems recorded) when one of them is unknown.
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

/// Sprint ids are unique and sprints do not overlap (`sprints` sorted by start).
pub(super) fn check_sprint_overlaps(
    sprints: &[(Sprint, SprintSpans)],
    diagnostics: &mut Diagnostics,
) {
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

/// The sprint the report leads with: the one site.toml names, else the latest.
pub(super) fn pick_current_sprint(
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

/// The sprint whose days include `day`, if any (sprints are in date order and never overlap).
pub fn sprint_of_day(sprints: &[Sprint], day: Day) -> Option<usize> {
    sprints.iter().position(|s| s.start <= day && day <= s.end)
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
