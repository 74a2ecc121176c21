//! `[import]` in site.toml: which team an imported item belongs to, which category and
//! initiative it counts for, and how its effort is found.
//!
//! site.toml's own loader only accepts the table; it is read and checked here, against the
//! categories of site.toml and the teams, initiatives and systems of the ledger, so that every
//! mistake is reported at its line and column in site.toml.

use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::item::Item;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::error::Error;
use crate::load::config::{Config, UNCATEGORIZED};
use crate::load::input::parse_toml;
use crate::load::ledger::Ledger;

/// The date format of Jira's "Export CSV": `13/Nov/26 4:05 PM` (Jira's `dd/MMM/yy h:mm a`).
pub const JIRA_DATE_FORMAT: &str = "%d/%b/%y %I:%M %p";

/// How an imported item's effort is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EffortMode {
    /// Story points ÷ `points_per_day` (Jira without points: original estimate hours ÷
    /// `hours_per_day`).
    Estimate,
    /// Each team's capacity split over its imported items in proportion to story points.
    PointsShare,
    /// Each team's capacity split equally over its imported items.
    Count,
}

impl EffortMode {
    /// The name written in site.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Estimate => "estimate",
            Self::PointsShare => "points-share",
            Self::Count => "count",
        }
    }
}

/// The `[import]` table as written; other keys of site.toml are read by [`Config`].
#[derive(Debug, Deserialize)]
struct SiteImport {
    import: Option<Spanned<RawImport>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImport {
    effort: Option<EffortMode>,
    points_per_day: Option<Spanned<f64>>,
    default_team: Option<Spanned<String>>,
    #[serde(default)]
    team: Vec<RawTeamRule>,
    #[serde(default)]
    rule: Vec<RawRule>,
    #[serde(default)]
    release: Vec<RawReleaseRule>,
    jira: Option<RawJira>,
    estimate_columns: Option<Spanned<Vec<String>>>,
}

/// `[[import.release]]`: the team (and system) of imported releases and deployments.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReleaseRule {
    when: RawWhen,
    team: Spanned<String>,
    system: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJira {
    date_format: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeamRule {
    when: RawWhen,
    team: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    when: RawWhen,
    category: Option<Spanned<String>>,
    initiative: Option<Spanned<String>>,
    system: Option<Spanned<String>>,
    planned: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWhen {
    #[serde(rename = "type")]
    kind: Option<String>,
    label: Option<String>,
    epic: Option<String>,
    component: Option<String>,
    project: Option<String>,
    title: Option<Spanned<String>>,
    team: Option<String>,
    repo: Option<String>,
    milestone: Option<String>,
}

/// One test of a `when`: all of a `when`'s conditions must hold.
#[derive(Debug, Clone)]
enum Condition {
    Kind(String),
    Label(String),
    Epic(String),
    Component(String),
    Project(String),
    Title(Regex),
    Team(String),
    Repo(String),
    Milestone(String),
}

/// The conditions of a rule; an empty `when = {}` matches every item.
#[derive(Debug, Clone, Default)]
pub struct When {
    conditions: Vec<Condition>,
}

impl When {
    /// Whether the item meets every condition.
    pub fn matches(&self, item: &Item) -> bool {
        self.conditions.iter().all(|c| c.matches(item))
    }
}

impl Condition {
    fn matches(&self, item: &Item) -> bool {
        let one = |value: &Option<String>, wanted: &str| {
            value.as_deref().is_some_and(|v| same(v, wanted))
        };
        let any = |values: &[String], wanted: &str| values.iter().any(|v| same(v, wanted));
        match self {
            Self::Kind(wanted) => one(&item.kind, wanted),
            Self::Label(wanted) => any(&item.labels, wanted),
            Self::Epic(wanted) => any(&item.ancestors, wanted),
            Self::Component(wanted) => any(&item.components, wanted),
            Self::Project(wanted) => one(&item.project, wanted),
            Self::Title(regex) => regex.is_match(&item.title),
            Self::Team(wanted) => one(&item.team, wanted),
            Self::Repo(wanted) => item.repo.as_deref().is_some_and(|repo| {
                same(repo, wanted) || repo.rsplit('/').next().is_some_and(|n| same(n, wanted))
            }),
            Self::Milestone(wanted) => one(&item.milestone, wanted),
        }
    }
}

/// Names from trackers compare without regard to case or surrounding spaces.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase()
}

/// `[[import.team]]`: items that match go to the team.
#[derive(Debug, Clone)]
pub struct TeamRule {
    /// The conditions.
    pub when: When,
    /// A team id from teams.toml.
    pub team: String,
}

/// `[[import.rule]]`: the first rule an item matches sets its category, initiative, system and
/// whether it was planned.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The conditions.
    pub when: When,
    /// A category id from site.toml; `None` leaves the row uncategorized.
    pub category: Option<String>,
    /// An initiative id from initiatives.toml.
    pub initiative: Option<String>,
    /// A system id from systems.toml.
    pub system: Option<String>,
    /// `Some(false)` marks the work unplanned.
    pub planned: Option<bool>,
}

/// `[[import.release]]`: releases of the repositories it matches go to the team and system.
#[derive(Debug, Clone)]
pub struct ReleaseRule {
    /// The conditions (usually `repo`).
    pub when: When,
    /// A team id from teams.toml.
    pub team: String,
    /// A system id from systems.toml.
    pub system: Option<String>,
}

/// The checked `[import]` table.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Release rules, first match wins; then the team rules and `default_team`.
    pub releases: Vec<ReleaseRule>,
    /// How effort is found.
    pub effort: EffortMode,
    /// Story points per person-day, for `effort = "estimate"`.
    pub points_per_day: f64,
    /// The team of items that no team rule matches; without it they are skipped.
    pub default_team: Option<String>,
    /// Team rules, first match wins.
    pub teams: Vec<TeamRule>,
    /// Category rules, first match wins.
    pub rules: Vec<Rule>,
    /// The strftime-like format of Jira's dates.
    pub jira_date_format: String,
    /// `estimate_columns`: the CSV columns that hold estimates, in the order tried; `None`
    /// reads the tracker's own list.
    pub estimate_columns: Option<Vec<String>>,
}

