//! The item model every reader produces and every later step reads: the tracker ([`Format`]),
//! one exported [`Item`], the work [`Row`] made from it, and the natural order of item keys.
//!
//! It imports nothing else of `import`, so the readers, the rules and the writer can all use it
//! without depending on each other.

use std::cmp::Ordering;

use crate::diagnostics::Location;

/// The tracker an export comes from; also the `source` of the rows it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Jira's "Export CSV (all fields)".
    Jira,
    /// Linear's CSV export.
    Linear,
    /// The JSON of `gh issue list` / `gh pr list`.
    Github,
}

impl Format {
    /// The `source` written into imported rows: `jira`, `linear` or `github`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jira => "jira",
            Self::Linear => "linear",
            Self::Github => "github",
        }
    }

    /// The tracker's name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Jira => "Jira",
            Self::Linear => "Linear",
            Self::Github => "GitHub",
        }
    }

    /// What "done" is called in this tracker.
    pub(super) fn done_word(self) -> &'static str {
        match self {
            Self::Jira => "resolved",
            Self::Linear => "completed",
            Self::Github => "closed",
        }
    }
}

/// One item of an export, whatever the tracker.
#[derive(Debug, Clone)]
pub struct Item {
    /// The key: `PAY-12` (Jira, Linear), `#345` or `owner/repo#345` (GitHub).
    pub key: String,
    /// Jira's numeric `Issue id`, which `Parent` and `Parent id` refer to.
    pub id: Option<String>,
    /// The summary, exactly as exported.
    pub title: String,
    /// The issue type (Jira).
    pub kind: Option<String>,
    /// The status (Jira, Linear) or state (GitHub).
    pub status: Option<String>,
    /// The project key (Jira) or project name (Linear).
    pub project: Option<String>,
    /// The tracker's team (Linear; Jira's `Team` field when exported).
    pub team: Option<String>,
    /// The repository (GitHub, from `--repo`).
    pub repo: Option<String>,
    /// The milestone (GitHub).
    pub milestone: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Components (Jira).
    pub components: Vec<String>,
    /// Parents and epics as exported: keys, or numeric ids (Jira).
    pub parents: Vec<String>,
    /// Parents, their parents and so on, as keys where the export allows.
    pub ancestors: Vec<String>,
    /// Numeric parent ids that are not in the export.
    pub unresolved_parents: Vec<String>,
    /// Story points (Jira) or estimate (Linear).
    pub points: Option<f64>,
    /// Jira's original estimate or time spent, in hours.
    pub hours: Option<f64>,
    /// The export's column the estimate came from, as written in its header.
    pub estimate_from: Option<String>,
    /// The day it was resolved, completed or closed.
    pub done: Option<jiff::civil::Date>,
    /// Where it is in the export.
    pub origin: Location,
}

impl Item {
    /// An item with a key, a title and a place in its file, and nothing else known yet: the
    /// readers fill in what their format has (`Item { repo, ..Item::new(...) }`).
    pub fn new(key: String, title: String, origin: Location) -> Self {
        Self {
            key,
            id: None,
            title,
            kind: None,
            status: None,
            project: None,
            team: None,
            repo: None,
            milestone: None,
            labels: Vec::new(),
            components: Vec::new(),
            parents: Vec::new(),
            ancestors: Vec::new(),
            unresolved_parents: Vec::new(),
            points: None,
            hours: None,
            estimate_from: None,
            done: None,
            origin,
        }
    }
}

/// A TOML basic string, quoted and escaped.
pub fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// A work row made from an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Team id.
    pub team: String,
    /// Category id; `None` is uncategorized.
    pub category: Option<String>,
    /// Effort in the site's unit.
    pub effort: f64,
    /// The item's title.
    pub title: String,
    /// The item's key.
    pub reference: String,
    /// System id.
    pub system: Option<String>,
    /// Initiative id.
    pub initiative: Option<String>,
    /// Whether the work was planned.
    pub planned: bool,
    /// `jira`, `linear` or `github`.
    pub source: &'static str,
}

/// `PAY-9` before `PAY-10`: digits compare as numbers.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(text: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digits = None;
        for (i, c) in text.char_indices() {
            let is_digit = c.is_ascii_digit();
            if digits.is_some_and(|d| d != is_digit) {
                out.push((digits.unwrap_or(false), &text[start..i]));
                start = i;
            }
            digits = Some(is_digit);
        }
        if start < text.len() {
            out.push((digits.unwrap_or(false), &text[start..]));
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let order = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            (false, false) => x.1.to_lowercase().cmp(&y.1.to_lowercase()),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_naturally() {
        assert_eq!(natural_cmp("PAY-9", "PAY-10"), Ordering::Less);
        assert_eq!(natural_cmp("#100", "#20"), Ordering::Greater);
        assert_eq!(natural_cmp("DATA-1", "PAY-1"), Ordering::Less);
        let mut keys = vec!["b#2", "a#10", "a#9"];
        keys.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(keys, ["a#9", "a#10", "b#2"]);
    }
}
