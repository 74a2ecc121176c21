//! `tally new sprint`: the next sprint's data file and a narrative stub, continuing the latest
//! sprint's id pattern, cadence and capacity.

pub mod starter;

use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::error::Error;
use crate::load::config::{Category, Config};
use crate::load::ledger::{DATA_DIR, Ledger, Sprint};

/// What `tally new sprint` wrote.
#[derive(Debug, Clone)]
pub struct NewSprint {
    /// The new sprint's id.
    pub id: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// The data file, relative to the site root.
    pub data_file: PathBuf,
    /// The narrative stub, relative to the site root.
    pub narrative: PathBuf,
}

/// The id after `id` in its pattern: `2026-S23` → `2026-S24`, `MF-09` → `MF-10`, `S9` → `S10`.
pub fn next_id(id: &str) -> Option<String> {
    let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let (prefix, number) = id.split_at(id.len() - digits);
    let next = number.parse::<u64>().ok()?.checked_add(1)?;
    Some(format!("{prefix}{next:0digits$}"))
}

/// The next sprint's dates: it starts on the first day after the latest sprint ends that falls
/// on the same weekday the latest sprint started on, and lasts as long.
pub fn next_dates(latest: &Sprint) -> Option<(Date, Date)> {
    dates_after(latest.start.0, latest.end.0)
}

/// The dates of the sprint after one that runs from `start` to `end` (see [`next_dates`]).
fn dates_after(start: Date, end: Date) -> Option<(Date, Date)> {
    let mut next = end.checked_add(1.day()).ok()?;
    while next.weekday() != start.weekday() {
        next = next.checked_add(1.day()).ok()?;
    }
    let length = end - start;
    Some((next, next.checked_add(length).ok()?))
}

/// The text of the new sprint's data file: dates, the capacity rows copied from the latest
/// sprint, and a commented example row.
pub fn sprint_file(
    ledger: &Ledger,
    id: &str,
    start: Date,
    end: Date,
    latest: Option<&Sprint>,
    category: &str,
) -> String {
    let mut text = format!(
        "# Sprint {id}. Add one [[work]] row per piece of work and team; `tally import` can fill them from a tracker.\n\
         id = \"{id}\"\nstart = {start}\nend = {end}\n"
    );
    if let Some(latest) = latest {
        if !latest.capacity.is_empty() {
            text.push_str(&format!(
                "\n# Capacity copied from {}; adjust for holidays and leave.\n",
                latest.id
            ));
        }
        for capacity in &latest.capacity {
            text.push_str(&format!(
                "[[capacity]]\nteam = \"{}\"\neffort = {}\n\n",
                ledger.teams[capacity.team].id,
                crate::charts::format_csv_number(capacity.effort)
            ));
        }
    }
    let team = ledger.teams.first().map_or("team-id", |t| t.id.as_str());
    text.push_str(&format!(
        "\n# [[work]]\n# team = \"{team}\"\n# category = \"{category}\"\n# effort = 5\n# title = \"What the work was\"\n# planned = true\n"
    ));
    text
}

/// The category the stub's first sentence speaks of: the site's upkeep category, else the one
/// with the most effort so far (the first on a tie, or with no work yet).
pub fn stub_category<'a>(config: &'a Config, ledger: &Ledger) -> Option<&'a Category> {
    let slot = config.upkeep_slot().or_else(|| {
        let mut effort = vec![0.0; config.categories.len()];
        for row in ledger.sprints.iter().flat_map(|s| &s.work) {
            if let Some(total) = effort.get_mut(row.category) {
                *total += row.effort;
            }
        }
        (0..effort.len()).reduce(|best, slot| {
            if effort[slot] > effort[best] {
                slot
            } else {
                best
            }
        })
    })?;
    config.categories.get(slot)
}

/// The narrative stub: front matter tied to the sprint, headings that prompt the author, and a
/// first sentence on `category`'s share, which builds on any site that has it.
pub fn narrative_stub(id: &str, end: Date, category: &Category) -> String {
    let (label, category) = (category.label.as_str(), category.id.as_str());
    format!(
        "+++\ntitle = \"Sprint {id}: \"   # lead with the finding, e.g. \"Sprint {id}: the upgrade is done\"\n\
         sprint = \"{id}\"\ndate = {end}\nsummary = \"\"\naudience = [\"executive\", \"finance\", \"product\", \"engineering\"]\n+++\n\n\
         {label} took {{{{ value(metric=\"share\", category=\"{category}\") }}}} of our time, {{{{ delta(metric=\"share\", category=\"{category}\") }}}}.\n\n\
         ## What changed\n\nWhat happened this sprint, in a few short sentences. Name the work, not just the category.\n\n\
         ## Why it matters\n\nWhat it means for customers, cost or risk.\n\n\
         ## What we ask for\n\nA decision, funding or patience; or \"nothing this sprint\".\n"
    )
}

