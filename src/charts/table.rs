//! The numbers behind a chart: shown under it for reading and written as CSV, exact and guarded
//! against spreadsheet formulas.

use crate::words::narrate;

/// How a table column's numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A share from 0 to 1, shown as a percentage.
    Share,
    /// Effort in the site's unit.
    Effort,
}

/// The numbers behind a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Header of the first column (what the rows are).
    pub row_header: String,
    /// The value columns' headers.
    pub columns: Vec<String>,
    /// The kind of every value column.
    pub kind: ValueKind,
    /// One row per sprint, category or team.
    pub rows: Vec<(String, Vec<f64>)>,
    /// What happened in each row (incidents and events on a trend chart), a last text column
    /// when not empty.
    pub notes: Vec<String>,
}

impl Table {
    /// A cell as shown on the page.
    pub fn display(&self, value: f64) -> String {
        match self.kind {
            ValueKind::Share => format!("{:.1}%", value * 100.0),
            ValueKind::Effort => narrate::number(value),
        }
    }

    /// The table as CSV: exact numbers, text cells guarded against formula injection.
    pub fn csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let unit = match self.kind {
            ValueKind::Share => " (share from 0 to 1)",
            ValueKind::Effort => "",
        };
        let mut header = vec![guard_csv_cell(&self.row_header)];
        header.extend(
            self.columns
                .iter()
                .map(|c| guard_csv_cell(&format!("{c}{unit}"))),
        );
        if !self.notes.is_empty() {
            header.push("What happened".to_string());
        }
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&header);
        for (i, (label, values)) in self.rows.iter().enumerate() {
            let mut record = vec![guard_csv_cell(label)];
            record.extend(values.iter().map(|v| format_csv_number(*v)));
            if !self.notes.is_empty() {
                record.push(guard_csv_cell(self.notes.get(i).map_or("", String::as_str)));
            }
            let _ = writer.write_record(&record);
        }
        writer
            .into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// Rounds to 4 decimals and drops trailing zeros, so CSVs are exact enough and stable.
pub fn format_csv_number(value: f64) -> String {
    debug_assert!(
        value.is_finite(),
        "a non-finite number reached a CSV: {value}"
    );
    let text = format!("{:.4}", (value * 10_000.0).round() / 10_000.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Prefixes a `'` to cells a spreadsheet would run as a formula.
pub fn guard_csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_guards_formulas_and_keeps_numbers_exact() {
        let table = Table {
            notes: Vec::new(),
            row_header: "Team".into(),
            columns: vec!["=SUM(A1)".into()],
            kind: ValueKind::Effort,
            rows: vec![
                ("+evil".into(), vec![12.34567]),
                ("@x, \"y\"".into(), vec![3.0]),
            ],
        };
        let csv = table.csv();
        assert_eq!(
            csv,
            "Team,'=SUM(A1)\n'+evil,12.3457\n\"'@x, \"\"y\"\"\",3\n"
        );
    }
}
