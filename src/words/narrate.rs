//! Sentences written from the numbers: headlines, summaries, chart captions.
//!
//! Rules, not a language model: each function picks what matters (the largest part, the biggest
//! change, a high or a low) and says it in everyday words, with numbers rounded as a person
//! would say them. Unit tests pin the sentences, including the awkward cases.

use crate::accounts::{Accounts, SprintAccount, Status, ratio};
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::words::findings::{self, Finding, Kind, Subject, month_year};
pub use crate::words::names::{category_subject, category_words};
// The figures are said here too: `narrate::number`, `narrate::money`...
pub use crate::words::figures::{
    capitalize, effort, join_words, money, number, people, percent, points_change, spoken_effort,
    spoken_money, spoken_number, spoken_share,
};

/// The category slots shown for a site: configured ones always, `uncategorized` when used.
pub fn shown_slots(config: &Config, accounts: &Accounts) -> Vec<usize> {
    let mut slots: Vec<usize> = (0..config.categories.len()).collect();
    if accounts.slot_is_used(config.uncategorized_slot()) {
        slots.push(config.uncategorized_slot());
    }
    slots
}

/// Slots sorted by effort in a sprint, largest first; ties keep the configured order.
fn ranked_slots(slots: &[usize], values: &[f64]) -> Vec<usize> {
    let mut ranked = slots.to_vec();
    ranked.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    ranked
}

