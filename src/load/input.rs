//! Reading TOML input with located errors.
//!
//! All data files and front matter go through [`parse_toml`], so every syntax error, unknown key
//! and wrongly typed value becomes a [`Diagnostic`] with the file, line and column, the offending
//! line, and a hint ("did you mean `effort`?").

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::diagnostics::{Diagnostic, SourceFile, closest};
use crate::error::Error;

/// Reads a file the user wrote. A missing or unreadable file is an error naming it; a file
/// that is not UTF-8 text or holds an invisible control character is a located error.
pub fn read_source(root: &Path, relative: &Path) -> Result<Arc<SourceFile>, Error> {
    let full = root.join(relative);
    let bytes = std::fs::read(&full).map_err(|source| Error::Io {
        action: "could not read",
        path: full.clone(),
        source,
    })?;
    decode_source(relative, bytes).map_err(|d| Error::Invalid(vec![d]))
}

/// Turns a file's bytes into text to check, shown as `path` in reports. Bytes that are not
/// UTF-8 are reported at the first bad one; so is the first control character (other than
/// tab, line feed and carriage return), which would reach pages and feeds unseen and make
/// the feed unreadable.
pub fn decode_source(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let file = SourceFile::new(path, text);
            let end = file.text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            return Err(
                Diagnostic::error(&file, at..end, "this file is not UTF-8 text")
                    .with_label("this byte is not UTF-8")
                    .with_help("save the file as UTF-8 (editors offer it under Save As or Encoding), or convert it, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.new`"),
            );
        }
    };
    let file = SourceFile::new(path, text);
    match control_characters(&file.text) {
        None => Ok(file),
        Some((at, c, count)) => {
            let others = match count {
                1 => String::new(),
                2 => "; the file has 1 more".to_string(),
                n => format!("; the file has {} more", n - 1),
            };
            Err(
                Diagnostic::error(
                    &file,
                    at..at + c.len_utf8(),
                    format!("an invisible control character, {}, is in the text", control_name(c)),
                )
                .with_label(format!("here{others}"))
                .with_help(format!(
                    "remove the invisible character {} (it often comes from copying out of a terminal or another program); only tab and line breaks may be used",
                    control_name(c)
                )),
            )
        }
    }
}

/// Whether a character is an invisible control character that has no place in a page: C0
/// except tab, line feed and carriage return, DEL, and C1.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// The first forbidden control character (byte offset and character) and how many there are.
fn control_characters(text: &str) -> Option<(usize, char, usize)> {
    let mut found = text
        .char_indices()
        .filter(|(_, c)| is_forbidden_control(*c));
    let (at, c) = found.next()?;
    Some((at, c, 1 + found.count()))
}

/// `U+001B ESC`: a control character's code point and, for the common ones, its short name.
pub fn control_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    let code = c as u32;
    let name = match code {
        0..=31 => Some(C0[code as usize]),
        0x7f => Some("DEL"),
        0x85 => Some("NEL"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{code:04X} {name}"),
        None => format!("U+{code:04X}"),
    }
}

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
    if raw.contains("negative") {
        "remove the minus sign: effort, head counts, capacity and day costs are zero or more"
            .to_string()
    } else if raw.contains("without quotes") || raw.contains("expected a number") {
        "write a number without quotes, e.g. `effort = 12.5`".to_string()
    } else if raw.contains("finite") {
        "write an ordinary number, e.g. `effort = 12.5`".to_string()
    } else if raw.contains("the most tally accepts") {
        "check the number for a typo or a wrong unit; the limits are listed in the README's data format".to_string()
    } else if raw.contains("too small to count") {
        "figures are kept to 6 decimals: a smaller amount of work is 0".to_string()
    } else if raw.contains("date") {
        "write a calendar date as YYYY-MM-DD without a time, e.g. `start = 2026-11-02`".to_string()
    } else {
        "check the TOML syntax here: one `key = value` per line, text in double quotes, numbers, dates and true/false without quotes".to_string()
    }
}

fn type_hint(raw: &str) -> String {
    if raw.contains("expected f64") || raw.contains("expected a number") {
        "write a number without quotes, e.g. `effort = 12.5`".to_string()
    } else if raw.contains("expected a string") {
        "write text in double quotes, e.g. `name = \"Payments\"`".to_string()
    } else if raw.contains("expected a boolean") {
        "write `true` or `false` without quotes".to_string()
    } else {
        "check the value's type against the data format in the README".to_string()
    }
}

/// The names inside backticks in `text`, in order.
fn backticked_names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// A calendar date. Written as a TOML date literal (`start = 2026-11-02`); a quoted
/// `"2026-11-02"` is accepted too, since authors type both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub jiff::civil::Date);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = toml::Value::deserialize(deserializer)?;
        let text = match value {
            toml::Value::Datetime(datetime) => {
                if datetime.time.is_some() || datetime.offset.is_some() {
                    return Err(D::Error::custom(
                        "expected a date without a time, like 2026-11-02",
                    ));
                }
                datetime.to_string()
            }
            toml::Value::String(text) => text,
            _ => return Err(D::Error::custom("expected a date like 2026-11-02")),
        };
        text.parse::<jiff::civil::Date>()
            .map(Day)
            .map_err(|_| D::Error::custom(format!("`{text}` is not a date like 2026-11-02")))
    }
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl Day {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        self.0.to_string()
    }
}

/// What a number in the data counts, and the range tally accepts for it. The ceilings are far
/// above any real team's figures and keep every sum and product of them finite (documented in
/// the README's data format).
pub trait Quantity {
    /// The largest value accepted.
    const CEILING: f64;
    /// What the number is, for the error: "an effort".
    const WHAT: &'static str;
}

