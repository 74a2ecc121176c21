//! Initiatives: the burn-up of work done against scope with its forecast cone, and the forecast
//! sentence the initiative's page shares with the chart.

use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::frame::{GRID, TEXT, WIDE, XAxis, axis_number, label_step, nice_max, plot};
use super::request::{Books, ChartRequest};
use super::spec::{
    BurnUp, Cone, Mark, Series, Shape, Spec, first_label, last_label, parse_color, source_note,
    sprint_labels,
};
use super::table::{Table, ValueKind};
use crate::words::narrate::{self, capitalize};

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

/// The x axis's labels of a burn-up: the month each of `sprints` ends, then the month each of
/// the `future` sprints to come would end at the site's cadence.
pub(super) fn burn_up_dates(books: &Books<'_>, sprints: &[usize], future: usize) -> Vec<String> {
    let short = |day: jiff::civil::Date| day.strftime("%b %Y").to_string();
    let mut dates: Vec<String> = sprints
        .iter()
        .map(|&s| short(books.ledger.sprints[s].end.0))
        .collect();
    let Some(now) = books.ledger.current_sprint().map(|s| s.end) else {
        return dates;
    };
    let horizon = crate::accounts::horizon::Horizon::from(now);
    for k in 1..=future {
        match horizon.project(k as f64, books.accounts.cadence_days) {
            Some(day) => dates.push(short(day.0)),
            None => break,
        }
    }
    dates
}

/// The x position of `target` on a burn-up whose current sprint is at `now_x`: sprints from the
/// current sprint's end at the site's cadence (before 0 it is not drawn).
pub(super) fn target_x(
    books: &Books<'_>,
    target: Option<crate::load::input::Day>,
    now_x: f64,
) -> Option<f64> {
    let target = target?;
    let now = books.ledger.current_sprint()?.end;
    let days = f64::from((target.0 - now.0).get_days());
    let x = now_x + days / books.accounts.cadence_days.max(1) as f64;
    (x >= 0.0).then_some(x)
}

