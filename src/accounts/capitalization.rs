//! Capitalization: which work builds an asset (capitalized) and which is a running cost
//! (expensed), per sprint, per calendar month and per initiative, with straight-line
//! amortization once the software is in service.
//!
//! A row whose initiative sets `capitalizable` follows it within the window from `cap_start`
//! to `in_service` (work before funding is committed, or after the software is in service, is
//! an expense). Any other row follows its category's default; an uncategorized row is expensed.
//! The classification is for discussion with the auditor, and every figure traces to its rows.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::load::config::Config;
use crate::load::ledger::{Ledger, Sprint, WorkRow};

/// Why a row was capitalized or expensed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Its initiative is capitalizable and the sprint is inside the window.
    InWindow,
    /// Its initiative is capitalizable, but funding was not yet committed.
    BeforeCapStart,
    /// Its initiative is capitalizable, but the software was already in service.
    InService,
    /// Its initiative is marked not capitalizable.
    InitiativeNotCapitalizable,
    /// Its category's default.
    CategoryDefault,
    /// Uncategorized work is expensed.
    Uncategorized,
}

impl Rule {
    /// The rule in words, for the CSV export.
    pub fn explain(self) -> &'static str {
        match self {
            Self::InWindow => "initiative capitalizable; sprint inside its capitalization window",
            Self::BeforeCapStart => {
                "initiative capitalizable, but the sprint starts before cap_start: expensed"
            }
            Self::InService => "initiative capitalizable, but already in service: expensed",
            Self::InitiativeNotCapitalizable => "initiative marked not capitalizable: expensed",
            Self::CategoryDefault => "the category's default",
            Self::Uncategorized => "uncategorized work is expensed",
        }
    }
}

/// Capitalized and expensed amounts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Split {
    /// Capitalized effort.
    pub capitalized: f64,
    /// Expensed effort.
    pub expensed: f64,
    /// Capitalized cost, of the rows whose team has a day cost.
    pub capitalized_cost: f64,
    /// Expensed cost, of the rows whose team has a day cost.
    pub expensed_cost: f64,
    /// Whether some rows have no cost (their team has no day cost), so costs are partial.
    pub cost_missing: bool,
}

impl Split {
    fn add(&mut self, capitalized: bool, effort: f64, cost: Option<f64>) {
        if cost.is_none() && effort > 0.0 {
            self.cost_missing = true;
        }
        if capitalized {
            self.capitalized += effort;
            self.capitalized_cost += cost.unwrap_or(0.0);
        } else {
            self.expensed += effort;
            self.expensed_cost += cost.unwrap_or(0.0);
        }
    }
}

/// One row's classification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowClass {
    /// Sprint index.
    pub sprint: usize,
    /// Row index within the sprint.
    pub row: usize,
    /// Capitalized or not.
    pub capitalized: bool,
    /// Why.
    pub rule: Rule,
    /// Cost of the row, when its team has a day cost.
    pub cost: Option<f64>,
}

/// One month of an amortization schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Amortization {
    /// `YYYY-MM`.
    pub month: String,
    /// The month's charge, in money.
    pub cost: f64,
    /// The month's charge, in effort.
    pub effort: f64,
}

/// The capitalization accounts of the whole site.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Capitalization {
    /// Every work row's classification, in sprint and row order.
    pub rows: Vec<RowClass>,
    /// Per sprint (index).
    pub sprints: Vec<Split>,
    /// Per calendar month `YYYY-MM`, a sprint's effort split over months by working days.
    pub months: BTreeMap<String, Split>,
    /// Per initiative (index).
    pub initiatives: Vec<Split>,
    /// Straight-line amortization per initiative in service (index → schedule).
    pub schedules: BTreeMap<usize, Vec<Amortization>>,
    /// Teams whose rows have no cost because they have no day cost.
    pub teams_without_cost: BTreeSet<usize>,
}

