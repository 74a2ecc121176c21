//! `content/data/scenarios.toml`: what-if changes to test against an initiative's forecast
//! ("two more engineers on the break-up from next sprint", "stop it now").
//!
//! Read after the sprints, since `from` names a sprint and must lie after the current one.
//! Each scenario names its initiative, one change (`add_people`, `add_effort` or `stop = true`)
//! and, optionally, where the added people come from (`take_from`: an initiative or a
//! category), which slips in turn.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::names::{Failed, Names, check_entries, entry};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::load::input::{Checked, Effort, People};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: Spanned<String>,
    title: String,
    initiative: Spanned<String>,
    add_people: Option<Spanned<Checked<People>>>,
    add_effort: Option<Spanned<Checked<Effort>>>,
    from: Option<Spanned<String>>,
    stop: Option<Spanned<bool>>,
    take_from: Option<Spanned<String>>,
}

entry!(RawScenario, "scenario", "a scenario");

/// What a scenario changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// This many more people work on the initiative full time.
    AddPeople(f64),
    /// This much more effort per sprint, in the site's unit.
    AddEffort(f64),
    /// The initiative stops: no more work on it.
    Stop,
}

/// Where the added capacity is taken from, which slips in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakeFrom {
    /// Another initiative (index).
    Initiative(usize),
    /// A category (slot): the work in it, initiatives included, shrinks.
    Category(usize),
}

/// A scenario, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Stable id, used by the `scenario` directive and in `accounts.json`.
    pub id: String,
    /// What it tests, in the author's words.
    pub title: String,
    /// The initiative it changes (index).
    pub initiative: usize,
    /// The change.
    pub change: Change,
    /// The first sprint the change applies to, counted from the sprint after the current one:
    /// 0 for `from = "next"`, 2 for the third sprint after the current one.
    pub delay: usize,
    /// Where added people come from, if anywhere.
    pub take_from: Option<TakeFrom>,
}

/// What scenarios are checked against.
pub(crate) struct Known<'a> {
    pub(crate) initiatives: &'a Names<'a>,
    pub(crate) categories: &'a HashMap<&'a str, usize>,
    pub(crate) initiative_ids: Vec<&'a str>,
    pub(crate) sprints: &'a Names<'a>,
    pub(crate) sprint_ids: Vec<&'a str>,
    /// The current sprint (index), when there is any sprint.
    pub(crate) current: Option<usize>,
}

/// Reads the scenarios: every problem is one located report, with the names it could mean.
pub(crate) fn check(
    source: &Arc<SourceFile>,
    known: &Known<'_>,
    diagnostics: &mut Diagnostics,
) -> Vec<Scenario> {
    let (scenarios, _failed): (Vec<Scenario>, Failed) =
        check_entries(source, diagnostics, |item: RawScenario, id, diagnostics| {
            let initiative = known
                .initiatives
                .resolve(source, &item.initiative)
                .map_err(|problem| diagnostics.extend(problem))
                .ok();
            let change = change(source, &item, diagnostics);
            let delay = delay(source, item.from.as_ref(), known, diagnostics);
            let take_from = match (&item.take_from, change) {
                (Some(name), Some(Change::Stop)) => {
                    diagnostics.push(
                        Diagnostic::error(
                            source,
                            name.span(),
                            "a scenario that stops its initiative takes people from nowhere",
                        )
                        .with_help("remove `take_from`, or add people instead of `stop = true`"),
                    );
                    None
                }
                (Some(name), _) => {
                    take_from(source, name, initiative, known, diagnostics).map(Some)
                }
                (None, _) => Some(None),
            };
            Some(Scenario {
                id,
                title: item.title,
                initiative: initiative?,
                change: change?,
                delay: delay?,
                take_from: take_from?,
            })
        });
    scenarios
}