/// Sprints to come a burn-up shows: to the slowest finish or the target, at most 40.
pub(super) fn future_sprints(finishes: &[Option<f64>], target: Option<f64>, now_x: f64) -> usize {
    finishes
        .iter()
        .flatten()
        .copied()
        .chain(target.map(|t| t - now_x + 1.0))
        .fold(0.0f64, f64::max)
        .ceil()
        .min(40.0) as usize
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
    match (
        account.status,
        account.finish.earliest,
        account.finish.latest,
    ) {
        (crate::accounts::Status::Done, _, _) => format!(
            "Done: {} recorded against an estimate of {}.",
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

/// An initiative's work done against its scope, with the forecast cone of its finish.
pub(super) fn burn_up_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let index = request.subject.unwrap_or(0);
    let initiative = &books.ledger.initiatives[index];
    let account = &books.accounts.initiatives[index];
    let sprints = initiative_sprints(books, index);
    let labels = sprint_labels(books, &sprints);
    let done: Vec<f64> = sprints.iter().map(|&s| account.done_by_sprint[s]).collect();
    let scope: Vec<f64> = sprints
        .iter()
        .map(|&s| account.scope_by_sprint[s])
        .collect();
    let color = parse_color(books.config.category_color(initiative.category));
    let remaining = account.scope > account.done;
    let caption = forecast_sentence(books, index);
    let now_x = sprints.len().saturating_sub(1) as f64;
    let target = target_x(books, initiative.target, now_x);
    let fast = account.sprints_to_go.0.filter(|_| remaining);
    let slow = account.sprints_to_go.2.filter(|_| remaining);
    let future = future_sprints(&[fast, slow], target, now_x);
    let dates = burn_up_dates(books, &sprints, future);
    let table = Table {
        notes: Vec::new(),
        row_header: "Sprint".to_string(),
        columns: vec![
            "Effort this sprint".into(),
            "Done so far".into(),
            "Estimate".into(),
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
    let shape = Shape::BurnUp(BurnUp {
        done,
        scope,
        fast,
        slow,
        expected: account.sprints_to_go.1.filter(|_| remaining),
        color,
        target,
        dates,
        scenario: None,
    });
    let legend = vec![
        Series::legend("Done", color),
        Series::legend("Estimate", TEXT),
        Series::legend("Forecast range (shaded)", color),
    ];
    Spec {
        // The last past sprint is the current one.
        mark: Mark::now_at_last(sprints.len()),
        subtitle: format!(
            "Work done against the estimate, cumulative {unit}, with the forecast range"
        ),
        desc: format!(
            "A line of the work done so far rising towards the estimate line, sprint by sprint from {} to {}, then a shaded cone of the possible finish. {caption}",
            first_label(&labels),
            last_label(&labels)
        ),
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        ..Spec::wide(shape, caption, labels, legend, table)
    }
}

/// The coordinates of a burn-up: sprints (past and to come) across, effort up.
type Sprints = Cartesian2d<RangedCoordf64, RangedCoordf64>;

impl Spec {
    /// The burn-up: the scope line, the done line with its points, the forecast cone from the
    /// last point to the scope at the fastest and the slowest pace, and the average pace's line.
    pub(super) fn draw_burn_up(&self, burn: &BurnUp) -> Result<String, String> {
        let past = burn.done.len().max(1);
        let future = burn.dates.len().saturating_sub(past);
        let last_x = (past - 1 + future).max(1) as f64;
        let top = burn
            .scope
            .iter()
            .chain(burn.done.iter())
            .fold(0.0f64, |a, b| a.max(*b));
        let y_max = nice_max(top);
        let narrow = self.size != WIDE;
        self.draw_under_legend(if narrow { 300 } else { 320 }, |area| {
            let dates = &burn.dates;
            let step = label_step(
                past + future,
                self.size.width - 80,
                dates.iter().map(|l| l.len()).max().unwrap_or(8),
                self.size,
            );
            // Every k-th date, counted from the current sprint's, so that one always shows; a
            // month already shown k sprints before is not repeated.
            let x_label = |x: &f64| {
                let i = x.round() as usize;
                if (x - x.round()).abs() > 0.01 || !i.abs_diff(past - 1).is_multiple_of(step) {
                    return String::new();
                }
                let label = dates.get(i).cloned().unwrap_or_default();
                let before = i.checked_sub(step).and_then(|b| dates.get(b));
                if before == Some(&label) {
                    String::new()
                } else {
                    label
                }
            };
            let x_axis = XAxis {
                labels: (past + future).min(60),
                format: &x_label,
                desc: Some("Month each sprint ends"),
            };
            let mut chart = self.vertical_chart(area, 0f64..last_x, y_max, x_axis, &axis_number)?;
            self.mark_now_line(&mut chart, (past - 1) as f64, y_max)?;
            if let Some(x) = burn.target.filter(|x| *x <= last_x) {
                self.mark_line(&mut chart, x, y_max, "target")?;
            }
            let (current, done_now, scope_now) = burn_now(burn);
            let today = Cone {
                delay: 0.0,
                before: [0.0; 3],
                to_go: [burn.fast, burn.expected, burn.slow],
                color: if burn.scenario.is_some() {
                    GRID
                } else {
                    burn.color
                },
                flat_when_never: false,
            };
            let at = (current, done_now, scope_now, last_x);
            draw_cone(&mut chart, &today, at)?;
            if let Some(cone) = &burn.scenario {
                draw_cone(&mut chart, cone, at)?;
            }
            draw_burn_lines(&mut chart, burn, last_x)
        })
    }
}

/// A shaded cone of the possible finish: from the current point along the pace before the
/// change, then to the scope at the fastest and at the slowest pace (flat to the chart's end
/// when a pace never finishes), with the average pace's line inside. `at` is the current x,
/// the work done, the scope and the chart's last x.
fn draw_cone(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Sprints>,
    cone: &Cone,
    (current, done_now, scope_now, last_x): (f64, f64, f64, f64),
) -> Result<(), String> {
    if cone.to_go[0].is_none() && cone.delay <= 0.0 {
        // A plan that never finishes (a stopped project) stays where it is: a flat line.
        if cone.to_go[2].is_none() && cone.flat_when_never {
            let line = vec![(current, done_now), (last_x, done_now)];
            plot(chart, LineSeries::new(line, cone.color.stroke_width(3)))?;
        }
        return Ok(());
    }
    let path = |i: usize| -> Vec<(f64, f64)> {
        let mut points = Vec::new();
        let bend = cone.delay.min(last_x - current);
        let reach = cone.to_go[i];
        if bend > 0.0 && reach.is_none_or(|t| t > cone.delay) {
            points.push((
                current + bend,
                (done_now + cone.before[i] * bend).min(scope_now),
            ));
        }
        match reach {
            Some(t) if current + t <= last_x => points.push((current + t, scope_now)),
            Some(t) => {
                // Cut at the chart's end, on the line to the finish.
                let (x0, y0) = points.last().copied().unwrap_or((current, done_now));
                let share = ((last_x - x0) / (current + t - x0)).clamp(0.0, 1.0);
                points.push((last_x, y0 + (scope_now - y0) * share));
            }
            None => {
                let y = points.last().map_or(done_now, |p| p.1);
                points.push((last_x, y));
            }
        }
        points
    };
    let mut polygon = vec![(current, done_now)];
    polygon.extend(path(0));
    polygon.extend(path(2).into_iter().rev());
    plot(
        chart,
        std::iter::once(Polygon::new(polygon, cone.color.mix(0.3).filled())),
    )?;
    if cone.to_go[1].is_some() {
        let mut line = vec![(current, done_now)];
        line.extend(path(1));
        plot(chart, LineSeries::new(line, cone.color.stroke_width(1)))?;
    }
    Ok(())
}

/// The scope line (held to the chart's end), the done line with its points, and the line of
/// the average pace.
fn draw_burn_lines(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Sprints>,
    burn: &BurnUp,
    last_x: f64,
) -> Result<(), String> {
    let (_, _, scope_now) = burn_now(burn);
    let scope_line: Vec<(f64, f64)> = burn
        .scope
        .iter()
        .enumerate()
        .map(|(i, s)| (i as f64, *s))
        .chain(std::iter::once((last_x, scope_now)))
        .collect();
    plot(chart, LineSeries::new(scope_line, TEXT.stroke_width(2)))?;
    let done_line: Vec<(f64, f64)> = burn
        .done
        .iter()
        .enumerate()
        .map(|(i, d)| (i as f64, *d))
        .collect();
    plot(
        chart,
        LineSeries::new(done_line.clone(), burn.color.stroke_width(3)),
    )?;
    plot(
        chart,
        done_line
            .iter()
            .map(|p| Circle::new(*p, 4, burn.color.filled())),
    )?;
    Ok(())
}

/// Where the burn-up stands now: the current sprint's x, the work done and the scope.
fn burn_now(burn: &BurnUp) -> (f64, f64, f64) {
    let current = (burn.done.len().max(1) - 1) as f64;
    let done_now = *burn.done.last().unwrap_or(&0.0);
    let scope_now = *burn.scope.last().unwrap_or(&0.0);
    (current, done_now, scope_now)
}