impl Rules {
    /// The team of an item: the first matching team rule, else `default_team`. The flag says
    /// whether the default was used.
    pub fn team_of(&self, item: &Item) -> Option<(&str, bool)> {
        match self.teams.iter().find(|rule| rule.when.matches(item)) {
            Some(rule) => Some((rule.team.as_str(), false)),
            None => self.default_team.as_deref().map(|team| (team, true)),
        }
    }

    /// The team and system of a release: the first matching release rule, else the team rules
    /// (and `default_team`) with no system. `None` when nothing matches.
    pub fn release_of(&self, item: &Item) -> Option<(&str, Option<&str>)> {
        if let Some(rule) = self.releases.iter().find(|r| r.when.matches(item)) {
            return Some((rule.team.as_str(), rule.system.as_deref()));
        }
        self.team_of(item).map(|(team, _)| (team, None))
    }

    /// The first category rule the item matches.
    pub fn rule_of(&self, item: &Item) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.when.matches(item))
    }
}

/// Reads and checks `[import]` from site.toml.
pub fn load(config: &Config, ledger: &Ledger) -> Result<Rules, Error> {
    let source = &config.source;
    // The examples in the help name this site's own team and upkeep category.
    let team = ledger.teams.first().map_or("<team id>", |t| t.id.as_str());
    let category = config
        .upkeep_slot()
        .map_or("<category id>", |slot| config.category_id(slot));
    let raw: SiteImport =
        parse_toml(source, &source.text, 0).map_err(|d| Error::Invalid(vec![d]))?;
    let Some(raw) = raw.import else {
        return Err(Error::Invalid(vec![
            Diagnostic::error_in(
                Some(source),
                "site.toml has no `[import]` table, so tally cannot tell which team an imported item belongs to",
            )
            .with_help(format!(
                "add rules to site.toml, for example:\n[import]\neffort = \"estimate\"\n[[import.team]]\nwhen = {{ project = \"PAY\" }}\nteam = \"{team}\"\n[[import.rule]]\nwhen = {{ type = \"Bug\" }}\ncategory = \"{category}\"",
            ))
            .with_help("the rules are described in the README, under \"Importing from Jira, Linear and GitHub\""),
        ]));
    };
    let span = raw.span();
    let raw = raw.into_inner();
    let mut diagnostics = Diagnostics::default();
    let checker = Checker {
        source,
        config,
        ledger,
    };
    if raw.team.is_empty() && raw.default_team.is_none() && raw.release.is_empty() {
        diagnostics.push(
            Diagnostic::error(source, span, "`[import]` has no team rule and no `default_team`")
                .with_help(format!("every imported row needs a team: add `[[import.team]]` rules such as\n[[import.team]]\nwhen = {{ project = \"PAY\" }}\nteam = \"{team}\""))
                .with_help("or send everything to one team with `default_team = \"<team id>\"`"),
        );
    }
    let points_per_day = match raw.points_per_day {
        Some(p) if !(p.get_ref().is_finite() && *p.get_ref() > 0.0) => {
            diagnostics.push(
                Diagnostic::error(source, p.span(), "`points_per_day` must be more than zero")
                    .with_help("it is the story points one person finishes in a day, e.g. `points_per_day = 1.0`"),
            );
            1.0
        }
        Some(p) => p.into_inner(),
        None => 1.0,
    };
    let default_team = raw
        .default_team
        .and_then(|team| checker.team(&team, &mut diagnostics));
    let teams = raw
        .team
        .into_iter()
        .filter_map(|rule| {
            let when = checker.when(rule.when, &mut diagnostics);
            let team = checker.team(&rule.team, &mut diagnostics);
            Some(TeamRule { when, team: team? })
        })
        .collect();
    let rules = raw
        .rule
        .into_iter()
        .map(|rule| Rule {
            when: checker.when(rule.when, &mut diagnostics),
            category: rule
                .category
                .and_then(|c| checker.category(&c, &mut diagnostics)),
            initiative: rule
                .initiative
                .and_then(|i| checker.listed(List::Initiatives, &i, &mut diagnostics)),
            system: rule
                .system
                .and_then(|s| checker.listed(List::Systems, &s, &mut diagnostics)),
            planned: rule.planned,
        })
        .collect();
    let releases = raw
        .release
        .into_iter()
        .filter_map(|rule| {
            let when = checker.when(rule.when, &mut diagnostics);
            let team = checker.team(&rule.team, &mut diagnostics);
            let system = rule
                .system
                .and_then(|s| checker.listed(List::Systems, &s, &mut diagnostics));
            Some(ReleaseRule {
                when,
                team: team?,
                system,
            })
        })
        .collect();
    let jira_date_format = match raw.jira.and_then(|j| j.date_format) {
        Some(format) if !date_format_works(format.get_ref()) => {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    format.span(),
                    format!("`{}` is not a date format tally can read", format.get_ref()),
                )
                .with_help("write it with strftime directives: `%d` day, `%b` month name (Nov), `%m` month number, `%y` or `%Y` year, `%I`/`%H` hour, `%M` minute, `%p` AM/PM")
                .with_help(format!("Jira's default `13/Nov/26 4:05 PM` is `{JIRA_DATE_FORMAT}`")),
            );
            JIRA_DATE_FORMAT.to_string()
        }
        Some(format) => format.into_inner(),
        None => JIRA_DATE_FORMAT.to_string(),
    };
    let rules = Rules {
        releases,
        effort: raw.effort.unwrap_or(EffortMode::Estimate),
        points_per_day,
        default_team,
        teams,
        rules,
        jira_date_format,
        estimate_columns: estimate_columns(raw.estimate_columns, source, &mut diagnostics),
    };
    diagnostics.finish(rules).map(|(rules, _)| rules)
}

