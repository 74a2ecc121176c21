//! The accounts: what the work data adds up to, per sprint, team and category.
//!
//! Everything here is plain arithmetic over the checked ledger, done in one pass over the work
//! rows per sprint (no quadratic loops), and unit-tested against hand-computed figures.
//! Shares are fractions from 0 to 1; effort stays in the site's effort unit; FTE and cost are
//! computed from person-days.

pub mod book;
pub mod capitalization;
pub mod debt;
pub mod delivery;
pub mod horizon;
pub mod initiatives;
pub mod periods;
pub mod scenarios;
pub mod systems;
pub mod window;
pub mod yearly;

pub use book::{Accounts, SprintAccount, Summary, TeamAccount, ratio};
pub use capitalization::{Capitalization, Split};
pub use debt::{DebtAccount, DebtAccounts, DebtTotals};
pub use delivery::{DeliveryAccounts, DeliveryFigures, IncidentAccount, Quarter};
pub use initiatives::{InitiativeAccount, Status};
pub use scenarios::ScenarioAccount;
pub use systems::SystemAccount;

pub use window::RECENT_SPRINTS;
