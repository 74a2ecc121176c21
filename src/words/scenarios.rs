//! The words of a decision: an initiative's headline (the finding, not its name) and each
//! what-if scenario's one-sentence finding, for the initiative's page, the `scenario` directive,
//! the chart's caption, `accounts.json` and the executive brief.

use crate::accounts::scenarios::{Forecast, ScenarioAccount};
use crate::accounts::{Accounts, InitiativeAccount, Status};
use crate::load::config::Config;
use crate::load::input::Day;
use crate::load::ledger::{Change, Ledger};

use super::figures::{effort, spoken_effort, spoken_money};
use super::findings::month_year;

/// A scenario's finding and the figures it rests on, for a page or a brief to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFinding {
    /// The scenario's id.
    pub id: String,
    /// Its title, as the author wrote it.
    pub title: String,
    /// The one-sentence finding: the forecast against the target, and when it pays for itself.
    pub sentence: String,
    /// What slips where the people come from, when they come from somewhere; else empty.
    pub slips: String,
    /// The forecast range with the change: "March – May 2027", or why there is none.
    pub range: String,
    /// Today's forecast range.
    pub baseline_range: String,
    /// The status with the change: "on track", "late"...
    pub status: &'static str,
    /// The money per sprint the change costs (or frees), spoken; empty when unknown.
    pub cost_per_sprint: String,
    /// When it pays for itself, as a month; empty when it does not within the horizon or
    /// replaces no system.
    pub break_even: String,
}

/// "between March and May 2027", "in March 2027", "between December 2026 and February 2027".
pub fn months_between(earliest: Day, latest: Day) -> String {
    let (first, last) = (month_year(earliest), month_year(latest));
    if first == last {
        return format!("in {first}");
    }
    let same_year = earliest.0.year() == latest.0.year();
    let first = if same_year {
        earliest.0.strftime("%B").to_string()
    } else {
        first
    };
    format!("between {first} and {last}")
}

/// "March – May 2027" for a table cell, or why there is no range.
fn range_words(forecast: &Forecast) -> String {
    match (forecast.finish[0], forecast.finish[2]) {
        (Some(e), Some(l)) if month_year(e) == month_year(l) => month_year(e),
        (Some(e), Some(l)) => format!("{} – {}", month_year(e), month_year(l)),
        (Some(e), None) => format!("{} or later", month_year(e)),
        _ if forecast.status == Status::Done => "done".into(),
        _ if forecast.beyond[0] => "not within 100 years".into(),
        _ => "never".into(),
    }
}

/// When a plan finishes: "finishes between March and May 2027", "finishes in March 2027 at the
/// earliest", "does not finish within 100 years".
fn finishes(forecast: &Forecast) -> String {
    match (forecast.finish[0], forecast.finish[2]) {
        (Some(e), Some(l)) => format!("finishes {}", months_between(e, l)),
        (Some(e), None) => format!("finishes in {} at the earliest", month_year(e)),
        _ if forecast.beyond[0] => "does not finish within 100 years".into(),
        _ => "never finishes".into(),
    }
}

/// ", before its June 2027 target", ", still after its June 2027 target"...
fn against_target(forecast: &Forecast, target: Option<Day>, was: Status) -> String {
    let Some(target) = target else {
        return String::new();
    };
    let month = month_year(target);
    match forecast.status {
        Status::OnTrack => format!(", before its {month} target"),
        Status::AtRisk => format!(", which meets its {month} target only at the faster paces"),
        Status::Late if was == Status::Late => format!(", still after its {month} target"),
        Status::Late => format!(", after its {month} target"),
        _ => String::new(),
    }
}

/// "with 2 more people from next sprint", "with 20 more person-days a sprint from 2026-S25".
fn change_words(config: &Config, ledger: &Ledger, account: &ScenarioAccount) -> String {
    let scenario = &ledger.scenarios[account.scenario];
    let from = match scenario.delay {
        0 => "from next sprint".to_string(),
        d => ledger.sprints.get(ledger.current + 1 + d).map_or_else(
            || format!("in {} sprints", d + 1),
            |s| format!("from {}", s.id),
        ),
    };
    match scenario.change {
        Change::AddPeople(1.0) => format!("with 1 more person {from}"),
        Change::AddPeople(n) => format!("with {} more people {from}", super::figures::number(n)),
        Change::AddEffort(e) => format!("with {} more a sprint {from}", effort(config, e)),
        Change::Stop if scenario.delay == 0 => "stopped now".to_string(),
        Change::Stop => format!("stopped {from}"),
    }
}