/// Classifies one row.
pub fn classify(config: &Config, ledger: &Ledger, sprint: &Sprint, row: &WorkRow) -> (bool, Rule) {
    if let Some(initiative) = row.initiative.map(|i| &ledger.initiatives[i])
        && let Some(capitalizable) = initiative.capitalizable
    {
        if !capitalizable {
            return (false, Rule::InitiativeNotCapitalizable);
        }
        if initiative
            .cap_start
            .is_some_and(|start| sprint.start < start)
        {
            return (false, Rule::BeforeCapStart);
        }
        if initiative
            .in_service
            .is_some_and(|in_service| sprint.start >= in_service)
        {
            return (false, Rule::InService);
        }
        return (true, Rule::InWindow);
    }
    match config.categories.get(row.category) {
        Some(category) => (category.capitalizable, Rule::CategoryDefault),
        None => (false, Rule::Uncategorized),
    }
}

/// Each month's share of a sprint's working days (weekdays), in month order.
pub fn month_shares(sprint: &Sprint) -> Vec<(String, f64)> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    let mut day: Date = sprint.start.0;
    while day <= sprint.end.0 {
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            *counts.entry(month_key(day)).or_default() += 1;
        }
        match day.checked_add(1.day()) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    let total: u32 = counts.values().sum();
    if total == 0 {
        return vec![(month_key(sprint.start.0), 1.0)];
    }
    counts
        .into_iter()
        .map(|(month, count)| (month, f64::from(count) / f64::from(total)))
        .collect()
}

