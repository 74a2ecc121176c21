//! The architecture overview and one page per system: what each costs to keep running, who
//! owns it, its health, and its libraries, debts and big projects.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::ratio;
use crate::pages::common::{SiteData, item_href};
use crate::pages::debt::DebtRow;
use crate::pages::initiatives::InitiativeRow;
use crate::words::narrate::{self, percent};

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
    /// `cost_recent` as a tile says it: two significant figures.
    spoken_recent: String,
    money_recent: String,
    /// How many sprints `cost_recent` averages over (the comparison window, or fewer).
    recent_sprints: usize,
    /// The big projects that replace it, as words ("Breaking up the storefront monolith"), or
    /// empty.
    replacement: String,
    /// What they spent per sprint so far, on average since their first work, in money (or in
    /// effort when the owner has no day cost), or empty.
    replacement_recent: String,
    upkeep_share: String,
    /// Its upkeep over a year, in money (or effort when no money is known): "about $660,000".
    upkeep_year: String,
    /// The people that upkeep takes: "about 4 of our 25 engineers".
    upkeep_people: String,
    libyears: String,
    behind_major: usize,
    dependencies: usize,
    oldest: String,
}

impl SiteData<'_> {
    /// One system's figures, as the overview and its own page show them.
    fn system_row(&self, index: usize, root: &str) -> SystemRow {
        let system = &self.ledger.systems[index];
        let account = &self.accounts.systems[index];
        let (owner, owner_href) = self.team_link(system.owner, root);
        let current = self
            .ledger
            .current
            .min(account.effort.len().saturating_sub(1));
        let recent: Vec<usize> = (0..=current).rev().take(self.accounts.window).collect();
        // The cost of ownership leaves out work on the big projects that replace the system.
        let average = ratio(
            recent.iter().map(|&s| account.to_own[s]).sum(),
            recent.len() as f64,
        );
        let day_cost = self.ledger.teams[system.owner].day_cost;
        let (replacement, replacement_recent) = self.replacement(index, current);
        SystemRow {
            id: system.id.clone(),
            name: system.name.clone(),
            href: item_href(root, "systems/", &system.id),
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
                .to_own
                .get(current)
                .map(|e| narrate::number(*e))
                .unwrap_or_default(),
            cost_recent: narrate::number(average),
            spoken_recent: narrate::spoken_number(average),
            money_recent: day_cost
                .map(|c| {
                    narrate::spoken_money(self.config, self.config.to_person_days(average) * c)
                })
                .unwrap_or_else(|| "unknown".into()),
            recent_sprints: recent.len(),
            replacement,
            replacement_recent,
            upkeep_share: account
                .upkeep_share
                .get(current)
                .copied()
                .flatten()
                .map(percent)
                .unwrap_or_else(|| "–".into()),
            upkeep_year: self.upkeep_year(index).0,
            upkeep_people: self.upkeep_year(index).1,
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

    /// A system's upkeep a year and in people (`accounts::yearly::system_yearly`); both empty
    /// when it had no upkeep recently (a tile of "0 a year, none of our engineers" says nothing).
    fn upkeep_year(&self, index: usize) -> (String, String) {
        let y =
            crate::accounts::yearly::system_yearly(self.config, self.ledger, self.accounts, index);
        if y.effort_per_year <= 0.0 {
            return (String::new(), String::new());
        }
        let amount = if y.cost_complete && y.cost_per_year > 0.0 {
            narrate::spoken_money(self.config, y.cost_per_year)
        } else {
            narrate::spoken_effort(self.config, y.effort_per_year)
        };
        let engineers = crate::accounts::yearly::engineers(self.ledger);
        (amount, crate::words::briefs::people_of(y.people, engineers))
    }

    /// The big projects that replace system `index`, in words, and what they spent per sprint
    /// so far (from their first recorded work to sprint `current`), at each project owner's
    /// day cost; empty when nothing replaces it.
    fn replacement(&self, index: usize, current: usize) -> (String, String) {
        let account = &self.accounts.systems[index];
        if account.replaced_by.is_empty() {
            return (String::new(), String::new());
        }
        let names: Vec<String> = account
            .replaced_by
            .iter()
            .map(|&i| self.ledger.initiatives[i].name.clone())
            .collect();
        let upto = &account.replacing[..(current + 1).min(account.replacing.len())];
        let Some(first) = upto.iter().position(|e| *e > 0.0) else {
            return (narrate::join_words(&names), String::new());
        };
        let average = ratio(upto[first..].iter().sum(), (upto.len() - first) as f64);
        let owner = self.ledger.initiatives[account.replaced_by[0]].owner;
        let spent = match self.ledger.teams[owner].day_cost {
            Some(cost) => {
                narrate::spoken_money(self.config, self.config.to_person_days(average) * cost)
            }
            None => narrate::spoken_effort(self.config, average),
        };
        (narrate::join_words(&names), spent)
    }

    /// The architecture overview: every system.
    pub(super) fn systems_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Systems");
        let rows: Vec<SystemRow> = (0..self.ledger.systems.len())
            .map(|s| self.system_row(s, root))
            .collect();
        context.insert("headline", &self.systems_headline());
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

    /// One system's page (by index into the ledger).
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
        let initiatives: Vec<InitiativeRow> = self.accounts.systems[index]
            .worked_on_by
            .iter()
            .map(|&i| self.initiative_row(i, root))
            .collect();
        context.insert("initiatives", &initiatives);
    }

    /// The system that causes the most upkeep work in the current sprint, in a sentence.
    fn systems_headline(&self) -> String {
        let share_now = |s: usize| {
            self.accounts.systems[s]
                .upkeep_share
                .get(self.ledger.current)
                .copied()
                .flatten()
        };
        let top = (0..self.ledger.systems.len()).max_by(|&a, &b| {
            let share = |s: usize| share_now(s).unwrap_or(0.0);
            share(a).total_cmp(&share(b)).then(b.cmp(&a))
        });
        match top {
            Some(s) => format!(
                "{} causes {} of all keeping-the-lights-on work: the biggest upkeep bill of any system.",
                self.ledger.systems[s].name,
                share_now(s).map(percent).unwrap_or_else(|| "none".into())
            ),
            None => "No systems are defined.".into(),
        }
    }
}
