//! The text of one directive, `name(key="value", 3, ...)`, parsed into a [`Call`] with the
//! span of its name and of every argument, so that a later check can point at the exact
//! argument that is wrong.

use std::ops::Range;

use super::problem::Problem;
use super::types::DIRECTIVES;

/// An argument's value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Arg {
    Text(String),
    Number(f64),
}

/// Whether the text between `{{` and `}}` is meant as a directive, rather than prose that
/// happens to hold braces ("`{` became {{ and }}"): it starts with a directive's name, or it is
/// a call (`name(...)`) whose name is a misspelt directive's (`valeu(...)`), which is reported.
pub(super) fn is_meant_as_directive(text: &str) -> bool {
    if names_a_directive(text) {
        return true;
    }
    let (name, rest) = leading_name(text);
    !name.is_empty()
        && rest.trim_start().starts_with('(')
        && rest.trim_end().ends_with(')')
        && crate::diagnostics::closest(name, DIRECTIVES).is_some()
}

/// Whether `text` starts (after spaces) with the name of a directive, as a whole word.
pub(super) fn names_a_directive(text: &str) -> bool {
    DIRECTIVES.contains(&leading_name(text).0)
}

/// The identifier at the start of `text` (after spaces), and the text after it.
fn leading_name(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    text.split_at(len)
}

/// `name(key="value", 3, ...)` as written, with spans.
pub(super) struct Call {
    pub(super) name: String,
    pub(super) name_span: Range<usize>,
    /// (key, value, span of the value); positional arguments have no key.
    pub(super) args: Vec<(Option<String>, Arg, Range<usize>)>,
}

impl Call {
    /// Parses the text between `{{` and `}}`; `offset` is its absolute position.
    pub(super) fn parse(text: &str, offset: usize) -> Result<Self, Problem> {
        let mut cursor = Cursor {
            text,
            at: 0,
            offset,
        };
        cursor.skip_space();
        let name_start = cursor.at;
        let name = cursor.ident();
        if name.is_empty() {
            return Err(Problem::new("a directive starts with its name", None)
                .help(format!("the directives are: {}", DIRECTIVES.join(", "))));
        }
        let name_span = offset + name_start..offset + cursor.at;
        cursor.skip_space();
        if !cursor.eat('(') {
            return Err(Problem::new(
                format!("`{name}` needs its arguments in parentheses"),
                Some(name_span),
            )
            .help(format!("write it as {{{{ {name}(...) }}}}")));
        }
        let mut args = Vec::new();
        loop {
            cursor.skip_space();
            if cursor.eat(')') {
                break;
            }
            if !args.is_empty() && !cursor.eat(',') {
                return Err(Problem::new(
                    "expected `,` or `)` between arguments",
                    cursor.span(1),
                ));
            }
            cursor.skip_space();
            if cursor.eat(')') {
                break;
            }
            let save = cursor.at;
            let key = cursor.ident();
            cursor.skip_space();
            let key = if !key.is_empty() && cursor.eat('=') {
                cursor.skip_space();
                Some(key)
            } else {
                cursor.at = save;
                None
            };
            let value_start = cursor.at;
            let value = cursor.value()?;
            args.push((key, value, offset + value_start..offset + cursor.at));
        }
        cursor.skip_space();
        if cursor.at < text.len() {
            return Err(Problem::new(
                "unexpected text after the directive's arguments",
                cursor.span(text.len() - cursor.at),
            ));
        }
        Ok(Self {
            name,
            name_span,
            args,
        })
    }

    pub(super) fn keyed(&self, key: &str) -> Option<&(Option<String>, Arg, Range<usize>)> {
        self.args.iter().find(|(k, _, _)| k.as_deref() == Some(key))
    }
}

/// Where the parser is in a directive's text, and where that text starts in the file.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    offset: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn span(&self, len: usize) -> Option<Range<usize>> {
        Some(self.offset + self.at..self.offset + (self.at + len.max(1)).min(self.text.len()))
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.at = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> String {
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        let ident = self.rest()[..len].to_string();
        self.at += len;
        ident
    }

    fn value(&mut self) -> Result<Arg, Problem> {
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let Some(close) = rest[1..].find(quote) else {
                return Err(Problem::new("this text is not closed", self.span(1))
                    .help(format!("end it with {quote}")));
            };
            let text = rest[1..1 + close].to_string();
            self.at += close + 2;
            return Ok(Arg::Text(text));
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        match rest[..len].parse::<f64>() {
            Ok(number) if len > 0 => {
                self.at += len;
                Ok(Arg::Number(number))
            }
            _ => Err(Problem::new(
                "expected a value: text in quotes or a number",
                self.span(len),
            )
            .help("for example name=\"investment_mix\" or last=6")),
        }
    }
}
