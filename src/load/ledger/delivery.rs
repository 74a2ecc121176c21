//! The delivery record: `releases.toml` (how often the teams ship and how often a release
//! failed), `incidents.toml` (what went wrong in production, in plain words) and `events.toml`
//! (what happened around the work: an upgrade started, a reorganisation). All three are
//! optional; each row is checked here like every other ledger file, with located errors, and
//! names of teams, systems, sprints and work resolved to indices.
//!
//! Incidents are checked in [`super::incidents`]; this module holds the record's types, the
//! releases and the events.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, Names, read_list};
use super::sprints::{Sprint, sprint_of_day};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::load::input::{Checked, Day, Releases};

use super::incidents::Incident;

/// The most characters an event's label may have: it is written on charts beside a thin rule.
pub const MAX_EVENT_LABEL: usize = 40;

/// The delivery record, checked.
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    /// `[[release]]` rows in file order.
    pub releases: Vec<Release>,
    /// `[[incident]]` entries in file order.
    pub incidents: Vec<Incident>,
    /// `[[event]]` entries in file order.
    pub events: Vec<Event>,
}

impl Delivery {
    /// Whether the site records anything about delivery (no releases, incidents or events).
    pub fn is_empty(&self) -> bool {
        self.releases.is_empty() && self.incidents.is_empty() && self.events.is_empty()
    }
}

/// One row of `releases.toml`: a team's releases on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// An optional id (a tag, a deployment), so that an incident can name the release that
    /// caused it and an import never adds the same release twice.
    pub id: Option<String>,
    /// The day of the release(s).
    pub date: Day,
    /// The team (index).
    pub team: usize,
    /// The system released (index), when given.
    pub system: Option<usize>,
    /// How many releases this row stands for (1 by default; a daily total may be more).
    pub count: u64,
    /// How many of them caused a failure in production: a rollback, a hotfix or an incident.
    pub failed: u64,
    /// A note, in plain words.
    pub note: String,
    /// The sprint the day falls in (index), if any.
    pub sprint: Option<usize>,
}

/// What an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// A milestone of the work: a project started or finished.
    Milestone,
    /// Something that went wrong.
    Incident,
    /// A reorganisation or new hires.
    Org,
}

impl EventKind {
    /// The name written in `events.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Milestone => "milestone",
            Self::Incident => "incident",
            Self::Org => "org",
        }
    }
}

/// One event of `events.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The day, when the event gives one.
    pub date: Option<Day>,
    /// The sprint it falls in (index): the one it names, or the one its day falls in.
    pub sprint: Option<usize>,
    /// A short label, written on the charts: "Database upgrade starts".
    pub label: String,
    /// What it is about, when given.
    pub kind: Option<EventKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelease {
    id: Option<Spanned<String>>,
    date: Day,
    team: Spanned<String>,
    system: Option<Spanned<String>>,
    count: Option<Spanned<Checked<Releases>>>,
    failed: Option<Spanned<Checked<Releases>>>,
    #[serde(default)]
    note: String,
    /// Where an imported row came from (`github-releases`, `github-deployments`).
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    date: Option<Day>,
    sprint: Option<Spanned<String>>,
    label: Spanned<String>,
    kind: Option<EventKind>,
}

/// A whole number of releases, or a located report.
fn whole(
    source: &Arc<SourceFile>,
    value: &Spanned<Checked<Releases>>,
    diagnostics: &mut Diagnostics,
) -> Option<u64> {
    let number = value.get_ref().get();
    if number.fract() != 0.0 {
        diagnostics.push(
            Diagnostic::error(
                source,
                value.span(),
                format!("{number} is not a whole number of releases"),
            )
            .with_help("count releases in whole numbers, e.g. `count = 3`"),
        );
        return None;
    }
    Some(number as u64)
}

