//! Initiatives: the burn-up of work done against scope with its forecast cone, and the forecast
//! sentence the initiative's page shares with the chart.

use plotters::prelude::*;

use super::frame::{FONT, GRID, TEXT, WIDTH, draw_legend, label_step, nice_max};
use super::request::{Books, ChartRequest};
use super::spec::{BurnUp, Series, Shape, Spec, parse_color, source_note};
use super::table::{Table, ValueKind};
use crate::words::narrate::{self, capitalize};

/// Sprints of an initiative's life up to the current sprint: from the first sprint that ends on
/// or after its start.
pub(super) fn initiative_sprints(books: &Books<'_>, index: usize) -> Vec<usize> {
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
pub(super) fn beyond_limit(account: &crate::accounts::InitiativeAccount) -> &'static str {
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
            let step = label_step(
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
}
