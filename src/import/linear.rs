//! Linear's CSV export.
//!
//! Columns are matched by name. Linear leaves out trailing empty fields, so a short record is
//! valid (the missing fields are empty); a longer one is an error. Text that a spreadsheet could
//! take for a formula is written with a leading `'` (`'=SUM(...)`), which is removed here.

use std::sync::Arc;

use super::amounts::{BadAmount, exported_amount};
use super::csvfile::{self, Tracker};
use super::dates;
use super::estimates;
use super::item::Item;
use crate::diagnostics::{Diagnostic, Location, SourceFile};

const LINEAR: Tracker = Tracker {
    name: "Linear",
    export: "Linear (Settings → Import/export → Export CSV)",
    reads: "ID, Title, Team, Status, Estimate, Labels, Completed, Project, Parent issue",
};

/// Reads a Linear CSV export. Problems are pushed to `problems`; the items read are returned.
/// `estimate_columns` replaces the estimate column read (`Estimate`).
pub fn parse(
    file: &Arc<SourceFile>,
    estimate_columns: Option<&[String]>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let Some((table, [id, title, completed])) = csvfile::read_export(
        file,
        &LINEAR,
        [
            ("ID", &["ID", "Id"]),
            ("Title", &["Title"]),
            ("Completed", &["Completed"]),
        ],
        problems,
    ) else {
        return Vec::new();
    };
    let column = |names: &[&str]| table.position(names);
    let team = column(&["Team"]);
    let status = column(&["Status"]);
    let estimate_columns = estimates::columns(
        &table,
        &estimates::names(estimate_columns, estimates::LINEAR),
    );
    let labels = column(&["Labels"]);
    let project = column(&["Project"]);
    let parent = column(&["Parent issue"]);
    let mut items = Vec::with_capacity(table.records.len());
    for record in &table.records {
        if record.fields.len() > table.header.len() {
            problems.push(csvfile::length_error(
                file,
                &table,
                record,
                "more fields than columns",
            ));
            continue;
        }
        let raw = |index: Option<usize>| {
            index
                .and_then(|i| record.fields.get(i))
                .map_or("", |v| unguard(v))
        };
        let text = |index: Option<usize>| {
            let value = raw(index).trim();
            (!value.is_empty()).then(|| value.to_string())
        };
        let error = |index: usize, message: String| {
            csvfile::field_error(file, &table, record, index, message)
        };
        let Some(key) = text(Some(id)) else {
            problems.push(error(id, "this record has no ID".to_string()).with_help(
                "every Linear issue has an ID such as `PAY-123`; export the file again",
            ));
            continue;
        };
        let completed_text = raw(Some(completed)).trim();
        let done = if completed_text.is_empty() {
            None
        } else if let Some(date) = dates::linear(completed_text) {
            Some(date)
        } else {
            problems.push(
                error(
                    completed,
                    format!("`{completed_text}` ({key}) is not a date tally can read"),
                )
                .with_help(
                    "Linear writes dates like `Thu May 23 2024 16:06:19 GMT+0000 (GMT)` or `2024-05-23T16:06:19.000Z`; if the file was edited in a spreadsheet, write the date in one of those forms",
                ),
            );
            continue;
        };
        // The first estimate column with a value in this record.
        let estimate = estimate_columns
            .iter()
            .find_map(|c| text(Some(c.index)).map(|value| (c, value)));
        let points = match &estimate {
            None => None,
            Some((column, value)) => match exported_amount(value, &key) {
                Ok(points) => Some(points),
                Err(BadAmount::TooLarge(message, help)) => {
                    problems.push(error(column.index, message).with_help(help));
                    continue;
                }
                Err(BadAmount::NotANumber) => {
                    problems.push(
                        error(
                            column.index,
                            format!("`{value}` ({key}) is not an estimate of zero or more"),
                        )
                        .with_help("Linear writes estimates as numbers, e.g. `3`"),
                    );
                    continue;
                }
            },
        };
        let labels = raw(labels)
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        items.push(Item {
            title: raw(Some(title)).to_string(),
            id: None,
            kind: None,
            status: text(status),
            project: text(project),
            team: text(team),
            repo: None,
            milestone: None,
            labels,
            components: Vec::new(),
            parents: text(parent).into_iter().collect(),
            ancestors: Vec::new(),
            unresolved_parents: Vec::new(),
            points,
            hours: None,
            estimate_from: estimate.map(|(column, _)| column.header.clone()),
            done,
            origin: Location {
                file: Arc::clone(file),
                span: csvfile::line_span(&file.text, record.start),
            },
            key,
        });
    }
    items
}

/// Removes the `'` that guards text a spreadsheet would read as a formula.
fn unguard(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::unguard;

    #[test]
    fn formula_guards_are_removed_and_other_quotes_kept() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'-1 day"), "-1 day");
        assert_eq!(unguard("'quoted' word"), "'quoted' word");
        assert_eq!(unguard("plain"), "plain");
    }
}
