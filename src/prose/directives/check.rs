//! Checking a parsed [`Call`] against the site: the directive's name, its arguments, and the
//! metrics, categories, teams, sprints, charts, initiatives, systems and glossary terms it
//! names. Every mistake is a [`Problem`] that lists the valid names.

use std::ops::Range;

use crate::charts::{ChartKind, ChartRequest};
use crate::diagnostics::unknown_name_help;
use crate::load::narratives::Narrative;

use super::problem::Problem;
use super::syntax::{Arg, Call};
use super::types::{Against, DIRECTIVES, Directive, Measure, Metric, Period, Scope};

pub(super) fn check(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<Directive, Problem> {
    match call.name.as_str() {
        "chart" => check_chart(call, narrative, scope).map(Directive::Chart),
        "value" => check_measure(call, narrative, scope).map(Directive::Value),
        "delta" => check_measure(call, narrative, scope).map(Directive::Delta),
        "term" => check_term(call, scope),
        "scenario" => check_scenario(call, narrative, scope).map(Directive::Chart),
        other => Err(Problem::new(
            format!("unknown directive `{other}`"),
            Some(call.name_span.clone()),
        )
        .help(unknown_name_help(other, "directive", DIRECTIVES))),
    }
}

fn allowed_keys(call: &Call, keys: &[&str]) -> Result<(), Problem> {
    for (key, _, span) in &call.args {
        match key {
            Some(key) if keys.contains(&key.as_str()) => {}
            Some(key) => {
                return Err(Problem::new(
                    format!("`{}` does not take `{key}`", call.name),
                    Some(span.clone()),
                )
                .help(unknown_name_help(key, "argument", keys.iter().copied())));
            }
            None => {
                return Err(Problem::new(
                    format!("`{}` takes named arguments", call.name),
                    Some(span.clone()),
                )
                .help(format!(
                    "write them as name=value; `{}` takes: {}",
                    call.name,
                    keys.join(", ")
                )));
            }
        }
    }
    Ok(())
}

fn text_arg<'c>(call: &'c Call, key: &str) -> Result<Option<(&'c str, Range<usize>)>, Problem> {
    match call.keyed(key) {
        None => Ok(None),
        Some((_, Arg::Text(text), span)) => Ok(Some((text.as_str(), span.clone()))),
        Some((_, Arg::Number(_), span)) => Err(Problem::new(
            format!("`{key}` is text: put it in quotes"),
            Some(span.clone()),
        )),
    }
}

fn resolve_team(call: &Call, scope: &Scope<'_>) -> Result<Option<usize>, Problem> {
    let Some((id, span)) = text_arg(call, "team")? else {
        return Ok(None);
    };
    scope.ledger.team_index(id).map(Some).ok_or_else(|| {
        Problem::new(format!("unknown team `{id}`"), Some(span)).help(unknown_name_help(
            id,
            "team",
            scope.ledger.teams.iter().map(|t| t.id.as_str()),
        ))
    })
}

fn resolve_category(call: &Call, scope: &Scope<'_>) -> Result<Option<usize>, Problem> {
    let Some((id, span)) = text_arg(call, "category")? else {
        return Ok(None);
    };
    let config = scope.config;
    (0..config.category_slots())
        .find(|&slot| config.category_id(slot) == id)
        .map(Some)
        .ok_or_else(|| {
            let known: Vec<&str> = (0..config.category_slots())
                .map(|s| config.category_id(s))
                .collect();
            Problem::new(format!("unknown category `{id}`"), Some(span)).help(unknown_name_help(
                id,
                "category",
                known.iter().copied(),
            ))
        })
}

/// The page's sprint: the one its front matter names, else the site's current sprint.
fn page_sprint(narrative: &Narrative, scope: &Scope<'_>) -> Result<usize, Problem> {
    match narrative.sprint {
        Some(sprint) => Ok(sprint),
        None if scope.ledger.sprints.is_empty() => Err(Problem::new(
            "there is no sprint data to take numbers from",
            None,
        )
        .help("add a sprint under content/data/sprints/")),
        None => Ok(scope.ledger.current),
    }
}

