//! `content/data/incidents.toml`: what went wrong in production, for how long, why, and the
//! work that fixed it, each incident checked with located errors.
//!
//! Times are date-times: with an offset (`2026-08-11T14:05:00+02:00`) they are exact; without
//! one they are read in the site's `timezone` (UTC by default), which also decides the day, and
//! so the sprint, an incident falls in.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::names::{Failed, Names, check_entries, entry};
use super::sprints::{Sprint, sprint_of_day};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, closest};
use crate::load::config::DeliverySettings;
use crate::load::input::Day;

/// The work that fixed an incident, as its `follow_up` names it.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowUp {
    /// A big project (index): all of its work counts.
    Initiative(usize),
    /// Work rows named by their `ref` or `title`: (sprint, row) indices.
    Rows(Vec<(usize, usize)>),
}

/// One incident, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// Stable id, used in its address: `delivery/<id>/`.
    pub id: String,
    /// What happened, in a few words.
    pub title: String,
    /// When it started.
    pub start: jiff::Timestamp,
    /// When service was back.
    pub end: jiff::Timestamp,
    /// Its start in the site's time zone.
    pub start_local: jiff::civil::DateTime,
    /// Its end in the site's time zone.
    pub end_local: jiff::civil::DateTime,
    /// The severity (slot in the site's `severities`, least severe first).
    pub severity: usize,
    /// Systems affected (indices).
    pub systems: Vec<usize>,
    /// Teams that responded (indices).
    pub teams: Vec<usize>,
    /// What customers saw, in plain words.
    pub customer_impact: String,
    /// Why it happened, in plain words.
    pub cause: String,
    /// The work that fixed it, as named.
    pub follow_up: Vec<FollowUp>,
    /// The names `follow_up` was written with, in order.
    pub follow_up_names: Vec<String>,
    /// The release that caused it (index into the releases), when known.
    pub release: Option<usize>,
    /// The sprint its start falls in (index), if any.
    pub sprint: Option<usize>,
}

impl Incident {
    /// The day it started, in the site's time zone.
    pub fn day(&self) -> Day {
        Day(self.start_local.date())
    }

    /// Minutes from start to end: the time to restore service.
    pub fn minutes(&self) -> f64 {
        (self.end.as_second() - self.start.as_second()) as f64 / 60.0
    }
}

/// A date-time as written: with an offset it is a moment; without one, a wall-clock time in
/// the site's time zone.
#[derive(Debug, Clone, Copy)]
enum Moment {
    Exact(jiff::Timestamp),
    Local(jiff::civil::DateTime),
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        const EXAMPLE: &str = "a date and time like 2026-08-11T14:05:00 (in the site's timezone) or 2026-08-11T14:05:00+02:00";
        let text = match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(datetime) => {
                if datetime.date.is_none() || datetime.time.is_none() {
                    return Err(D::Error::custom(format!("expected {EXAMPLE}")));
                }
                datetime.to_string()
            }
            toml::Value::String(text) => text,
            _ => return Err(D::Error::custom(format!("expected {EXAMPLE}"))),
        };
        let text = text.trim().replacen(' ', "T", 1);
        if let Ok(exact) = text.parse::<jiff::Timestamp>() {
            return Ok(Moment::Exact(exact));
        }
        text.parse::<jiff::civil::DateTime>()
            .ok()
            .filter(|_| text.contains('T'))
            .map(Moment::Local)
            .ok_or_else(|| D::Error::custom(format!("`{text}` is not {EXAMPLE}")))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    id: Spanned<String>,
    title: String,
    start: Spanned<Moment>,
    end: Spanned<Moment>,
    severity: Spanned<String>,
    #[serde(default)]
    systems: Vec<Spanned<String>>,
    #[serde(default)]
    teams: Vec<Spanned<String>>,
    customer_impact: String,
    cause: String,
    #[serde(default)]
    follow_up: Vec<Spanned<String>>,
    release: Option<Spanned<String>>,
}

entry!(RawIncident, "incident", "an incident");