/// The smallest non-zero number accepted: figures are kept to 6 decimals, so anything smaller
/// would read as 0 and only make ratios explode.
pub const SMALLEST: f64 = 0.000_001;

/// A number read from the data and checked at the boundary: a TOML integer or float that is
/// finite, zero or more, either 0 or at least [`SMALLEST`], and at most the quantity's
/// ceiling. Every number a user writes goes through this type, so none of these can reach a
/// page, a chart, a CSV or `data/accounts.json`: NaN, infinity, a negative, or a value whose
/// sums and products overflow.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Checked<Q>(f64, std::marker::PhantomData<Q>);

impl<Q> Checked<Q> {
    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// Effort on one work row or capacity row, and a debt's interest per sprint, in the site's
/// effort unit.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub enum Effort {}
impl Quantity for Effort {
    const CEILING: f64 = 100_000.0;
    const WHAT: &'static str = "an effort";
}

/// An initiative's scope and a debt's principal, in the site's effort unit.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub enum Scope {}
impl Quantity for Scope {
    const CEILING: f64 = 10_000_000.0;
    const WHAT: &'static str = "a scope or principal";
}

/// The loaded cost of one person-day, in the site's currency.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub enum DayCost {}
impl Quantity for DayCost {
    const CEILING: f64 = 1_000_000.0;
    const WHAT: &'static str = "a day cost";
}

/// A team's head count.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub enum People {}
impl Quantity for People {
    const CEILING: f64 = 1_000_000.0;
    const WHAT: &'static str = "a head count";
}

impl<'de, Q: Quantity> Deserialize<'de> for Checked<Q> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = toml::Value::deserialize(deserializer)?;
        let number = toml_number(value).map_err(D::Error::custom)?;
        check_number::<Q>(number)
            .map(|n| Self(n, std::marker::PhantomData))
            .map_err(D::Error::custom)
    }
}

/// A TOML integer or float as a number; anything else is an error in words.
fn toml_number(value: toml::Value) -> Result<f64, String> {
    match value {
        toml::Value::Integer(i) => Ok(i as f64),
        toml::Value::Float(f) => Ok(f),
        toml::Value::String(s) => Err(format!(
            "expected a number, found the text \"{s}\"; write it without quotes"
        )),
        other => Err(format!("expected a number, found {}", other.type_str())),
    }
}

/// A number as an error message quotes it: `1e308`, not three hundred digits.
fn quoted(number: f64) -> String {
    let size = number.abs();
    if size >= 1e15 || (size > 0.0 && size < 1e-4) {
        format!("{number:e}")
    } else {
        format!("{number}")
    }
}

/// Checks a number against the range of its quantity (see [`Checked`]); `-0` becomes 0.
pub fn check_number<Q: Quantity>(number: f64) -> Result<f64, String> {
    if !number.is_finite() {
        return Err("expected a finite number, not infinity or NaN".to_string());
    }
    if number < 0.0 {
        return Err(format!(
            "{} is negative; effort, head counts and costs are zero or more",
            quoted(number)
        ));
    }
    if number > Q::CEILING {
        return Err(format!(
            "{} is more than {}, the most tally accepts for {}",
            quoted(number),
            crate::text::group_thousands(&format!("{:.0}", Q::CEILING)),
            Q::WHAT
        ));
    }
    if number > 0.0 && number < SMALLEST {
        return Err(format!(
            "{} is too small to count; write 0, or at least 0.000001",
            quoted(number)
        ));
    }
    Ok(number + 0.0)
}

/// Whether an id is safe in a URL path, a file name and a CSV header: letters, digits, `-`, `_`, `.`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn each_quantity_has_its_own_ceiling() {
        assert!(check_number::<Scope>(10_000_000.0).is_ok());
        assert!(check_number::<Scope>(10_000_001.0).is_err());
        assert!(check_number::<DayCost>(1_000_000.0).is_ok());
        assert!(check_number::<DayCost>(1_000_001.0).is_err());
        assert!(check_number::<People>(1e7).is_err());
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
    fn bad_bytes_and_control_characters_are_located() {
        let error = decode_source(Path::new("a.md"), b"ok\nab\xffc\n".to_vec()).unwrap_err();
        assert_eq!(error.message, "this file is not UTF-8 text");
        assert_eq!(error.position().as_deref(), Some("a.md:2:3"));
        let error = decode_source(Path::new("a.md"), "x\n\ty \u{1b}[1m\u{0}\n".into()).unwrap_err();
        assert!(error.message.contains("U+001B ESC"), "{}", error.message);
        assert_eq!(error.position().as_deref(), Some("a.md:2:4"));
        assert_eq!(error.label.as_deref(), Some("here; the file has 1 more"));
        for c in ['\u{7f}', '\u{85}', '\u{0}'] {
            assert!(
                decode_source(Path::new("a"), c.to_string().into()).is_err(),
                "{c:?}"
            );
        }
        assert!(decode_source(Path::new("a"), "\u{feff}tab\tcr\r\nü €\n".into()).is_ok());
    }

    #[test]
    fn a_control_character_written_as_an_escape_is_located() {
        let error = parse("team = \"a\\u001Bb\"\neffort = 1\n").unwrap_err();
        assert!(error.message.contains("U+001B ESC"), "{}", error.message);
        assert_eq!(error.line_col(), Some((1, 10)));
        assert!(parse("team = \"a\\tb \\\\ \\u00e9\"\neffort = 1\n").is_ok());
    }

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("2026-S23"));
        assert!(is_valid_id("pg_upgrade"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id(""));
    }
}
