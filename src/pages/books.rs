//! The pages of the books: initiatives, systems, dependencies, the debt ledger, capitalization,
//! targets and data quality.

use serde::Serialize;
use tera::Context;

use super::{PageJob, PageKind, SiteData, sprint_address};
use crate::accounts::{
    horizon::Beyond,
    ratio,
    systems::{behind_major, libyears},
};
use crate::charts::{forecast_sentence, month_label, month_year};
use crate::load::config::Config;
use crate::load::ledger::{DebtStatus, Ledger};
use crate::words::narrate::{self, capitalize, join_words, percent};

/// The pages of the books that the data calls for.
pub fn plan(config: &Config, ledger: &Ledger) -> Vec<PageJob> {
    let mut jobs = Vec::new();
    let page = |address: String, kind| PageJob { address, kind };
    if !ledger.initiatives.is_empty() {
        jobs.push(page("initiatives/".into(), PageKind::Initiatives));
        jobs.extend(
            ledger
                .initiatives
                .iter()
                .enumerate()
                .map(|(i, x)| page(format!("initiatives/{}/", x.id), PageKind::Initiative(i))),
        );
    }
    if !ledger.systems.is_empty() {
        jobs.push(page("systems/".into(), PageKind::Systems));
        jobs.extend(
            ledger
                .systems
                .iter()
                .enumerate()
                .map(|(i, x)| page(format!("systems/{}/", x.id), PageKind::System(i))),
        );
        if ledger.systems.iter().any(|s| !s.dependencies.is_empty()) {
            jobs.push(page("dependencies/".into(), PageKind::Dependencies));
        }
    }
    if !ledger.debts.is_empty() {
        jobs.push(page("debt/".into(), PageKind::Debt));
    }
    let capitalizable = config.categories.iter().any(|c| c.capitalizable)
        || ledger.initiatives.iter().any(|i| i.capitalizable.is_some());
    if capitalizable && !ledger.sprints.is_empty() {
        jobs.push(page("capitalization/".into(), PageKind::Capitalization));
    }
    jobs
}

/// Navigation entries of the books that exist: (label, address).
pub fn nav_entries(config: &Config, ledger: &Ledger) -> Vec<(String, String)> {
    plan(config, ledger)
        .into_iter()
        .filter_map(|job| {
            let label = match job.kind {
                PageKind::Initiatives => "Big projects",
                PageKind::Systems => "Systems",
                PageKind::Debt => "Tech debt",
                PageKind::Capitalization => "Capitalization",
                _ => return None,
            };
            Some((label.to_string(), job.address))
        })
        .collect()
}

#[derive(Serialize)]
struct InitiativeRow {
    id: String,
    name: String,
    href: String,
    why: String,
    owner: String,
    owner_href: String,
    category: String,
    color: String,
    done: String,
    scope: String,
    progress: String,
    pace: String,
    forecast: String,
    target: String,
    status: String,
    status_class: String,
    sentence: String,
}

#[derive(Serialize)]
struct DependencyRow {
    system: String,
    system_href: String,
    name: String,
    ecosystem: String,
    version: String,
    released: String,
    latest: String,
    latest_released: String,
    libyears: String,
    behind_major: bool,
}

#[derive(Serialize)]
struct SystemRow {
    id: String,
    name: String,
    href: String,
    explain: String,
    owner: String,
    owner_href: String,
    lifecycle: String,
    lifecycle_explain: String,
    health: String,
    health_note: String,
    cost_now: String,
    cost_recent: String,
    money_recent: String,
    upkeep_share: String,
    libyears: String,
    behind_major: usize,
    dependencies: usize,
    oldest: String,
}

#[derive(Serialize)]
struct DebtRow {
    id: String,
    title: String,
    system: String,
    system_href: String,
    explain: String,
    principal: String,
    interest: String,
    payback: String,
    break_even: String,
    since: String,
    status: String,
    intentional: bool,
    sentence: String,
    initiative: Option<(String, String)>,
}

#[derive(Serialize)]
struct SplitRow {
    label: String,
    href: String,
    capitalized: String,
    expensed: String,
    capitalized_cost: String,
    expensed_cost: String,
    share: String,
}

