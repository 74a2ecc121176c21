//! The tech-debt ledger: each debt's principal (what fixing it costs), interest (what it costs
//! every sprint) and payback, the quickest win first.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::horizon::Beyond;
use crate::charts::month_year;
use crate::load::ledger::DebtStatus;
use crate::pages::common::{SiteData, item_href};
use crate::words::narrate;

#[derive(Serialize)]
pub(super) struct DebtRow {
    id: String,
    title: String,
    system: String,
    system_href: String,
    explain: String,
    principal: String,
    interest: String,
    /// The interest over a year, with its money when the system's owner has a day cost.
    interest_year: String,
    payback: String,
    break_even: String,
    since: String,
    status: String,
    intentional: bool,
    sentence: String,
    initiative: Option<(String, String)>,
}

impl SiteData<'_> {
    /// "65, $49,400": a debt's interest over a year, in effort and in money when known.
    fn interest_year(&self, index: usize) -> String {
        let (y, cost) = crate::accounts::yearly::interest_yearly(
            self.config,
            self.ledger,
            self.accounts,
            index,
        );
        match cost {
            Some(_) => format!(
                "{}, {}",
                narrate::number(y.effort_per_year),
                narrate::money(self.config, y.cost_per_year)
            ),
            None => narrate::number(y.effort_per_year),
        }
    }

    /// One debt's figures, as the ledger and the pages of its system and project show them.
    pub(super) fn debt_row(&self, index: usize, root: &str) -> DebtRow {
        let debt = &self.ledger.debts[index];
        let account = &self.accounts.debt.items[index];
        let system = &self.ledger.systems[debt.system];
        let beyond = account.beyond_horizon.map(Beyond::words);
        DebtRow {
            id: debt.id.clone(),
            title: debt.title.clone(),
            system: system.name.clone(),
            system_href: item_href(root, "systems/", &system.id),
            explain: debt.explain.clone(),
            principal: narrate::number(debt.principal),
            interest: narrate::number(debt.interest),
            interest_year: self.interest_year(index),
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
            sentence: self.debt_sentence(index),
            initiative: debt.initiative.map(|i| {
                let initiative = &self.ledger.initiatives[i];
                (
                    initiative.name.clone(),
                    item_href(root, "initiatives/", &initiative.id),
                )
            }),
        }
    }

    /// What a debt costs and when fixing it pays off, in a sentence.
    fn debt_sentence(&self, index: usize) -> String {
        let debt = &self.ledger.debts[index];
        let account = &self.accounts.debt.items[index];
        match (debt.status, account.payback_sprints) {
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
        }
    }

    /// The tech-debt ledger.
    pub(super) fn debt_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Tech debt");
        let rows: Vec<DebtRow> = self
            .payback_order()
            .into_iter()
            .map(|i| self.debt_row(i, root))
            .collect();
        let totals = &self.accounts.debt.totals;
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

    /// The debts (by index) sorted by payback: the quickest win first; paybacks beyond the
    /// horizon, then items that cost nothing, then paid ones last.
    fn payback_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.ledger.debts.len()).collect();
        let key = |i: usize| {
            let paid = self.ledger.debts[i].status == DebtStatus::Paid;
            let account = &self.accounts.debt.items[i];
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
        order
    }
}