/// A scenario's finding, in one sentence.
pub fn scenario_sentence(config: &Config, ledger: &Ledger, account: &ScenarioAccount) -> String {
    let initiative = &ledger.initiatives[account.initiative];
    let name = &initiative.name;
    let change = change_words(config, ledger, account);
    let forecast = &account.forecast;
    if ledger.scenarios[account.scenario].change == Change::Stop {
        return stop_sentence(config, ledger, account, &change);
    }
    if account.baseline.status == Status::Done {
        return format!("{name} is done already, so {change} it changes nothing.");
    }
    let target = against_target(forecast, initiative.target, account.baseline.status);
    let pays = match (account.break_even, &account.upkeep) {
        (Some((_, Some(day))), _) => format!("; it pays for itself by {}", month_year(day)),
        (_, Some(_)) => "; it does not pay for itself within 100 years".to_string(),
        (_, None) => String::new(),
    };
    format!("{name}, {change}, {}{target}{pays}.", finishes(forecast))
}

/// The finding of a scenario that stops its initiative: what it frees, and what it gives up.
fn stop_sentence(
    config: &Config,
    ledger: &Ledger,
    account: &ScenarioAccount,
    change: &str,
) -> String {
    let initiative = &ledger.initiatives[account.initiative];
    let name = &initiative.name;
    let freed = match account.cost_per_sprint {
        Some(money) => format!(
            "{} ({}) a sprint",
            spoken_effort(config, account.freed),
            spoken_money(config, -money)
        ),
        None => format!("{} a sprint", spoken_effort(config, account.freed)),
    };
    let head = if account.forecast.finish[1].is_some() {
        format!("{name}, {change}, {}", finishes(&account.forecast))
    } else {
        format!("{name}, {change}, never finishes: that frees {freed}")
    };
    let Some(upkeep) = &account.upkeep else {
        return format!("{head}.");
    };
    let system = &ledger.systems[upkeep.system].name;
    let rising = if upkeep.slope > 0.0 {
        " and rising"
    } else {
        ""
    };
    let given_up = match account.baseline_break_even {
        Some((_, Some(day))) => format!(
            "; at today's pace it would have paid for itself by {}",
            month_year(day)
        ),
        _ => String::new(),
    };
    format!(
        "{head}, but the upkeep of {system}, {} a sprint{rising}, never ends{given_up}.",
        spoken_effort(config, upkeep.level)
    )
}

/// What slips where the added people come from, in one sentence; empty when they come from
/// nowhere named.
pub fn slips_sentence(config: &Config, ledger: &Ledger, account: &ScenarioAccount) -> String {
    let lost = |i: usize| ledger.initiatives[i].name.clone();
    let mut parts: Vec<String> = account
        .slips
        .iter()
        .map(|slip| {
            let (now, then) = (range_words(&slip.baseline), range_words(&slip.forecast));
            let outcome = if now == then {
                format!("still {}", finishes(&slip.forecast))
            } else {
                format!("{} instead of {now}", finishes(&slip.forecast))
            };
            format!(
                "{} loses {} a sprint and {outcome}",
                lost(slip.initiative),
                spoken_effort(config, slip.taken),
            )
        })
        .collect();
    if let Some((slot, recent)) = account.taken_from_category {
        let label = config.category_label(slot);
        let share = crate::accounts::ratio(account.added, recent);
        let head = format!(
            "The people come from {label}, which loses {} of its {} a sprint",
            super::figures::percent(share.min(1.0)),
            spoken_effort(config, recent)
        );
        if parts.is_empty() {
            return format!("{head}.");
        }
        return format!("{head}: {}.", super::figures::join_words(&parts));
    }
    match parts.len() {
        0 => String::new(),
        _ => {
            let first = parts.remove(0);
            format!("{}.", super::figures::capitalize(&first))
        }
    }
}

/// A scenario's finding and figures, for a page or a brief.
pub fn scenario_finding(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    index: usize,
) -> ScenarioFinding {
    let account = &accounts.scenarios[index];
    let scenario = &ledger.scenarios[index];
    ScenarioFinding {
        id: scenario.id.clone(),
        title: scenario.title.clone(),
        sentence: scenario_sentence(config, ledger, account),
        slips: slips_sentence(config, ledger, account),
        range: range_words(&account.forecast),
        baseline_range: range_words(&account.baseline),
        status: account.forecast.status.as_str(),
        cost_per_sprint: account
            .cost_per_sprint
            .map(|m| {
                if m < 0.0 {
                    format!("frees {}", spoken_money(config, -m))
                } else {
                    spoken_money(config, m)
                }
            })
            .unwrap_or_default(),
        break_even: account
            .break_even
            .and_then(|(_, day)| day)
            .map(month_year)
            .unwrap_or_default(),
    }
}