/// What incidents may name: teams, systems, initiatives, work rows and releases.
pub(crate) struct IncidentLookups<'a> {
    pub(crate) settings: &'a DeliverySettings,
    pub(crate) sprints: &'a [Sprint],
    pub(crate) failed_sprints: &'a Failed,
    pub(crate) teams: &'a Names<'a>,
    pub(crate) systems: &'a Names<'a>,
    pub(crate) initiatives: &'a Names<'a>,
    pub(crate) initiative_ids: Vec<&'a str>,
    /// Each release's `id`, in the order of `releases.toml`.
    pub(crate) release_ids: Vec<Option<&'a str>>,
    /// Whether an earlier file had errors: a work row or a release it left out may be the one
    /// a follow-up or `release` names, so those are not reported again (one report per root
    /// cause; the next check finds any that remain).
    pub(crate) earlier_errors: bool,
}

impl IncidentLookups<'_> {
    /// Every work row by its `ref` and by its `title`: (sprint, row) indices.
    fn rows_by_name(&self) -> HashMap<&str, Vec<(usize, usize)>> {
        let mut rows: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (s, sprint) in self.sprints.iter().enumerate() {
            for (r, row) in sprint.work.iter().enumerate() {
                for name in [&row.reference, &row.title].into_iter().flatten() {
                    let list = rows.entry(name.as_str()).or_default();
                    if !list.contains(&(s, r)) {
                        list.push((s, r));
                    }
                }
            }
        }
        rows
    }
}

/// Reads `incidents.toml`: ids usable in addresses and unique, times in order, a severity from
/// the site's list, and every team, system, follow-up and release resolved.
pub(crate) fn check_incidents(
    source: &Arc<SourceFile>,
    lookups: &IncidentLookups<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Incident> {
    let rows = lookups.rows_by_name();
    let (incidents, _failed) =
        check_entries(source, diagnostics, |raw: RawIncident, id, diagnostics| {
            check_one(source, lookups, &rows, raw, id, diagnostics)
        });
    incidents
}

/// One incident; its problems are recorded and it is left out when it has any.
fn check_one(
    source: &Arc<SourceFile>,
    lookups: &IncidentLookups<'_>,
    rows: &HashMap<&str, Vec<(usize, usize)>>,
    raw: RawIncident,
    id: String,
    diagnostics: &mut Diagnostics,
) -> Option<Incident> {
    let before = diagnostics.items().len();
    let zone = &lookups.settings.timezone;
    let exact = |moment: &Moment| match moment {
        Moment::Exact(t) => Some(*t),
        Moment::Local(local) => local
            .to_zoned_datetime(zone.clone())
            .ok()
            .map(|z| z.timestamp()),
    };
    let (start, end) = (exact(raw.start.get_ref()), exact(raw.end.get_ref()));
    let (Some(start), Some(end)) = (start, end) else {
        diagnostics.push(
            Diagnostic::error(
                source,
                raw.start.span(),
                "this time cannot be placed in the site's time zone",
            )
            .with_help("write a time between the years 1 and 9999"),
        );
        return None;
    };
    let local = |t: jiff::Timestamp| zone.to_datetime(t);
    if end < start {
        diagnostics.push(
            Diagnostic::error(
                source,
                raw.end.span(),
                format!(
                    "the incident ends ({}) before it starts ({})",
                    local(end).strftime("%Y-%m-%d %H:%M"),
                    local(start).strftime("%Y-%m-%d %H:%M")
                ),
            )
            .with_help(
                "`end` is when service was back, on or after `start`; check the day and the hour",
            ),
        );
    }
    let severities = &lookups.settings.severities;
    let severity = severities.iter().position(|s| s == raw.severity.get_ref());
    if severity.is_none() {
        let wanted = raw.severity.get_ref();
        let known = severities.join(", ");
        let guess = closest(wanted, severities.iter().map(String::as_str))
            .map(|best| format!("did you mean `{best}`? "))
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(
                source,
                raw.severity.span(),
                format!("unknown severity `{wanted}`"),
            )
            .with_label("not defined in `severities` of site.toml")
            .with_help(format!("{guess}the known severities are: {known}"))
            .with_help("list your own with `severities = [...]` in site.toml, least severe first"),
        );
    }
    let mut resolve_all = |names: &[Spanned<String>], within: &Names<'_>| -> Vec<usize> {
        let mut found = Vec::new();
        for name in names {
            match within.resolve(source, name) {
                Ok(index) if !found.contains(&index) => found.push(index),
                Ok(_) => {}
                Err(problem) => diagnostics.extend(problem),
            }
        }
        found
    };
    let systems = resolve_all(&raw.systems, lookups.systems);
    let teams = resolve_all(&raw.teams, lookups.teams);
    let follow_up: Vec<FollowUp> = raw
        .follow_up
        .iter()
        .filter_map(|name| follow_up(source, lookups, rows, name, diagnostics))
        .collect();
    let release = raw.release.as_ref().and_then(|name| {
        if lookups.earlier_errors && !lookups.release_ids.contains(&Some(name.get_ref().as_str())) {
            return None;
        }
        release(source, &lookups.release_ids, name, diagnostics)
    });
    if diagnostics.items().len() > before {
        return None;
    }
    let start_local = local(start);
    Some(Incident {
        id,
        title: raw.title,
        start,
        end,
        start_local,
        end_local: local(end),
        severity: severity?,
        systems,
        teams,
        customer_impact: raw.customer_impact,
        cause: raw.cause,
        follow_up,
        follow_up_names: raw.follow_up.iter().map(|n| n.get_ref().clone()).collect(),
        release,
        sprint: sprint_of_day(lookups.sprints, Day(start_local.date())),
    })
}

