//! Systems: the cost of owning each one, its share of the upkeep, and how far behind its
//! dependencies are (libyears).

use crate::load::input::Day;
use crate::load::ledger::{Dependency, Ledger};

/// One system's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemAccount {
    /// Effort per sprint, per category slot, of the work rows naming the system.
    pub by_sprint: Vec<Vec<f64>>,
    /// Total effort per sprint.
    pub effort: Vec<f64>,
    /// Effort per sprint, per category slot, of the work it takes to own the system: the work
    /// rows naming it, except work on a big project that replaces it (the cure is not part of
    /// the illness).
    pub own_by_sprint: Vec<Vec<f64>>,
    /// The cost of ownership per sprint: the total of `own_by_sprint`. One definition for every
    /// page and `accounts.json` (`to_own`).
    pub to_own: Vec<f64>,
    /// Effort per sprint on the big projects that replace the system (`replaces` in
    /// initiatives.toml), on whatever system their rows name (`replacing`).
    pub replacing: Vec<f64>,
    /// The big projects that replace it (indices into the ledger's initiatives).
    pub replaced_by: Vec<usize>,
    /// The big projects with work rows that name the system (indices into the ledger's
    /// initiatives, in order), found in the one pass over the rows: a system page that searched
    /// the rows for each project took minutes at a million rows.
    pub worked_on_by: Vec<usize>,
    /// The system's share of all keeping-the-lights-on effort, per sprint (`None` when the
    /// site has no upkeep category or the sprint had none).
    pub upkeep_share: Vec<Option<f64>>,
    /// Sum of its dependencies' libyears.
    pub libyears: f64,
    /// How many dependencies are at least one major version behind.
    pub behind_major: usize,
    /// The dependency furthest behind, with its libyears.
    pub oldest: Option<(String, f64)>,
    /// Libyears per dependency snapshot: (sprint index, libyears).
    pub libyears_trend: Vec<(usize, f64)>,
}

/// Years between the version in use and the newest release: 0 when current or newer.
pub fn libyears(dependency: &Dependency) -> f64 {
    years_between(dependency.released, dependency.latest_released)
}

fn years_between(from: Day, to: Day) -> f64 {
    let days = (to.0 - from.0).get_days();
    (f64::from(days) / 365.25).max(0.0)
}

/// The major version of a semver-like version (`v5.2.8` → 5), if it has one.
pub fn major(version: &str) -> Option<u64> {
    let digits: String = version
        .trim()
        .trim_start_matches(['v', 'V'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Whether the version in use is at least one major version behind the newest.
pub fn behind_major(dependency: &Dependency) -> bool {
    matches!((major(&dependency.version), major(&dependency.latest)), (Some(a), Some(b)) if b > a)
}

/// Computes every system's figures.
pub fn accounts(ledger: &Ledger, slots: usize, upkeep_slot: Option<usize>) -> Vec<SystemAccount> {
    let sprints = ledger.sprints.len();
    let count = ledger.systems.len();
    let mut by_sprint = vec![vec![vec![0.0; slots]; sprints]; count];
    let mut own_by_sprint = by_sprint.clone();
    let mut replacing = vec![vec![0.0; sprints]; count];
    let mut upkeep_total = vec![0.0; sprints];
    let mut worked_on_by = vec![std::collections::BTreeSet::new(); count];
    let replaces = |row: &crate::load::ledger::WorkRow| {
        row.initiative
            .and_then(|i| ledger.initiatives.get(i))
            .and_then(|i| i.replaces)
            .filter(|&system| system < count)
    };
    for (s, sprint) in ledger.sprints.iter().enumerate() {
        for row in &sprint.work {
            if Some(row.category) == upkeep_slot {
                upkeep_total[s] += row.effort;
            }
            let replaced = replaces(row);
            if let Some(system) = replaced {
                replacing[system][s] += row.effort;
            }
            if let Some(system) = row.system {
                if let Some(initiative) = row.initiative {
                    worked_on_by[system].insert(initiative);
                }
                by_sprint[system][s][row.category] += row.effort;
                if replaced != Some(system) {
                    own_by_sprint[system][s][row.category] += row.effort;
                }
            }
        }
    }
    ledger
        .systems
        .iter()
        .enumerate()
        .zip(by_sprint.into_iter().zip(own_by_sprint).zip(replacing))
        .zip(worked_on_by)
        .map(
            |(((index, system), ((by_sprint, own_by_sprint), replacing)), worked_on_by)| {
                let effort: Vec<f64> = by_sprint.iter().map(|c| c.iter().sum()).collect();
                let to_own: Vec<f64> = own_by_sprint.iter().map(|c| c.iter().sum()).collect();
                let replaced_by = (0..ledger.initiatives.len())
                    .filter(|&i| ledger.initiatives[i].replaces == Some(index))
                    .collect();
                let upkeep_share = by_sprint
                    .iter()
                    .zip(&upkeep_total)
                    .map(|(categories, total)| {
                        let slot = upkeep_slot?;
                        (*total > 0.0).then(|| categories[slot] / total)
                    })
                    .collect();
                let oldest = system
                    .dependencies
                    .iter()
                    .map(|d| (d.name.clone(), libyears(d)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
                let libyears_trend = ledger
                    .dependency_snapshots
                    .iter()
                    .map(|(sprint, rows)| {
                        let total = rows
                            .iter()
                            .filter(|(s, _)| *s == index)
                            .map(|(_, d)| libyears(d))
                            .sum();
                        (*sprint, total)
                    })
                    .collect();
                SystemAccount {
                    libyears: system.dependencies.iter().map(libyears).sum(),
                    behind_major: system
                        .dependencies
                        .iter()
                        .filter(|d| behind_major(d))
                        .count(),
                    oldest,
                    libyears_trend,
                    by_sprint,
                    effort,
                    own_by_sprint,
                    to_own,
                    replacing,
                    replaced_by,
                    worked_on_by: worked_on_by.into_iter().collect(),
                    upkeep_share,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// A dependency at `version`, whose newest release is `latest`; the dates are (y, m, d).
    fn dep(
        version: &str,
        released: (i16, i8, i8),
        latest: &str,
        newest: (i16, i8, i8),
    ) -> Dependency {
        let day = |(y, m, d)| Day(date(y, m, d));
        Dependency {
            name: "x".into(),
            version: version.into(),
            released: day(released),
            latest: latest.into(),
            latest_released: day(newest),
            ecosystem: None,
        }
    }

    #[test]
    fn libyears_are_days_over_365_25_and_never_negative() {
        let d = dep("5.2.8", (2022, 5, 9), "7.2.1", (2024, 8, 22));
        // 836 days.
        assert!((libyears(&d) - 836.0 / 365.25).abs() < 1e-12);
        assert!(behind_major(&d));
        let current = dep("7.2.1", (2024, 8, 22), "7.2.1", (2024, 8, 22));
        assert_eq!(libyears(&current), 0.0);
        // A version newer than the recorded "latest" (a pre-release, or stale data) counts 0.
        let newer = dep("8.0.0-rc1", (2025, 1, 1), "7.2.1", (2024, 8, 22));
        assert_eq!(libyears(&newer), 0.0);
        assert!(!behind_major(&newer));
    }

    #[test]
    fn major_versions_are_read_from_semver_like_text() {
        assert_eq!(major("v12.4"), Some(12));
        assert_eq!(major("3"), Some(3));
        assert_eq!(major("2024-01"), Some(2024));
        assert_eq!(major("latest"), None);
        let not_semver = dep("latest", (2024, 1, 1), "2.0", (2024, 6, 1));
        assert!(!behind_major(&not_semver));
    }
}
