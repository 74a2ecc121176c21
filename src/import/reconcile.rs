//! The reconciliation printed after every import: what was read, what was imported, and every
//! item skipped, left uncategorized or estimated, with its key and why. Nothing is dropped
//! silently.

use std::fmt::Write as _;

pub use super::amounts::{format_amount, with_unit};
use super::item::Format;
use super::rules::EffortMode;
use crate::load::input::Day;

/// One item in a list of the reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The item's key (`PAY-12`, `#345`).
    pub key: String,
    /// Why it is listed, in a phrase.
    pub reason: String,
}

impl Listed {
    /// An entry.
    pub fn new(key: &str, reason: impl Into<String>) -> Self {
        Self {
            key: key.to_string(),
            reason: reason.into(),
        }
    }
}

/// One team's share of the import.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamTotal {
    /// The team's id.
    pub team: String,
    /// Items imported for it.
    pub items: usize,
    /// Their effort, in the site's unit.
    pub effort: f64,
    /// For `points-share` and `count`: where the split capacity came from.
    pub capacity: Option<String>,
}

/// Everything an import did, for the author to check against the tracker.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    /// The sprint's id.
    pub sprint: String,
    /// The sprint's first day.
    pub start: Day,
    /// The sprint's last day.
    pub end: Day,
    /// The export's format.
    pub format: Format,
    /// The export files, as given.
    pub files: Vec<String>,
    /// How effort was found.
    pub mode: EffortMode,
    /// One sentence on how effort was found, with the numbers used.
    pub mode_explained: String,
    /// The site's effort unit.
    pub unit: &'static str,
    /// Items in the export.
    pub read: usize,
    /// Items that became rows.
    pub imported: usize,
    /// The effort of those rows.
    pub effort: f64,
    /// Per team, in teams.toml order.
    pub teams: Vec<TeamTotal>,
    /// Items not imported, and why.
    pub skipped: Vec<Listed>,
    /// Items imported without a category, and why.
    pub uncategorized: Vec<Listed>,
    /// Items whose effort was assumed, and how.
    pub estimated: Vec<Listed>,
    /// Where the imported items' estimates came from: each column with its count, in the
    /// order first met.
    pub estimate_columns: Vec<(String, usize)>,
    /// How the items without an estimate were counted: each way with its count.
    pub counted_as: Vec<(usize, &'static str)>,
    /// Rules that would import the items no team rule matched, as TOML to paste into
    /// site.toml, each with the number of items it would take.
    pub suggested_rules: Vec<(String, usize)>,
    /// Anything else worth a look (a default team used, a parent not in the export, a key
    /// already in a row of another source).
    pub notes: Vec<Listed>,
    /// Earlier rows of this source that the import replaced.
    pub replaced: usize,
    /// Other rows of the sprint, kept as they were.
    pub kept: usize,
}

impl Reconciliation {
    /// The reconciliation as plain text, one fact per line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Reconciliation: {} export {} for sprint {} ({} to {})",
            self.format.label(),
            self.files.join(", "),
            self.sprint,
            self.start.iso(),
            self.end.iso()
        );
        let _ = writeln!(out, "Effort: {}", self.mode_explained);
        let _ = writeln!(out);
        let _ = writeln!(out, "  items read        {}", self.read);
        let _ = writeln!(
            out,
            "  items imported    {} ({})",
            self.imported,
            with_unit(self.effort, self.unit)
        );
        let team_width = self.teams.iter().map(|t| t.team.len()).max().unwrap_or(0);
        for team in &self.teams {
            let capacity = team
                .capacity
                .as_ref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {:<team_width$}  {}, {}{capacity}",
                team.team,
                items(team.items),
                with_unit(team.effort, self.unit),
            );
        }
        let _ = writeln!(out, "  items skipped     {}", self.skipped.len());
        let _ = writeln!(out, "  uncategorized     {}", self.uncategorized.len());
        let _ = writeln!(out, "  estimates         {}", self.estimates_line());
        let _ = writeln!(out, "  no estimate       {}", self.no_estimate_line());
        let _ = writeln!(
            out,
            "  sprint file       {} with source = \"{}\" written, replacing {}; {} other {} kept as {} were",
            rows(self.imported),
            self.format.as_str(),
            self.replaced,
            self.kept,
            if self.kept == 1 { "row" } else { "rows" },
            if self.kept == 1 { "it" } else { "they" },
        );
        for (title, list) in [
            ("Skipped (not imported)", &self.skipped),
            (
                "Uncategorized (imported without a category)",
                &self.uncategorized,
            ),
            (
                "Effort estimated (no estimate in the export)",
                &self.estimated,
            ),
            ("Notes", &self.notes),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            let width = list.iter().map(|l| l.key.len()).max().unwrap_or(0);
            for entry in list {
                let _ = writeln!(out, "  {:<width$}  {}", entry.key, entry.reason);
            }
        }
        if !self.suggested_rules.is_empty() {
            let _ = writeln!(
                out,
                "\nTo import the items no team rule matched, add to site.toml (with the right team id):"
            );
            for (rule, n) in &self.suggested_rules {
                let _ = writeln!(
                    out,
                    "  # takes {}\n  {}",
                    items(*n),
                    rule.replace('\n', "\n  ")
                );
            }
        }
        out
    }

    /// "40 from `Custom field (Story point estimate)`, 2 from `Original Estimate`".
    fn estimates_line(&self) -> String {
        if self.mode == EffortMode::Count {
            return "not used: effort = \"count\" splits each team's capacity equally".to_string();
        }
        if self.estimate_columns.is_empty() {
            return "none in the export".to_string();
        }
        self.estimate_columns
            .iter()
            .map(|(column, n)| format!("{n} from `{column}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "5 items: 3 counted as the median of the team's other items; 2 given an equal share of
    /// the team's capacity, as no item of the team has an estimate".
    fn no_estimate_line(&self) -> String {
        let total = self.estimated.len();
        if total == 0 {
            return "0".to_string();
        }
        let ways: Vec<String> = match self.counted_as.as_slice() {
            [(_, how)] => vec![how.to_string()],
            ways => ways.iter().map(|(n, how)| format!("{n} {how}")).collect(),
        };
        format!("{}: {}", items(total), ways.join("; "))
    }
}

fn rows(n: usize) -> String {
    match n {
        1 => "1 row".to_string(),
        n => format!("{n} rows"),
    }
}

fn items(n: usize) -> String {
    match n {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    }
}
