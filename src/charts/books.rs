//! Charts of the books: initiative burn-ups with a forecast cone, the cost of owning each
//! system, the upkeep each system causes, dependency freshness, the debt ledger, capitalization
//! and targets.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::{
    Books, ChartRequest, FONT, GRID, PALETTE_SYSTEMS, Series, Shape, Spec, TEXT, Table, ValueKind,
    WIDTH, draw_legend, fit_label, nice_max, parse_color, source_note, text_width,
};
use crate::accounts::ratio;
use crate::words::narrate::{self, capitalize, join_words, percent};

/// Data of a burn-up chart beyond its series.
#[derive(Debug, Clone)]
pub(super) struct BurnUp {
    /// Cumulative done, per past sprint (x = 0..).
    pub done: Vec<f64>,
    /// Scope in force, per past sprint.
    pub scope: Vec<f64>,
    /// Sprints to go at the fastest and the slowest pace (`None` when unbounded).
    pub fast: Option<f64>,
    pub slow: Option<f64>,
    /// Sprints to go at the average pace.
    pub expected: Option<f64>,
    /// The initiative's colour (its category's).
    pub color: RGBColor,
}

/// Sprints of an initiative's life up to the current sprint: from the first sprint that ends on
/// or after its start.
fn initiative_sprints(books: &Books<'_>, index: usize) -> Vec<usize> {
    let initiative = &books.ledger.initiatives[index];
    (0..=books
        .ledger
        .current
        .min(books.ledger.sprints.len().saturating_sub(1)))
        .filter(|&s| books.ledger.sprints[s].end >= initiative.start)
        .collect()
}

/// "March 2027".
pub fn month_year(day: crate::load::input::Day) -> String {
    day.0.strftime("%B %Y").to_string()
}

/// The forecast sentence of an initiative, as on its page.
pub fn forecast_sentence(books: &Books<'_>, index: usize) -> String {
    let initiative = &books.ledger.initiatives[index];
    let account = &books.accounts.initiatives[index];
    let target = initiative
        .target
        .map(|t| format!("; the target is {}", month_year(t)))
        .unwrap_or_default();
    let sprints = account.pace_sprints.len();
    let pace = match sprints {
        1 => "At the pace of the last sprint".to_string(),
        n => format!("At the pace of the last {n} sprints"),
    };
    match (account.status, account.earliest, account.latest) {
        (crate::accounts::Status::Done, _, _) => format!(
            "Done: {} recorded against a scope of {}.",
            narrate::effort(books.config, account.done),
            narrate::effort(books.config, account.scope)
        ),
        (crate::accounts::Status::NotStarted, _, _) => {
            format!(
                "No work has been recorded on it recently, so there is no forecast yet{target}."
            )
        }
        (_, None, _) if account.beyond_horizon.earliest => format!(
            "{pace} this does not finish {}{target}.",
            beyond_limit(account)
        ),
        (_, Some(earliest), None) if account.beyond_horizon.latest => format!(
            "{pace} this finishes in {} at the earliest; at the slowest recent pace, not {}{target}.",
            month_year(earliest),
            beyond_limit(account)
        ),
        (_, Some(earliest), Some(latest)) if month_year(earliest) == month_year(latest) => {
            format!("{pace} this finishes in {}{target}.", month_year(earliest))
        }
        (_, Some(earliest), Some(latest)) => format!(
            "{pace} this finishes between {} and {}{target}.",
            month_year(earliest),
            month_year(latest)
        ),
        (_, Some(earliest), None) => format!(
            "{pace} this finishes in {} at the earliest; a sprint without progress leaves the latest date open{target}.",
            month_year(earliest)
        ),
        _ => format!("There is not enough recent work to forecast a finish{target}."),
    }
}

/// "within 100 years", for a forecast that lies beyond the horizon.
fn beyond_limit(account: &crate::accounts::InitiativeAccount) -> &'static str {
    account
        .beyond_horizon
        .why
        .unwrap_or(crate::accounts::horizon::Beyond::Years)
        .limit()
}

