//! Which items an import takes: those done within the sprint's dates, given a team by the
//! `[[import.team]]` rules and a category by the `[[import.rule]]` rules. Every item left out,
//! left uncategorized or taken with an assumption is listed with why, for the reconciliation.

use super::item::{Format, Item, natural_cmp, toml_string};
use super::reconcile::Listed;
use super::rules::{Rule, Rules};
use super::target::Target;
use crate::load::ledger::Ledger;

/// An item taken: its team's index in the ledger, the item, and the first category rule it
/// matches.
pub(super) type Chosen<'a> = (usize, &'a Item, Option<&'a Rule>);

/// The items taken, in the rows' order (by team, then key), and the lists about the others.
pub(super) struct Selection<'a> {
    pub(super) chosen: Vec<Chosen<'a>>,
    /// Items not imported, and why.
    pub(super) skipped: Vec<Listed>,
    /// Items imported without a category, and why.
    pub(super) uncategorized: Vec<Listed>,
    /// Assumptions made about imported items.
    pub(super) notes: Vec<Listed>,
    /// Items done in the sprint that no team rule matched (and there is no `default_team`).
    pub(super) unmatched: Vec<&'a Item>,
}

/// Chooses the items of `format` that go into `target`, in the rows' order.
pub(super) fn select<'a>(
    items: &'a [Item],
    format: Format,
    target: &Target,
    rules: &'a Rules,
    ledger: &Ledger,
) -> Selection<'a> {
    let mut selection = Selection {
        chosen: Vec::new(),
        skipped: Vec::new(),
        uncategorized: Vec::new(),
        notes: Vec::new(),
        unmatched: Vec::new(),
    };
    for item in items {
        if let Some(reason) = outside_sprint(item, format, target) {
            selection.skipped.push(Listed::new(&item.key, reason));
            continue;
        }
        let team = match team_of(item, rules, ledger) {
            Ok((team, note)) => {
                selection.notes.extend(note);
                team
            }
            Err(reason) => {
                if rules.team_of(item).is_none() {
                    selection.unmatched.push(item);
                }
                selection.skipped.push(Listed::new(&item.key, reason));
                continue;
            }
        };
        let rule = rules.rule_of(item);
        if let Some(reason) = why_uncategorized(rule) {
            selection.uncategorized.push(Listed::new(&item.key, reason));
        }
        selection.notes.extend(unseen_parents(item));
        selection.chosen.push((team, item, rule));
    }
    selection
        .chosen
        .sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(&a.1.key, &b.1.key)));
    selection
}

/// Why an item is not imported for its date: not done, or done before or after the sprint.
fn outside_sprint(item: &Item, format: Format, target: &Target) -> Option<String> {
    let Some(done) = item.done else {
        return Some(not_done(format, item));
    };
    let done_word = format.done_word();
    if done < target.start.0 {
        let start = target.start.iso();
        Some(format!(
            "{done_word} {done}, before the sprint starts on {start}"
        ))
    } else if done > target.end.0 {
        let end = target.end.iso();
        Some(format!(
            "{done_word} {done}, after the sprint ends on {end}"
        ))
    } else {
        None
    }
}

/// The item's team (its index in the ledger) and a note when it is the default team, or why it
/// has none.
fn team_of(item: &Item, rules: &Rules, ledger: &Ledger) -> Result<(usize, Option<Listed>), String> {
    let Some((team_id, defaulted)) = rules.team_of(item) else {
        return Err(match rule_key(item) {
            Some((field, value)) => format!("no team rule matched ({field} {value})"),
            None => "no team rule matched".to_string(),
        });
    };
    let Some(team) = ledger.team_index(team_id) else {
        return Err(format!("unknown team `{team_id}`"));
    };
    let note = defaulted.then(|| {
        Listed::new(
            &item.key,
            format!("no team rule matched: imported for the default team `{team_id}`"),
        )
    });
    Ok((team, note))
}

/// What a team rule for this item would match on: the tracker's own grouping (a Jira project,
/// a Linear team, a GitHub repository), else its project or milestone.
fn rule_key(item: &Item) -> Option<(&'static str, &str)> {
    let candidates = [
        ("team", &item.team),
        ("project", &item.project),
        ("repo", &item.repo),
        ("milestone", &item.milestone),
    ];
    // Jira's project key says more than its optional `Team` field.
    let order: [usize; 4] =
        if item.project.is_some() && item.key.contains('-') && item.team.is_none() {
            [1, 0, 2, 3]
        } else {
            [0, 1, 2, 3]
        };
    order.iter().find_map(|&i| {
        let (field, value) = candidates[i];
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| (field, v))
    })
}

/// The `[[import.team]]` rules that would take the items no team rule matched, one per value
/// of their grouping field (most items first), as TOML with a placeholder team; items with no
/// such field get the `default_team` line instead.
pub(super) fn suggested_rules(unmatched: &[&Item]) -> Vec<(String, usize)> {
    let mut found: Vec<(String, usize)> = Vec::new();
    let mut add = |text: String| match found.iter_mut().find(|(t, _)| *t == text) {
        Some((_, n)) => *n += 1,
        None => found.push((text, 1)),
    };
    for item in unmatched {
        match rule_key(item) {
            Some((field, value)) => add(format!(
                "[[import.team]]\nwhen = {{ {field} = {} }}\nteam = \"<team id>\"",
                toml_string(value)
            )),
            None => add("[import]\ndefault_team = \"<team id>\"".to_string()),
        }
    }
    found.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    found
}

/// Why an item with this first matching rule has no category, if it has none.
fn why_uncategorized(rule: Option<&Rule>) -> Option<&'static str> {
    match rule {
        None => Some("no category rule matched"),
        Some(rule) if rule.category.is_none() => Some("the first rule it matches sets no category"),
        Some(_) => None,
    }
}

/// Notes on an item whose only parents are ids outside the export: `epic` rules cannot see
/// their keys.
fn unseen_parents(item: &Item) -> Vec<Listed> {
    if item.ancestors.len() != item.unresolved_parents.len() {
        return Vec::new();
    }
    item.unresolved_parents
        .iter()
        .map(|id| {
            Listed::new(
                &item.key,
                format!("its parent has the id {id}, which is not in this export, so `epic` rules cannot see the parent's key"),
            )
        })
        .collect()
}

fn not_done(format: Format, item: &Item) -> String {
    let status = item.status.as_deref().unwrap_or_default();
    match format {
        Format::Github if !status.eq_ignore_ascii_case("open") && !status.is_empty() => {
            format!("state {status}, but the export gives no `closedAt` date")
        }
        Format::Github => "not closed (state OPEN)".to_string(),
        _ if status.is_empty() => format!("not {}", format.done_word()),
        _ => format!("not {} (status \"{status}\")", format.done_word()),
    }
}