/// The one change a scenario makes: exactly one of `add_people`, `add_effort`, `stop = true`.
fn change(
    source: &Arc<SourceFile>,
    item: &RawScenario,
    diagnostics: &mut Diagnostics,
) -> Option<Change> {
    let mut given: Vec<(Change, std::ops::Range<usize>)> = Vec::new();
    if let Some(people) = &item.add_people {
        given.push((Change::AddPeople(people.get_ref().get()), people.span()));
    }
    if let Some(effort) = &item.add_effort {
        given.push((Change::AddEffort(effort.get_ref().get()), effort.span()));
    }
    if let Some(stop) = item.stop.as_ref().filter(|s| *s.get_ref()) {
        given.push((Change::Stop, stop.span()));
    }
    let help = "give one of `add_people = 2`, `add_effort = 20` (per sprint) or `stop = true`";
    match given.as_slice() {
        [] => {
            diagnostics.push(
                Diagnostic::error(source, item.id.span(), "this scenario changes nothing")
                    .with_help(help),
            );
            None
        }
        [(Change::AddPeople(n) | Change::AddEffort(n), span)] if *n == 0.0 => {
            diagnostics.push(
                Diagnostic::error(source, span.clone(), "adding 0 changes nothing")
                    .with_help("add more than 0, or remove the scenario"),
            );
            None
        }
        [(change, _)] => Some(*change),
        [_, (_, span), ..] => {
            diagnostics.push(
                Diagnostic::error(source, span.clone(), "a scenario makes one change, not two")
                    .with_help(help)
                    .with_help("to test both, write two scenarios"),
            );
            None
        }
    }
}

/// Sprints from the next one to the first the change applies to: `next` is 0; a sprint id must
/// be a sprint after the current one.
fn delay(
    source: &Arc<SourceFile>,
    from: Option<&Spanned<String>>,
    known: &Known<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let Some(from) = from.filter(|f| f.get_ref() != "next") else {
        return Some(0);
    };
    let index = match known.sprints.resolve(source, from) {
        Ok(index) => index,
        Err(Some(_)) => {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    from.span(),
                    format!("unknown sprint `{}`", from.get_ref()),
                )
                .with_help(unknown_name_help(
                    from.get_ref(),
                    "sprint",
                    std::iter::once("next").chain(known.sprint_ids.iter().copied()),
                ))
                .with_help("write from = \"next\", or the id of a sprint after the current one"),
            );
            return None;
        }
        Err(None) => return None,
    };
    let current = known.current.unwrap_or(0);
    if index <= current {
        let now = known.sprint_ids.get(current).copied().unwrap_or("");
        diagnostics.push(
            Diagnostic::error(
                source,
                from.span(),
                format!(
                    "a scenario starts after the current sprint ({now}), not in `{}`",
                    from.get_ref()
                ),
            )
            .with_help("write from = \"next\", or the id of a sprint after the current one"),
        );
        return None;
    }
    Some(index - current - 1)
}

