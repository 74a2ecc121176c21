//! Which column of a CSV export holds an item's estimate, row by row.
//!
//! Jira Cloud exports carry both `Custom field (Story Points)`, empty in every row, and
//! `Custom field (Story point estimate)`, which holds the values; teams that estimate in time
//! fill `Original Estimate` instead. So every known estimate column is read, and each row takes
//! the first one (in the list's order) that has a value *for that row*. `[import]
//! estimate_columns` replaces the list. A name matches a header with or without Jira's
//! `Custom field (…)` around it, ignoring case.

use super::csvfile::Table;

/// Jira's estimate columns, most specific first: story points, then time.
pub(super) const JIRA: &[&str] = &[
    "Story Points",
    "Story point estimate",
    "Σ Original Estimate",
    "Original Estimate",
    "Time Spent",
];

/// Linear's one estimate column.
pub(super) const LINEAR: &[&str] = &["Estimate"];

/// Jira's time fields, written in seconds; every other estimate column counts points.
const TIME_FIELDS: &[&str] = &[
    "original estimate",
    "remaining estimate",
    "time spent",
    "σ original estimate",
    "σ remaining estimate",
    "σ time spent",
];

/// One estimate column of the export.
#[derive(Debug, Clone)]
pub(super) struct EstimateColumn {
    /// Its position in the header.
    pub index: usize,
    /// Its header, as written (for the reconciliation).
    pub header: String,
    /// Whether it holds seconds of time (else story points).
    pub seconds: bool,
}

/// The export's estimate columns named by `names`, in the order of `names` (a name may match
/// more than one column: `Story Points` and `Custom field (Story Points)`).
pub(super) fn columns(table: &Table, names: &[String]) -> Vec<EstimateColumn> {
    let mut found = Vec::new();
    for name in names {
        let wanted = normalized(name);
        for (index, header) in table.header.iter().enumerate() {
            if normalized(header) == wanted
                && !found.iter().any(|c: &EstimateColumn| c.index == index)
            {
                found.push(EstimateColumn {
                    index,
                    header: clean(header).to_string(),
                    seconds: TIME_FIELDS.contains(&wanted.as_str()),
                });
            }
        }
    }
    found
}

/// The names to read: the author's list, else the tracker's own.
pub(super) fn names(custom: Option<&[String]>, defaults: &[&str]) -> Vec<String> {
    match custom {
        Some(list) => list.to_vec(),
        None => defaults.iter().map(|n| n.to_string()).collect(),
    }
}

fn clean(header: &str) -> &str {
    header.trim().trim_start_matches('\u{feff}').trim()
}

/// `Custom field (Story point estimate)` → `story point estimate`.
fn normalized(header: &str) -> String {
    let lower = clean(header).to_lowercase();
    let inner = lower
        .strip_prefix("custom field (")
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or(&lower);
    inner.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            header_start: 0,
            records: Vec::new(),
        }
    }

    #[test]
    fn jira_cloud_columns_are_found_in_the_lists_order_with_their_kind() {
        let t = table(&[
            "Summary",
            "Original Estimate",
            "Custom field (Story Points)",
            "Custom field (Story point estimate)",
            "Σ Original Estimate",
        ]);
        let found = columns(&t, &names(None, JIRA));
        let got: Vec<(usize, &str, bool)> = found
            .iter()
            .map(|c| (c.index, c.header.as_str(), c.seconds))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "Custom field (Story Points)", false),
                (3, "Custom field (Story point estimate)", false),
                (4, "Σ Original Estimate", true),
                (1, "Original Estimate", true),
            ]
        );
    }

    #[test]
    fn the_authors_list_replaces_the_default_and_ignores_case() {
        let t = table(&[
            "Custom field (Story Points)",
            "custom field (T-shirt points)",
        ]);
        let custom = vec!["T-Shirt Points".to_string()];
        let found = columns(&t, &names(Some(&custom), JIRA));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].index, 1);
        assert!(!found[0].seconds);
    }
}