pub(super) fn burn_up_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let index = request.subject.unwrap_or(0);
    let initiative = &books.ledger.initiatives[index];
    let account = &books.accounts.initiatives[index];
    let sprints = initiative_sprints(books, index);
    let labels: Vec<String> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect();
    let done: Vec<f64> = sprints.iter().map(|&s| account.done_by_sprint[s]).collect();
    let scope: Vec<f64> = sprints
        .iter()
        .map(|&s| account.scope_by_sprint[s])
        .collect();
    let color = parse_color(books.config.category_color(initiative.category));
    let remaining = account.scope > account.done;
    let caption = forecast_sentence(books, index);
    let table = Table {
        row_header: "Sprint".to_string(),
        columns: vec![
            "Effort this sprint".into(),
            "Done so far".into(),
            "Scope".into(),
        ],
        kind: ValueKind::Effort,
        rows: sprints
            .iter()
            .zip(&labels)
            .map(|(&s, l)| {
                (
                    l.clone(),
                    vec![
                        account.effort[s],
                        account.done_by_sprint[s],
                        account.scope_by_sprint[s],
                    ],
                )
            })
            .collect(),
    };
    let unit = books.config.effort_unit.as_str();
    Spec {
        shape: Shape::BurnUp(BurnUp {
            done,
            scope,
            fast: account.sprints_to_go.0.filter(|_| remaining),
            slow: account.sprints_to_go.2.filter(|_| remaining),
            expected: account.sprints_to_go.1.filter(|_| remaining),
            color,
        }),
        title: caption.clone(),
        subtitle: format!("Work done against scope, cumulative {unit}, with the forecast range"),
        desc: format!(
            "A line of the work done so far rising towards the scope line, sprint by sprint from {} to {}, then a shaded cone of the possible finish. {caption}",
            labels.first().map_or("", String::as_str),
            labels.last().map_or("", String::as_str)
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        labels,
        series: vec![
            Series {
                label: "Done".into(),
                color,
                values: vec![],
            },
            Series {
                label: "Scope".into(),
                color: TEXT,
                values: vec![],
            },
            Series {
                label: "Forecast range (shaded)".into(),
                color,
                values: vec![],
            },
        ],
        table,
    }
}

fn system_color(index: usize) -> RGBColor {
    parse_color(PALETTE_SYSTEMS[index % PALETTE_SYSTEMS.len()])
}