/// Reads `releases.toml`: teams and systems resolved, `count` (default 1) and `failed`
/// (default 0) whole numbers, and never more failed than released.
pub(crate) fn check_releases(
    source: &Arc<SourceFile>,
    sprints: &[Sprint],
    teams: &Names<'_>,
    systems: &Names<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Release> {
    let raw: Vec<RawRelease> = read_list(source, "release", &mut Failed::default(), diagnostics);
    let mut releases: Vec<Release> = Vec::with_capacity(raw.len());
    for row in raw {
        let team = teams.resolve(source, &row.team);
        let system = row.system.as_ref().map(|s| systems.resolve(source, s));
        let count = row
            .count
            .as_ref()
            .map_or(Some(1), |c| whole(source, c, diagnostics));
        let failed = row
            .failed
            .as_ref()
            .map_or(Some(0), |f| whole(source, f, diagnostics));
        let id = row.id.as_ref().map(|id| id.get_ref().trim().to_string());
        if let (Some(id), Some(span)) = (&id, row.id.as_ref().map(Spanned::span))
            && (id.is_empty() || releases.iter().any(|r| r.id.as_ref() == Some(id)))
        {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    span,
                    format!("the release id `{id}` is empty or used twice"),
                )
                .with_help(
                    "give each release its own id (a tag such as `v2.14.0`), or leave `id` out",
                ),
            );
            continue;
        }
        let (Ok(team), Some(count), Some(failed)) =
            (team.map_err(|p| diagnostics.extend(p)), count, failed)
        else {
            continue;
        };
        let system = match system {
            None => None,
            Some(Ok(system)) => Some(system),
            Some(Err(problem)) => {
                diagnostics.extend(problem);
                continue;
            }
        };
        if failed > count {
            let span = row.failed.as_ref().map(Spanned::span).unwrap_or_default();
            diagnostics.push(
                Diagnostic::error(
                    source,
                    span,
                    format!("{failed} failed releases is more than the {count} this row records"),
                )
                .with_help("`failed` counts those of the row's `count` releases that caused a failure in production, so it is at most `count` (which is 1 when left out)"),
            );
            continue;
        }
        releases.push(Release {
            id,
            date: row.date,
            team,
            system,
            count,
            failed,
            note: row.note,
            sprint: sprint_of_day(sprints, row.date),
        });
    }
    releases
}

/// Reads `events.toml`: each event gives a `date` or a `sprint` (not both), and a short label.
pub(crate) fn check_events(
    source: &Arc<SourceFile>,
    sprints: &[Sprint],
    sprint_names: &Names<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Event> {
    let raw: Vec<RawEvent> = read_list(source, "event", &mut Failed::default(), diagnostics);
    let mut events = Vec::with_capacity(raw.len());
    for event in raw {
        let label = event.label.get_ref().trim().to_string();
        let label_problem = if label.is_empty() {
            Some("an event needs a label: a few words written on the charts".to_string())
        } else if label.chars().count() > MAX_EVENT_LABEL {
            Some(format!(
                "the label has {} characters; a chart has room for {MAX_EVENT_LABEL}",
                label.chars().count()
            ))
        } else if label.contains('\n') {
            Some("an event's label is one line".to_string())
        } else {
            None
        };
        if let Some(problem) = label_problem {
            diagnostics.push(
                Diagnostic::error(source, event.label.span(), problem)
                    .with_help("write a short label such as `label = \"Database upgrade starts\"`"),
            );
            continue;
        }
        let sprint = match (&event.date, &event.sprint) {
            (Some(day), None) => sprint_of_day(sprints, *day),
            (None, Some(name)) => match sprint_names.resolve(source, name) {
                Ok(index) => Some(index),
                Err(problem) => {
                    diagnostics.extend(problem);
                    continue;
                }
            },
            (date, _) => {
                let both = date.is_some();
                diagnostics.push(
                    Diagnostic::error(
                        source,
                        event.label.span(),
                        if both {
                            "this event gives both a `date` and a `sprint`"
                        } else {
                            "this event gives neither a `date` nor a `sprint`"
                        },
                    )
                    .with_help("give the day it happened (`date = 2026-09-14`) or the sprint it belongs to (`sprint = \"2026-S19\"`), one of the two"),
                );
                continue;
            }
        };
        events.push(Event {
            date: event.date,
            sprint,
            label,
            kind: event.kind,
        });
    }
    events
}
