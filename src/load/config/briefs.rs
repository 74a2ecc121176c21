//! What each audience's brief shows (`[briefs.<audience>] blocks = [...]` in `site.toml`): the
//! blocks of figures a `for/<audience>/` page leads with, in the author's order. Each of the
//! four built-in audiences has defaults that read well as they are; an audience the site adds
//! gets the executive's.

use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::load::config::audiences::Audience;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBrief {
    blocks: Option<Vec<Spanned<String>>>,
}

/// One block of figures a brief can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// Where the time went this quarter, against the target mix.
    TimeMix,
    /// What keeping the lights on costs a year, in money and people.
    UpkeepCost,
    /// The decisions open: late or at-risk projects, systems whose upkeep is rising.
    Decisions,
    /// The delivery record in one line: releases, failed ones, incidents this quarter.
    Delivery,
    /// The one ask of the sprint, from its narrative.
    Ask,
    /// Cost this month, this quarter and year to date, by category.
    CostByPeriod,
    /// Capitalized and expensed cost for the same periods.
    CapexOpex,
    /// The amortization run-rate and schedule.
    Amortization,
    /// Cost per category per year, at the recent pace.
    CostPerYear,
    /// What the figures leave out, with the share of effort it concerns.
    LeftOut,
    /// Capacity left for new work after upkeep, next sprint and next quarter.
    Capacity,
    /// Each roadmap project's forecast against its target.
    Roadmap,
    /// What slips if upkeep keeps rising at its recent pace.
    Slips,
    /// The debt ledger's totals and the item that pays back soonest.
    Debt,
    /// How far behind the dependencies are, over time.
    Freshness,
    /// Upkeep by system, per sprint and per year.
    UpkeepBySystem,
    /// Each team's targets against its actual split.
    TeamTargets,
}

/// Every block with its name in `site.toml`.
pub const BLOCKS: [(&str, Block); 17] = [
    ("time_mix", Block::TimeMix),
    ("upkeep_cost", Block::UpkeepCost),
    ("decisions", Block::Decisions),
    ("delivery", Block::Delivery),
    ("ask", Block::Ask),
    ("cost_by_period", Block::CostByPeriod),
    ("capex_opex", Block::CapexOpex),
    ("amortization", Block::Amortization),
    ("cost_per_year", Block::CostPerYear),
    ("left_out", Block::LeftOut),
    ("capacity", Block::Capacity),
    ("roadmap", Block::Roadmap),
    ("slips", Block::Slips),
    ("debt", Block::Debt),
    ("freshness", Block::Freshness),
    ("upkeep_by_system", Block::UpkeepBySystem),
    ("team_targets", Block::TeamTargets),
];

impl Block {
    /// The name as written in `site.toml`.
    pub fn name(self) -> &'static str {
        BLOCKS
            .iter()
            .find(|(_, b)| *b == self)
            .map_or("", |(name, _)| name)
    }
}

/// The blocks a built-in audience's brief shows without configuration; any other audience
/// gets the executive's.
pub fn default_blocks(audience: &str) -> Vec<Block> {
    use Block::*;
    match audience {
        "finance" => vec![CostByPeriod, CapexOpex, Amortization, CostPerYear, LeftOut],
        "product" => vec![Capacity, Roadmap, Slips],
        "engineering" => vec![Debt, Freshness, UpkeepBySystem, TeamTargets],
        _ => vec![TimeMix, UpkeepCost, Decisions, Delivery, Ask],
    }
}

/// Checks `[briefs.<audience>]`: the audience exists and every block is known. Returns each
/// audience's blocks, in the order of `audiences`.
pub(super) fn check_briefs(
    source: &Arc<SourceFile>,
    raw: IndexMap<Spanned<String>, RawBrief>,
    audiences: &[Audience],
    diagnostics: &mut Diagnostics,
) -> Vec<Vec<Block>> {
    let mut briefs: Vec<Vec<Block>> = audiences.iter().map(|a| default_blocks(&a.id)).collect();
    let known: Vec<&str> = audiences.iter().map(|a| a.id.as_str()).collect();
    for (id, brief) in raw {
        let Some(index) = audiences.iter().position(|a| &a.id == id.get_ref()) else {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    id.span(),
                    format!("`[briefs.{}]` names no audience", id.get_ref()),
                )
                .with_help(format!(
                    "{} (add one with `[audiences.{}]`)",
                    unknown_name_help(id.get_ref(), "audience", known.iter().copied()),
                    id.get_ref()
                )),
            );
            continue;
        };
        let Some(blocks) = brief.blocks else {
            continue;
        };
        let mut chosen = Vec::new();
        for name in blocks {
            match BLOCKS.iter().find(|(n, _)| n == name.get_ref()) {
                Some((_, block)) if !chosen.contains(block) => chosen.push(*block),
                Some(_) => diagnostics.push(
                    Diagnostic::error(
                        source,
                        name.span(),
                        format!("the block `{}` is listed twice", name.get_ref()),
                    )
                    .with_help("a brief shows each block once: remove one of the two"),
                ),
                None => diagnostics.push(
                    Diagnostic::error(
                        source,
                        name.span(),
                        format!("a brief has no block called `{}`", name.get_ref()),
                    )
                    .with_help(unknown_name_help(
                        name.get_ref(),
                        "block",
                        BLOCKS.iter().map(|(n, _)| *n),
                    )),
                ),
            }
        }
        briefs[index] = chosen;
    }
    briefs
}