pub(super) fn system_cost_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let index = request.subject.unwrap_or(0);
    let system = &books.ledger.systems[index];
    let account = &books.accounts.systems[index];
    let end = request.sprint + 1;
    let start = request.last.map_or(0, |n| end.saturating_sub(n.max(1)));
    let sprints: Vec<usize> = (start..end).collect();
    let labels: Vec<String> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect();
    let slots = narrate::shown_slots(books.config, books.accounts);
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| Series {
            label: books.config.category_label(slot).to_string(),
            color: parse_color(books.config.category_color(slot)),
            values: sprints
                .iter()
                .map(|&s| account.by_sprint[s][slot])
                .collect(),
        })
        .collect();
    let first = sprints.first().map_or(0.0, |&s| account.effort[s]);
    let last = sprints.last().map_or(0.0, |&s| account.effort[s]);
    let unit = books.config.effort_unit.as_str();
    let caption = if sprints.len() < 2 || (last - first).abs() < 0.5 {
        format!(
            "Owning {} took {} in sprint {}.",
            system.name,
            narrate::effort(books.config, last),
            labels.last().map_or("", String::as_str)
        )
    } else {
        format!(
            "Owning {} took {} in sprint {}, against {} in {}.",
            system.name,
            narrate::effort(books.config, last),
            labels.last().map_or("", String::as_str),
            narrate::effort(books.config, first),
            labels.first().map_or("", String::as_str)
        )
    };
    let table = Table {
        row_header: "Sprint".into(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::Columns { percent: false },
        title: caption.clone(),
        subtitle: format!(
            "Effort on {} per sprint by category, in {unit}: its cost of ownership",
            system.name
        ),
        desc: format!(
            "Stacked columns, one per sprint, of the work recorded on {}. {caption}",
            system.name
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        labels,
        series,
        table,
    }
}

pub(super) fn upkeep_by_system_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let end = request.sprint + 1;
    let start = request.last.map_or(0, |n| end.saturating_sub(n.max(1)));
    let sprints: Vec<usize> = (start..end).collect();
    let labels: Vec<String> = sprints
        .iter()
        .map(|&s| books.ledger.sprints[s].id.clone())
        .collect();
    let systems = &books.accounts.systems;
    let mut series: Vec<Series> = books
        .ledger
        .systems
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            sprints
                .iter()
                .any(|&s| systems[*i].upkeep_share[s].unwrap_or(0.0) > 0.0)
        })
        .map(|(i, system)| Series {
            label: system.name.clone(),
            color: system_color(i),
            values: sprints
                .iter()
                .map(|&s| systems[i].upkeep_share[s].unwrap_or(0.0))
                .collect(),
        })
        .collect();
    let rest: Vec<f64> = (0..sprints.len())
        .map(|k| {
            let named: f64 = series.iter().map(|s| s.values[k]).sum();
            let any = books
                .accounts
                .upkeep_slot
                .is_some_and(|slot| books.accounts.sprints[sprints[k]].by_category[slot] > 0.0);
            if any { (1.0 - named).max(0.0) } else { 0.0 }
        })
        .collect();
    if rest.iter().any(|v| *v > 0.0005) {
        series.push(Series {
            label: "No system named".into(),
            color: parse_color(crate::load::config::UNCATEGORIZED_COLOR),
            values: rest,
        });
    }
    let top = series
        .iter()
        .filter(|s| s.label != "No system named")
        .max_by(|a, b| {
            a.values
                .last()
                .unwrap_or(&0.0)
                .total_cmp(b.values.last().unwrap_or(&0.0))
        });
    let caption = match top {
        Some(s) if sprints.len() > 1 => format!(
            "{} caused {} of all keeping-the-lights-on work in sprint {}, against {} in {}.",
            s.label,
            percent(*s.values.last().unwrap_or(&0.0)),
            labels.last().map_or("", String::as_str),
            percent(*s.values.first().unwrap_or(&0.0)),
            labels.first().map_or("", String::as_str)
        ),
        Some(s) => format!(
            "{} caused {} of all keeping-the-lights-on work in sprint {}.",
            s.label,
            percent(*s.values.last().unwrap_or(&0.0)),
            labels.last().map_or("", String::as_str)
        ),
        None => "No keeping-the-lights-on work names a system yet.".to_string(),
    };
    let table = Table {
        row_header: "Sprint".into(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Share,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::Columns { percent: true },
        title: caption.clone(),
        subtitle: "Share of all keeping-the-lights-on effort, by the system it was spent on, % of each sprint".into(),
        desc: format!(
            "Stacked columns, one per sprint, splitting the upkeep by system: {}. {caption}",
            join_words(&series.iter().map(|s| s.label.clone()).collect::<Vec<_>>())
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: "% of upkeep".into(),
        labels,
        series,
        table,
    }
}

pub(super) fn libyears_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let mut systems: Vec<usize> = (0..books.ledger.systems.len())
        .filter(|&i| !books.ledger.systems[i].dependencies.is_empty())
        .collect();
    let years = |i: usize| books.accounts.systems[i].libyears;
    systems.sort_by(|&a, &b| years(b).total_cmp(&years(a)).then(a.cmp(&b)));
    let labels: Vec<String> = systems
        .iter()
        .map(|&i| books.ledger.systems[i].name.clone())
        .collect();
    let caption = match systems.first() {
        Some(&i) => format!(
            "{} is furthest behind: its libraries are {} years older, added up, than their newest versions.",
            books.ledger.systems[i].name,
            narrate::number(years(i))
        ),
        None => "No dependency data yet.".to_string(),
    };
    let table = Table {
        row_header: "System".into(),
        columns: vec!["Libyears".into(), "A major version behind".into()],
        kind: ValueKind::Effort,
        rows: systems
            .iter()
            .map(|&i| {
                (
                    books.ledger.systems[i].name.clone(),
                    vec![years(i), books.accounts.systems[i].behind_major as f64],
                )
            })
            .collect(),
    };
    let _ = request;
    Spec {
        shape: Shape::ValueBars {
            unit: "years".into(),
        },
        title: caption.clone(),
        subtitle: "Libyears per system: how far behind its libraries are, added up, in years"
            .into(),
        desc: format!(
            "Horizontal bars, largest first: {}. {caption}",
            join_words(
                &systems
                    .iter()
                    .map(|&i| format!(
                        "{} {} years",
                        books.ledger.systems[i].name,
                        narrate::number(years(i))
                    ))
                    .collect::<Vec<_>>()
            )
        ),
        caption,
        source_note: "Source: content/data/systems.toml.".into(),
        axis: "Libyears".into(),
        series: systems
            .iter()
            .map(|&i| Series {
                label: books.ledger.systems[i].name.clone(),
                color: system_color(i),
                values: vec![years(i)],
            })
            .collect(),
        labels,
        table,
    }
}

