//! Turning the `toml` crate's errors into reports an author can act on: a plain message, the
//! closest allowed key, the hint for the value's type, and a located report for nesting the
//! parser refuses.

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile, closest};

/// Turns a `toml` error into a located diagnostic with a plain message and a hint.
pub fn toml_diagnostic(
    file: &Arc<SourceFile>,
    offset: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    if let Some(diagnostic) = too_deep(file, offset, error) {
        return diagnostic;
    }
    let span = error
        .span()
        .map(|s| s.start + offset..s.end + offset)
        .unwrap_or(offset..offset);
    let raw = error.message().trim().to_string();
    let (message, help) = explain_toml_message(&raw);
    let mut diagnostic = Diagnostic::error(file, span, message);
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// How deep the `toml` crate lets tables and values nest: a dotted key or table header of this
/// many parts, or arrays and inline tables this deep, are refused.
const TOML_NESTING_LIMIT: usize = 80;

/// A located report for nesting the `toml` crate refuses. For a too-long dotted key it gives no
/// span, so the key is found in the text: the report points where the limit is passed.
fn too_deep(file: &Arc<SourceFile>, offset: usize, error: &toml::de::Error) -> Option<Diagnostic> {
    let raw = error.message();
    let dotted_key = raw.trim() == "recursion limit";
    if !dotted_key && !raw.contains("max recursion depth") {
        return None;
    }
    let span = match error.span() {
        Some(span) => span.start + offset..span.end + offset,
        None => file
            .text
            .get(offset..)
            .and_then(too_long_key)
            .map_or(offset..offset, |span| {
                span.start + offset..span.end + offset
            }),
    };
    let (message, help) = if dotted_key {
        (
            format!(
                "this key has too many parts: tables nest at most {} deep",
                TOML_NESTING_LIMIT - 1
            ),
            "a table name has a few parts separated by dots, e.g. `[categories.new]`: check for a run of repeated dots or names",
        )
    } else {
        (
            format!(
                "lists or inline tables nest too deep here (at most {} levels)",
                TOML_NESTING_LIMIT - 1
            ),
            "check for a run of `[` or `{` that is never closed, or write the data as flatter tables",
        )
    };
    Some(Diagnostic::error(file, span, message).with_help(help))
}

/// The span, from the part where the limit is passed to the key's end, of the first table header
/// or dotted key with [`TOML_NESTING_LIMIT`] parts or more.
fn too_long_key(text: &str) -> Option<std::ops::Range<usize>> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let key = &line[indent..];
        let mut quote = None;
        let mut parts = 1;
        for (i, c) in key.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '.') => {
                    parts += 1;
                    if parts == TOML_NESTING_LIMIT {
                        let start = line_start + indent + i + 1;
                        let end = key[i..]
                            .find([']', '=', '\n'])
                            .map_or(line_start + line.len(), |e| line_start + indent + i + e);
                        return Some(start..end.max(start));
                    }
                }
                (None, '=' | ']' | '#') => break,
                _ => {}
            }
        }
        line_start += line.len();
    }
    None
}

/// Rewrites serde's and toml's wording into advice an author can act on.
fn explain_toml_message(raw: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected = backticked_names(rest.split_once("expected").map_or("", |x| x.1));
        let help = match closest(unknown, expected.iter().map(String::as_str)) {
            Some(best) => format!(
                "did you mean `{best}`? The allowed keys here are: {}",
                expected.join(", ")
            ),
            None => format!("the allowed keys here are: {}", expected.join(", ")),
        };
        return (format!("unknown key `{unknown}`"), Some(help));
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return (
            format!("missing key `{field}`"),
            Some(format!("add `{field} = ...` to this table")),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let unknown = rest.split('`').next().unwrap_or_default();
        let expected = backticked_names(rest.split_once("expected").map_or("", |x| x.1));
        return (
            format!("`{unknown}` is not one of the allowed values"),
            Some(format!("use one of: {}", expected.join(", "))),
        );
    }
    if raw.starts_with("invalid type") {
        return (raw.to_string(), Some(type_hint(raw)));
    }
    (raw.to_string(), Some(value_hint(raw)))
}

/// Advice for the value errors tally raises itself and for TOML syntax errors.
fn value_hint(raw: &str) -> String {
    first_hint(
        raw,
        &[
            (
                &["negative"],
                "remove the minus sign: effort, head counts, capacity and day costs are zero or more",
            ),
            (
                &["without quotes", "expected a number"],
                "write a number without quotes, e.g. `effort = 12.5`",
            ),
            (
                &["finite"],
                "write an ordinary number, e.g. `effort = 12.5`",
            ),
            (
                &["the most tally accepts"],
                "check the number for a typo or a wrong unit; the limits are listed in the README's data format",
            ),
            (
                &["too small to count"],
                "figures are kept to 6 decimals: a smaller amount of work is 0",
            ),
            (
                &["date"],
                "write a calendar date as YYYY-MM-DD without a time, e.g. `start = 2026-11-02`",
            ),
        ],
        "check the TOML syntax here: one `key = value` per line, text in double quotes, numbers, dates and true/false without quotes",
    )
}

/// Advice for a value of the wrong type.
fn type_hint(raw: &str) -> String {
    first_hint(
        raw,
        &[
            (
                &["expected f64", "expected a number"],
                "write a number without quotes, e.g. `effort = 12.5`",
            ),
            (
                &["expected a string"],
                "write text in double quotes, e.g. `name = \"Payments\"`",
            ),
            (
                &["expected a boolean"],
                "write `true` or `false` without quotes",
            ),
        ],
        "check the value's type against the data format in the README",
    )
}

/// The hint of the first entry with a fragment that `raw` contains, else `otherwise`.
fn first_hint(raw: &str, hints: &[(&[&str], &str)], otherwise: &str) -> String {
    hints
        .iter()
        .find(|(fragments, _)| fragments.iter().any(|fragment| raw.contains(fragment)))
        .map_or(otherwise, |(_, hint)| hint)
        .to_string()
}

/// The names inside backticks in `text`, in order.
fn backticked_names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
