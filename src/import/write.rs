//! Replacing one source's rows in a sprint file, format-preserving.
//!
//! The file is edited with `toml_edit`: the `[[work]]` tables whose `source` is the imported
//! one are removed and the new rows are written where the first of them was (or after the last
//! other work row, or before the first `[[capacity]]`). Every other row, key, blank line and
//! comment stays byte for byte. The first imported row carries a one-line comment saying where
//! the rows come from; comments the author put above imported rows move above that line's
//! block instead of being lost. Importing the same export twice gives the same bytes. The file's
//! line ends (CRLF or LF, as its first line ends) and byte-order mark are kept, new rows
//! included.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::item::Row;

/// The start of the comment line written above imported rows; recognised on re-import.
pub const MARKER: &str = "# Imported by `tally import";

/// The edited file and what happened to its rows.
#[derive(Debug)]
pub struct Edited {
    /// The whole new file.
    pub text: String,
    /// Rows of the imported source that were removed.
    pub replaced: usize,
    /// Other work rows, kept: their `ref` and `source`, in file order.
    pub kept: Vec<(Option<String>, Option<String>)>,
}

/// How a file ends its lines and whether it starts with a byte-order mark, so that an edit
/// writes it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    bom: bool,
    crlf: bool,
}

impl Layout {
    /// The layout of `text`: CRLF when its first line ends with one.
    fn of(text: &str) -> Self {
        Self {
            bom: text.starts_with('\u{feff}'),
            crlf: text.find('\n').is_some_and(|i| text[..i].ends_with('\r')),
        }
    }

    /// `text` without its byte-order mark and with LF line ends, for editing.
    fn plain(self, text: &str) -> String {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if self.crlf {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        }
    }

    /// Edited `text` (LF, no mark) written back in this layout.
    fn restore(self, text: &str) -> String {
        let text = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text.to_string()
        };
        if self.bom {
            format!("\u{feff}{text}")
        } else {
            text
        }
    }
}

/// Replaces the rows whose `source` is `source` with `rows`.
pub fn apply(text: &str, source: &str, marker: &str, rows: &[Row]) -> Result<Edited, String> {
    let layout = Layout::of(text);
    let mut doc: DocumentMut = layout
        .plain(text)
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let old: Vec<Table> = match doc.remove("work") {
        None => Vec::new(),
        Some(Item::ArrayOfTables(array)) => array.into_iter().collect(),
        Some(_) => {
            return Err(
                "`work` is not written as `[[work]]` tables, so tally cannot replace single rows"
                    .to_string(),
            );
        }
    };
    let is_ours = |t: &Table| t.get("source").and_then(Item::as_str) == Some(source);
    let first_removed = old
        .iter()
        .filter(|t| is_ours(t))
        .filter_map(Table::position)
        .min();
    let mut carried = String::new();
    let mut kept_tables = Vec::new();
    let mut kept = Vec::new();
    let mut replaced = 0;
    for table in old {
        if is_ours(&table) {
            replaced += 1;
            carried.push_str(&user_comments(&table));
        } else {
            kept.push((
                table.get("ref").and_then(Item::as_str).map(str::to_string),
                table
                    .get("source")
                    .and_then(Item::as_str)
                    .map(str::to_string),
            ));
            kept_tables.push(table);
        }
    }

    // Every table of the file in document order, to place the new rows and renumber.
    #[derive(Clone)]
    enum Slot {
        Work(usize),
        New(usize),
        Other(String, Option<usize>),
    }
    let mut slots: Vec<(isize, Slot)> = kept_tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.position().unwrap_or(0), Slot::Work(i)))
        .collect();
    for (key, item) in doc.iter() {
        match item {
            Item::Table(t) => {
                slots.push((t.position().unwrap_or(0), Slot::Other(key.into(), None)))
            }
            Item::ArrayOfTables(array) => {
                for (i, t) in array.iter().enumerate() {
                    slots.push((t.position().unwrap_or(0), Slot::Other(key.into(), Some(i))));
                }
            }
            _ => {}
        }
    }
    slots.sort_by_key(|(position, _)| *position);
    let at = match first_removed {
        Some(removed) => slots.iter().filter(|(p, _)| *p < removed).count(),
        None => match slots.iter().rposition(|(_, s)| matches!(s, Slot::Work(_))) {
            Some(last_work) => last_work + 1,
            None => 0,
        },
    };
    let mut order: Vec<Slot> = slots.into_iter().map(|(_, s)| s).collect();
    order.splice(at..at, (0..rows.len()).map(Slot::New));

    let mut new_tables = new_tables(rows, marker, &carried);
    if rows.is_empty() && !carried.is_empty() {
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing(format!("{trailing}{carried}"));
    }
    let mut kept_tables: Vec<Option<Table>> = kept_tables.into_iter().map(Some).collect();
    let mut work = ArrayOfTables::new();
    for (index, slot) in order.iter().enumerate() {
        let position = Some(index as isize + 1);
        match slot {
            Slot::Work(i) => {
                if let Some(mut table) = kept_tables[*i].take() {
                    table.set_position(position);
                    work.push(table);
                }
            }
            Slot::New(i) => {
                if let Some(mut table) = new_tables[*i].take() {
                    table.set_position(position);
                    work.push(table);
                }
            }
            Slot::Other(key, None) => {
                if let Some(table) = doc.get_mut(key).and_then(Item::as_table_mut) {
                    table.set_position(position);
                }
            }
            Slot::Other(key, Some(i)) => {
                if let Some(table) = doc
                    .get_mut(key)
                    .and_then(Item::as_array_of_tables_mut)
                    .and_then(|a| a.get_mut(*i))
                {
                    table.set_position(position);
                }
            }
        }
    }
    if !work.is_empty() {
        doc.insert("work", Item::ArrayOfTables(work));
    }
    Ok(Edited {
        text: layout.restore(&doc.to_string()),
        replaced,
        kept,
    })
}

