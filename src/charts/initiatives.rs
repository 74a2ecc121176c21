//! Initiatives: the burn-up of work done against scope with its forecast cone, and the forecast
//! sentence the initiative's page shares with the chart.

use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::frame::{TEXT, WIDE, XAxis, axis_number, label_step, nice_max, plot};
use super::request::{Books, ChartRequest};
use super::spec::{
    BurnUp, Mark, Series, Shape, Spec, first_label, last_label, parse_color, source_note,
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
    Spec {
        size: WIDE,
        // The last past sprint is the current one.
        annotations: Vec::new(),
        mark: sprints
            .len()
            .checked_sub(1)
            .map(|index| Mark { index, word: "now" }),
        shape: Shape::BurnUp(BurnUp {
            done,
            scope,
            fast: account.sprints_to_go.0.filter(|_| remaining),
            slow: account.sprints_to_go.2.filter(|_| remaining),
            expected: account.sprints_to_go.1.filter(|_| remaining),
            color,
        }),
        title: caption.clone(),
        subtitle: format!(
            "Work done against the estimate, cumulative {unit}, with the forecast range"
        ),
        desc: format!(
            "A line of the work done so far rising towards the estimate line, sprint by sprint from {} to {}, then a shaded cone of the possible finish. {caption}",
            first_label(&labels),
            last_label(&labels)
        ),
        caption,
        source_note: source_note(books, &sprints),
        axis: capitalize(unit),
        labels,
        series: vec![
            Series::legend("Done", color),
            Series::legend("Estimate", TEXT),
            Series::legend("Forecast range (shaded)", color),
        ],
        table,
    }
}

/// The coordinates of a burn-up: sprints (past and to come) across, effort up.
type Sprints = Cartesian2d<RangedCoordf64, RangedCoordf64>;

impl Spec {
    /// The burn-up: the scope line, the done line with its points, the forecast cone from the
    /// last point to the scope at the fastest and the slowest pace, and the average pace's line.
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
        let narrow = self.size != WIDE;
        self.draw_under_legend(if narrow { 300 } else { 320 }, |area| {
            let labels = &self.labels;
            let step = label_step(
                past + future,
                self.size.width - 80,
                labels.iter().map(|l| l.len()).max().unwrap_or(8),
                self.size,
            );
            // Every k-th label, counted from the current sprint's, so that one always shows.
            let x_label = |x: &f64| {
                let i = x.round() as usize;
                if (x - x.round()).abs() > 0.01 || !i.abs_diff(past - 1).is_multiple_of(step) {
                    return String::new();
                }
                match labels.get(i) {
                    Some(label) => label.clone(),
                    None => format!("+{}", i + 1 - past),
                }
            };
            let x_axis = XAxis {
                labels: (past + future).min(60),
                format: &x_label,
                desc: Some(if narrow {
                    "Sprints (+N: to come)"
                } else {
                    "Sprints (+N: sprints from now)"
                }),
            };
            let mut chart = self.vertical_chart(area, 0f64..last_x, y_max, x_axis, &axis_number)?;
            self.mark_now_line(&mut chart, (past - 1) as f64, y_max)?;
            draw_forecast_cone(&mut chart, burn, last_x)?;
            draw_burn_lines(&mut chart, burn, last_x)
        })
    }
}

/// The shaded cone of the possible finish: from the last point to the scope at the fastest pace
/// and at the slowest (or flat to the chart's end when the slowest pace never finishes).
fn draw_forecast_cone(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Sprints>,
    burn: &BurnUp,
    last_x: f64,
) -> Result<(), String> {
    let Some(fast) = burn.fast else {
        return Ok(());
    };
    let (current, done_now, scope_now) = burn_now(burn);
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
    plot(
        chart,
        std::iter::once(Polygon::new(cone, burn.color.mix(0.3).filled())),
    )
}

/// The scope line (held to the chart's end), the done line with its points, and the line of
/// the average pace.
fn draw_burn_lines(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Sprints>,
    burn: &BurnUp,
    last_x: f64,
) -> Result<(), String> {
    let (current, done_now, scope_now) = burn_now(burn);
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
    if let Some(expected) = burn.expected {
        let line = vec![
            (current, done_now),
            ((current + expected).min(last_x), scope_now),
        ];
        plot(chart, LineSeries::new(line, burn.color.stroke_width(1)))?;
    }
    Ok(())
}

/// Where the burn-up stands now: the current sprint's x, the work done and the scope.
fn burn_now(burn: &BurnUp) -> (f64, f64, f64) {
    let current = (burn.done.len().max(1) - 1) as f64;
    let done_now = *burn.done.last().unwrap_or(&0.0);
    let scope_now = *burn.scope.last().unwrap_or(&0.0);
    (current, done_now, scope_now)
}
