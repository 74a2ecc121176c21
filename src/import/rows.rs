//! The work rows of an import, one team at a time: each team's capacity (its capacity row, or
//! people × working days), the effort of each of its items, and the team's total.

use std::collections::HashMap;

use super::amounts::{check_item_efforts, format_amount};
use super::effort::{self, Context};
use super::item::{Item, Row};
use super::reconcile::{Listed, TeamTotal};
use super::select::Chosen;
use super::target::Target;
use crate::error::Error;
use crate::load::config::Config;
use crate::load::ledger::{Ledger, Team};

/// The rows made, the items whose effort was assumed, and each team's total.
pub(super) struct Made {
    pub(super) rows: Vec<Row>,
    pub(super) estimated: Vec<Listed>,
    /// How many items without an estimate were counted each way, first way first.
    pub(super) counted_as: Vec<(usize, &'static str)>,
    pub(super) teams: Vec<TeamTotal>,
}

/// Makes the rows of the chosen items, in their order; an item whose effort is out of bounds is
/// an error at its line in the export.
pub(super) fn make_rows(
    chosen: &[Chosen],
    context: &Context,
    target: &Target,
    config: &Config,
    ledger: &Ledger,
) -> Result<Made, Error> {
    let mut problems = Vec::new();
    let mut made = Made {
        rows: Vec::with_capacity(chosen.len()),
        estimated: Vec::new(),
        counted_as: Vec::new(),
        teams: Vec::new(),
    };
    for (team_index, team) in ledger.teams.iter().enumerate() {
        let group: Vec<&Chosen> = chosen.iter().filter(|c| c.0 == team_index).collect();
        if group.is_empty() {
            continue;
        }
        let (capacity, capacity_note) = capacity_of(team_index, team, target, context);
        let group_items: Vec<&Item> = group.iter().map(|c| c.1).collect();
        let found = effort::for_team(context, &group_items, capacity);
        let efforts = found.efforts;
        check_item_efforts(&group_items, &efforts, config, context.unit, &mut problems);
        if let Some(how) = found.counted_as {
            match made.counted_as.iter_mut().find(|(_, h)| *h == how) {
                Some((n, _)) => *n += found.assumed.len(),
                None => made.counted_as.push((found.assumed.len(), how)),
            }
        }
        made.estimated.extend(found.assumed);
        let mut total = 0.0;
        for ((_, item, rule), effort) in group.iter().zip(efforts) {
            total += effort;
            made.rows.push(Row {
                team: team.id.clone(),
                category: rule.and_then(|r| r.category.clone()),
                effort,
                title: item.title.clone(),
                reference: item.key.clone(),
                system: rule.and_then(|r| r.system.clone()),
                initiative: rule.and_then(|r| r.initiative.clone()),
                planned: rule.and_then(|r| r.planned).unwrap_or(true),
                source: context.format.as_str(),
            });
        }
        made.teams.push(TeamTotal {
            team: team.id.clone(),
            items: group.len(),
            effort: effort::round(total),
            capacity: Some(capacity_note),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Export(problems));
    }
    Ok(made)
}

/// A team's capacity in the sprint, in the site's unit, and how it was found, in a phrase.
fn capacity_of(
    team_index: usize,
    team: &Team,
    target: &Target,
    context: &Context,
) -> (f64, String) {
    if let Some((_, effort)) = target.capacity.iter().find(|c| c.0 == team_index) {
        let note = format!("capacity {} (its capacity row)", format_amount(*effort));
        return (*effort, note);
    }
    let days = team.people * f64::from(target.working_days);
    let capacity = if context.in_hours {
        days * context.hours_per_day
    } else {
        days
    };
    let hours = if context.in_hours {
        format!(" × {} hours", format_amount(context.hours_per_day))
    } else {
        String::new()
    };
    let note = format!(
        "capacity {} ({} people × {} working days{hours})",
        format_amount(capacity),
        format_amount(team.people),
        target.working_days
    );
    (capacity, note)
}

/// Puts the items whose effort was assumed in the export's order.
pub(super) fn in_export_order(estimated: &mut [Listed], items: &[Item]) {
    let export_order: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.key.as_str(), i))
        .collect();
    estimated.sort_by_key(|l| export_order.get(l.key.as_str()).copied());
}
