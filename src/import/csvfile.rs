//! CSV exports read by position, with byte offsets kept so that every problem points at its
//! line and field.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile};

/// A CSV file: the header row and the records after it.
#[derive(Debug)]
pub struct Table {
    /// The header's names, in order; a name may repeat (Jira's `Labels`, `Sprint`...).
    pub header: Vec<String>,
    /// The header row's byte offset.
    pub header_start: usize,
    /// The records after the header.
    pub records: Vec<Record>,
}

/// One record: its fields and where it starts.
#[derive(Debug)]
pub struct Record {
    /// The fields, unquoted.
    pub fields: Vec<String>,
    /// The byte offset of the record's first character.
    pub start: usize,
}

impl Table {
    /// Every column whose name is one of `names` (ignoring case and spaces), in order.
    pub fn positions(&self, names: &[&str]) -> Vec<usize> {
        self.header
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                let h = h.trim().trim_start_matches('\u{feff}');
                names.iter().any(|n| h.eq_ignore_ascii_case(n))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The first column named one of `names`.
    pub fn position(&self, names: &[&str]) -> Option<usize> {
        self.positions(names).first().copied()
    }
}

/// Reads a CSV file; only a file that is not CSV at all (or has no header) is an error here.
pub fn read(file: &Arc<SourceFile>, what: &str) -> Result<Table, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut records = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                records.push(Record {
                    fields: record.iter().map(str::to_string).collect(),
                    start: skip_blank_lines(&file.text, start),
                });
            }
            Err(error) => {
                let offset = error.position().map_or(0, |p| p.byte() as usize);
                return Err(Diagnostic::error(
                    file,
                    offset..offset,
                    format!("this is not readable CSV: {error}"),
                )
                .with_help(format!("export the file again as CSV from {what}")));
            }
        }
    }
    if records.is_empty() {
        return Err(
            Diagnostic::error_in(Some(file), "the file is empty: there is no header row")
                .with_help(format!("export the file again as CSV from {what}")),
        );
    }
    let header = records.remove(0);
    Ok(Table {
        header: header.fields,
        header_start: header.start,
        records,
    })
}

/// A tracker whose CSV export is read, as its messages name it.
pub struct Tracker {
    /// Its name, as in "this Jira export".
    pub name: &'static str,
    /// Where its export is made, as in "export it from ...".
    pub export: &'static str,
    /// The columns tally reads, listed when a required one is missing.
    pub reads: &'static str,
}

/// Reads a tracker's CSV export and finds the columns every record must have, each given as
/// its name in messages and the names it may have in the header. A file that is not CSV, or
/// lacks a required column, is reported to `problems` (one report naming every missing column)
/// and gives `None`.
pub fn read_export<const N: usize>(
    file: &Arc<SourceFile>,
    tracker: &Tracker,
    required: [(&str, &[&str]); N],
    problems: &mut Vec<Diagnostic>,
) -> Option<(Table, [usize; N])> {
    let table = match read(file, tracker.export) {
        Ok(table) => table,
        Err(diagnostic) => {
            problems.push(diagnostic);
            return None;
        }
    };
    let found = required.map(|(_, names)| table.position(names));
    if found.iter().all(Option::is_some) {
        return Some((table, found.map(Option::unwrap_or_default)));
    }
    let missing: Vec<String> = required
        .iter()
        .zip(&found)
        .filter(|(_, column)| column.is_none())
        .map(|((name, _), _)| format!("`{name}`"))
        .collect();
    problems.push(
        Diagnostic::error(
            file,
            line_span(&file.text, table.header_start),
            format!(
                "this {} export has no {} column",
                tracker.name,
                missing.join(" or ")
            ),
        )
        .with_label("the header row")
        .with_help(format!("export it from {}", tracker.export))
        .with_help(format!("tally reads: {}", tracker.reads)),
    );
    None
}

/// The csv reader reports the position where it started looking, before skipped blank lines.
fn skip_blank_lines(text: &str, mut offset: usize) -> usize {
    let bytes = text.as_bytes();
    while offset < bytes.len() && matches!(bytes[offset], b'\n' | b'\r') {
        offset += 1;
    }
    offset
}

/// The raw text span of field `index` of the record starting at `start` (quotes included), or
/// the record's end when it has fewer fields.
pub fn field_span(text: &str, start: usize, index: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut field = 0;
    loop {
        let field_start = i;
        if i < bytes.len() && bytes[i] == b'"' {
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        while i < bytes.len() && !matches!(bytes[i], b',' | b'\n' | b'\r') {
            i += 1;
        }
        if field == index {
            return field_start..i;
        }
        if bytes.get(i) != Some(&b',') {
            return i..i;
        }
        i += 1;
        field += 1;
    }
}

/// The first line of the record starting at `start`.
pub fn line_span(text: &str, start: usize) -> Range<usize> {
    let rest = &text[start.min(text.len())..];
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    start..start + end
}

/// An error about one field of a record, labelled with the column's name.
pub fn field_error(
    file: &Arc<SourceFile>,
    table: &Table,
    record: &Record,
    index: usize,
    message: impl Into<String>,
) -> Diagnostic {
    let name = table.header.get(index).map_or("", |h| h.trim());
    Diagnostic::error(file, field_span(&file.text, record.start, index), message)
        .with_label(format!("column `{name}`"))
}

/// A record whose field count is wrong.
pub fn length_error(
    file: &Arc<SourceFile>,
    table: &Table,
    record: &Record,
    rule: &str,
) -> Diagnostic {
    Diagnostic::error(
        file,
        line_span(&file.text, record.start),
        format!(
            "this record has {} fields, but the header has {}",
            record.fields.len(),
            table.header.len()
        ),
    )
    .with_label(rule.to_string())
    .with_help("a field that holds a comma, a quote or a line break must be in double quotes, with inner quotes doubled (\"\"); look for an unclosed or stray quote on this line or the one before")
    .with_help("export the file again rather than editing it by hand")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spans_step_over_quotes_and_commas() {
        let text = "a,\"b, \"\"c\"\"\",d\n1,2\n";
        assert_eq!(&text[field_span(text, 0, 0)], "a");
        assert_eq!(&text[field_span(text, 0, 1)], "\"b, \"\"c\"\"\"");
        assert_eq!(&text[field_span(text, 0, 2)], "d");
        let second = text.find('1').unwrap();
        assert_eq!(field_span(text, second, 5), text.len() - 1..text.len() - 1);
    }

    #[test]
    fn repeated_headers_are_all_found() {
        let file = SourceFile::new("x.csv", "\u{feff}Labels,Summary,labels,Sprint\n");
        let table = read(&file, "Jira").unwrap();
        assert_eq!(table.positions(&["Labels"]), vec![0, 2]);
        assert_eq!(table.position(&["Sprint"]), Some(3));
    }
}
