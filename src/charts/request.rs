//! What to draw and what from: the chart kinds by the names authors use, a request's options
//! (and the stable id made from them), and the books every chart reads.

use crate::accounts::Accounts;
use crate::load::config::Config;
use crate::load::ledger::Ledger;

/// The charts tally can draw, by the name authors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Stacked columns per sprint, by category, in % of each sprint's effort.
    InvestmentMix,
    /// Stacked columns per sprint, by category, in effort.
    InvestmentMixEffort,
    /// One sprint's split by category, as sorted horizontal bars.
    CategorySplit,
    /// Each category's share as a line over sprints.
    CategoryTrend,
    /// Effort by team, split by category, as horizontal stacked bars.
    TeamSplit,
    /// An initiative's work done against its scope, with a forecast cone.
    BurnUp,
    /// A system's cost of ownership per sprint, by category.
    SystemCost,
    /// Each system's share of all keeping-the-lights-on effort per sprint.
    UpkeepBySystem,
    /// Libyears per system.
    Libyears,
    /// Libyears per system over the dependency snapshots.
    LibyearsTrend,
    /// Each open debt item's principal against its interest.
    DebtMap,
    /// Capitalizable and expensed work per month.
    Capitalization,
    /// Actual share against target per category.
    Targets,
    /// A what-if scenario: its initiative's burn-up with today's cone and the scenario's.
    Scenario,
    /// Releases per sprint, the failed ones marked.
    Releases,
    /// The share of each sprint's releases that failed in production.
    ChangeFailureRate,
    /// Each incident's time to restore service.
    TimeToRestore,
}

impl ChartKind {
    /// Every chart, with its name.
    pub const ALL: [(&'static str, ChartKind); 17] = [
        ("investment_mix", ChartKind::InvestmentMix),
        ("investment_mix_effort", ChartKind::InvestmentMixEffort),
        ("category_split", ChartKind::CategorySplit),
        ("category_trend", ChartKind::CategoryTrend),
        ("team_split", ChartKind::TeamSplit),
        ("burn_up", ChartKind::BurnUp),
        ("system_cost", ChartKind::SystemCost),
        ("upkeep_by_system", ChartKind::UpkeepBySystem),
        ("libyears", ChartKind::Libyears),
        ("libyears_trend", ChartKind::LibyearsTrend),
        ("debt_map", ChartKind::DebtMap),
        ("capitalization", ChartKind::Capitalization),
        ("targets", ChartKind::Targets),
        ("scenario", ChartKind::Scenario),
        ("releases", ChartKind::Releases),
        ("change_failure_rate", ChartKind::ChangeFailureRate),
        ("time_to_restore", ChartKind::TimeToRestore),
    ];

    /// The chart called `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    /// The chart's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("chart", |(n, _)| n)
    }

    /// Whether the chart is about one initiative or one system (given as the request's subject).
    pub fn needs_subject(self) -> Option<&'static str> {
        match self {
            ChartKind::BurnUp => Some("initiative"),
            ChartKind::SystemCost => Some("system"),
            ChartKind::Scenario => Some("scenario"),
            _ => None,
        }
    }
}

/// What to draw: a chart kind and its options.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChartRequest {
    /// Which chart.
    pub kind: ChartKind,
    /// The sprint (index), for single-sprint charts; the last sprint shown for series.
    pub sprint: usize,
    /// How many sprints a series shows, ending at `sprint`; `None` for all.
    pub last: Option<usize>,
    /// Restrict to one team (index).
    pub team: Option<usize>,
    /// Show one category (slot) only; `category_trend` only.
    pub category: Option<usize>,
    /// The initiative (`burn_up`), system (`system_cost`) or scenario (`scenario`) the chart is
    /// about (index).
    pub subject: Option<usize>,
}

impl ChartRequest {
    /// A stable, unique file-name-safe id for this request, used for its CSV and SVG ids.
    pub fn slug(&self, config: &Config, ledger: &Ledger) -> String {
        let mut slug = self.kind.name().replace('_', "-");
        if let Some(team) = self.team {
            slug.push_str("-team-");
            slug.push_str(&ledger.teams[team].id);
        }
        match (self.kind.needs_subject(), self.subject) {
            (Some("initiative"), Some(i)) => {
                slug.push('-');
                slug.push_str(&ledger.initiatives[i].id);
            }
            (Some("scenario"), Some(i)) => {
                slug.push('-');
                slug.push_str(&ledger.scenarios[i].id);
            }
            (Some(_), Some(i)) => {
                slug.push('-');
                slug.push_str(&ledger.systems[i].id);
            }
            _ => {}
        }
        if let Some(slot) = self.category {
            slug.push('-');
            slug.push_str(config.category_id(slot));
        }
        slug.push('-');
        slug.push_str(&ledger.sprints[self.sprint].id);
        if matches!(
            self.kind,
            ChartKind::InvestmentMix | ChartKind::InvestmentMixEffort | ChartKind::CategoryTrend
        ) {
            match self.last {
                Some(n) => slug.push_str(&format!("-last-{n}")),
                None => slug.push_str("-all"),
            }
        }
        slug
    }
}

/// Everything a chart is drawn from.
pub struct Books<'a> {
    /// Site configuration (categories, units).
    pub config: &'a Config,
    /// Teams and sprints.
    pub ledger: &'a Ledger,
    /// The computed figures.
    pub accounts: &'a Accounts,
}