#[derive(Serialize)]
struct ScheduleView {
    initiative: String,
    href: String,
    in_service: String,
    months: u32,
    monthly_cost: String,
    total_cost: String,
    rows: Vec<(String, String, String)>,
}

/// What the numbers leave out, shown on the home page and each sprint page.
#[derive(Serialize)]
pub struct QualityView {
    sprint: String,
    uncategorized: String,
    without_system: String,
    without_initiative: String,
    teams_without_work: Vec<String>,
    teams_without_capacity: Vec<String>,
    sprints_without_capacity: Vec<String>,
}

impl SiteData<'_> {
    fn unit(&self, value: f64) -> String {
        narrate::effort(self.config, value)
    }

    fn team_link(&self, team: usize, root: &str) -> (String, String) {
        let team = &self.ledger.teams[team];
        (
            team.name.clone(),
            format!("{root}teams/{}/index.html", team.id),
        )
    }

    fn initiative_row(&self, index: usize, root: &str) -> InitiativeRow {
        let initiative = &self.ledger.initiatives[index];
        let account = &self.accounts.initiatives[index];
        let (owner, owner_href) = self.team_link(initiative.owner, root);
        let forecast = match (account.earliest, account.latest) {
            _ if account.status == crate::accounts::Status::Done => "done".to_string(),
            (None, _) if account.beyond_horizon.earliest => account
                .beyond_horizon
                .why
                .map_or_else(|| "–".to_string(), Beyond::words),
            (Some(e), Some(l)) if month_year(e) == month_year(l) => month_year(e),
            (Some(e), Some(l)) => format!("{} – {}", month_year(e), month_year(l)),
            (Some(e), None) => format!("{} or later", month_year(e)),
            _ => "–".to_string(),
        };
        InitiativeRow {
            id: initiative.id.clone(),
            name: initiative.name.clone(),
            href: format!("{root}initiatives/{}/index.html", initiative.id),
            why: initiative.why.clone(),
            owner,
            owner_href,
            category: self.config.category_label(initiative.category).to_string(),
            color: self.config.category_color(initiative.category).to_string(),
            done: narrate::number(account.done),
            scope: narrate::number(account.scope),
            progress: percent(ratio(account.done, account.scope).min(1.0)),
            pace: account
                .pace
                .map(narrate::number)
                .unwrap_or_else(|| "–".into()),
            forecast,
            target: initiative
                .target
                .map(month_year)
                .unwrap_or_else(|| "none".into()),
            status: account.status.as_str().to_string(),
            status_class: account.status.as_str().replace(' ', "-"),
            sentence: forecast_sentence(&self.books(), index),
        }
    }

    fn books(&self) -> crate::charts::Books<'_> {
        crate::charts::Books {
            config: self.config,
            ledger: self.ledger,
            accounts: self.accounts,
        }
    }

    pub(super) fn initiatives_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Big projects");
        let rows: Vec<InitiativeRow> = (0..self.ledger.initiatives.len())
            .map(|i| self.initiative_row(i, root))
            .collect();
        let worrying: Vec<String> = rows
            .iter()
            .filter(|r| r.status == "late" || r.status == "at risk")
            .map(|r| format!("{} ({})", r.name, r.status))
            .collect();
        let headline = if worrying.is_empty() {
            format!("All {} big projects are on track or done.", rows.len())
        } else {
            format!(
                "{} of {} big projects need attention: {}.",
                worrying.len(),
                rows.len(),
                join_words(&worrying)
            )
        };
        context.insert("headline", &headline);
        context.insert("initiatives", &rows);
    }

    pub(super) fn initiative_page(&self, index: usize, context: &mut Context, root: &str) {
        let initiative = &self.ledger.initiatives[index];
        context.insert("title", &initiative.name);
        context.insert("initiative", &self.initiative_row(index, root));
        let split = self.accounts.capitalization.initiatives[index];
        let rule = match initiative.capitalizable {
            Some(true) => format!(
                "Capitalizable from {}{}.",
                initiative
                    .cap_start
                    .map(|d| d.iso())
                    .unwrap_or_else(|| "its start".into()),
                initiative
                    .in_service
                    .map(|d| format!(" until it went into service on {}", d.iso()))
                    .unwrap_or_default()
            ),
            Some(false) => "Marked not capitalizable: all its work is expensed.".into(),
            None => format!(
                "Follows its category's rule: {} work is {}.",
                self.config
                    .category_label(initiative.category)
                    .to_lowercase(),
                if self.config.categories[initiative.category].capitalizable {
                    "capitalizable"
                } else {
                    "expensed"
                }
            ),
        };
        context.insert("cap_rule", &rule);
        context.insert(
            "cap_split",
            &self.split_row(initiative.name.clone(), String::new(), split),
        );
        let debts: Vec<DebtRow> = (0..self.ledger.debts.len())
            .filter(|&d| self.ledger.debts[d].initiative == Some(index))
            .map(|d| self.debt_row(d, root))
            .collect();
        context.insert("debts", &debts);
        context.insert("schedule", &self.schedule(index, root));
    }

    fn system_row(&self, index: usize, root: &str) -> SystemRow {
        let system = &self.ledger.systems[index];
        let account = &self.accounts.systems[index];
        let (owner, owner_href) = self.team_link(system.owner, root);
        let current = self
            .ledger
            .current
            .min(account.effort.len().saturating_sub(1));
        let recent: Vec<usize> = (0..=current)
            .rev()
            .take(crate::accounts::RECENT_SPRINTS)
            .collect();
        let average = ratio(
            recent.iter().map(|&s| account.effort[s]).sum(),
            recent.len() as f64,
        );
        let day_cost = self.ledger.teams[system.owner].day_cost;
        SystemRow {
            id: system.id.clone(),
            name: system.name.clone(),
            href: format!("{root}systems/{}/index.html", system.id),
            explain: system.explain.clone(),
            owner,
            owner_href,
            lifecycle: system.lifecycle.as_str().to_string(),
            lifecycle_explain: system.lifecycle.explain().to_string(),
            health: system
                .health
                .map(|h| h.as_str().to_string())
                .unwrap_or_else(|| "not judged".into()),
            health_note: system.health_note.clone(),
            cost_now: account
                .effort
                .get(current)
                .map(|e| narrate::number(*e))
                .unwrap_or_default(),
            cost_recent: narrate::number(average),
            money_recent: day_cost
                .map(|c| narrate::money(self.config, self.config.to_person_days(average) * c))
                .unwrap_or_else(|| "unknown".into()),
            upkeep_share: account
                .upkeep_share
                .get(current)
                .copied()
                .flatten()
                .map(percent)
                .unwrap_or_else(|| "–".into()),
            libyears: narrate::number(account.libyears),
            behind_major: account.behind_major,
            dependencies: system.dependencies.len(),
            oldest: account
                .oldest
                .as_ref()
                .map(|(name, years)| format!("{name}, {} years behind", narrate::number(*years)))
                .unwrap_or_default(),
        }
    }

    pub(super) fn systems_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Systems");
        let rows: Vec<SystemRow> = (0..self.ledger.systems.len())
            .map(|s| self.system_row(s, root))
            .collect();
        let top = (0..self.ledger.systems.len()).max_by(|&a, &b| {
            let share = |s: usize| {
                self.accounts.systems[s]
                    .upkeep_share
                    .get(self.ledger.current)
                    .copied()
                    .flatten()
                    .unwrap_or(0.0)
            };
            share(a).total_cmp(&share(b)).then(b.cmp(&a))
        });
        let headline = match top {
            Some(s) => format!(
                "{} causes {} of all keeping-the-lights-on work: the biggest upkeep bill of any system.",
                self.ledger.systems[s].name,
                self.accounts.systems[s]
                    .upkeep_share
                    .get(self.ledger.current)
                    .copied()
                    .flatten()
                    .map(percent)
                    .unwrap_or_else(|| "none".into())
            ),
            None => "No systems are defined.".into(),
        };
        context.insert("headline", &headline);
        context.insert("systems", &rows);
        context.insert(
            "has_dependencies",
            &self
                .ledger
                .systems
                .iter()
                .any(|s| !s.dependencies.is_empty()),
        );
    }

    fn dependency_rows(&self, system: Option<usize>, root: &str) -> Vec<DependencyRow> {
        let mut rows: Vec<(f64, DependencyRow)> = Vec::new();
        for (index, s) in self.ledger.systems.iter().enumerate() {
            if system.is_some_and(|only| only != index) {
                continue;
            }
            for d in &s.dependencies {
                rows.push((
                    libyears(d),
                    DependencyRow {
                        system: s.name.clone(),
                        system_href: format!("{root}systems/{}/index.html", s.id),
                        name: d.name.clone(),
                        ecosystem: d.ecosystem.clone().unwrap_or_default(),
                        version: d.version.clone(),
                        released: d.released.iso(),
                        latest: d.latest.clone(),
                        latest_released: d.latest_released.iso(),
                        libyears: narrate::number(libyears(d)),
                        behind_major: behind_major(d),
                    },
                ));
            }
        }
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        rows.into_iter().map(|(_, r)| r).collect()
    }

    pub(super) fn system_page(&self, index: usize, context: &mut Context, root: &str) {
        let system = &self.ledger.systems[index];
        context.insert("title", &system.name);
        context.insert("system", &self.system_row(index, root));
        context.insert("dependencies", &self.dependency_rows(Some(index), root));
        let debts: Vec<DebtRow> = (0..self.ledger.debts.len())
            .filter(|&d| self.ledger.debts[d].system == index)
            .map(|d| self.debt_row(d, root))
            .collect();
        context.insert("debts", &debts);
        let initiatives: Vec<InitiativeRow> = (0..self.ledger.initiatives.len())
            .filter(|&i| {
                self.ledger.sprints.iter().any(|s| {
                    s.work
                        .iter()
                        .any(|r| r.initiative == Some(i) && r.system == Some(index))
                })
            })
            .map(|i| self.initiative_row(i, root))
            .collect();
        context.insert("initiatives", &initiatives);
    }

    pub(super) fn dependencies_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Dependency freshness");
        context.insert("dependencies", &self.dependency_rows(None, root));
        let behind: usize = self.accounts.systems.iter().map(|s| s.behind_major).sum();
        let total: f64 = self.accounts.systems.iter().map(|s| s.libyears).sum();
        context.insert(
            "headline",
            &format!(
                "Our systems' libraries are {} years behind their newest versions, added up; {} {} at least one major version behind.",
                narrate::number(total),
                behind,
                if behind == 1 { "is" } else { "are" }
            ),
        );
    }

    fn debt_row(&self, index: usize, root: &str) -> DebtRow {
        let debt = &self.ledger.debts[index];
        let account = &self.accounts.debts[index];
        let system = &self.ledger.systems[debt.system];
        let sentence = match (debt.status, account.payback_sprints) {
            (DebtStatus::Paid, _) => "Paid off.".to_string(),
            (_, Some(sprints)) => format!(
                "We lose about {} every sprint to this; fixing it costs about {}, so it pays for itself in about {} sprints.",
                self.unit(debt.interest),
                narrate::number(debt.principal),
                narrate::number(sprints.ceil())
            ),
            (_, None) => match account.beyond_horizon {
                Some(why) => format!(
                    "We lose about {} every sprint to this; fixing it costs about {}, so at this rate it does not pay for itself {}.",
                    self.unit(debt.interest),
                    narrate::number(debt.principal),
                    why.limit()
                ),
                None => format!(
                    "It costs no time every sprint today; fixing it costs about {}. It is a risk rather than a running cost.",
                    self.unit(debt.principal)
                ),
            },
        };
        let beyond = account.beyond_horizon.map(Beyond::words);
        DebtRow {
            id: debt.id.clone(),
            title: debt.title.clone(),
            system: system.name.clone(),
            system_href: format!("{root}systems/{}/index.html", system.id),
            explain: debt.explain.clone(),
            principal: narrate::number(debt.principal),
            interest: narrate::number(debt.interest),
            payback: account
                .payback_sprints
                .map(|p| narrate::number(p.ceil()))
                .or_else(|| beyond.clone())
                .unwrap_or_else(|| "never".into()),
            break_even: account
                .break_even
                .map(month_year)
                .or(beyond.filter(|_| debt.status != DebtStatus::Paid))
                .unwrap_or_else(|| "–".into()),
            since: debt.since.iso(),
            status: debt.status.as_str().to_string(),
            intentional: debt.intentional,
            sentence,
            initiative: debt.initiative.map(|i| {
                let initiative = &self.ledger.initiatives[i];
                (
                    initiative.name.clone(),
                    format!("{root}initiatives/{}/index.html", initiative.id),
                )
            }),
        }
    }

    pub(super) fn debt_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Tech debt");
        let mut order: Vec<usize> = (0..self.ledger.debts.len()).collect();
        // Sorted by payback: the quickest win first; paybacks beyond the horizon, then items
        // that cost nothing, then paid ones last.
        let key = |i: usize| {
            let paid = self.ledger.debts[i].status == DebtStatus::Paid;
            let account = &self.accounts.debts[i];
            let beyond = account.beyond_horizon.map(|_| f64::MAX);
            (
                paid,
                account.payback_sprints.or(beyond).unwrap_or(f64::INFINITY),
            )
        };
        order.sort_by(|&a, &b| {
            let (pa, ka) = key(a);
            let (pb, kb) = key(b);
            pa.cmp(&pb).then(ka.total_cmp(&kb)).then(a.cmp(&b))
        });
        let rows: Vec<DebtRow> = order.into_iter().map(|i| self.debt_row(i, root)).collect();
        let totals = &self.accounts.debt_totals;
        context.insert(
            "headline",
            &format!(
                "Tech debt costs us about {} every sprint; paying off all of it would take about {}.",
                self.unit(totals.interest),
                self.unit(totals.principal)
            ),
        );
        context.insert("debts", &rows);
    }

    fn split_row(
        &self,
        label: String,
        href: String,
        split: crate::accounts::capitalization::Split,
    ) -> SplitRow {
        SplitRow {
            label,
            href,
            capitalized: narrate::number(split.capitalized),
            expensed: narrate::number(split.expensed),
            capitalized_cost: self.partial_money(split.capitalized_cost, split.cost_missing),
            expensed_cost: self.partial_money(split.expensed_cost, split.cost_missing),
            share: percent(ratio(split.capitalized, split.capitalized + split.expensed)),
        }
    }

    /// Money that may be partial: "unknown" when nothing is known, a `*` when some is missing.
    fn partial_money(&self, amount: f64, missing: bool) -> String {
        match (amount > 0.0, missing) {
            (false, true) => "unknown".to_string(),
            (true, true) => format!("{}*", narrate::money(self.config, amount)),
            _ => narrate::money(self.config, amount),
        }
    }

    fn schedule(&self, index: usize, root: &str) -> Option<ScheduleView> {
        let rows = self.accounts.capitalization.schedules.get(&index)?;
        let initiative = &self.ledger.initiatives[index];
        let split = self.accounts.capitalization.initiatives[index];
        Some(ScheduleView {
            initiative: initiative.name.clone(),
            href: format!("{root}initiatives/{}/index.html", initiative.id),
            in_service: initiative.in_service.map(|d| d.iso()).unwrap_or_default(),
            months: rows.len() as u32,
            monthly_cost: rows
                .first()
                .map(|r| narrate::money(self.config, r.cost))
                .unwrap_or_default(),
            total_cost: narrate::money(self.config, split.capitalized_cost),
            rows: rows
                .iter()
                .map(|r| {
                    (
                        month_label(&r.month),
                        narrate::money(self.config, r.cost),
                        narrate::number(r.effort),
                    )
                })
                .collect(),
        })
    }

    pub(super) fn capitalization_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Capitalization");
        let cap = &self.accounts.capitalization;
        let sprints: Vec<SplitRow> = self
            .ledger
            .sprints
            .iter()
            .zip(&cap.sprints)
            .rev()
            .map(|(s, split)| {
                self.split_row(
                    s.id.clone(),
                    format!("{root}{}index.html", sprint_address(s)),
                    *split,
                )
            })
            .collect();
        let months: Vec<SplitRow> = cap
            .months
            .iter()
            .rev()
            .map(|(m, split)| self.split_row(month_label(m), String::new(), *split))
            .collect();
        let initiatives: Vec<SplitRow> = self
            .ledger
            .initiatives
            .iter()
            .zip(&cap.initiatives)
            .map(|(i, split)| {
                self.split_row(
                    i.name.clone(),
                    format!("{root}initiatives/{}/index.html", i.id),
                    *split,
                )
            })
            .collect();
        let schedules: Vec<ScheduleView> = cap
            .schedules
            .keys()
            .filter_map(|&i| self.schedule(i, root))
            .collect();
        let missing: Vec<String> = cap
            .teams_without_cost
            .iter()
            .map(|&t| self.ledger.teams[t].name.clone())
            .collect();
        let total_cap: f64 = cap.sprints.iter().map(|s| s.capitalized).sum();
        let total: f64 = cap.sprints.iter().map(|s| s.capitalized + s.expensed).sum();
        let cost_cap: f64 = cap.sprints.iter().map(|s| s.capitalized_cost).sum();
        context.insert(
            "headline",
            &format!(
                "{} of engineering effort over these {} sprints built assets that can be capitalized: {} of the cost we can count.",
                capitalize(&percent(ratio(total_cap, total))),
                self.ledger.sprints.len(),
                narrate::spoken_money(self.config, cost_cap)
            ),
        );
        context.insert("cap_sprints", &sprints);
        context.insert("cap_months", &months);
        context.insert("cap_initiatives", &initiatives);
        context.insert("schedules", &schedules);
        context.insert("teams_without_cost", &missing);
        context.insert("rows_csv", &format!("{root}data/capitalization-rows.csv"));
    }

    /// The data-quality panel for a sprint: what share of effort lacks a category, a system or
    /// an initiative, and which teams sent no rows or no capacity.
    pub(super) fn quality(&self, sprint: usize) -> QualityView {
        let account = &self.accounts.sprints[sprint];
        let names = |teams: &[usize]| -> Vec<String> {
            teams
                .iter()
                .map(|&t| self.ledger.teams[t].name.clone())
                .collect()
        };
        QualityView {
            sprint: self.ledger.sprints[sprint].id.clone(),
            uncategorized: percent(account.share(self.config.uncategorized_slot())),
            without_system: percent(ratio(account.effort_without_system, account.effort)),
            without_initiative: percent(ratio(account.effort_without_initiative, account.effort)),
            teams_without_work: names(&account.teams_without_work),
            teams_without_capacity: names(&account.teams_without_capacity),
            sprints_without_capacity: self
                .ledger
                .sprints
                .iter()
                .zip(&self.accounts.sprints)
                .filter(|(_, a)| a.capacity.is_none())
                .map(|(s, _)| s.id.clone())
                .collect(),
        }
    }
}

