//! TOML into the crate's types with located errors.
//!
//! All data files and front matter go through [`parse_toml`] (one table) or
//! [`parse_toml_list`] (a file of `[[entry]]` tables, read entry by entry), so every syntax
//! error, unknown key and wrongly typed value becomes a [`Diagnostic`] with the file, line and
//! column, and a control character written as an escape is caught as surely as a raw one.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, SourceFile};

use super::files::{control_name, is_forbidden_control};
use super::toml_errors::toml_diagnostic;

/// Parses `text` (all of `file`, or the part of it starting at byte `offset`, for front matter).
pub fn parse_toml<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    text: &str,
    offset: usize,
) -> Result<T, Diagnostic> {
    let value = toml::from_str(text).map_err(|error| toml_diagnostic(file, offset, &error))?;
    match escaped_control(file, text, offset) {
        Some(diagnostic) => Err(diagnostic),
        None => Ok(value),
    }
}

/// A control character written as an escape (`"\u001b"`, `"\b"`) in a TOML string reaches
/// the pages as surely as a raw one: reported at the escape.
fn escaped_control(file: &Arc<SourceFile>, text: &str, offset: usize) -> Option<Diagnostic> {
    if !text.contains('\\') {
        return None; // no escape at all: the raw text was checked when the file was read
    }
    let value: toml::Value = toml::from_str(text).ok()?;
    let c = first_control(&value)?;
    let code = c as u32;
    let mut escapes = vec![
        format!("\\u{code:04x}"),
        format!("\\u{code:04X}"),
        format!("\\U{code:08x}"),
        format!("\\U{code:08X}"),
    ];
    escapes.extend(
        match c {
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\u{1b}' => Some("\\e"),
            _ => None,
        }
        .map(str::to_string),
    );
    let (at, len) = escapes
        .iter()
        .filter_map(|e| text.find(e.as_str()).map(|at| (at, e.len())))
        .min()
        .unwrap_or((0, 0));
    Some(
        Diagnostic::error(
            file,
            offset + at..offset + at + len,
            format!(
                "this text holds an invisible control character, {}",
                control_name(c)
            ),
        )
        .with_help(format!(
            "remove the escape for {}; in text, only tabs and line breaks may be used",
            control_name(c)
        )),
    )
}

/// The first forbidden control character in any key or string of a TOML value.
fn first_control(value: &toml::Value) -> Option<char> {
    let in_text = |t: &str| t.chars().find(|c| is_forbidden_control(*c));
    match value {
        toml::Value::String(text) => in_text(text),
        toml::Value::Array(items) => items.iter().find_map(first_control),
        toml::Value::Table(table) => table
            .iter()
            .find_map(|(key, value)| in_text(key).or_else(|| first_control(value))),
        _ => None,
    }
}

/// One entry of a list of tables (`[[team]]`, `[[system]]`...), read on its own.
#[derive(Debug)]
pub struct ListEntry<T> {
    /// The entry, or why it could not be read.
    pub parsed: Result<T, Diagnostic>,
    /// The entry's `id`, when it has a readable one, so that references to an entry that failed
    /// are known to follow from that failure.
    pub id: Option<String>,
}

