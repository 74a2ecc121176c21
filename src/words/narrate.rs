//! Sentences written from the numbers: headlines, summaries, chart captions.
//!
//! Rules, not a language model: each function picks what matters (the largest part, the biggest
//! change, a high or a low) and says it in everyday words, with numbers rounded as a person
//! would say them. Unit tests pin the sentences, including the awkward cases.

use crate::accounts::{Accounts, RECENT_SPRINTS, ratio};
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::words::figures::STEADY_POINTS;
// The figures are said here too: `narrate::number`, `narrate::money`...
pub use crate::words::figures::{
    capitalize, effort, join_words, money, number, people, percent, points_change, spoken_money,
    spoken_share,
};

/// A change of at least this many points is worth leading with.
const NOTABLE_POINTS: f64 = 5.0;

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

/// The home page's headline and each sprint's lead sentence: what took the most time, or what
/// moved most since the sprint before.
pub fn sprint_headline(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> String {
    let id = &ledger.sprints[sprint].id;
    let account = &accounts.sprints[sprint];
    if account.effort == 0.0 {
        return format!("No work is recorded for sprint {id} yet.");
    }
    let slots = shown_slots(config, accounts);
    if let Some((slot, change)) = biggest_change(accounts, sprint, &slots)
        && change.abs() >= NOTABLE_POINTS
    {
        return format!(
            "{} took {} of engineering time in sprint {id}, {} from the sprint before.",
            capitalize(config.category_label(slot)),
            percent(account.share(slot)),
            points_change(change)
        );
    }
    if let Some(record) = recent_record(accounts, sprint, &slots) {
        return format!(
            "{} took {} of engineering time in sprint {id}, its {} share in {} sprints.",
            capitalize(config.category_label(record.slot)),
            percent(account.share(record.slot)),
            record.kind,
            record.sprints
        );
    }
    let ranked = ranked_slots(&slots, &account.by_category);
    let top = ranked[0];
    let tied: Vec<String> = ranked
        .iter()
        .take_while(|&&s| percent(account.share(s)) == percent(account.share(top)))
        .map(|&s| config.category_label(s).to_string())
        .collect();
    if tied.len() > 1 {
        return format!(
            "{} took the same share of engineering time in sprint {id}: {} each.",
            join_words(&tied),
            percent(account.share(top))
        );
    }
    format!(
        "{} took the largest share of engineering time in sprint {id}: {}.",
        capitalize(config.category_label(top)),
        spoken_share(account.share(top))
    )
}

/// The category whose share moved most since the previous sprint, with the change in points.
fn biggest_change(accounts: &Accounts, sprint: usize, slots: &[usize]) -> Option<(usize, f64)> {
    slots
        .iter()
        .filter_map(|&slot| {
            accounts
                .share_change_points(sprint, slot)
                .map(|c| (slot, c))
        })
        // Compare changes rounded to a tenth of a point, so float noise never decides; on a
        // tie, a rise is the news (upkeep growing), then the earlier category.
        .max_by_key(|&(slot, change)| {
            (
                (change.abs() * 10.0).round() as i64,
                change > 0.0,
                std::cmp::Reverse(slot),
            )
        })
}

/// A sprint page's automatic summary: a few short sentences on the split, the change, the
/// plan, capacity, cost and who carried the upkeep.
pub fn sprint_summary(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
) -> Vec<String> {
    let account = &accounts.sprints[sprint];
    if account.effort == 0.0 {
        return vec![format!(
            "No work is recorded for sprint {} yet.",
            ledger.sprints[sprint].id
        )];
    }
    let slots = shown_slots(config, accounts);
    let mut sentences = Vec::new();
    sentences.push(format!(
        "The teams recorded {}: {}.",
        effort(config, account.effort),
        people(account.fte)
    ));
    let ranked = ranked_slots(&slots, &account.by_category);
    let parts: Vec<String> = ranked
        .iter()
        .filter(|&&s| account.by_category[s] > 0.0)
        .map(|&s| {
            format!(
                "{} {}",
                config.category_label(s).to_lowercase(),
                percent(account.share(s))
            )
        })
        .collect();
    sentences.push(format!("The split: {}.", join_words(&parts)));
    for &slot in &slots {
        let previous_zero = sprint > 0 && accounts.sprints[sprint - 1].by_category[slot] == 0.0;
        if previous_zero && account.by_category[slot] > 0.0 {
            sentences.push(format!(
                "{} is new this sprint: none was recorded the sprint before.",
                capitalize(config.category_label(slot))
            ));
        }
    }
    if let Some((slot, change)) = biggest_change(accounts, sprint, &slots) {
        if change.abs() >= STEADY_POINTS {
            sentences.push(format!(
                "The biggest change from the sprint before: {} is {}.",
                config.category_label(slot).to_lowercase(),
                points_change(change)
            ));
        } else {
            sentences.push("The split is about the same as the sprint before.".to_string());
        }
    }
    if let Some(sentence) = record_sentence(config, accounts, sprint, &slots) {
        sentences.push(sentence);
    }
    if let Some(sentence) = carrier_sentence(config, ledger, accounts, sprint) {
        sentences.push(sentence);
    }
    let unplanned = 1.0 - account.planned_share();
    if unplanned >= 0.005 {
        sentences.push(format!(
            "{} of the time went to unplanned work, such as incidents and urgent fixes.",
            capitalize(&spoken_share(unplanned))
        ));
    }
    if let Some(used) = account.capacity_used() {
        sentences.push(format!(
            "The teams that planned their capacity recorded {} of it.",
            percent(used)
        ));
    }
    sentences.push(cost_sentence(config, ledger, accounts, sprint));
    sentences
}

/// A category at its highest or lowest share over the recent sprints.
struct Record {
    slot: usize,
    kind: &'static str,
    sprints: usize,
}

/// The category whose share is furthest above (or below) all of the last few sprints, if any.
fn recent_record(accounts: &Accounts, sprint: usize, slots: &[usize]) -> Option<Record> {
    let start = (sprint + 1).saturating_sub(RECENT_SPRINTS);
    let window = &accounts.sprints[start..=sprint];
    if window.len() < 3 {
        return None;
    }
    let (earlier, now) = window.split_at(window.len() - 1);
    let mut best: Option<(Record, (i64, bool))> = None;
    for &slot in slots {
        let share = now[0].share(slot);
        let kind = if earlier.iter().all(|s| share > s.share(slot) + 0.005) {
            "highest"
        } else if earlier.iter().all(|s| share + 0.005 < s.share(slot)) {
            "lowest"
        } else {
            continue;
        };
        // Margins compared in tenths of a point so float noise never decides; on a tie a
        // high is the news (upkeep rising), then the earlier category.
        let margin = earlier
            .iter()
            .map(|s| (share - s.share(slot)).abs())
            .fold(f64::INFINITY, f64::min);
        let key = ((margin * 1000.0).round() as i64, kind == "highest");
        if best.as_ref().is_none_or(|(_, best_key)| key > *best_key) {
            let record = Record {
                slot,
                kind,
                sprints: window.len(),
            };
            best = Some((record, key));
        }
    }
    best.map(|(record, _)| record)
}

/// "Keeping the lights on is at its highest share in the last 6 sprints." when true.
fn record_sentence(
    config: &Config,
    accounts: &Accounts,
    sprint: usize,
    slots: &[usize],
) -> Option<String> {
    recent_record(accounts, sprint, slots).map(|record| {
        format!(
            "{} is at its {} share in the last {} sprints.",
            capitalize(config.category_label(record.slot)),
            record.kind,
            record.sprints
        )
    })
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
        config.category_label(slot).to_lowercase()
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
    if missing.is_empty() {
        format!(
            "The sprint cost {}.",
            spoken_money(config, account.cost_known)
        )
    } else if account.cost_known > 0.0 {
        format!(
            "The teams with a known day cost spent {}; this excludes {} (no day cost given).",
            spoken_money(config, account.cost_known),
            join_words(&missing)
        )
    } else {
        "Cost is unknown: no team that recorded work has a day cost.".to_string()
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
            config.category_label(top).to_lowercase(),
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
    let span = format!(
        "from {} to {}",
        ledger.sprints[first].id, ledger.sprints[last].id
    );
    if (change * 100.0).abs() < 2.0 {
        format!("The split of {whose} held steady {span}.")
    } else {
        let direction = if change > 0.0 { "grew" } else { "shrank" };
        format!(
            "{} {direction} from {} to {} of {whose} {span}.",
            capitalize(config.category_label(moved)),
            percent(share(first, moved)),
            percent(share(last, moved))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    fn site(sprints: &[&str]) -> (Config, Ledger, Accounts) {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let teams = "[[team]]\nid = \"a\"\nname = \"Payments\"\npeople = 2\nday_cost = 500\n\
                     [[team]]\nid = \"b\"\nname = \"Driver App\"\npeople = 3\n";
        let sprints = sprints
            .iter()
            .enumerate()
            .map(|(i, text)| {
                SourceFile::new(
                    format!("s{i}.toml"),
                    format!(
                        "id = \"S{i}\"\nstart = 2026-01-{:02}\nend = 2026-01-{:02}\n{text}",
                        5 + i * 7,
                        9 + i * 7
                    ),
                )
            })
            .collect();
        let ledger = Ledger::check(&config, SourceFile::new("teams.toml", teams), sprints).unwrap();
        let accounts = Accounts::compute(&config, &ledger);
        (config, ledger, accounts)
    }

    fn row(team: &str, category: &str, effort: f64) -> String {
        format!("[[work]]\nteam = \"{team}\"\ncategory = \"{category}\"\neffort = {effort}\n")
    }

    /// Sprints in which Payments spends `ktlo[i]` on keeping the lights on and the rest of
    /// `total` on new things.
    fn ktlo_series(ktlo: &[f64], total: f64) -> (Config, Ledger, Accounts) {
        let sprints: Vec<String> = ktlo
            .iter()
            .map(|k| row("a", "ktlo", *k) + &row("a", "new", total - k))
            .collect();
        let refs: Vec<&str> = sprints.iter().map(String::as_str).collect();
        site(&refs)
    }

    #[test]
    fn one_sprint_only_names_the_largest_category() {
        let (config, ledger, accounts) = site(&[&(row("a", "new", 6.0) + &row("a", "ktlo", 4.0))]);
        assert_eq!(
            sprint_headline(&config, &ledger, &accounts, 0),
            "New things took the largest share of engineering time in sprint S0: 60%."
        );
        let summary = sprint_summary(&config, &ledger, &accounts, 0);
        assert_eq!(
            summary[0],
            "The teams recorded 10 person-days: about 2 people's worth of time."
        );
        assert_eq!(
            summary[1],
            "The split: new things 60% and keeping the lights on 40%."
        );
        assert!(
            summary.iter().all(|s| !s.contains("sprint before")),
            "{summary:?}"
        );
        assert_eq!(summary.last().unwrap(), "The sprint cost $5,000.");
    }

    #[test]
    fn a_big_change_leads_the_headline() {
        let first = row("a", "new", 8.0) + &row("a", "ktlo", 2.0);
        let second = row("a", "new", 5.0) + &row("a", "ktlo", 5.0);
        let (config, ledger, accounts) = site(&[&first, &second]);
        assert_eq!(
            sprint_headline(&config, &ledger, &accounts, 1),
            "Keeping the lights on took 50% of engineering time in sprint S1, up 30 points from the sprint before."
        );
    }

    #[test]
    fn ties_are_named_together() {
        let (config, ledger, accounts) = site(&[&(row("a", "new", 5.0) + &row("a", "ktlo", 5.0))]);
        assert_eq!(
            sprint_headline(&config, &ledger, &accounts, 0),
            "New things and Keeping the lights on took the same share of engineering time in sprint S0: 50% each."
        );
    }

    #[test]
    fn a_category_new_this_sprint_and_missing_costs_are_said() {
        let first = row("a", "new", 10.0);
        let second = row("a", "new", 6.0) + &row("b", "improve", 4.0);
        let (config, ledger, accounts) = site(&[&first, &second]);
        let summary = sprint_summary(&config, &ledger, &accounts, 1);
        assert!(
            summary.contains(
                &"Improving what exists is new this sprint: none was recorded the sprint before."
                    .to_string()
            ),
            "{summary:?}"
        );
        assert_eq!(
            summary.last().unwrap(),
            "The teams with a known day cost spent $3,000; this excludes Driver App (no day cost given)."
        );
    }

    #[test]
    fn a_zero_category_is_left_out_of_the_split_and_carriers_are_named() {
        let sprint = row("a", "ktlo", 6.0) + &row("b", "ktlo", 2.0) + &row("b", "new", 2.0);
        let (config, ledger, accounts) = site(&[&sprint]);
        let summary = sprint_summary(&config, &ledger, &accounts, 0);
        assert_eq!(
            summary[1],
            "The split: keeping the lights on 80% and new things 20%."
        );
        assert!(summary.contains(&"Payments carried about three quarters of the time spent on keeping the lights on.".to_string()), "{summary:?}");
    }

    #[test]
    fn highs_over_recent_sprints_are_noticed() {
        let (config, ledger, accounts) = ktlo_series(&[1.0, 2.0, 3.0, 6.0], 10.0);
        let summary = sprint_summary(&config, &ledger, &accounts, 3);
        assert!(
            summary.contains(
                &"Keeping the lights on is at its highest share in the last 4 sprints.".to_string()
            ) || summary
                .contains(&"New things is at its lowest share in the last 4 sprints.".to_string()),
            "{summary:?}"
        );
    }

    #[test]
    fn a_recent_high_leads_the_headline_when_nothing_moved_much() {
        let (config, ledger, accounts) = ktlo_series(&[20.0, 21.0, 22.0, 24.0], 100.0);
        assert_eq!(
            sprint_headline(&config, &ledger, &accounts, 3),
            "Keeping the lights on took 24% of engineering time in sprint S3, its highest share in 4 sprints."
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