/// The author's estimate columns: a list of one or more header names.
fn estimate_columns(
    raw: Option<Spanned<Vec<String>>>,
    source: &Arc<SourceFile>,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<String>> {
    let raw = raw?;
    let span = raw.span();
    let names: Vec<String> = raw
        .into_inner()
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        diagnostics.push(
            Diagnostic::error(source, span, "`estimate_columns` names no column")
                .with_help("list the export's columns that hold estimates, first tried first, e.g. `estimate_columns = [\"Story point estimate\", \"Original Estimate\"]`, or remove the line to read the tracker's usual columns"),
        );
        return None;
    }
    Some(names)
}

/// A format is usable when a date written with it reads back as the same date.
fn date_format_works(format: &str) -> bool {
    use jiff::fmt::strtime;
    let sample = jiff::civil::date(2026, 11, 13).at(16, 5, 0, 0);
    let Ok(text) = strtime::format(format, sample) else {
        return false;
    };
    strtime::parse(format, &text)
        .and_then(|tm| tm.to_date())
        .is_ok_and(|date| date == sample.date())
}

/// The ledger's lists that `[import]` rules name ids of.
#[derive(Clone, Copy)]
enum List {
    Teams,
    Initiatives,
    Systems,
}

/// The ids of a ledger list.
fn ids<T>(list: &[T], id: impl Fn(&T) -> &String) -> Vec<&str> {
    list.iter().map(|x| id(x).as_str()).collect()
}