/// The rows behind the capitalization page, with the rule applied to each, as CSV.
pub fn capitalization_csv(
    config: &Config,
    ledger: &Ledger,
    accounts: &crate::accounts::Accounts,
) -> String {
    use crate::charts::{format_csv_number, guard_csv_cell};
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "sprint",
        "sprint_start",
        "team",
        "title",
        "ref",
        "category",
        "initiative",
        "effort",
        "cost",
        "treatment",
        "rule",
    ]);
    for class in &accounts.capitalization.rows {
        let sprint = &ledger.sprints[class.sprint];
        let row = &sprint.work[class.row];
        let record = [
            sprint.id.clone(),
            sprint.start.iso(),
            ledger.teams[row.team].id.clone(),
            row.title.clone().unwrap_or_default(),
            row.reference.clone().unwrap_or_default(),
            config.category_id(row.category).to_string(),
            row.initiative
                .map(|i| ledger.initiatives[i].id.clone())
                .unwrap_or_default(),
            format_csv_number(row.effort),
            class.cost.map(format_csv_number).unwrap_or_default(),
            if class.capitalized {
                "capitalized"
            } else {
                "expensed"
            }
            .to_string(),
            class.rule.explain().to_string(),
        ];
        let _ = writer.write_record(record.iter().map(|c| guard_csv_cell(c)));
    }
    writer
        .into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