/// A follow-up names a big project by id, or work rows by their `ref` or `title`.
fn follow_up(
    source: &Arc<SourceFile>,
    lookups: &IncidentLookups<'_>,
    rows: &HashMap<&str, Vec<(usize, usize)>>,
    name: &Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<FollowUp> {
    let wanted = name.get_ref().as_str();
    if let Some(index) = lookups.initiative_ids.iter().position(|id| *id == wanted) {
        return Some(FollowUp::Initiative(index));
    }
    if let Some(found) = rows.get(wanted) {
        return Some(FollowUp::Rows(found.clone()));
    }
    if lookups.earlier_errors
        || lookups.failed_sprints.excuses(wanted)
        || lookups.initiatives.excuses(wanted)
    {
        return None;
    }
    let known = lookups
        .initiative_ids
        .iter()
        .copied()
        .chain(rows.keys().copied());
    let guess = closest(wanted, known)
        .map(|best| format!("did you mean `{best}`? "))
        .unwrap_or_default();
    diagnostics.push(
        Diagnostic::error(
            source,
            name.span(),
            format!("unknown follow-up `{wanted}`"),
        )
        .with_label("not a big project, nor the `ref` or `title` of a work row")
        .with_help(format!(
            "{guess}a follow-up names an initiative id from content/data/initiatives.toml, or the `ref` (such as `PAY-1525`) or exact `title` of a work row in content/data/sprints/"
        )),
    );
    None
}

/// The release an incident names, by its `id` in `releases.toml`.
fn release(
    source: &Arc<SourceFile>,
    releases: &[Option<&str>],
    name: &Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let wanted = name.get_ref().as_str();
    let ids = || releases.iter().filter_map(|r| *r);
    if let Some(index) = releases.iter().position(|r| *r == Some(wanted)) {
        return Some(index);
    }
    let guess = closest(wanted, ids())
        .map(|best| format!("did you mean `{best}`? "))
        .unwrap_or_default();
    diagnostics.push(
        Diagnostic::error(source, name.span(), format!("unknown release `{wanted}`"))
            .with_label("not the `id` of a release in content/data/releases.toml")
            .with_help(format!(
                "{guess}give the release an `id` in releases.toml (such as `id = \"v2.14.0\"`) and name it here, or leave `release` out"
            )),
    );
    None
}