fn month_key(day: Date) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// Computes the capitalization accounts.
pub fn accounts(config: &Config, ledger: &Ledger) -> Capitalization {
    let mut result = Capitalization {
        sprints: vec![Split::default(); ledger.sprints.len()],
        initiatives: vec![Split::default(); ledger.initiatives.len()],
        ..Capitalization::default()
    };
    for (s, sprint) in ledger.sprints.iter().enumerate() {
        let shares = month_shares(sprint);
        for (r, row) in sprint.work.iter().enumerate() {
            let (capitalized, rule) = classify(config, ledger, sprint, row);
            let day_cost = ledger.teams[row.team].day_cost;
            let cost = day_cost.map(|c| config.to_person_days(row.effort) * c);
            if cost.is_none() && row.effort > 0.0 {
                result.teams_without_cost.insert(row.team);
            }
            result.sprints[s].add(capitalized, row.effort, cost);
            if let Some(i) = row.initiative {
                result.initiatives[i].add(capitalized, row.effort, cost);
            }
            for (month, share) in &shares {
                result.months.entry(month.clone()).or_default().add(
                    capitalized,
                    row.effort * share,
                    cost.map(|c| c * share),
                );
            }
            result.rows.push(RowClass {
                sprint: s,
                row: r,
                capitalized,
                rule,
                cost,
            });
        }
    }
    for (i, initiative) in ledger.initiatives.iter().enumerate() {
        let (Some(in_service), Some(life)) = (initiative.in_service, initiative.useful_life_months)
        else {
            continue;
        };
        let split = result.initiatives[i];
        if split.capitalized <= 0.0 {
            continue;
        }
        let life = life.max(1);
        let mut month = in_service.0.first_of_month();
        let mut schedule = Vec::with_capacity(life as usize);
        for _ in 0..life {
            schedule.push(Amortization {
                month: month_key(month),
                cost: split.capitalized_cost / f64::from(life),
                effort: split.capitalized / f64::from(life),
            });
            match month.checked_add(1.month()) {
                Ok(next) => month = next,
                Err(_) => break,
            }
        }
        result.schedules.insert(i, schedule);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::load::ledger::LedgerSources;
    use jiff::civil::date;

    #[test]
    fn a_sprint_crossing_two_months_splits_by_working_days() {
        // Mon 2026-09-21 to Fri 2026-10-02: 8 weekdays in September, 2 in October.
        let shares = month_shares(&Sprint::empty(date(2026, 9, 21), date(2026, 10, 2)));
        assert_eq!(
            shares,
            vec![("2026-09".to_string(), 0.8), ("2026-10".to_string(), 0.2)]
        );
    }

    fn site(initiative_extra: &str) -> (Config, Ledger) {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let teams = "[[team]]\nid = \"a\"\nname = \"A\"\npeople = 5\nday_cost = 100\n[[team]]\nid = \"b\"\nname = \"B\"\npeople = 1\n";
        let initiatives = format!(
            "[[initiative]]\nid = \"x\"\nname = \"X\"\ncategory = \"ktlo\"\nowner = \"a\"\nstart = 2026-01-05\nscope = 10\n{initiative_extra}"
        );
        let row = |team: &str, category: &str, initiative: bool| {
            format!(
                "[[work]]\nteam = \"{team}\"\ncategory = \"{category}\"\neffort = 10\n{}",
                if initiative {
                    "initiative = \"x\"\n"
                } else {
                    ""
                }
            )
        };
        let s1 = format!(
            "id = \"S1\"\nstart = 2026-01-05\nend = 2026-01-16\n{}{}{}",
            row("a", "new", true),
            row("a", "new", false),
            row("b", "ktlo", false)
        );
        let s2 = format!(
            "id = \"S2\"\nstart = 2026-01-19\nend = 2026-01-30\n{}",
            row("a", "new", true)
        );
        let s3 = format!(
            "id = \"S3\"\nstart = 2026-02-02\nend = 2026-02-13\n{}",
            row("a", "new", true)
        );
        let ledger = Ledger::check_sources(
            &config,
            LedgerSources {
                teams: Some(SourceFile::new("teams.toml", teams)),
                sprints: vec![
                    SourceFile::new("s1.toml", s1),
                    SourceFile::new("s2.toml", s2),
                    SourceFile::new("s3.toml", s3),
                ],
                initiatives: Some(SourceFile::new("i.toml", initiatives)),
                ..LedgerSources::default()
            },
        )
        .unwrap();
        (config, ledger)
    }

    #[test]
    fn rows_follow_the_initiative_window_else_the_category() {
        let (config, ledger) = site(
            "capitalizable = true\ncap_start = 2026-01-19\nin_service = 2026-02-01\nuseful_life_months = 4\n",
        );
        let cap = accounts(&config, &ledger);
        let rules: Vec<(bool, Rule)> = cap.rows.iter().map(|r| (r.capitalized, r.rule)).collect();
        assert_eq!(
            rules,
            vec![
                // S1: before funding was committed, even though `new` is capitalizable.
                (false, Rule::BeforeCapStart),
                // No initiative: the category `new` is capitalizable by default.
                (true, Rule::CategoryDefault),
                // `ktlo` is not.
                (false, Rule::CategoryDefault),
                // S2: inside the window.
                (true, Rule::InWindow),
                // S3 starts after the software went into service.
                (false, Rule::InService),
            ]
        );
        assert_eq!(
            cap.sprints[0],
            Split {
                capitalized: 10.0,
                expensed: 20.0,
                capitalized_cost: 1000.0,
                expensed_cost: 1000.0,
                cost_missing: true
            }
        );
        assert_eq!(cap.initiatives[0].capitalized, 10.0);
        assert_eq!(cap.initiatives[0].expensed, 20.0);
        assert!(cap.teams_without_cost.contains(&1));
        // 1,000 capitalized, amortized over 4 months from February 2026.
        let schedule = &cap.schedules[&0];
        assert_eq!(schedule.len(), 4);
        assert_eq!(
            schedule[0],
            Amortization {
                month: "2026-02".into(),
                cost: 250.0,
                effort: 2.5
            }
        );
        assert_eq!(schedule[3].month, "2026-05");
        assert_eq!(cap.months["2026-01"].capitalized, 20.0);
    }

    #[test]
    fn an_initiative_without_the_flag_follows_the_category() {
        let (config, ledger) = site("");
        let cap = accounts(&config, &ledger);
        assert_eq!(cap.rows[0].rule, Rule::CategoryDefault);
        assert!(cap.rows[0].capitalized);
        assert!(cap.schedules.is_empty());
    }
}
