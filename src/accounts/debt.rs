//! The tech-debt ledger's figures: what each item costs every sprint, and when fixing it pays
//! for itself.

use crate::load::input::Day;
use crate::load::ledger::{Debt, DebtStatus};

use super::horizon::{Beyond, Horizon, within_years};

/// One debt item's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct DebtAccount {
    /// Sprints of interest that add up to the principal: principal ÷ interest (`None` when the
    /// item costs nothing per sprint, or when that many sprints lie beyond the horizon).
    pub payback_sprints: Option<f64>,
    /// If fixing started after the current sprint, the day fixing has paid for itself.
    pub break_even: Option<Day>,
    /// Set when the payback lies beyond the horizon (more than 100 years of sprints), and why.
    pub beyond_horizon: Option<Beyond>,
}

impl DebtAccount {
    /// Why there is no payback, for `data/accounts.json`; `None` when there is one.
    pub fn payback_reason(&self) -> Option<&'static str> {
        match (self.payback_sprints, self.beyond_horizon) {
            (Some(_), _) => None,
            (None, Some(why)) => Some(why.reason()),
            (None, None) => Some("no interest, so it never pays for itself"),
        }
    }
}

/// Totals of the ledger.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DebtTotals {
    /// Principal of the items not yet paid.
    pub principal: f64,
    /// Interest paid every sprint on the items not yet paid.
    pub interest: f64,
    /// Items not yet paid.
    pub open_items: usize,
}

/// The tech-debt ledger's figures: each item's, in the ledger's order, and the totals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DebtAccounts {
    /// Per debt item, in the ledger's order.
    pub items: Vec<DebtAccount>,
    /// The debt ledger's totals.
    pub totals: DebtTotals,
}

/// Every item's payback and break-even, and the ledger's totals; `after` is the current
/// sprint's end and `cadence` the days between sprint starts.
pub fn accounts(debts: &[Debt], after: Option<Day>, cadence: i64) -> DebtAccounts {
    DebtAccounts {
        items: debts.iter().map(|d| account(d, after, cadence)).collect(),
        totals: totals(debts),
    }
}

/// Payback and break-even of one item; `after` is the current sprint's end and `cadence` the
/// days between sprint starts.
pub fn account(debt: &Debt, after: Option<Day>, cadence: i64) -> DebtAccount {
    let Some(sprints) = (debt.interest > 0.0).then(|| debt.principal / debt.interest) else {
        return DebtAccount {
            payback_sprints: None,
            break_even: None,
            beyond_horizon: None,
        };
    };
    let horizon = after.map(Horizon::from);
    let within = match horizon {
        Some(horizon) => horizon.reaches(sprints, cadence),
        None => within_years(sprints, cadence),
    };
    if !within {
        return DebtAccount {
            payback_sprints: None,
            break_even: None,
            beyond_horizon: Some(horizon.map_or(Beyond::Years, |h| h.beyond())),
        };
    }
    let break_even = horizon
        .filter(|_| debt.status != DebtStatus::Paid)
        .and_then(|h| h.project(sprints, cadence));
    DebtAccount {
        payback_sprints: Some(sprints),
        break_even,
        beyond_horizon: None,
    }
}

/// Principal and interest of the items not yet paid.
pub fn totals(debts: &[Debt]) -> DebtTotals {
    debts.iter().filter(|d| d.status != DebtStatus::Paid).fold(
        DebtTotals::default(),
        |mut totals, d| {
            totals.principal += d.principal;
            totals.interest += d.interest;
            totals.open_items += 1;
            totals
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn debt(principal: f64, interest: f64, status: DebtStatus) -> Debt {
        Debt {
            id: "d".into(),
            title: "t".into(),
            system: 0,
            explain: String::new(),
            principal,
            interest,
            since: Day(date(2025, 1, 1)),
            intentional: false,
            status,
            initiative: None,
        }
    }

    /// An open item's account after the sprint that ends on Friday 2026-11-13, with sprints of
    /// 14 days.
    fn open_account(principal: f64, interest: f64) -> DebtAccount {
        account(
            &debt(principal, interest, DebtStatus::Open),
            Some(Day(date(2026, 11, 13))),
            14,
        )
    }

    #[test]
    fn payback_is_principal_over_interest() {
        let a = open_account(40.0, 3.0);
        assert!((a.payback_sprints.unwrap() - 13.333_333).abs() < 1e-5);
        // 14 sprints of 14 days after 2026-11-13.
        assert_eq!(a.break_even.unwrap().iso(), "2027-05-28");
    }

    #[test]
    fn zero_interest_never_pays_back() {
        let a = open_account(40.0, 0.0);
        assert_eq!(a.payback_sprints, None);
        assert_eq!(a.break_even, None);
        assert_eq!(
            a.payback_reason(),
            Some("no interest, so it never pays for itself")
        );
    }

    #[test]
    fn a_payback_beyond_100_years_is_a_result_not_a_date() {
        // 60 / 0.0001 = 600,000 sprints: 8.4 million days, more than a span can hold.
        let a = open_account(60.0, 0.0001);
        assert_eq!(a.payback_sprints, None);
        assert_eq!(a.break_even, None);
        assert_eq!(a.beyond_horizon, Some(Beyond::Years));
        assert_eq!(
            a.payback_reason(),
            Some("beyond the 100-year horizon at this pace")
        );
        // 2,600 sprints of 14 days is within 100 years; 2,700 is not.
        let within = open_account(2600.0, 1.0);
        assert_eq!(within.payback_sprints, Some(2600.0));
        assert!(within.break_even.is_some());
        let beyond = account(&debt(2700.0, 1.0, DebtStatus::Open), None, 14);
        assert_eq!(beyond.beyond_horizon, Some(Beyond::Years));
    }

    #[test]
    fn a_payback_after_the_calendar_ends_is_a_result_too() {
        let a = account(
            &debt(10.0, 1.0, DebtStatus::Open),
            Some(Day(date(9999, 12, 31))),
            14,
        );
        assert_eq!(a.beyond_horizon, Some(Beyond::Calendar));
        assert_eq!(a.break_even, None);
    }

    #[test]
    fn paid_items_are_left_out_of_the_totals() {
        let totals = totals(&[
            debt(40.0, 3.0, DebtStatus::Open),
            debt(10.0, 1.0, DebtStatus::Paying),
            debt(99.0, 9.0, DebtStatus::Paid),
        ]);
        assert_eq!(
            totals,
            DebtTotals {
                principal: 50.0,
                interest: 4.0,
                open_items: 2
            }
        );
    }
}