struct Checker<'a> {
    source: &'a Arc<SourceFile>,
    config: &'a Config,
    ledger: &'a Ledger,
}

impl Checker<'_> {
    fn when(&self, raw: RawWhen, diagnostics: &mut Diagnostics) -> When {
        let mut conditions = Vec::new();
        let mut push = |value: Option<String>, make: fn(String) -> Condition| {
            if let Some(value) = value {
                conditions.push(make(value));
            }
        };
        push(raw.kind, Condition::Kind);
        push(raw.label, Condition::Label);
        push(raw.epic, Condition::Epic);
        push(raw.component, Condition::Component);
        push(raw.project, Condition::Project);
        push(raw.team, Condition::Team);
        push(raw.repo, Condition::Repo);
        push(raw.milestone, Condition::Milestone);
        if let Some(title) = raw.title {
            match RegexBuilder::new(title.get_ref())
                .case_insensitive(true)
                .size_limit(1 << 20)
                .build()
            {
                Ok(regex) => conditions.push(Condition::Title(regex)),
                Err(error) => diagnostics.push(
                    Diagnostic::error(
                        self.source,
                        title.span(),
                        "`title` is not a valid regular expression",
                    )
                    .with_label(first_line(&error.to_string()))
                    .with_help("`title` is a regular expression searched in the item's title, ignoring case: `upgrade`, `^Spike:`, `(bump|upgrade) .* to v?\\d+`")
                    .with_help("in a TOML string a backslash is written twice (`\"\\\\d\"`), or use single quotes (`'\\d'`)"),
                ),
            }
        }
        When { conditions }
    }

    fn team(&self, team: &Spanned<String>, diagnostics: &mut Diagnostics) -> Option<String> {
        self.listed(List::Teams, team, diagnostics)
    }

    /// The id, when it is in the ledger's `list`; else an error at the rule.
    fn listed(
        &self,
        list: List,
        name: &Spanned<String>,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        let ledger = self.ledger;
        let (kind, file, ids): (&str, &str, Vec<&str>) = match list {
            List::Teams => (
                "team",
                "content/data/teams.toml",
                ids(&ledger.teams, |t| &t.id),
            ),
            List::Initiatives => (
                "initiative",
                "content/data/initiatives.toml",
                ids(&ledger.initiatives, |i| &i.id),
            ),
            List::Systems => (
                "system",
                "content/data/systems.toml",
                ids(&ledger.systems, |s| &s.id),
            ),
        };
        self.named(name, kind, file, ids.into_iter(), diagnostics)
    }

    fn category(
        &self,
        category: &Spanned<String>,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        let id = category.get_ref();
        if self.config.categories.iter().any(|c| &c.id == id) {
            return Some(id.clone());
        }
        let mut diagnostic = Diagnostic::error(
            self.source,
            category.span(),
            format!("unknown category `{id}`"),
        )
        .with_label("not defined in site.toml");
        if id == UNCATEGORIZED {
            diagnostic = diagnostic
                .with_help("leave `category` out of the rule to import its items as uncategorized");
        } else {
            diagnostic = diagnostic
                .with_help(unknown_name_help(
                    id,
                    "category",
                    self.config.categories.iter().map(|c| c.id.as_str()),
                ))
                .with_help("define it as `[categories.<id>]` in site.toml, or fix the id here");
        }
        diagnostics.push(diagnostic);
        None
    }

    fn named<'k>(
        &self,
        name: &Spanned<String>,
        kind: &str,
        file: &str,
        known: impl Iterator<Item = &'k str> + Clone,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        let id = name.get_ref();
        if known.clone().any(|k| k == id) {
            return Some(id.clone());
        }
        diagnostics.push(
            Diagnostic::error(self.source, name.span(), format!("unknown {kind} `{id}`"))
                .with_label(format!("not defined in {file}"))
                .with_help(unknown_name_help(id, kind, known))
                .with_help(format!("add it to {file}, or fix the id here")),
        );
        None
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .unwrap_or_else(|| text.lines().next().unwrap_or_default())
        .trim()
        .to_string()
}