pub(super) fn libyears_trend_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let snapshots = &books.ledger.dependency_snapshots;
    let labels: Vec<String> = snapshots
        .iter()
        .map(|(s, _)| books.ledger.sprints[*s].id.clone())
        .collect();
    let series: Vec<Series> = books
        .ledger
        .systems
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            books.accounts.systems[*i]
                .libyears_trend
                .iter()
                .any(|(_, y)| *y > 0.0)
        })
        .map(|(i, system)| Series {
            label: system.name.clone(),
            color: system_color(i),
            values: books.accounts.systems[i]
                .libyears_trend
                .iter()
                .map(|(_, y)| *y)
                .collect(),
        })
        .collect();
    let moved = series
        .iter()
        .map(|s| {
            (
                s,
                s.values.last().unwrap_or(&0.0) - s.values.first().unwrap_or(&0.0),
            )
        })
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let caption = match moved {
        Some((s, change)) if labels.len() > 1 && change.abs() >= 0.05 => format!(
            "{} went from {} to {} libyears between {} and {}.",
            s.label,
            narrate::number(*s.values.first().unwrap_or(&0.0)),
            narrate::number(*s.values.last().unwrap_or(&0.0)),
            labels.first().map_or("", String::as_str),
            labels.last().map_or("", String::as_str)
        ),
        _ => "How far behind each system's libraries are held steady.".into(),
    };
    let table = Table {
        row_header: "Sprint".into(),
        columns: series.iter().map(|s| s.label.clone()).collect(),
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(k, l)| (l.clone(), series.iter().map(|s| s.values[k]).collect()))
            .collect(),
    };
    Spec {
        shape: Shape::Lines { percent: false },
        title: caption.clone(),
        subtitle: "Libyears per system at each dependency snapshot, in years".into(),
        desc: format!(
            "Lines, one per system, over the sprints with a dependency snapshot. {caption}"
        ),
        caption,
        source_note: "Source: content/data/dependencies/.".into(),
        axis: "Libyears".into(),
        labels,
        series,
        table,
    }
}

