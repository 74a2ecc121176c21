//! A brief's headline: the top finding for one reader, chosen by the same ranking as the sprint
//! pages ([`findings`](crate::words::findings)) among the findings that reader acts on. When
//! none of the sprint's findings is theirs, the sprint's top finding heads the brief, so a
//! brief never leads with an always-true fact.
//!
//! | audience | the findings it reads first |
//! |---|---|
//! | executive (and any audience the site adds) | every finding |
//! | finance | a category (money is counted by category), a capitalizable big project |
//! | product | a big project, the upkeep category (it takes time from the roadmap) |
//! | engineering | the upkeep category, a category that is not capitalizable, a big project in one of those or replacing a system |

use crate::accounts::Accounts;
use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::load::narratives::Narrative;
use crate::words::findings::{self, Finding, Subject};

/// A people's worth of time out of the site's engineers: "about 8 of our 25 engineers".
pub fn people_of(people: f64, engineers: f64) -> String {
    let of = format!("of our {:.0} engineers", engineers.round());
    if people <= 0.0 {
        "none of our engineers".to_string()
    } else if engineers <= 0.0 {
        crate::words::figures::people(people)
    } else if people < 0.75 {
        format!("less than one {of}")
    } else if people < 1.5 {
        format!("about one {of}")
    } else {
        format!("about {:.0} {of}", people.round())
    }
}

/// A sprint narrative's one ask: its front matter's `ask`, or the first paragraph of its
/// "What we ask for" section (any heading level, any case), as plain text.
pub fn ask_from(narrative: &Narrative) -> Option<String> {
    let written = narrative
        .ask
        .as_deref()
        .or_else(|| narrative.extra.get("ask").and_then(|a| a.as_str()));
    if let Some(ask) = written {
        let ask = ask.trim();
        return (!ask.is_empty()).then(|| ask.to_string());
    }
    let mut lines = narrative.body().lines();
    lines.find(|l| {
        let l = l.trim_start();
        l.starts_with('#')
            && l.trim_start_matches('#')
                .trim()
                .eq_ignore_ascii_case("what we ask for")
    })?;
    let paragraph: Vec<&str> = lines
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    let text = plain(&paragraph.join(" "));
    (!text.is_empty()).then_some(text)
}

/// Markdown emphasis, links and directives taken out of a paragraph.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("}}")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let mut text = String::new();
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' | '`' => {}
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            '[' => {}
            c => text.push(c),
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a finding is about something `audience` acts on (see the module's table).
pub fn relevant(config: &Config, ledger: &Ledger, audience: &str, finding: &Finding) -> bool {
    let upkeep = config.upkeep_slot();
    let expensed = |slot: usize| {
        Some(slot) == upkeep
            || config
                .categories
                .get(slot)
                .is_some_and(|c| !c.capitalizable)
    };
    match (audience, finding.subject) {
        (_, Subject::Sprint) => true,
        ("finance", Subject::Category(_)) => true,
        ("finance", Subject::Initiative(i)) => ledger.initiatives[i]
            .capitalizable
            .unwrap_or_else(|| !expensed(ledger.initiatives[i].category)),
        ("product", Subject::Initiative(_)) => true,
        ("product", Subject::Category(slot)) => Some(slot) == upkeep,
        ("engineering", Subject::Category(slot)) => expensed(slot),
        ("engineering", Subject::Initiative(i)) => {
            let initiative = &ledger.initiatives[i];
            initiative.replaces.is_some() || expensed(initiative.category)
        }
        _ => true,
    }
}

/// The finding that heads `audience`'s brief as of `sprint`.
pub fn brief_headline(
    config: &Config,
    ledger: &Ledger,
    accounts: &Accounts,
    sprint: usize,
    audience: &str,
) -> Finding {
    let mut all = findings::findings(config, ledger, accounts, sprint);
    let chosen = all
        .iter()
        .position(|f| relevant(config, ledger, audience, f))
        .unwrap_or(0);
    all.swap_remove(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::findings::Kind;
    use crate::words::testing::{row, site_full};

    /// A big project (capitalizable, category `new`) that finishes in S1, while upkeep rises
    /// past a third of the time.
    fn site() -> (Config, Ledger, Accounts) {
        let initiatives = "[[initiative]]\nid = \"p\"\nname = \"P\"\ncategory = \"new\"\n\
                           owner = \"a\"\nstart = 2026-01-05\nscope = 10\n";
        let s0 = format!("{}{}", row("a", "ktlo", 3.0), row("a", "new", 7.0));
        let s1 = format!(
            "{}{}[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 6\ninitiative = \"p\"\n",
            row("a", "ktlo", 6.0),
            row("a", "new", 0.0)
        );
        let s0 = format!(
            "{s0}[[work]]\nteam = \"a\"\ncategory = \"new\"\neffort = 4\ninitiative = \"p\"\n"
        );
        site_full("", Some(initiatives), &[&s0, &s1])
    }

    #[test]
    fn people_read_as_a_share_of_our_engineers() {
        assert_eq!(people_of(7.6, 25.0), "about 8 of our 25 engineers");
        assert_eq!(people_of(1.2, 25.0), "about one of our 25 engineers");
        assert_eq!(people_of(0.3, 25.0), "less than one of our 25 engineers");
        assert_eq!(people_of(0.0, 25.0), "none of our engineers");
    }

    #[test]
    fn the_ask_is_plain_text_of_its_section() {
        assert_eq!(
            plain(
                "**Keep funding [the break-up](/initiatives/x/) at {{ value(metric=\"fte\") }} a sprint.**"
            ),
            "Keep funding the break-up at a sprint."
        );
    }

    #[test]
    fn each_reader_gets_the_top_finding_they_act_on() {
        let (config, ledger, accounts) = site();
        let top = findings::headline(&config, &ledger, &accounts, 1);
        assert_eq!(top.kind, Kind::Finished, "{}", top.sentence);
        for audience in ["executive", "finance", "product", "own-readers"] {
            let f = brief_headline(&config, &ledger, &accounts, 1, audience);
            assert_eq!(f.subject, Subject::Initiative(0), "{audience}");
        }
        // Engineering: the project builds new things, so upkeep crossing a third is its news.
        let f = brief_headline(&config, &ledger, &accounts, 1, "engineering");
        assert_eq!(f.subject, Subject::Category(3), "{}", f.sentence);
    }
}
