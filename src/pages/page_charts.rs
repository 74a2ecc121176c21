//! The charts each kind of page shows, and drawing every chart of the site once: a chart that
//! appears on several pages (or in a narrative) is drawn a single time and shared.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::charts::{self, Books, Chart, ChartKind, ChartRequest};
use crate::error::Error;
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::pages::plan::{PageJob, PageKind};

/// A chart of `sprint` (over the `last` sprints when given), of the whole site or one team.
fn request(
    kind: ChartKind,
    sprint: usize,
    last: Option<usize>,
    team: Option<usize>,
) -> ChartRequest {
    ChartRequest {
        kind,
        sprint,
        last,
        team,
        category: None,
        subject: None,
    }
}

/// A chart about one initiative or system (`subject`), as of `sprint`.
fn about(kind: ChartKind, subject: usize, sprint: usize, last: Option<usize>) -> ChartRequest {
    ChartRequest {
        subject: Some(subject),
        ..request(kind, sprint, last, None)
    }
}

/// The charts each kind of page shows.
pub fn chart_requests(job: &PageJob, config: &Config, ledger: &Ledger) -> Vec<ChartRequest> {
    let Some(current) = ledger.current_sprint().map(|_| ledger.current) else {
        return Vec::new();
    };
    let targets = !config.targets.is_empty();
    // Every series spans the site's one comparison window, so that a chart's "from … to …"
    // starts where the page's other comparisons start.
    let window = config.compare_window;
    let now = |kind| request(kind, current, None, None);
    let trend = |kind| request(kind, current, Some(window), None);
    match &job.kind {
        PageKind::Home => {
            let mut charts = vec![
                now(ChartKind::CategorySplit),
                trend(ChartKind::InvestmentMix),
                trend(ChartKind::CategoryTrend),
                now(ChartKind::TeamSplit),
            ];
            if !ledger.systems.is_empty() {
                charts.push(trend(ChartKind::UpkeepBySystem));
            }
            if targets {
                charts.push(now(ChartKind::Targets));
            }
            charts
        }
        PageKind::Sprint(s) => {
            let mut charts = vec![
                request(ChartKind::CategorySplit, *s, None, None),
                request(ChartKind::TeamSplit, *s, None, None),
                request(ChartKind::InvestmentMix, *s, Some(window), None),
            ];
            if targets {
                charts.push(request(ChartKind::Targets, *s, None, None));
            }
            charts
        }
        PageKind::Initiative(i) => std::iter::once(about(ChartKind::BurnUp, *i, current, None))
            .chain(
                (0..ledger.scenarios.len())
                    .filter(|&s| ledger.scenarios[s].initiative == *i)
                    .map(|s| about(ChartKind::Scenario, s, current, None)),
            )
            .collect(),
        PageKind::System(s) => vec![about(ChartKind::SystemCost, *s, current, Some(window))],
        PageKind::Systems => {
            let mut charts = vec![trend(ChartKind::UpkeepBySystem)];
            if ledger.systems.iter().any(|s| !s.dependencies.is_empty()) {
                charts.push(now(ChartKind::Libyears));
            }
            charts
        }
        PageKind::Dependencies => {
            let mut charts = vec![now(ChartKind::Libyears)];
            if !ledger.dependency_snapshots.is_empty() {
                charts.push(now(ChartKind::LibyearsTrend));
            }
            charts
        }
        PageKind::Debt => vec![now(ChartKind::DebtMap)],
        PageKind::Capitalization => vec![now(ChartKind::Capitalization)],
        PageKind::Sprints => vec![now(ChartKind::InvestmentMixEffort)],
        PageKind::Teams => vec![now(ChartKind::TeamSplit)],
        PageKind::Team(t) => vec![
            request(ChartKind::InvestmentMix, current, Some(window), Some(*t)),
            request(ChartKind::CategorySplit, current, None, Some(*t)),
        ],
        PageKind::Delivery => {
            let all = |kind| request(kind, current, None, None);
            let mut charts = vec![all(ChartKind::Releases), all(ChartKind::ChangeFailureRate)];
            if !ledger.delivery.incidents.is_empty() {
                charts.push(all(ChartKind::TimeToRestore));
            }
            charts
        }
        PageKind::Initiatives
        | PageKind::Incident(_)
        | PageKind::Narrative(_)
        | PageKind::Section(_)
        | PageKind::NotFound
        | PageKind::Glossary
        | PageKind::Audience(_) => Vec::new(),
    }
}

/// Draws every chart the pages and the narratives' directives need, each once, in parallel.
pub fn draw_charts(
    books: &Books<'_>,
    jobs: &[PageJob],
    inline: &[ChartRequest],
    drawn: &HashMap<ChartRequest, Chart>,
    previous: &HashMap<ChartRequest, Chart>,
) -> Result<HashMap<ChartRequest, Chart>, Error> {
    let mut unique: Vec<ChartRequest> = Vec::new();
    let mut seen = HashSet::new();
    let requested = jobs
        .iter()
        .flat_map(|job| chart_requests(job, books.config, books.ledger))
        .chain(inline.iter().cloned());
    for request in requested {
        if !drawn.contains_key(&request) && seen.insert(request.clone()) {
            unique.push(request);
        }
    }
    unique
        .into_par_iter()
        .map(|request| {
            charts::draw_reusing(books, &request, previous.get(&request))
                .map(|chart| (request, chart))
        })
        .collect::<Result<HashMap<_, _>, _>>()
        .map_err(Error::from)
}
