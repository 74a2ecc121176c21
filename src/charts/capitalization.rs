//! Capitalization: capitalizable and expensed work (or cost) per calendar month.

use super::request::{Books, ChartRequest};
use super::spec::{
    Mark, Series, Shape, Spec, first_label, last_label, mark_word, parse_color, series_table,
    source_note,
};
use super::table::ValueKind;
use crate::accounts::ratio;
use crate::words::narrate::{capitalize, percent};

/// Capitalizable and expensed work per calendar month: in money where costs are known, else
/// in effort.
pub(super) fn capitalization_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
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
        "{} of the engineering {} was capitalizable, month by month from {} to {}.",
        capitalize(&percent(ratio(total_cap, total))),
        if money { "cost we can count" } else { "effort" },
        first_label(&labels),
        last_label(&labels)
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
            muted: false,
        },
        Series {
            label: "Expensed".into(),
            color: parse_color("#8a8f98"),
            values: exp,
            muted: false,
        },
    ];
    let mut table = series_table("Month", ValueKind::Effort, &labels, &series);
    table.columns = vec![
        format!("Capitalizable ({unit})"),
        format!("Expensed ({unit})"),
    ];
    let sprints: Vec<usize> = (0..books.ledger.sprints.len()).collect();
    let shape = Shape::Columns { percent: false };
    Spec {
        mark: current_month(books, request, &months),
        subtitle: format!(
            "Capitalizable and expensed {} per calendar month, in {unit}",
            if money { "cost" } else { "effort" }
        ),
        desc: format!(
            "Stacked columns, one per month, capitalizable below, expensed above. {caption}"
        ),
        source_note: source_note(books, &sprints),
        axis: unit,
        ..Spec::wide(shape, caption, labels, series, table)
    }
}

/// The month in which the request's sprint ends, marked "now" (or "this sprint").
fn current_month(
    books: &Books<'_>,
    request: &ChartRequest,
    months: &[(&String, &crate::accounts::capitalization::Split)],
) -> Option<Mark> {
    let sprint = books.ledger.sprints.get(request.sprint)?;
    let month = sprint.end.0.strftime("%Y-%m").to_string();
    let index = months.iter().position(|(m, _)| **m == month)?;
    Some(Mark {
        index,
        word: mark_word(books, request),
    })
}

/// `2026-09` → `Sep 2026`.
pub fn month_label(month: &str) -> String {
    let date = format!("{month}-01").parse::<jiff::civil::Date>();
    match date {
        Ok(date) => date.strftime("%b %Y").to_string(),
        Err(_) => month.to_string(),
    }
}