fn resolve_period(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<Period, Problem> {
    let here = page_sprint(narrative, scope)?;
    let Some((text, span)) = text_arg(call, "sprint")? else {
        return Ok(Period::Sprint(here));
    };
    let known = || {
        let mut names = vec!["current", "previous", "last:N"];
        names.extend(scope.ledger.sprints.iter().map(|s| s.id.as_str()));
        names.join(", ")
    };
    match text {
        "current" => Ok(Period::Sprint(here)),
        "previous" => here.checked_sub(1).map(Period::Sprint).ok_or_else(|| {
            Problem::new(
                format!(
                    "there is no sprint before {}",
                    scope.ledger.sprints[here].id
                ),
                Some(span.clone()),
            )
            .help("use sprint=\"current\" or a later sprint")
        }),
        _ if text.starts_with("last:") => match text["last:".len()..].parse::<usize>() {
            Ok(count) if count >= 1 => Ok(Period::Last { count, end: here }),
            _ => Err(
                Problem::new(format!("`{text}` is not a number of sprints"), Some(span))
                    .help("write sprint=\"last:6\" for the average of the last 6 sprints"),
            ),
        },
        id => scope
            .ledger
            .sprint_index(id)
            .map(Period::Sprint)
            .ok_or_else(|| {
                Problem::new(format!("unknown sprint `{id}`"), Some(span))
                    .help(format!("use one of: {}", known()))
            }),
    }
}

fn check_measure(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<Measure, Problem> {
    if call.name == "delta" {
        allowed_keys(
            call,
            &["metric", "category", "team", "sprint", "last", "against"],
        )?;
    } else {
        allowed_keys(call, &["metric", "category", "team", "sprint", "last"])?;
    }
    let against = match text_arg(call, "against")? {
        None | Some(("window", _)) => Against::Window,
        Some(("previous", _)) => Against::Previous,
        Some((other, span)) => {
            return Err(Problem::new(
                format!("`against` is \"window\" or \"previous\", not `{other}`"),
                Some(span),
            )
            .help("leave it out to compare over the site's comparison window ([compare] window in site.toml), or write against=\"previous\" for the sprint before"));
        }
    };
    let names: Vec<&str> = Metric::ALL.iter().map(|(n, _)| *n).collect();
    let Some((name, span)) = text_arg(call, "metric")? else {
        return Err(Problem::new(
            format!("`{}` needs a metric", call.name),
            Some(call.name_span.clone()),
        )
        .help(format!(
            "add metric=\"...\"; the metrics are: {}",
            names.join(", ")
        )));
    };
    let metric = Metric::from_name(name).ok_or_else(|| {
        Problem::new(format!("unknown metric `{name}`"), Some(span.clone()))
            .help(unknown_name_help(name, "metric", names.iter().copied()))
    })?;
    let category = resolve_category(call, scope)?;
    let team = resolve_team(call, scope)?;
    if metric == Metric::Share && category.is_none() && team.is_none() {
        return Err(Problem::new(
            "`share` needs a category or a team: a share of what?",
            Some(span),
        )
        .help(
            "add category=\"ktlo\" (its share of the time) or team=\"payments\" (the team's share)",
        ));
    }
    if matches!(metric, Metric::PlannedShare | Metric::CapacityUsed) && category.is_some() {
        return Err(
            Problem::new(format!("`{name}` is not split by category"), Some(span))
                .help("remove `category`; it can be given for the whole organisation or a team"),
        );
    }
    if metric.is_delivery() {
        check_delivery_metric(name, &span, category, scope)?;
    }
    let period = with_last(call, resolve_period(call, narrative, scope)?)?;
    Ok(Measure {
        metric,
        category,
        team,
        period,
        against,
    })
}

/// A delivery metric is not split by category and needs the record it counts.
fn check_delivery_metric(
    name: &str,
    span: &Range<usize>,
    category: Option<usize>,
    scope: &Scope<'_>,
) -> Result<(), Problem> {
    if category.is_some() {
        return Err(
            Problem::new(format!("`{name}` is not split by category"), Some(span.clone()))
                .help("remove `category`; releases and incidents are counted for the whole organisation or a team"),
        );
    }
    let record = &scope.ledger.delivery;
    let incidents = name.starts_with("time_to_restore") || name == "incidents";
    let (missing, file) = if incidents {
        (record.incidents.is_empty(), "content/data/incidents.toml")
    } else {
        (record.releases.is_empty(), "content/data/releases.toml")
    };
    if missing {
        return Err(Problem::new(
            format!("`{name}` counts the delivery record, and this site records none"),
            Some(span.clone()),
        )
        .help(format!(
            "add {file} (see the README's \"The delivery record\"), or use another metric"
        )));
    }
    Ok(())
}

/// `last=N`: the period becomes the N sprints ending at the one asked for (`sprint`, or the
/// page's); with `sprint="last:N"` as well it says the same thing twice.
fn with_last(call: &Call, period: Period) -> Result<Period, Problem> {
    let Some((_, arg, span)) = call.keyed("last") else {
        return Ok(period);
    };
    let count = match arg {
        Arg::Number(n) if *n >= 1.0 && n.fract() == 0.0 => *n as usize,
        _ => {
            return Err(
                Problem::new("`last` is a whole number of sprints", Some(span.clone()))
                    .help("for example last=6: the last 6 sprints up to the page's"),
            );
        }
    };
    match period {
        Period::Sprint(end) => Ok(Period::Last { count, end }),
        Period::Last { .. } => Err(Problem::new(
            "`last` and sprint=\"last:N\" say the same thing twice",
            Some(span.clone()),
        )
        .help("keep one: last=6, or sprint=\"last:6\"")),
    }
}

fn check_chart(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<ChartRequest, Problem> {
    allowed_keys(
        call,
        &[
            "name",
            "last",
            "sprint",
            "team",
            "category",
            "initiative",
            "system",
            "scenario",
        ],
    )?;
    let names: Vec<&str> = ChartKind::ALL.iter().map(|(n, _)| *n).collect();
    let Some((name, span)) = text_arg(call, "name")? else {
        return Err(Problem::new(
            "`chart` needs the chart's name",
            Some(call.name_span.clone()),
        )
        .help(format!(
            "add name=\"...\"; the charts are: {}",
            names.join(", ")
        )));
    };
    let kind = ChartKind::from_name(name).ok_or_else(|| {
        Problem::new(format!("unknown chart `{name}`"), Some(span)).help(unknown_name_help(
            name,
            "chart",
            names.iter().copied(),
        ))
    })?;
    let series = matches!(
        kind,
        ChartKind::InvestmentMix
            | ChartKind::InvestmentMixEffort
            | ChartKind::CategoryTrend
            | ChartKind::UpkeepBySystem
    );
    let last = match call.keyed("last") {
        // A series spans the site's comparison window unless the author says otherwise, so
        // that its "from … to …" starts where the page's other comparisons start.
        None if series => Some(scope.config.compare_window),
        None => None,
        Some((_, Arg::Number(n), _)) if *n >= 1.0 && n.fract() == 0.0 => Some(*n as usize),
        Some((_, _, span)) => {
            return Err(
                Problem::new("`last` is a whole number of sprints", Some(span.clone()))
                    .help("for example last=6"),
            );
        }
    };
    let sprint = match resolve_period(call, narrative, scope)? {
        Period::Sprint(s) => s,
        Period::Last { count, end } => {
            if last.is_none() {
                return Ok(ChartRequest {
                    kind,
                    sprint: end,
                    last: Some(count),
                    team: resolve_team(call, scope)?,
                    category: resolve_category(call, scope)?,
                    subject: resolve_subject(call, kind, scope)?,
                });
            }
            end
        }
    };
    let category = resolve_category(call, scope)?;
    if category.is_some() && kind != ChartKind::CategoryTrend {
        let span = call.keyed("category").map(|(_, _, s)| s.clone());
        return Err(Problem::new(format!("the chart `{name}` does not take `category`"), span)
            .help("`category` picks one line of `category_trend`; the other charts show every category"));
    }
    Ok(ChartRequest {
        kind,
        sprint,
        last,
        team: resolve_team(call, scope)?,
        category,
        subject: resolve_subject(call, kind, scope)?,
    })
}

/// The initiative (`burn_up`) or system (`system_cost`) a chart is about.
fn resolve_subject(
    call: &Call,
    kind: ChartKind,
    scope: &Scope<'_>,
) -> Result<Option<usize>, Problem> {
    let needs = kind.needs_subject();
    for key in ["initiative", "system", "scenario"] {
        if needs != Some(key)
            && let Some((_, _, span)) = call.keyed(key)
        {
            return Err(Problem::new(
                format!("the chart `{}` does not take `{key}`", kind.name()),
                Some(span.clone()),
            )
            .help("`initiative` goes with `burn_up`, `system` with `system_cost`, `scenario` with `scenario`"));
        }
    }
    let Some(key) = needs else {
        return Ok(None);
    };
    let known: Vec<&str> = match key {
        "initiative" => scope
            .ledger
            .initiatives
            .iter()
            .map(|i| i.id.as_str())
            .collect(),
        "scenario" => scope
            .ledger
            .scenarios
            .iter()
            .map(|s| s.id.as_str())
            .collect(),
        _ => scope.ledger.systems.iter().map(|s| s.id.as_str()).collect(),
    };
    let Some((id, span)) = text_arg(call, key)? else {
        return Err(Problem::new(
            format!("`{}` needs {key}=\"...\"", kind.name()),
            Some(call.name_span.clone()),
        )
        .help(format!("the known {key}s are: {}", known.join(", "))));
    };
    known
        .iter()
        .position(|k| *k == id)
        .map(Some)
        .ok_or_else(|| {
            Problem::new(format!("unknown {key} `{id}`"), Some(span)).help(unknown_name_help(
                id,
                key,
                known.iter().copied(),
            ))
        })
}

/// `{{ scenario(id="fund-breakup") }}`: the scenario's chart, with its finding as title and
/// caption, as of the current sprint.
fn check_scenario(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<ChartRequest, Problem> {
    allowed_keys(call, &["id"])?;
    let known: Vec<&str> = scope
        .ledger
        .scenarios
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let Some((id, span)) = text_arg(call, "id")? else {
        return Err(Problem::new(
            "`scenario` needs the scenario's id",
            Some(call.name_span.clone()),
        )
        .help(if known.is_empty() {
            "add a [[scenario]] to content/data/scenarios.toml, then write scenario(id=\"...\")"
                .to_string()
        } else {
            format!("add id=\"...\"; the scenarios are: {}", known.join(", "))
        }));
    };
    let subject = known.iter().position(|k| *k == id).ok_or_else(|| {
        Problem::new(format!("unknown scenario `{id}`"), Some(span))
            .help(unknown_name_help(id, "scenario", known.iter().copied()))
            .help(
                "scenarios are defined in content/data/scenarios.toml as [[scenario]] with an `id`",
            )
    })?;
    // Scenarios start from today's forecast, whatever the page's sprint.
    page_sprint(narrative, scope)?;
    Ok(ChartRequest {
        kind: ChartKind::Scenario,
        sprint: scope.ledger.current,
        last: None,
        team: None,
        category: None,
        subject: Some(subject),
    })
}

fn check_term(call: &Call, scope: &Scope<'_>) -> Result<Directive, Problem> {
    let (words, span) = match call.args.as_slice() {
        [(None | Some(_), Arg::Text(words), span)]
            if call.args[0].0.as_deref().is_none_or(|k| k == "name") =>
        {
            (words.clone(), span.clone())
        }
        _ => {
            return Err(Problem::new(
                "`term` takes the word, in quotes",
                Some(call.name_span.clone()),
            )
            .help("for example {{ term(\"Kubernetes\") }}"));
        }
    };
    match scope.glossary.lookup(&words) {
        Some(term) => {
            let index = scope
                .glossary
                .terms
                .iter()
                .position(|t| t.term == term.term)
                .unwrap_or(0);
            Ok(Directive::Term(index, words))
        }
        None => Err(
            Problem::new(format!("`{words}` is not in the glossary"), Some(span))
                .help(unknown_name_help(
                    &words,
                    "term",
                    scope.glossary.terms.iter().map(|t| t.term.as_str()),
                ))
                .help("add it to content/glossary.toml as [[term]] with `term` and `means`"),
        ),
    }
}