/// The home page's headline and each sprint's lead sentence: the sprint's top finding (see
/// [`findings`](crate::words::findings)), never a fact that is true every sprint.
pub fn sprint_headline(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> String {
    findings::headline(config, ledger, accounts, sprint).sentence
}

/// Why a finding matters, in one sentence: what its category's share is worth in people and
/// money, or where a big project stands.
pub fn why_it_matters(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
    finding: &Finding,
) -> Option<String> {
    let account = &accounts.sprints[sprint];
    match finding.subject {
        Subject::Category(slot) => {
            let fte = account.category_fte(slot);
            let (cost, complete) = category_cost(account, slot);
            let money = if cost > 0.0 {
                format!(
                    " and {} of the sprint's {}cost",
                    spoken_money(config, cost),
                    if complete { "" } else { "known " }
                )
            } else {
                String::new()
            };
            Some(format!("That is {}{money}.", people(fte)))
        }
        Subject::Initiative(index) => {
            let initiative = &ledger.initiatives[index];
            let project = &accounts.initiatives[index];
            match finding.kind {
                Kind::Finished => Some(match initiative.target {
                    Some(target) if target >= ledger.sprints[sprint].end => format!(
                        "It finished by its target of {}, and its people are free for other work.",
                        month_year(target)
                    ),
                    Some(target) => format!(
                        "Its target was {}, so it finished late; its people are free for other work.",
                        month_year(target)
                    ),
                    None => "Its people are free for other work.".to_string(),
                }),
                _ => {
                    let done = project.done_by_sprint.get(sprint).copied().unwrap_or(0.0);
                    let scope = project
                        .scope_by_sprint
                        .get(sprint)
                        .copied()
                        .unwrap_or(project.scope);
                    Some(format!(
                        "{} of its planned {} were left to do after this sprint.",
                        capitalize(&spoken_effort(config, (scope - done).max(0.0))),
                        spoken_effort(config, scope)
                    ))
                }
            }
        }
        Subject::Sprint => None,
    }
}

/// The cost of one category's work in a sprint, from the teams with a day cost, and whether
/// every team that worked on it has one.
fn category_cost(account: &SprintAccount, slot: usize) -> (f64, bool) {
    let mut cost = 0.0;
    let mut complete = true;
    for team in &account.teams {
        if team.by_category[slot] <= 0.0 {
            continue;
        }
        match team.cost {
            Some(c) => cost += c * team.share(slot),
            None => complete = false,
        }
    }
    (cost, complete)
}

/// What comes next, for the current sprint: the forecast of the big project that finishes
/// soonest (the headline's own when it is about one).
fn next_sentence(ledger: &Ledger, accounts: &Accounts, finding: &Finding) -> Option<String> {
    let open: Vec<usize> = (0..ledger.initiatives.len())
        .filter(|&i| {
            accounts.initiatives[i].finish.expected.is_some()
                && accounts.initiatives[i].status != Status::Done
        })
        .collect();
    let chosen = match finding.subject {
        Subject::Initiative(i) if open.contains(&i) => Some(i),
        _ => open
            .iter()
            .copied()
            .min_by_key(|&i| (accounts.initiatives[i].finish.expected, i)),
    }?;
    let initiative = &ledger.initiatives[chosen];
    let expected = accounts.initiatives[chosen].finish.expected?;
    let against = match initiative.target {
        Some(target) if month_year(target) == month_year(expected) => {
            ", the month of its target".to_string()
        }
        Some(target) if target < expected => {
            format!(", after its target of {}", month_year(target))
        }
        Some(target) => format!(", before its target of {}", month_year(target)),
        None => String::new(),
    };
    Some(format!(
        "Next: {} is forecast to finish in {}{against}.",
        initiative.name,
        month_year(expected)
    ))
}

/// The home page's lead, at most three sentences under the headline: why the finding matters,
/// what comes next, and the next best finding when there is room.
pub fn home_lead(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> Vec<String> {
    let all = findings::findings(config, ledger, accounts, sprint);
    let top = &all[0];
    let mut lead = Vec::new();
    lead.extend(why_it_matters(config, ledger, accounts, sprint, top));
    if sprint == ledger.current {
        lead.extend(next_sentence(ledger, accounts, top));
    }
    if let Some(second) = all.get(1).filter(|f| f.kind != Kind::Steady) {
        lead.push(second.sentence.clone());
    }
    lead.truncate(3);
    lead
}

/// A sprint page's "In short": what the headline is about first (the finding, when a
/// narrative's title heads the page; then why it matters), then the sprint's figures, each
/// with its one name: the split, planned work, capacity used, cost, who carried the upkeep,
/// and the other findings.
pub fn sprint_summary(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> Summary {
    let account = &accounts.sprints[sprint];
    let all = findings::findings(config, ledger, accounts, sprint);
    let top = &all[0];
    let mut summary = Summary {
        finding: top.sentence.clone(),
        subject: top.subject,
        sentences: Vec::new(),
    };
    if account.effort == 0.0 {
        return summary;
    }
    let sentences = &mut summary.sentences;
    sentences.extend(why_it_matters(config, ledger, accounts, sprint, top));
    let slots = shown_slots(config, accounts);
    sentences.push(format!(
        "The teams recorded {}: {}.",
        spoken_effort(config, account.effort),
        people(account.fte)
    ));
    let ranked = ranked_slots(&slots, &account.by_category);
    let parts: Vec<String> = ranked
        .iter()
        .filter(|&&s| account.by_category[s] > 0.0)
        .map(|&s| {
            format!(
                "{} {}",
                category_words(config, s),
                percent(account.share(s))
            )
        })
        .collect();
    sentences.push(format!("The split: {}.", join_words(&parts)));
    for other in all.iter().skip(1).take(1) {
        sentences.push(other.sentence.clone());
    }
    if let Some(sentence) = carrier_sentence(config, ledger, accounts, sprint) {
        sentences.push(sentence);
    }
    let unplanned = 1.0 - account.planned_share();
    if unplanned >= 0.005 {
        sentences.push(format!(
            "Planned work: {} of the time went to work planned at the start of the sprint; the rest went to unplanned work, such as incidents and urgent fixes.",
            percent(account.planned_share())
        ));
    }
    if let Some(used) = account.capacity_used() {
        sentences.push(format!(
            "Capacity used: the teams that gave a capacity recorded {} of the time they expected to have.",
            percent(used)
        ));
    }
    sentences.push(cost_sentence(config, ledger, accounts, sprint));
    summary
}

/// A sprint's "In short": the top finding, what it is about, and the sentences after it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// The top finding, as a sentence.
    pub finding: String,
    /// What the top finding is about, for a chart to highlight.
    pub subject: Subject,
    /// Why it matters, then the sprint's figures in words.
    pub sentences: Vec<String>,
}

/// Which teams carried most of the upkeep (the site's upkeep category, else its largest one).
fn carrier_sentence(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> Option<String> {
    let account = &accounts.sprints[sprint];
    let slot = config
        .upkeep_slot()
        .unwrap_or_else(|| ranked_slots(&shown_slots(config, accounts), &account.by_category)[0]);
    let total = account.by_category[slot];
    if total <= 0.0 || ledger.teams.len() < 2 {
        return None;
    }
    let mut teams: Vec<(usize, f64)> = account
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (i, t.by_category[slot]))
        .filter(|(_, e)| *e > 0.0)
        .collect();
    teams.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut names = Vec::new();
    let mut carried = 0.0;
    for (team, value) in &teams {
        names.push(ledger.teams[*team].name.clone());
        carried += value;
        if carried / total >= 0.5 {
            break;
        }
    }
    Some(format!(
        "{} carried {} of the time spent on {}.",
        join_words(&names),
        spoken_share(ratio(carried, total)),
        category_words(config, slot)
    ))
}

/// What the sprint cost, saying which teams are missing.
pub fn cost_sentence(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> String {
    let account = &accounts.sprints[sprint];
    let missing: Vec<String> = account
        .teams_without_cost
        .iter()
        .map(|&t| ledger.teams[t].name.clone())
        .collect();
    let compared = cost_comparison(ledger, accounts, sprint);
    if missing.is_empty() {
        format!(
            "The sprint cost {}{compared}.",
            spoken_money(config, account.cost_known)
        )
    } else if account.cost_known > 0.0 {
        format!(
            "The teams with a known day cost spent {}{compared}; this excludes {} (no day cost given).",
            spoken_money(config, account.cost_known),
            join_words(&missing)
        )
    } else {
        "Cost is unknown: no team that recorded work has a day cost.".to_string()
    }
}

/// The sprint's known cost against its average over the comparison window:
/// `, about the same as the average of the last 6 sprints`, `, 12% above …`; empty for the
/// first sprint.
fn cost_comparison(ledger: &Ledger, accounts: &Accounts, sprint: usize) -> String {
    let Some(window) = findings::baseline(ledger, accounts, sprint) else {
        return String::new();
    };
    let earlier = &accounts.sprints[window.start..sprint];
    let average = ratio(
        earlier.iter().map(|s| s.cost_known).sum(),
        earlier.len() as f64,
    );
    if average <= 0.0 {
        return String::new();
    }
    let over = match sprint - window.start {
        1 => "the sprint before".to_string(),
        n => format!("the average of the {n} sprints before"),
    };
    let change = (accounts.sprints[sprint].cost_known - average) / average * 100.0;
    if change.abs() < 5.0 {
        format!(", about the same as {over}")
    } else if change > 0.0 {
        format!(", {:.0}% more than {over}", change)
    } else {
        format!(", {:.0}% less than {over}", -change)
    }
}

/// The caption of the investment mix over sprints, for the whole organisation or one team:
/// the category that moved most from the first sprint shown to the last.
pub fn mix_caption(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprints: &[usize],
    team: Option<usize>,
) -> String {
    let (Some(&first), Some(&last)) = (sprints.first(), sprints.last()) else {
        return "No sprint has data yet.".to_string();
    };
    let share = |sprint: usize, slot: usize| match team {
        Some(t) => accounts.sprints[sprint].teams[t].share(slot),
        None => accounts.sprints[sprint].share(slot),
    };
    let whose = match team {
        Some(t) => format!("{}'s time", ledger.teams[t].name),
        None => "engineering time".to_string(),
    };
    let slots = shown_slots(config, accounts);
    if first == last {
        let top = slots
            .iter()
            .copied()
            .max_by(|&a, &b| share(last, a).total_cmp(&share(last, b)).then(b.cmp(&a)))
            .unwrap_or(0);
        return format!(
            "Only one sprint so far: {} took {} of {whose}.",
            category_words(config, top),
            percent(share(last, top))
        );
    }
    let (moved, change) = slots
        .iter()
        .map(|&s| (s, share(last, s) - share(first, s)))
        .max_by_key(|&(slot, change)| {
            (
                (change.abs() * 1000.0).round() as i64,
                change > 0.0,
                std::cmp::Reverse(slot),
            )
        })
        .unwrap_or((0, 0.0));
    // The series spans the comparison window: the caption names it in words.
    let span = if sprints.len() == accounts.window {
        format!(
            "over the last {} sprints ({} to {})",
            sprints.len(),
            ledger.sprints[first].id,
            ledger.sprints[last].id
        )
    } else {
        format!(
            "from {} to {}",
            ledger.sprints[first].id, ledger.sprints[last].id
        )
    };
    if (change * 100.0).abs() < 2.0 {
        format!("The split of {whose} held steady {span}.")
    } else {
        let direction = if change > 0.0 { "grew" } else { "shrank" };
        format!(
            "{} {direction} from {} to {} of {whose} {span}.",
            category_subject(config, moved),
            percent(share(first, moved)),
            percent(share(last, moved))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::testing::{ktlo_series, row, site, site_with};

    #[test]
    fn one_sprint_summary_gives_the_figures_without_comparisons() {
        let (config, ledger, accounts) = site(&[&(row("a", "new", 6.0) + &row("a", "ktlo", 4.0))]);
        let summary = sprint_summary(&config, &ledger, &accounts, 0);
        assert_eq!(summary.subject, Subject::Sprint);
        assert_eq!(
            summary.sentences[0],
            "The teams recorded 10 person-days: about 2 people's worth of time."
        );
        assert_eq!(
            summary.sentences[1],
            "The split: new things 60% and keeping the lights on 40%."
        );
        assert_eq!(summary.sentences.last().unwrap(), "The sprint cost $5,000.");
        assert!(
            summary.sentences.iter().all(|s| !s.contains("before")),
            "{summary:?}"
        );
    }

    #[test]
    fn the_summary_leads_with_why_the_finding_matters() {
        let (config, ledger, accounts) = ktlo_series(&[40.0, 22.0, 24.0, 26.0, 25.0, 46.0]);
        let summary = sprint_summary(&config, &ledger, &accounts, 5);
        assert_eq!(summary.subject, Subject::Category(3));
        assert_eq!(
            summary.sentences[0],
            "That is about 9 people's worth of time and $23,000 of the sprint's cost."
        );
    }

    #[test]
    fn capacity_and_planned_work_each_have_one_name() {
        let sprint = row("a", "new", 8.0)
            + &row("a", "ktlo", 2.0)
            + "planned = false\n"
            + "[[capacity]]\nteam = \"a\"\neffort = 10\n";
        let (config, ledger, accounts) = site(&[&sprint]);
        let summary = sprint_summary(&config, &ledger, &accounts, 0).sentences;
        assert!(
            summary
                .iter()
                .any(|s| s.starts_with("Planned work: 80% of the time")),
            "{summary:?}"
        );
        assert!(summary.iter().all(|s| !s.contains("of it")), "{summary:?}");
    }

    #[test]
    fn missing_costs_are_said_and_the_cost_is_compared_over_the_window() {
        let first = row("a", "new", 10.0);
        let second = row("a", "new", 6.0) + &row("b", "improve", 4.0);
        let (config, ledger, accounts) = site(&[&first, &second]);
        let summary = sprint_summary(&config, &ledger, &accounts, 1).sentences;
        assert_eq!(
            summary.last().unwrap(),
            "The teams with a known day cost spent $3,000, 40% less than the sprint before; this excludes Driver App (no day cost given)."
        );
    }

    #[test]
    fn labels_are_never_lower_cased() {
        let toml = "[categories.run]\nlabel = \"Run the business\"\nkind = \"upkeep\"\n\
                    [categories.grow]\nlabel = \"Grow\"\n";
        let sprint = row("a", "run", 6.0) + &row("b", "run", 3.0) + &row("b", "grow", 1.0);
        let (config, ledger, accounts) = site_with(toml, &[&sprint]);
        let summary = sprint_summary(&config, &ledger, &accounts, 0).sentences;
        assert!(
            summary
                .contains(&"The split: Run the business work 90% and Grow work 10%.".to_string()),
            "{summary:?}"
        );
        assert!(
            summary.contains(
                &"Payments carried about two thirds of the time spent on Run the business work."
                    .to_string()
            ),
            "{summary:?}"
        );
        assert!(summary.iter().all(|s| !s.contains("run the business")));
    }

    #[test]
    fn the_home_lead_is_at_most_three_sentences() {
        let (config, ledger, accounts) =
            ktlo_series(&[20.0, 20.0, 20.0, 20.0, 20.0, 24.0, 28.0, 31.0, 35.0]);
        let lead = home_lead(&config, &ledger, &accounts, 8);
        assert!(!lead.is_empty() && lead.len() <= 3, "{lead:?}");
        assert!(lead[0].starts_with("That is"), "{lead:?}");
        // The next best finding, as a sentence of its own.
        let second = &findings::findings(&config, &ledger, &accounts, 8)[1];
        assert!(
            lead.iter().skip(1).any(|s| *s == second.sentence),
            "{lead:?}"
        );
    }

    #[test]
    fn the_mix_caption_names_its_window() {
        let (config, ledger, accounts) = ktlo_series(&[20.0, 22.0, 24.0, 26.0, 28.0, 30.0]);
        let sprints: Vec<usize> = (0..6).collect();
        assert_eq!(
            mix_caption(&config, &ledger, &accounts, &sprints, None),
            "Keeping the lights on grew from 20% to 30% of engineering time over the last 6 sprints (S0 to S5)."
        );
    }

    #[test]
    fn empty_sprints_say_so() {
        let (config, ledger, accounts) = site(&[""]);
        assert_eq!(
            sprint_headline(&config, &ledger, &accounts, 0),
            "No work is recorded for sprint S0 yet."
        );
    }
}