pub(super) fn debt_map_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let open: Vec<usize> = (0..books.ledger.debts.len())
        .filter(|&i| books.ledger.debts[i].status != crate::load::ledger::DebtStatus::Paid)
        .collect();
    let points: Vec<(String, f64, f64)> = open
        .iter()
        .map(|&i| {
            let d = &books.ledger.debts[i];
            (d.title.clone(), d.interest, d.principal)
        })
        .collect();
    let best = open
        .iter()
        .filter_map(|&i| books.accounts.debts[i].payback_sprints.map(|p| (i, p)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let beyond = open
        .iter()
        .find_map(|&i| books.accounts.debts[i].beyond_horizon);
    let caption = match (best, beyond) {
        (Some((i, sprints)), _) => format!(
            "Fixing “{}” pays for itself fastest: in about {} sprints.",
            books.ledger.debts[i].title,
            narrate::number(sprints.ceil())
        ),
        (None, Some(why)) => format!(
            "At today's interest, no open debt item pays for itself {}.",
            why.limit()
        ),
        (None, None) => "No open debt item costs time every sprint.".into(),
    };
    let unit = books.config.effort_unit.as_str();
    let table = Table {
        row_header: "Debt".into(),
        columns: vec![
            format!("Interest ({unit} per sprint)"),
            format!("Principal ({unit})"),
        ],
        kind: ValueKind::Effort,
        rows: points
            .iter()
            .map(|(l, x, y)| (l.clone(), vec![*x, *y]))
            .collect(),
    };
    Spec {
        shape: Shape::Scatter {
            points: points.clone(),
            x_axis: format!("Interest: {unit} lost per sprint"),
        },
        title: caption.clone(),
        subtitle: format!(
            "Each open debt item: effort to fix it against the effort it costs every sprint, in {unit}"
        ),
        desc: format!(
            "A dot per debt item, placed by its interest (across) and principal (up); items low and to the right pay back fastest. {caption}"
        ),
        caption,
        source_note: "Source: content/data/debt.toml.".into(),
        axis: format!("Principal: {unit} to fix"),
        labels: Vec::new(),
        series: Vec::new(),
        table,
    }
}

pub(super) fn capitalization_spec(books: &Books<'_>, _request: &ChartRequest) -> Spec {
    let months: Vec<(&String, &crate::accounts::capitalization::Split)> =
        books.accounts.capitalization.months.iter().collect();
    let labels: Vec<String> = months.iter().map(|(m, _)| month_label(m)).collect();
    let money = books
        .accounts
        .capitalization
        .months
        .values()
        .any(|s| s.capitalized_cost + s.expensed_cost > 0.0);
    let (cap, exp): (Vec<f64>, Vec<f64>) = months
        .iter()
        .map(|(_, s)| {
            if money {
                (s.capitalized_cost, s.expensed_cost)
            } else {
                (s.capitalized, s.expensed)
            }
        })
        .unzip();
    let total_cap: f64 = cap.iter().sum();
    let total: f64 = total_cap + exp.iter().sum::<f64>();
    let caption = format!(
        "{} of engineering {} was capitalizable, from {} to {}.",
        capitalize(&percent(ratio(total_cap, total))),
        if money { "cost" } else { "effort" },
        labels.first().map_or("", String::as_str),
        labels.last().map_or("", String::as_str)
    );
    let unit = if money {
        books.config.currency.clone()
    } else {
        books.config.effort_unit.as_str().to_string()
    };
    let series = vec![
        Series {
            label: "Capitalizable".into(),
            color: parse_color("#2f6fdf"),
            values: cap,
        },
        Series {
            label: "Expensed".into(),
            color: parse_color("#8a8f98"),
            values: exp,
        },
    ];
    let table = Table {
        row_header: "Month".into(),
        columns: vec![
            format!("Capitalizable ({unit})"),
            format!("Expensed ({unit})"),
        ],
        kind: ValueKind::Effort,
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect(),
    };
    let sprints: Vec<usize> = (0..books.ledger.sprints.len()).collect();
    Spec {
        shape: Shape::Columns { percent: false },
        title: caption.clone(),
        subtitle: format!(
            "Capitalizable and expensed {} per calendar month, in {unit}",
            if money { "cost" } else { "effort" }
        ),
        desc: format!(
            "Stacked columns, one per month, capitalizable below, expensed above. {caption}"
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: unit,
        labels,
        series,
        table,
    }
}

/// `2026-09` → `Sep 2026`.
pub fn month_label(month: &str) -> String {
    let date = format!("{month}-01").parse::<jiff::civil::Date>();
    match date {
        Ok(date) => date.strftime("%b %Y").to_string(),
        Err(_) => month.to_string(),
    }
}

pub(super) fn targets_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let targets = books.accounts.targets(books.config, request.sprint);
    let id = &books.ledger.sprints[request.sprint].id;
    let rows: Vec<(String, RGBColor, f64, f64, f64)> = targets
        .iter()
        .map(|&(slot, target, now, average)| {
            (
                books.config.category_label(slot).to_string(),
                parse_color(books.config.category_color(slot)),
                target,
                now,
                average,
            )
        })
        .collect();
    let gap = rows
        .iter()
        .max_by(|a, b| (a.3 - a.2).abs().total_cmp(&(b.3 - b.2).abs()));
    let caption = match gap {
        Some((label, _, target, now, _)) if (now - target).abs() >= 0.005 => format!(
            "{} is furthest from its target: {} of the time in sprint {id}, against a target of {}.",
            label,
            percent(*now),
            percent(*target)
        ),
        Some(_) => format!("Every category is on its target in sprint {id}."),
        None => "No targets are set.".into(),
    };
    let table = Table {
        row_header: "Category".into(),
        columns: vec![
            "Target".into(),
            format!("Actual, {id}"),
            "Average, last 6 sprints".into(),
        ],
        kind: ValueKind::Share,
        rows: rows
            .iter()
            .map(|(l, _, t, n, a)| (l.clone(), vec![*t, *n, *a]))
            .collect(),
    };
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    Spec {
        shape: Shape::Dots { rows: rows.clone() },
        title: caption.clone(),
        subtitle: format!(
            "Share of engineering effort per category: target, sprint {id}, and the average of the last 6 sprints, %"
        ),
        desc: format!(
            "A row per category with three marks: the target, the actual share this sprint and the 6-sprint average. {}",
            join_words(
                &rows
                    .iter()
                    .map(|(l, _, t, n, _)| format!("{l}: {} against {}", percent(*n), percent(*t)))
                    .collect::<Vec<_>>()
            )
        ),
        caption,
        source_note: source_note(books, &[request.sprint]),
        axis: "% of effort".into(),
        labels,
        series: vec![
            Series {
                label: "Target".into(),
                color: TEXT,
                values: vec![],
            },
            Series {
                label: "This sprint".into(),
                color: TEXT,
                values: vec![],
            },
            Series {
                label: "Average of the last 6 sprints".into(),
                color: TEXT,
                values: vec![],
            },
        ],
        table,
    }
}

impl Spec {
    pub(super) fn draw_burn_up(&self, burn: &BurnUp) -> Result<String, String> {
        let past = burn.done.len().max(1);
        let future = burn
            .slow
            .or(burn.expected)
            .or(burn.fast)
            .map_or(0.0, |f| f.ceil())
            .min(40.0) as usize;
        let last_x = (past - 1 + future).max(1) as f64;
        let top = burn
            .scope
            .iter()
            .chain(burn.done.iter())
            .fold(0.0f64, |a, b| a.max(*b));
        let y_max = nice_max(top);
        let legend = self.legend_height();
        let height = 320 + legend;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top_area, plot) = root.split_vertically(legend);
            draw_legend(&top_area, &self.series)?;
            let mut chart = ChartBuilder::on(&plot)
                .margin_right(40)
                .margin_left(8)
                .margin_top(8)
                .x_label_area_size(36)
                .y_label_area_size(64)
                .build_cartesian_2d(0f64..last_x, 0f64..y_max)
                .map_err(|e| e.to_string())?;
            let labels = &self.labels;
            let step = super::label_step(
                past + future,
                WIDTH - 80,
                labels.iter().map(|l| l.len()).max().unwrap_or(8),
            );
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID.mix(0.35))
                .axis_style(TEXT)
                .x_labels((past + future).min(60))
                .x_label_formatter(&|x| {
                    let i = x.round() as usize;
                    if (x - x.round()).abs() > 0.01 || !i.is_multiple_of(step) {
                        return String::new();
                    }
                    match labels.get(i) {
                        Some(label) => label.clone(),
                        None => format!("+{}", i + 1 - past),
                    }
                })
                .y_label_formatter(&|v| narrate::number(*v))
                .y_desc(self.axis.as_str())
                .x_desc("Sprints (+N: sprints from now)")
                .label_style((FONT, 15).into_font().color(&TEXT))
                .axis_desc_style((FONT, 15).into_font().color(&TEXT))
                .draw()
                .map_err(|e| e.to_string())?;
            let current = (past - 1) as f64;
            let done_now = *burn.done.last().unwrap_or(&0.0);
            let scope_now = *burn.scope.last().unwrap_or(&0.0);
            if let Some(fast) = burn.fast {
                let slow_x = burn.slow.map_or(last_x, |s| current + s);
                let slow_y = if burn.slow.is_some() {
                    scope_now
                } else {
                    done_now
                };
                let cone = vec![
                    (current, done_now),
                    (current + fast, scope_now),
                    (slow_x.min(last_x), slow_y),
                ];
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        cone,
                        burn.color.mix(0.3).filled(),
                    )))
                    .map_err(|e| e.to_string())?;
            }
            let scope_line: Vec<(f64, f64)> = burn
                .scope
                .iter()
                .enumerate()
                .map(|(i, s)| (i as f64, *s))
                .chain(std::iter::once((last_x, scope_now)))
                .collect();
            chart
                .draw_series(LineSeries::new(scope_line, TEXT.stroke_width(2)))
                .map_err(|e| e.to_string())?;
            let done_line: Vec<(f64, f64)> = burn
                .done
                .iter()
                .enumerate()
                .map(|(i, d)| (i as f64, *d))
                .collect();
            chart
                .draw_series(LineSeries::new(
                    done_line.clone(),
                    burn.color.stroke_width(3),
                ))
                .map_err(|e| e.to_string())?;
            chart
                .draw_series(
                    done_line
                        .iter()
                        .map(|p| Circle::new(*p, 4, burn.color.filled())),
                )
                .map_err(|e| e.to_string())?;
            if let Some(expected) = burn.expected {
                let line = vec![
                    (current, done_now),
                    ((current + expected).min(last_x), scope_now),
                ];
                chart
                    .draw_series(LineSeries::new(line, burn.color.stroke_width(1)))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    pub(super) fn draw_scatter(
        &self,
        points: &[(String, f64, f64)],
        x_axis: &str,
    ) -> Result<String, String> {
        let x_max = nice_max(points.iter().map(|p| p.1).fold(0.0, f64::max));
        let y_max = nice_max(points.iter().map(|p| p.2).fold(0.0, f64::max));
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, 380)).into_drawing_area();
            let mut chart = ChartBuilder::on(&root)
                .margin_right(40)
                .margin_left(8)
                .margin_top(12)
                .x_label_area_size(44)
                .y_label_area_size(64)
                .build_cartesian_2d(0f64..x_max, 0f64..y_max)
                .map_err(|e| e.to_string())?;
            chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID.mix(0.35))
                .axis_style(TEXT)
                .x_label_formatter(&|v| narrate::number(*v))
                .y_label_formatter(&|v| narrate::number(*v))
                .x_desc(x_axis)
                .y_desc(self.axis.as_str())
                .label_style((FONT, 15).into_font().color(&TEXT))
                .axis_desc_style((FONT, 15).into_font().color(&TEXT))
                .draw()
                .map_err(|e| e.to_string())?;
            let color = parse_color("#c2416b");
            // Plot area in pixels (left label area and margins as set above).
            let (left, right) = (64.0 + 8.0, f64::from(WIDTH) - 40.0);
            for (label, x, y) in points {
                let px = left + (right - left) * (x / x_max);
                // Put the label on the side with more room, shortened to fit inside the chart.
                let room_right = (f64::from(WIDTH) - px - 16.0).max(0.0) as u32;
                let room_left = (px - 16.0).max(0.0) as u32;
                let on_right = room_right >= room_left;
                let shown = fit_label(label, if on_right { room_right } else { room_left });
                let width = text_width(&shown) as i32;
                let offset = if on_right { (8, -8) } else { (-8 - width, -8) };
                let element = EmptyElement::at((*x, *y))
                    + Circle::new((0, 0), 6, color.filled())
                    + Text::new(shown, offset, (FONT, 14).into_font().color(&TEXT));
                chart
                    .draw_series(std::iter::once(element))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    pub(super) fn draw_dots(
        &self,
        rows: &[(String, RGBColor, f64, f64, f64)],
    ) -> Result<String, String> {
        let n = rows.len().max(1);
        let legend = self.legend_height();
        let height = legend + 60 + 40 * n as u32;
        let x_max = (rows
            .iter()
            .flat_map(|r| [r.2, r.3, r.4])
            .fold(0.0f64, f64::max)
            * 100.0
            * 1.15)
            .clamp(10.0, 100.0);
        let x_max = nice_max(x_max).min(100.0);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (top, plot) = root.split_vertically(legend);
            // The legend shows each mark's shape.
            let entries = [
                ("Target", 0),
                ("This sprint", 1),
                ("Average of the last 6 sprints", 2),
            ];
            let mut x = 8;
            for (label, kind) in entries {
                let center = (x + 6, 12);
                match kind {
                    0 => top.draw(&Rectangle::new(
                        [(center.0 - 2, 4), (center.0 + 2, 20)],
                        TEXT.filled(),
                    )),
                    1 => top.draw(&Circle::new(center, 6, TEXT.filled())),
                    _ => top.draw(&Circle::new(center, 6, TEXT.stroke_width(2))),
                }
                .map_err(|e| e.to_string())?;
                top.draw(&Text::new(
                    label,
                    (x + 18, 6),
                    (FONT, 15).into_font().color(&TEXT),
                ))
                .map_err(|e| e.to_string())?;
                x += 18 + text_width(label) as i32 + 20;
            }
            let mut chart =
                self.horizontal_chart(&plot, x_max, (8, 40), &|v| format!("{v:.0}%"))?;
            for (k, (_, color, target, now, average)) in rows.iter().enumerate() {
                let row = || SegmentValue::CenterOf(n - 1 - k);
                let (t, a, m) = (target * 100.0, now * 100.0, average * 100.0);
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(t.min(a), row()), (t.max(a), row())],
                        color.stroke_width(2),
                    )))
                    .map_err(|e| e.to_string())?;
                let target_mark = EmptyElement::at((t, row()))
                    + Rectangle::new([(-2, -9), (2, 9)], TEXT.filled());
                chart
                    .draw_series(std::iter::once(target_mark))
                    .map_err(|e| e.to_string())?;
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (m, row()),
                        6,
                        color.stroke_width(2),
                    )))
                    .map_err(|e| e.to_string())?;
                chart
                    .draw_series(std::iter::once(Circle::new((a, row()), 6, color.filled())))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }

    pub(super) fn draw_value_bars(&self, unit: &str) -> Result<String, String> {
        let n = self.series.len().max(1);
        let x_max = nice_max(self.series.iter().map(|s| s.values[0]).fold(0.0, f64::max));
        let height = 60 + 34 * n as u32;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let mut chart =
                self.horizontal_chart(&root, x_max, (10, 70), &|v| narrate::number(*v))?;
            for (k, s) in self.series.iter().enumerate() {
                let row = n - 1 - k;
                let value = s.values[0];
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(row)),
                        (value, SegmentValue::Exact(row + 1)),
                    ],
                    s.color.filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                chart
                    .draw_series(std::iter::once(bar))
                    .map_err(|e| e.to_string())?;
                let label = EmptyElement::at((value, SegmentValue::CenterOf(row)))
                    + Text::new(
                        format!("{} {unit}", narrate::number(value)),
                        (6, -7),
                        (FONT, 15).into_font().color(&TEXT),
                    );
                chart
                    .draw_series(std::iter::once(label))
                    .map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }
}
