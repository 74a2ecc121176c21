//! What a checked directive is: the metrics, periods and measures authors can ask for, and
//! what the directives are checked against. Shared by the parser, the checks and the values,
//! so it sits below all of them.

use std::ops::Range;

use crate::charts::ChartRequest;
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::Ledger;

/// The directives authors can write.
pub const DIRECTIVES: [&str; 5] = ["chart", "value", "delta", "term", "scenario"];

/// What a metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Share of effort (of the team's, or of the organisation's).
    Share,
    /// Effort in the site's unit.
    Effort,
    /// People's worth of time.
    Fte,
    /// Money, where day costs are known.
    Cost,
    /// Share of effort that was planned.
    PlannedShare,
    /// Recorded effort as a share of capacity.
    CapacityUsed,
    /// Releases (a total over the period).
    Releases,
    /// Releases that failed in production (a total over the period).
    FailedReleases,
    /// Failed releases over releases.
    ChangeFailureRate,
    /// Incidents that started in the period (a total).
    Incidents,
    /// The median time to restore of the period's incidents.
    TimeToRestore,
    /// The longest time to restore of the period's incidents.
    TimeToRestoreWorst,
}

impl Metric {
    /// Every metric, by the name authors use.
    pub const ALL: [(&'static str, Metric); 12] = [
        ("share", Metric::Share),
        ("effort", Metric::Effort),
        ("fte", Metric::Fte),
        ("cost", Metric::Cost),
        ("planned_share", Metric::PlannedShare),
        ("capacity_used", Metric::CapacityUsed),
        ("releases", Metric::Releases),
        ("failed_releases", Metric::FailedReleases),
        ("change_failure_rate", Metric::ChangeFailureRate),
        ("incidents", Metric::Incidents),
        ("time_to_restore", Metric::TimeToRestore),
        ("time_to_restore_worst", Metric::TimeToRestoreWorst),
    ];

    pub(super) fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    /// Whether the metric is a fraction (changes read in points).
    pub(super) fn is_share(self) -> bool {
        matches!(
            self,
            Metric::Share | Metric::PlannedShare | Metric::CapacityUsed | Metric::ChangeFailureRate
        )
    }

    /// Whether the metric comes from the delivery record (releases and incidents) rather than
    /// the work rows.
    pub(super) fn is_delivery(self) -> bool {
        matches!(
            self,
            Metric::Releases
                | Metric::FailedReleases
                | Metric::ChangeFailureRate
                | Metric::Incidents
                | Metric::TimeToRestore
                | Metric::TimeToRestoreWorst
        )
    }
}

/// Which sprints a value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One sprint (index).
    Sprint(usize),
    /// The average of `count` sprints ending at `end` (index).
    Last { count: usize, end: usize },
}

/// A number to put in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// What to measure.
    pub metric: Metric,
    /// A category slot, or all.
    pub category: Option<usize>,
    /// A team (index), or the whole organisation.
    pub team: Option<usize>,
    /// Which sprints.
    pub period: Period,
    /// What `delta` compares a sprint with (`value` ignores it).
    pub against: Against,
}

/// The starting point of `delta` for one sprint: the site's comparison window (the default, as
/// every generated comparison on the page), or the sprint before (`against="previous"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// The first sprint of `[compare] window` ending at the sprint.
    Window,
    /// The sprint before.
    Previous,
}

/// A checked directive.
#[derive(Debug, Clone, PartialEq)]
pub enum Directive {
    /// An inline chart.
    Chart(ChartRequest),
    /// A number.
    Value(Measure),
    /// A change from the period before.
    Delta(Measure),
    /// A glossary term (index), with the words as written.
    Term(usize, String),
}

/// A directive and where it is in the narrative's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Byte range of `{{ ... }}` in the file.
    pub span: Range<usize>,
    /// What it asks for.
    pub directive: Directive,
}

/// What directives are checked against.
pub struct Scope<'a> {
    /// Categories.
    pub config: &'a Config,
    /// Teams and sprints.
    pub ledger: &'a Ledger,
    /// Terms.
    pub glossary: &'a Glossary,
}