/// Creates the next sprint's files. Writes nothing, and fails, if either file exists.
pub fn new_sprint(root: &Path, config: &Config, id: Option<String>) -> Result<NewSprint, Error> {
    let ledger = Ledger::load(root, config)?;
    let latest = ledger.sprints.last();
    let id = match (id, latest) {
        (Some(id), _) => id,
        (None, Some(latest)) => next_id(&latest.id).ok_or_else(|| {
            Error::Refused(format!(
                "the latest sprint's id `{}` has no number at its end to count on from; give the new id: tally new sprint ID",
                latest.id
            ))
        })?,
        (None, None) => {
            return Err(Error::Refused(
                "there is no sprint yet to continue from; give the new id: tally new sprint ID".into(),
            ));
        }
    };
    if !crate::load::input::is_valid_id(&id) {
        return Err(Error::Refused(format!(
            "`{id}` cannot be a sprint id: use letters, digits, `-` and `_`"
        )));
    }
    if ledger.sprint_index(&id).is_some() {
        return Err(Error::Refused(format!(
            "a sprint with the id `{id}` exists already"
        )));
    }
    let Some(last) = latest else {
        return Err(Error::Refused(
            "there is no sprint to continue from: write the first sprint's file by hand (see the README's data format)".into(),
        ));
    };
    let (start, end) = next_dates(last).ok_or_else(|| {
        Error::Refused(format!(
            "the sprint after `{}` (which ends on {}) would not fit before 9999-12-31, the last date tally can represent: check that sprint's dates in {}",
            last.id,
            last.end.iso(),
            last.path.display()
        ))
    })?;
    let data_file = Path::new(DATA_DIR)
        .join("sprints")
        .join(format!("{id}.toml"));
    let narrative = Path::new(crate::load::narratives::CONTENT_DIR)
        .join("sprints")
        .join(format!("{id}.md"));
    for path in [&data_file, &narrative] {
        if root.join(path).exists() {
            return Err(Error::Refused(format!(
                "`{}` exists already; tally new sprint changes nothing",
                path.display()
            )));
        }
    }
    let category = stub_category(config, &ledger).ok_or_else(|| {
        Error::Refused("the site has no category to write about; add one to site.toml".into())
    })?;
    let data = sprint_file(&ledger, &id, start, end, latest, &category.id);
    let stub = narrative_stub(&id, end, category);
    for (path, text) in [(&data_file, data), (&narrative, stub)] {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("could not create", parent))?;
        }
        std::fs::write(&full, text).map_err(Error::io("could not write", &full))?;
    }
    Ok(NewSprint {
        id,
        start,
        end,
        data_file,
        narrative,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ids_continue_their_pattern() {
        assert_eq!(next_id("2026-S23").as_deref(), Some("2026-S24"));
        assert_eq!(next_id("MF-09").as_deref(), Some("MF-10"));
        assert_eq!(next_id("S9").as_deref(), Some("S10"));
        assert_eq!(next_id("sprint-099").as_deref(), Some("sprint-100"));
        assert_eq!(next_id("alpha"), None);
    }

    #[test]
    fn dates_keep_the_weekday_and_the_length() {
        // Monday 2 Nov to Friday 13 Nov: next is Monday 16 Nov to Friday 27 Nov.
        let next = dates_after(date(2026, 11, 2), date(2026, 11, 13)).unwrap();
        assert_eq!(next, (date(2026, 11, 16), date(2026, 11, 27)));
        // Wednesday to the Tuesday two weeks later: the next starts on Wednesday.
        let next = dates_after(date(2026, 11, 4), date(2026, 11, 17)).unwrap();
        assert_eq!(next, (date(2026, 11, 18), date(2026, 12, 1)));
    }

    #[test]
    fn no_next_dates_after_the_end_of_the_calendar() {
        assert_eq!(dates_after(date(9999, 12, 20), date(9999, 12, 31)), None);
        assert_eq!(dates_after(date(9999, 12, 10), date(9999, 12, 23)), None);
    }

    #[test]
    fn the_stub_prompts_the_author() {
        let category = Category {
            id: "run".into(),
            label: "Running".into(),
            phrase: None,
            color: "#d9730d".into(),
            explain: String::new(),
            capitalizable: false,
            kind: None,
        };
        let stub = narrative_stub("2026-S24", date(2026, 11, 27), &category);
        assert!(stub.contains("sprint = \"2026-S24\""));
        for heading in ["## What changed", "## Why it matters", "## What we ask for"] {
            assert!(stub.contains(heading));
        }
        assert!(stub.contains("Running took {{ value(metric=\"share\", category=\"run\") }}"));
    }
}
