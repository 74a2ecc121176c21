//! Jira's "Export CSV (all fields)".
//!
//! Multi-value fields repeat their header (`Labels,Labels,Labels`), so columns are read by
//! position and every value is kept. The parent of an item may be written as `Parent` (a
//! numeric id in recent exports), `Parent key`, `Parent id` or `Custom field (Epic Link)`:
//! every spelling is kept here and resolved against the export's `Issue id`s later.

use std::sync::Arc;

use super::amounts::{BadAmount, exported_amount};
use super::csvfile::{self, Record, Table, Tracker};
use super::dates;
use super::estimates::{self, EstimateColumn};
use super::item::Item;
use crate::diagnostics::{Diagnostic, Location, SourceFile};

const JIRA: Tracker = Tracker {
    name: "Jira",
    export: "Jira (Filters → Export → Export CSV (all fields))",
    reads: "Issue key, Issue id, Summary, Issue Type, Status, Project key, Resolved, Labels, Component/s, the estimate columns (Custom field (Story Points), Custom field (Story point estimate), Σ Original Estimate, Original Estimate, Time Spent), Parent, Parent key, Parent id, Custom field (Epic Link)",
};

/// Reads a Jira CSV export. Problems are pushed to `problems`; the items read are returned.
/// `estimate_columns` replaces the estimate columns read (see [`estimates`]).
pub fn parse(
    file: &Arc<SourceFile>,
    date_format: &str,
    estimate_columns: Option<&[String]>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let Some((table, [key, summary, resolved])) = csvfile::read_export(
        file,
        &JIRA,
        [
            ("Issue key", &["Issue key"]),
            ("Summary", &["Summary"]),
            ("Resolved", &["Resolved"]),
        ],
        problems,
    ) else {
        return Vec::new();
    };
    let column = |names: &[&str]| table.position(names);
    let columns = Columns {
        key,
        summary,
        resolved,
        id: column(&["Issue id"]),
        kind: column(&["Issue Type"]),
        status: column(&["Status"]),
        project: column(&["Project key"]),
        team: column(&["Team", "Custom field (Team)"]),
        estimates: estimates::columns(&table, &estimates::names(estimate_columns, estimates::JIRA)),
        labels: table.positions(&["Labels"]),
        components: table.positions(&["Component/s", "Components"]),
        parents: table.positions(&[
            "Parent",
            "Parent key",
            "Parent id",
            "Custom field (Epic Link)",
            "Epic Link",
        ]),
    };
    let mut items = Vec::with_capacity(table.records.len());
    for record in &table.records {
        if record.fields.len() != table.header.len() {
            problems.push(csvfile::length_error(
                file,
                &table,
                record,
                "Jira writes every field in every record, even empty ones",
            ));
            continue;
        }
        let reader = RecordReader {
            file,
            table: &table,
            record,
        };
        if let Some(item) = reader.item(&columns, date_format, problems) {
            items.push(item);
        }
    }
    items
}

struct Columns {
    key: usize,
    summary: usize,
    resolved: usize,
    id: Option<usize>,
    kind: Option<usize>,
    status: Option<usize>,
    project: Option<usize>,
    team: Option<usize>,
    estimates: Vec<EstimateColumn>,
    labels: Vec<usize>,
    components: Vec<usize>,
    parents: Vec<usize>,
}

struct RecordReader<'a> {
    file: &'a Arc<SourceFile>,
    table: &'a Table,
    record: &'a Record,
}

impl RecordReader<'_> {
    fn raw(&self, index: usize) -> &str {
        self.record.fields.get(index).map_or("", String::as_str)
    }

    fn text(&self, index: Option<usize>) -> Option<String> {
        let value = self.raw(index?).trim();
        (!value.is_empty()).then(|| value.to_string())
    }

    fn all(&self, indices: &[usize]) -> Vec<String> {
        let mut values: Vec<String> = Vec::new();
        for &i in indices {
            let value = self.raw(i).trim();
            if !value.is_empty() && !values.iter().any(|v| v == value) {
                values.push(value.to_string());
            }
        }
        values
    }

    fn error(&self, index: usize, message: String) -> Diagnostic {
        csvfile::field_error(self.file, self.table, self.record, index, message)
    }

    fn number(
        &self,
        key: &str,
        index: Option<usize>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        let index = index?;
        let value = self.raw(index).trim();
        if value.is_empty() {
            return None;
        }
        match exported_amount(value, key) {
            Ok(number) => Some(number),
            Err(BadAmount::TooLarge(message, help)) => {
                problems.push(self.error(index, message).with_help(help));
                None
            }
            Err(BadAmount::NotANumber) => {
                problems.push(
                    self.error(index, format!("`{value}` ({key}) is not a number of zero or more"))
                        .with_help("Jira writes numbers like `3` or `2.5`; remove any unit or thousands separator"),
                );
                None
            }
        }
    }

    /// The first estimate column with a value in this record, and that value (points, or
    /// seconds for a time field). A value that is not a number is reported, and the next
    /// column is not tried: the author should see the typo.
    fn estimate<'c>(
        &self,
        key: &str,
        columns: &'c [EstimateColumn],
        problems: &mut Vec<Diagnostic>,
    ) -> Option<(f64, &'c EstimateColumn)> {
        let column = columns
            .iter()
            .find(|c| !self.raw(c.index).trim().is_empty())?;
        Some((self.number(key, Some(column.index), problems)?, column))
    }

    fn item(
        &self,
        columns: &Columns,
        date_format: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Item> {
        let Some(key) = self.text(Some(columns.key)) else {
            problems.push(
                self.error(columns.key, "this record has no issue key".to_string())
                    .with_help(
                        "every Jira item has a key such as `PAY-123`; export the file again",
                    ),
            );
            return None;
        };
        let resolved_text = self.raw(columns.resolved).trim();
        let done = if resolved_text.is_empty() {
            None
        } else {
            match dates::formatted(resolved_text, date_format) {
                Some(date) => Some(date),
                None => {
                    problems.push(
                        self.error(
                            columns.resolved,
                            format!(
                                "`{resolved_text}` ({key}) is not a date in the format `{date_format}`"
                            ),
                        )
                        .with_help("set the format of your Jira's dates in site.toml, e.g.\n[import.jira]\ndate_format = \"%Y-%m-%d %H:%M\"")
                        .with_help("Jira's default `13/Nov/26 4:05 PM` is `%d/%b/%y %I:%M %p`; ISO dates (2026-11-13) are always read"),
                    );
                    return None;
                }
            }
        };
        let estimate = self.estimate(&key, &columns.estimates, problems);
        let project = self
            .text(columns.project)
            .or_else(|| key.split_once('-').map(|(p, _)| p.to_string()));
        Some(Item {
            title: self.raw(columns.summary).to_string(),
            id: self.text(columns.id),
            kind: self.text(columns.kind),
            status: self.text(columns.status),
            project,
            team: self.text(columns.team),
            repo: None,
            milestone: None,
            labels: self.all(&columns.labels),
            components: self.all(&columns.components),
            parents: self.all(&columns.parents),
            ancestors: Vec::new(),
            unresolved_parents: Vec::new(),
            points: estimate.and_then(|(value, column)| (!column.seconds).then_some(value)),
            hours: estimate.and_then(|(value, column)| column.seconds.then_some(value / 3600.0)),
            estimate_from: estimate.map(|(_, column)| column.header.clone()),
            done,
            origin: Location {
                file: Arc::clone(self.file),
                span: csvfile::line_span(&self.file.text, self.record.start),
            },
            key,
        })
    }
}
