//! A team page's headline: what moved in the team's own split of time, never its largest
//! category (which is the same sprint after sprint, so it is not news).

use crate::accounts::Accounts;
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::words::figures::{people, percent, points_change, spoken_effort};
use crate::words::findings::baseline;
use crate::words::names::category_words;

/// A move of at least this many points in a team's share is worth a headline.
const NEWS_POINTS: i64 = 50; // in tenths of a point

/// The headline of team `team`'s page for sprint `sprint`: the kind of work whose share of the
/// team's time moved most over the comparison window (from the same starting sprint as every
/// other comparison on the site), or, when nothing moved 5 points, that the split held steady.
pub fn team_headline(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    slots: &[usize],
    sprint: usize,
    team: usize,
) -> String {
    let name = &ledger.teams[team].name;
    let id = &ledger.sprints[sprint].id;
    let now = &accounts.sprints[sprint].teams[team];
    if now.effort == 0.0 {
        return format!("{name} recorded no work in sprint {id}.");
    }
    let amount = format!(
        "{} in all, {}",
        spoken_effort(config, now.effort),
        people(now.fte)
    );
    let Some(window) = baseline(ledger, accounts, sprint) else {
        return format!(
            "{name} recorded {amount} in sprint {id}, its first sprint here: there is nothing to compare it with yet."
        );
    };
    let before = &accounts.sprints[window.start].teams[team];
    if before.effort == 0.0 {
        return format!(
            "{name} recorded {amount} in sprint {id}; it recorded no work in sprint {}, so its split is not compared.",
            ledger.sprints[window.start].id
        );
    }
    let tenths = |share: f64| (share * 1000.0).round() as i64;
    let moved = slots
        .iter()
        .map(|&slot| (slot, tenths(now.share(slot)) - tenths(before.share(slot))))
        .max_by_key(|&(slot, change)| (change.abs(), change > 0, std::cmp::Reverse(slot)));
    match moved {
        Some((slot, change)) if change.abs() >= NEWS_POINTS => {
            let share = now.share(slot);
            let (verb, amount) = match (change > 0, share == 0.0) {
                (true, _) => ("put", format!("{} of its time into", percent(share))),
                (false, true) => ("spent", "none of its time on".to_string()),
                (false, false) => ("spent", format!("only {} of its time on", percent(share))),
            };
            format!(
                "{name} {verb} {amount} {} in sprint {id}, {} {}, from {}.",
                category_words(config, slot),
                points_change(change as f64 / 10.0),
                window.words,
                percent(before.share(slot)),
            )
        }
        _ => format!(
            "{name} kept about the same split of its time in sprint {id}: no kind of work moved 5 points or more {}. It recorded {amount}.",
            window.words
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::narrate::shown_slots;
    use crate::words::testing::site_with;

    fn row(team: &str, category: &str, effort: f64) -> String {
        format!("[[work]]\nteam = \"{team}\"\ncategory = \"{category}\"\neffort = {effort}\n")
    }

    fn headline(sprints: &[String], sprint: usize) -> String {
        let refs: Vec<&str> = sprints.iter().map(String::as_str).collect();
        let (config, ledger, accounts) = site_with("", &refs);
        let slots = shown_slots(&config, &accounts);
        team_headline(&config, &ledger, &accounts, &slots, sprint, 0)
    }

    #[test]
    fn the_largest_category_is_not_the_news_the_mover_is() {
        // New things stay the largest (70% then 60%); upkeep rising 10 points is the news.
        let sprints = [
            row("a", "new", 7.0) + &row("a", "ktlo", 3.0),
            row("a", "new", 6.0) + &row("a", "ktlo", 4.0),
        ];
        assert_eq!(
            headline(&sprints, 1),
            "Payments put 40% of its time into keeping the lights on in sprint S1, up 10 points since the sprint before, from 30%."
        );
    }

    #[test]
    fn a_steady_split_is_said_plainly() {
        let sprints = [
            row("a", "new", 7.0) + &row("a", "ktlo", 3.0),
            row("a", "new", 7.2) + &row("a", "ktlo", 2.8),
        ];
        assert_eq!(
            headline(&sprints, 1),
            "Payments kept about the same split of its time in sprint S1: no kind of work moved 5 points or more since the sprint before. It recorded 10 person-days in all, about 2 people's worth of time."
        );
    }

    #[test]
    fn a_first_sprint_and_an_idle_team_say_so() {
        let one = [row("a", "new", 10.0)];
        assert!(headline(&one, 0).contains("nothing to compare it with yet"));
        let idle = [row("b", "new", 10.0), row("a", "new", 10.0)];
        assert!(headline(&idle, 1).contains("recorded no work in sprint S0"));
    }

    #[test]
    fn a_fall_reads_as_a_fall() {
        let sprints = [
            row("a", "new", 5.0) + &row("a", "ktlo", 5.0),
            row("a", "ktlo", 7.0) + &row("a", "improve", 3.0),
        ];
        assert_eq!(
            headline(&sprints, 1),
            "Payments spent none of its time on new things in sprint S1, down 50 points since the sprint before, from 50%."
        );
    }
}
