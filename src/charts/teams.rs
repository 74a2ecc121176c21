//! Effort by team, split by category: one horizontal stacked bar per team, with its total.

use super::frame::{axis_number, label_row_end, nice_max, plot, row_bar};
use super::request::{Books, ChartRequest};
use super::spec::{Series, Shape, Spec, chart_slots, highlight_slot, series_table, source_note};
use super::table::ValueKind;
use crate::words::narrate::{self, capitalize};

/// Effort by team in one sprint, split by category: the teams sorted by the time they recorded,
/// most first, with the category the sprint's headline is about highlighted. The title says
/// what is drawn; which team is biggest is true every sprint and never the news.
pub(super) fn team_split_spec(books: &Books<'_>, request: &ChartRequest) -> Spec {
    let config = books.config;
    let sprint = request.sprint;
    let account = &books.accounts.sprints[sprint];
    let id = &books.ledger.sprints[sprint].id;
    let slots = chart_slots(books, &[sprint], None);
    let mut teams: Vec<usize> = (0..books.ledger.teams.len()).collect();
    teams.sort_by(|&a, &b| {
        account.teams[b]
            .effort
            .total_cmp(&account.teams[a].effort)
            .then(a.cmp(&b))
    });
    let labels: Vec<String> = teams
        .iter()
        .map(|&t| books.ledger.teams[t].name.clone())
        .collect();
    let series: Vec<Series> = slots
        .iter()
        .map(|&slot| {
            let values = teams
                .iter()
                .map(|&t| account.teams[t].by_category[slot])
                .collect();
            Series::category(config, slot, values)
        })
        .collect();
    let busiest = teams.iter().max_by(|&&a, &&b| {
        account.teams[a]
            .effort
            .total_cmp(&account.teams[b].effort)
            .then(b.cmp(&a))
    });
    let caption = match busiest {
        Some(&t) if account.effort > 0.0 => format!(
            "{} recorded the most time in sprint {id}: {}, {}.",
            books.ledger.teams[t].name,
            narrate::effort(config, account.teams[t].effort),
            narrate::people(account.teams[t].fte)
        ),
        _ => format!("No work is recorded for sprint {id}."),
    };
    let highlight = highlight_slot(books, sprint, None);
    let title = match highlight {
        _ if account.effort <= 0.0 => caption.clone(),
        Some(slot) => format!(
            "Where each team's time went in sprint {id}, and how much went to {}",
            narrate::category_words(config, slot)
        ),
        None => format!("Where each team's time went in sprint {id}"),
    };
    let table = series_table("Team", ValueKind::Effort, &labels, &series);
    let mut spec = Spec {
        title,
        subtitle: format!(
            "Effort by team and category in sprint {id}, in {}",
            config.effort_unit.as_str()
        ),
        desc: format!("Horizontal stacked bars, one per team, split by category. {caption}"),
        source_note: source_note(books, &[sprint]),
        axis: capitalize(config.effort_unit.as_str()),
        ..Spec::wide(Shape::StackedRows, caption, labels, series, table)
    };
    spec.highlight_slot(config, highlight);
    spec
}

impl Spec {
    /// One horizontal bar per row, stacked by series, with the row's total written after it.
    pub(super) fn draw_stacked_rows(&self) -> Result<String, String> {
        let n = self.labels.len().max(1);
        let totals = self.stack_totals();
        let x_max = nice_max(totals.iter().copied().fold(0.0, f64::max));
        self.draw_under_legend(60 + 36 * n as u32, |area| {
            let mut chart = self.horizontal_chart(area, x_max, (8, 56), &axis_number)?;
            for (i, total_value) in totals.iter().enumerate().take(self.labels.len()) {
                let row = n - 1 - i;
                let mut base = 0.0;
                for s in &self.series {
                    let value = s.values[i];
                    if value <= 0.0 {
                        continue;
                    }
                    plot(
                        &mut chart,
                        std::iter::once(row_bar(base, base + value, row, s.color)),
                    )?;
                    base += value;
                }
                label_row_end(&mut chart, base, row, narrate::number(*total_value))?;
            }
            Ok(())
        })
    }
}