/// An initiative's headline: where it stands, as a finding. "Breaking up the storefront
/// monolith is late: at this pace it finishes between July and September 2027, against a June
/// 2027 target."
pub fn initiative_headline(
    config: &Config,
    ledger: &Ledger,
    account: &InitiativeAccount,
    index: usize,
) -> String {
    let initiative = &ledger.initiatives[index];
    let name = &initiative.name;
    let target = initiative
        .target
        .map(|t| {
            let month = month_year(t);
            let article = if month.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            format!(", against {article} {month} target")
        })
        .unwrap_or_default();
    let when = match (account.finish.earliest, account.finish.latest) {
        (Some(e), Some(l)) => format!("finishes {}", months_between(e, l)),
        (Some(e), None) => format!("finishes in {} at the earliest", month_year(e)),
        _ if account.beyond_horizon.earliest => "does not finish within 100 years".into(),
        _ => String::new(),
    };
    match account.status {
        Status::Done => format!(
            "{name} is done: {} recorded against an estimate of {}.",
            effort(config, account.done),
            effort(config, account.scope)
        ),
        Status::NotStarted => {
            format!("{name} has no recent work, so there is no forecast yet{target}.")
        }
        Status::NoTarget => format!("{name} has no target date: at this pace it {when}."),
        status if when.is_empty() => format!("{name} is {}{target}.", status.as_str()),
        status => format!(
            "{name} is {}: at this pace it {when}{target}.",
            status.as_str()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::scenarios::tests::{FUND, STOP, site};
    use jiff::civil::date;

    #[test]
    fn a_funded_scenario_says_when_it_finishes_against_the_target_and_when_it_pays_back() {
        let (config, ledger, accounts) = site("2026-04-30", false, FUND);
        let finding = scenario_finding(&config, &ledger, &accounts, 0);
        assert_eq!(
            finding.sentence,
            "The rebuild, with 2 more people from next sprint, finishes in March 2026, before its April 2026 target; it pays for itself by May 2026."
        );
        assert_eq!(finding.range, "March 2026");
        assert_eq!(finding.baseline_range, "March 2026 – April 2026");
        assert_eq!(finding.cost_per_sprint, "about $12,000");
        assert_eq!(finding.break_even, "May 2026");
        assert_eq!(finding.slips, "");
    }

    #[test]
    fn a_scenario_that_cannot_meet_its_target_says_so() {
        let (config, ledger, accounts) = site("2026-03-06", false, FUND);
        let sentence = scenario_finding(&config, &ledger, &accounts, 0).sentence;
        assert!(
            sentence.contains("finishes in March 2026, still after its March 2026 target"),
            "{sentence}"
        );
    }

    #[test]
    fn stopping_says_what_it_frees_and_what_it_gives_up() {
        let (config, ledger, accounts) = site("2026-04-30", false, STOP);
        assert_eq!(
            scenario_finding(&config, &ledger, &accounts, 0).sentence,
            "The rebuild, stopped now, never finishes: that frees 15 person-days ($7,500) a sprint, but the upkeep of The old system, 11 person-days a sprint and rising, never ends; at today's pace it would have paid for itself by May 2026."
        );
    }

    #[test]
    fn an_initiative_headline_is_its_status_and_forecast_against_the_target() {
        let (config, ledger, accounts) = site("2026-04-01", false, "");
        assert_eq!(
            initiative_headline(&config, &ledger, &accounts.initiatives[0], 0),
            "The rebuild is at risk: at this pace it finishes between March and April 2026, against an April 2026 target."
        );
    }

    #[test]
    fn month_ranges_name_the_year_once_when_they_share_it() {
        let day = |y, m| Day(date(y, m, 15));
        assert_eq!(
            months_between(day(2027, 3), day(2027, 5)),
            "between March and May 2027"
        );
        assert_eq!(
            months_between(day(2026, 12), day(2027, 2)),
            "between December 2026 and February 2027"
        );
        assert_eq!(months_between(day(2027, 3), day(2027, 3)), "in March 2027");
    }
}