/// The new rows alone, as they are written into the file.
pub fn snippet(rows: &[Row], marker: &str) -> String {
    let mut doc = DocumentMut::new();
    let mut work = ArrayOfTables::new();
    for table in new_tables(rows, marker, "").into_iter().flatten() {
        work.push(table);
    }
    if !work.is_empty() {
        doc.insert("work", Item::ArrayOfTables(work));
    }
    doc.to_string().trim_start_matches('\n').to_string()
}

fn new_tables(rows: &[Row], marker: &str, carried: &str) -> Vec<Option<Table>> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let mut table = row_table(row);
            let prefix = if i == 0 {
                format!("\n{marker}\n{carried}")
            } else {
                "\n".to_string()
            };
            table.decor_mut().set_prefix(prefix);
            Some(table)
        })
        .collect()
}

fn row_table(row: &Row) -> Table {
    let mut table = Table::new();
    table.insert("team", value(row.team.as_str()));
    if let Some(category) = &row.category {
        table.insert("category", value(category.as_str()));
    }
    let effort = if row.effort.fract() == 0.0 && row.effort.abs() < 1e15 {
        value(row.effort as i64)
    } else {
        value(row.effort)
    };
    table.insert("effort", effort);
    if !row.title.is_empty() {
        table.insert("title", value(row.title.as_str()));
    }
    table.insert("ref", value(row.reference.as_str()));
    if let Some(system) = &row.system {
        table.insert("system", value(system.as_str()));
    }
    if let Some(initiative) = &row.initiative {
        table.insert("initiative", value(initiative.as_str()));
    }
    if !row.planned {
        table.insert("planned", value(false));
    }
    table.insert("source", value(row.source));
    table
}

/// Comment lines an author wrote above or beside an imported row's header (not tally's own).
fn user_comments(table: &Table) -> String {
    let decor = table.decor();
    let mut comments = String::new();
    for part in [decor.prefix(), decor.suffix()].into_iter().flatten() {
        for line in part.as_str().unwrap_or_default().lines() {
            let line = line.trim();
            if line.starts_with('#') && !line.starts_with(MARKER) {
                comments.push_str(line);
                comments.push('\n');
            }
        }
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(reference: &str, effort: f64) -> Row {
        Row {
            team: "pay".to_string(),
            category: Some("ktlo".to_string()),
            effort,
            title: format!("Fix \"{reference}\""),
            reference: reference.to_string(),
            system: None,
            initiative: None,
            planned: false,
            source: "jira",
        }
    }

    const FILE: &str = "# Sprint S1\nstart = 2026-11-02\nend = 2026-11-13\n\n# by hand\n[[work]]\nteam = \"pay\"\neffort = 3 # a guess\n\n[[capacity]]\nteam = \"pay\"\neffort = 10\n# the end\n";

    #[test]
    fn rows_go_after_hand_written_rows_and_before_capacity() {
        let marker = "# Imported by `tally import jira` from x.csv";
        let edited = apply(
            FILE,
            "jira",
            marker,
            &[row("PAY-1", 2.5), row("PAY-2", 1.0)],
        )
        .unwrap();
        assert_eq!(
            edited.text,
            "# Sprint S1\nstart = 2026-11-02\nend = 2026-11-13\n\n# by hand\n[[work]]\nteam = \"pay\"\neffort = 3 # a guess\n\n# Imported by `tally import jira` from x.csv\n[[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 2.5\ntitle = 'Fix \"PAY-1\"'\nref = \"PAY-1\"\nplanned = false\nsource = \"jira\"\n\n[[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 1\ntitle = 'Fix \"PAY-2\"'\nref = \"PAY-2\"\nplanned = false\nsource = \"jira\"\n\n[[capacity]]\nteam = \"pay\"\neffort = 10\n# the end\n"
        );
        assert_eq!(edited.replaced, 0);
        // Again, with one row fewer and an author's comment above an imported row.
        let commented = edited.text.replace(
            "\n[[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 1\n",
            "\n# checked with Ana\n[[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 1\n",
        );
        let again = apply(&commented, "jira", marker, &[row("PAY-1", 2.5)]).unwrap();
        assert_eq!(again.replaced, 2);
        assert_eq!(again.kept, vec![(None, None)]);
        assert!(
            again.text.contains(
                "effort = 3 # a guess\n\n# Imported by `tally import jira` from x.csv\n# checked with Ana\n[[work]]\n"
            ),
            "{}",
            again.text
        );
        let third = apply(&again.text, "jira", marker, &[row("PAY-1", 2.5)]).unwrap();
        assert_eq!(third.text, again.text);
    }

    #[test]
    fn a_file_without_work_gets_rows_before_capacity() {
        let text =
            "start = 2026-11-02\nend = 2026-11-13\n\n[[capacity]]\nteam = \"pay\"\neffort = 10\n";
        let edited = apply(text, "jira", "# m", &[row("PAY-1", 1.0)]).unwrap();
        assert!(
            edited
                .text
                .starts_with("start = 2026-11-02\nend = 2026-11-13\n\n# m\n[[work]]\n"),
            "{}",
            edited.text
        );
        assert!(
            edited
                .text
                .ends_with("source = \"jira\"\n\n[[capacity]]\nteam = \"pay\"\neffort = 10\n")
        );
    }

    #[test]
    fn inline_work_arrays_are_refused() {
        let text =
            "start = 2026-11-02\nend = 2026-11-13\nwork = [{ team = \"pay\", effort = 1 }]\n";
        assert!(
            apply(text, "jira", "# m", &[])
                .unwrap_err()
                .contains("[[work]]")
        );
    }
}
