//! A what-if scenario's chart: the initiative's burn-up with today's forecast cone (grey), the
//! scenario's cone (in the initiative's colour) and the target date as a line labelled
//! "target". Its title and caption are the scenario's one-sentence finding.

use super::frame::{GRID, TEXT};
use super::initiatives::{burn_up_dates, future_sprints, target_x};
use super::request::{Books, ChartRequest};
use super::spec::{BurnUp, Cone, Mark, Series, Shape, Spec, parse_color, source_note};
use super::table::{Table, ValueKind};
use crate::accounts::scenarios::Forecast;
use crate::words::narrate::capitalize;
use crate::words::scenarios::scenario_finding;

/// Sprints of an initiative's life up to the current sprint.
fn past_sprints(books: &Books<'_>, initiative: usize) -> Vec<usize> {
    let start = books.ledger.initiatives[initiative].start;
    let last = books
        .ledger
        .current
        .min(books.ledger.sprints.len().saturating_sub(1));
    (0..=last)
        .filter(|&s| books.ledger.sprints[s].end >= start)
        .collect()
}

/// Work done by the end of future sprint `k` (1 = next) under a plan at its average pace.
fn done_after(done: f64, scope: f64, forecast: &Forecast, delay: usize, k: usize) -> f64 {
    let early = k.min(delay) as f64 * forecast.before[1];
    let late = k.saturating_sub(delay) as f64 * forecast.after[1];
    (done + early + late).min(scope.max(done))
}

/// The scenario chart: the subject of the request is the scenario (index).
pub(super) fn scenario_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let index = request.subject.unwrap_or(0);
    let account = &books.accounts.scenarios[index];
    let scenario = &books.ledger.scenarios[index];
    let initiative = &books.ledger.initiatives[account.initiative];
    let progress = &books.accounts.initiatives[account.initiative];
    let finding = scenario_finding(books.config, books.ledger, books.accounts, index);
    let sprints = past_sprints(books, account.initiative);
    let now_x = sprints.len().saturating_sub(1) as f64;
    let target = target_x(books, initiative.target, now_x);
    let (today, planned) = (&account.baseline, &account.forecast);
    let remaining = account.remaining > 0.0;
    let keep = |f: Option<f64>| f.filter(|_| remaining);
    let future = future_sprints(
        &[keep(today.sprints_to_go[2]), keep(planned.sprints_to_go[2])],
        target,
        now_x,
    )
    .max(4);
    let dates = burn_up_dates(books, &sprints, future);
    let color = parse_color(books.config.category_color(initiative.category));
    let unit = books.config.effort_unit.as_str();
    let table = projection_table(books, index, &sprints, future);
    let mut caption = finding.sentence.clone();
    if !finding.slips.is_empty() {
        caption = format!("{caption} {}", finding.slips);
    }
    let shape = Shape::BurnUp(BurnUp {
        done: sprints
            .iter()
            .map(|&s| progress.done_by_sprint[s])
            .collect(),
        scope: sprints
            .iter()
            .map(|&s| progress.scope_by_sprint[s])
            .collect(),
        fast: keep(today.sprints_to_go[0]),
        slow: keep(today.sprints_to_go[2]),
        expected: keep(today.sprints_to_go[1]),
        color,
        target,
        dates,
        scenario: remaining.then_some(Cone {
            delay: scenario.delay as f64,
            before: planned.before,
            to_go: planned.sprints_to_go,
            color,
            flat_when_never: true,
        }),
    });
    let labels = table.rows.iter().map(|(l, _)| l.clone()).collect();
    let legend = vec![
        Series::legend("Done", color),
        Series::legend("Estimate", TEXT),
        Series::legend("Today's pace (grey)", GRID),
        Series::legend("With the change (shaded)", color),
    ];
    Spec {
        mark: Mark::now_at_last(sprints.len()),
        title: finding.sentence.clone(),
        subtitle: format!(
            "{}: work done against the estimate, cumulative {unit}, today's forecast range (grey) and the scenario's (shaded)",
            scenario.title
        ),
        desc: format!(
            "A line of the work done so far on {} rising towards the estimate line, then two shaded cones of the possible finish: today's pace in grey, the scenario's in colour, and a vertical line at the target date. {caption}",
            initiative.name
        ),
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        ..Spec::wide(shape, caption, labels, legend, table)
    }
}

/// The numbers behind the chart: per sprint, past (by id) and to come (by the day it would
/// end), the work done at today's average pace and with the change, the estimate, and the
/// replaced system's upkeep with and without the initiative.
fn projection_table(books: &Books<'_>, index: usize, sprints: &[usize], future: usize) -> Table {
    let account = &books.accounts.scenarios[index];
    let delay = books.ledger.scenarios[index].delay;
    let progress = &books.accounts.initiatives[account.initiative];
    let mut columns = vec![
        "Done, today's pace".to_string(),
        "Done, with the change".to_string(),
        "Estimate".to_string(),
    ];
    let upkeep = account.upkeep.as_ref();
    if let Some(u) = upkeep {
        let name = &books.ledger.systems[u.system].name;
        columns.push(format!("Upkeep of {name}, without it"));
        columns.push(format!("Upkeep of {name}, with the change"));
    }
    let mut rows: Vec<(String, Vec<f64>)> = sprints
        .iter()
        .map(|&s| {
            let done = progress.done_by_sprint[s];
            let mut values = vec![done, done, progress.scope_by_sprint[s]];
            if let Some(u) = upkeep {
                let own = books.accounts.systems[u.system].to_own[s];
                values.extend([own, own]);
            }
            (books.ledger.sprints[s].id.clone(), values)
        })
        .collect();
    let Some(now) = books.ledger.current_sprint().map(|s| s.end) else {
        return table(columns, rows);
    };
    let horizon = crate::accounts::horizon::Horizon::from(now);
    for k in 1..=future {
        let Some(day) = horizon.project(k as f64, books.accounts.cadence_days) else {
            break;
        };
        let scope = progress.scope;
        let mut values = vec![
            done_after(progress.done, scope, &account.baseline, delay, k),
            done_after(progress.done, scope, &account.forecast, delay, k),
            scope,
        ];
        if let Some(u) = upkeep {
            let at = |v: &[f64]| v.get(k - 1).copied().unwrap_or(0.0);
            values.extend([at(&u.without), at(&u.with)]);
        }
        rows.push((format!("to {}", day.iso()), values));
    }
    table(columns, rows)
}

fn table(columns: Vec<String>, rows: Vec<(String, Vec<f64>)>) -> Table {
    Table {
        row_header: "Sprint".to_string(),
        columns,
        kind: ValueKind::Effort,
        rows,
        notes: Vec::new(),
    }
}