/// `take_from`: an initiative (not the scenario's own) or a category, by id.
fn take_from(
    source: &Arc<SourceFile>,
    name: &Spanned<String>,
    own: Option<usize>,
    known: &Known<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<TakeFrom> {
    let wanted = name.get_ref().as_str();
    if let Some(index) = known.initiative_ids.iter().position(|i| *i == wanted) {
        if Some(index) == own {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    name.span(),
                    "a scenario cannot take people from the initiative it adds them to",
                )
                .with_help(
                    "name another initiative, or a category such as the one the people work in now",
                ),
            );
            return None;
        }
        return Some(TakeFrom::Initiative(index));
    }
    if let Some(&slot) = known.categories.get(wanted) {
        return Some(TakeFrom::Category(slot));
    }
    let names: BTreeSet<&str> = known
        .initiative_ids
        .iter()
        .copied()
        .chain(known.categories.keys().copied())
        .collect();
    diagnostics.push(
        Diagnostic::error(
            source,
            name.span(),
            format!("unknown initiative or category `{wanted}`"),
        )
        .with_help(unknown_name_help(
            wanted,
            "initiative or category id",
            names,
        ))
        .with_help("`take_from` names the initiative or the category the added people leave"),
    );
    None
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::SourceFile;
    use crate::load::config::Config;
    use crate::load::ledger::{Change, Ledger, LedgerSources, TakeFrom};

    const TEAMS: &str = "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 2\n";
    const INITIATIVES: &str = "[[initiative]]\nid = \"x\"\nname = \"X\"\ncategory = \"new\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 100\n\n[[initiative]]\nid = \"y\"\nname = \"Y\"\ncategory = \"new\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 50\n";

    /// Three sprints S1–S3 with S1 current (S2 and S3 are planned), and `scenarios`.
    fn check(scenarios: &str) -> Result<Ledger, String> {
        let config = Config::parse(SourceFile::new(
            "site.toml",
            "title = \"t\"\ncurrent_sprint = \"S1\"\n",
        ))
        .unwrap();
        let sprints = ["2026-01-05", "2026-01-19", "2026-02-02"]
            .iter()
            .enumerate()
            .map(|(i, start)| {
                let end = jiff::civil::Date::strptime("%Y-%m-%d", start)
                    .unwrap()
                    .checked_add(jiff::Span::new().days(11))
                    .unwrap();
                SourceFile::new(
                    format!("S{}.toml", i + 1),
                    format!("id = \"S{}\"\nstart = {start}\nend = {end}\n", i + 1),
                )
            })
            .collect();
        Ledger::check_sources(
            &config,
            LedgerSources {
                teams: Some(SourceFile::new("teams.toml", TEAMS)),
                sprints,
                initiatives: Some(SourceFile::new("initiatives.toml", INITIATIVES)),
                scenarios: Some(SourceFile::new("scenarios.toml", scenarios)),
                ..LedgerSources::default()
            },
        )
        .map_err(|e| format!("{e:?}"))
    }

    fn scenario(body: &str) -> String {
        format!("[[scenario]]\nid = \"s\"\ntitle = \"S\"\ninitiative = \"x\"\n{body}")
    }

    #[test]
    fn a_later_sprint_delays_the_change_and_names_resolve() {
        let ledger = check(&scenario(
            "add_effort = 5\nfrom = \"S3\"\ntake_from = \"new\"\n",
        ))
        .unwrap();
        let s = &ledger.scenarios[0];
        // S1 is current: S2 is next (delay 0), S3 one sprint later.
        assert_eq!(s.delay, 1);
        assert_eq!(s.change, Change::AddEffort(5.0));
        assert_eq!(s.take_from, Some(TakeFrom::Category(0)));
        let ledger = check(&scenario("add_people = 1.5\ntake_from = \"y\"\n")).unwrap();
        assert_eq!(ledger.scenarios[0].delay, 0);
        assert_eq!(ledger.scenarios[0].take_from, Some(TakeFrom::Initiative(1)));
    }

    #[test]
    fn each_mistake_is_one_report() {
        for (body, message) in [
            ("", "this scenario changes nothing"),
            ("stop = false\n", "this scenario changes nothing"),
            ("add_people = 0\n", "adding 0 changes nothing"),
            ("add_people = -1\n", "is negative"),
            ("add_people = 1\nadd_effort = 2\n", "one change, not two"),
            (
                "stop = true\ntake_from = \"y\"\n",
                "takes people from nowhere",
            ),
            (
                "add_people = 1\ntake_from = \"x\"\n",
                "the initiative it adds them to",
            ),
            ("add_people = 1\nfrom = \"S9\"\n", "unknown sprint `S9`"),
            ("add_people = 1\nspeed = 2\n", "unknown key `speed`"),
        ] {
            let error = check(&scenario(body)).unwrap_err();
            assert!(error.contains(message), "{body}: {error}");
            assert_eq!(error.matches("message:").count(), 1, "{body}: {error}");
        }
    }
}
