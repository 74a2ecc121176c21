//! The tech-debt ledger's figures: what each item costs every sprint, and when fixing it pays
//! for itself.

use jiff::ToSpan;

use crate::input::Day;
use crate::ledger::{Debt, DebtStatus};

/// One debt item's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct DebtAccount {
    /// Sprints of interest that add up to the principal: principal ÷ interest (`None` when the
    /// item costs nothing per sprint).
    pub payback_sprints: Option<f64>,
    /// If fixing started after the current sprint, the day fixing has paid for itself.
    pub break_even: Option<Day>,
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

/// Payback and break-even of one item; `after` is the current sprint's end and `cadence` the
/// days between sprint starts.
pub fn account(debt: &Debt, after: Option<Day>, cadence: i64) -> DebtAccount {
    let payback_sprints = (debt.interest > 0.0).then(|| debt.principal / debt.interest);
    let break_even = match (payback_sprints, after) {
        (Some(sprints), Some(after)) if debt.status != DebtStatus::Paid => {
            let days = (sprints.ceil() as i64).saturating_mul(cadence);
            after.0.checked_add(days.days()).ok().map(Day)
        }
        _ => None,
    };
    DebtAccount {
        payback_sprints,
        break_even,
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

    #[test]
    fn payback_is_principal_over_interest() {
        let a = account(
            &debt(40.0, 3.0, DebtStatus::Open),
            Some(Day(date(2026, 11, 13))),
            14,
        );
        assert!((a.payback_sprints.unwrap() - 13.333_333).abs() < 1e-5);
        // 14 sprints of 14 days after 2026-11-13.
        assert_eq!(a.break_even.unwrap().iso(), "2027-05-28");
    }

    #[test]
    fn zero_interest_never_pays_back() {
        let a = account(
            &debt(40.0, 0.0, DebtStatus::Open),
            Some(Day(date(2026, 11, 13))),
            14,
        );
        assert_eq!(a.payback_sprints, None);
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