/// Reads a file whose only key is one list of tables (`key`), entry by entry, so that one bad
/// entry neither hides the mistakes in the others nor loses the entries that are fine.
///
/// `Err` is a problem with the file as a whole: its syntax, another top-level key, or `key` not
/// being a list of tables.
pub fn parse_toml_list<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    key: &str,
) -> Result<Vec<ListEntry<T>>, Diagnostic> {
    let root = toml::de::DeTable::parse(&file.text)
        .map_err(|error| toml_diagnostic(file, 0, &error))?
        .into_inner();
    if let Some(diagnostic) = escaped_control(file, &file.text, 0) {
        return Err(diagnostic);
    }
    let mut items = None;
    for (name, value) in root {
        if name.get_ref() != key {
            return Err(Diagnostic::error(
                file,
                name.span(),
                format!("unknown key `{}`", name.get_ref()),
            )
            .with_help(format!(
                "this file holds only `[[{key}]]` tables: start each entry with `[[{key}]]`"
            )));
        }
        items = Some(value);
    }
    let Some(items) = items else {
        return Ok(Vec::new());
    };
    let span = items.span();
    let toml::de::DeValue::Array(items) = items.into_inner() else {
        return Err(
            Diagnostic::error(file, span, format!("`{key}` is a list of tables here")).with_help(
                format!(
                    "start each entry with a `[[{key}]]` line, followed by its `key = value` lines"
                ),
            ),
        );
    };
    Ok(items
        .into_iter()
        .map(|item| {
            let id = item
                .get_ref()
                .get("id")
                .and_then(|id| id.get_ref().as_str())
                .map(str::to_string);
            let parsed = T::deserialize(toml::de::ValueDeserializer::from(item))
                .map_err(|error| toml_diagnostic(file, 0, &error));
            ListEntry { parsed, id }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    use crate::load::input::numbers::{Checked, Effort};
    use crate::load::input::values::Day;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        team: String,
        effort: Checked<Effort>,
        start: Option<Day>,
    }

    fn parse(text: &str) -> Result<Row, Diagnostic> {
        let file = SourceFile::new("x.toml", text);
        parse_toml(&file, text, 0)
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let error = parse("team = \"a\"\nefort = 3\n").unwrap_err();
        assert_eq!(error.message, "unknown key `efort`");
        assert_eq!(error.line_col(), Some((2, 1)));
        assert!(
            error.help[0].starts_with("did you mean `effort`?"),
            "{:?}",
            error.help
        );
    }

    #[test]
    fn negative_and_quoted_numbers_are_located() {
        let error = parse("team = \"a\"\neffort = -2\n").unwrap_err();
        assert!(error.message.contains("negative"), "{}", error.message);
        assert_eq!(error.line_col(), Some((2, 10)));
        let error = parse("team = \"a\"\neffort = \"2\"\n").unwrap_err();
        assert!(
            error.message.contains("without quotes"),
            "{}",
            error.message
        );
    }

    #[test]
    fn numbers_are_finite_and_within_their_ceiling() {
        for (text, fragment) in [
            (
                "1e308",
                "1e308 is more than 100,000, the most tally accepts for an effort",
            ),
            ("100001", "more than 100,000"),
            ("9223372036854775807", "more than 100,000"),
            ("inf", "finite"),
            ("nan", "finite"),
            ("-inf", "finite"),
            ("1e-300", "1e-300 is too small to count"),
            ("-1e-300", "negative"),
        ] {
            let error = parse(&format!("team = \"a\"\neffort = {text}\n")).unwrap_err();
            assert!(
                error.message.contains(fragment),
                "{text}: {}",
                error.message
            );
            assert_eq!(error.line_col(), Some((2, 10)), "{text}");
            assert!(!error.help.is_empty(), "{text}");
        }
        for (text, value) in [("100000", 100_000.0), ("0.000001", 0.000_001), ("0", 0.0)] {
            let row = parse(&format!("team = \"a\"\neffort = {text}\n")).unwrap();
            assert_eq!(row.effort.get(), value, "{text}");
        }
        // -0 reads as 0, so it never prints "-0".
        let row = parse("team = \"a\"\neffort = -0.0\n").unwrap();
        assert!(row.effort.get().is_sign_positive());
    }

    #[test]
    fn dates_accept_literals_and_quoted_text() {
        let row = parse("team = \"a\"\neffort = 1\nstart = 2026-11-02\n").unwrap();
        assert_eq!(row.start.unwrap().iso(), "2026-11-02");
        let row = parse("team = \"a\"\neffort = 1\nstart = \"2026-11-02\"\n").unwrap();
        assert_eq!(row.start.unwrap().iso(), "2026-11-02");
        let error = parse("team = \"a\"\neffort = 1\nstart = 2026-13-02\n").unwrap_err();
        assert_eq!(error.line_col().unwrap().0, 3);
    }

    #[test]
    fn a_control_character_written_as_an_escape_is_located() {
        let error = parse("team = \"a\\u001Bb\"\neffort = 1\n").unwrap_err();
        assert!(error.message.contains("U+001B ESC"), "{}", error.message);
        assert_eq!(error.line_col(), Some((1, 10)));
        assert!(parse("team = \"a\\tb \\\\ \\u00e9\"\neffort = 1\n").is_ok());
    }
}
