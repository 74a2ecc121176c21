//! Directives: live numbers, charts and glossary terms inside narratives.
//!
//! Authors write `{{ value(metric="share", category="ktlo") }}`, `{{ delta(...) }}`,
//! `{{ chart(name="investment_mix", last=6) }}` and `{{ term("Kubernetes") }}` in markdown.
//! They are found in the source outside code spans, code blocks and raw HTML, checked against
//! the site's charts, metrics, categories, teams, sprints and glossary (every mistake is a
//! located error listing the valid names), and expanded before the markdown is rendered, so the
//! prose is regenerated with the numbers every sprint.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::accounts::ratio;
use crate::charts::{Books, ChartKind, ChartRequest};
use crate::diagnostics::{Diagnostic, unknown_name_help};
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::Ledger;
use crate::load::narratives::Narrative;
use crate::prose::markdown::markdown_options;
use crate::words::narrate;

/// The directives authors can write.
pub const DIRECTIVES: [&str; 4] = ["chart", "value", "delta", "term"];

/// What a metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Share of effort (of the team's, or of the organisation's).
    Share,
    /// Effort in the site's unit.
    Effort,
    /// People's worth of time.
    Fte,
    /// Money, where day costs are known.
    Cost,
    /// Share of effort that was planned.
    PlannedShare,
    /// Recorded effort as a share of capacity.
    CapacityUsed,
}

impl Metric {
    /// Every metric, by the name authors use.
    pub const ALL: [(&'static str, Metric); 6] = [
        ("share", Metric::Share),
        ("effort", Metric::Effort),
        ("fte", Metric::Fte),
        ("cost", Metric::Cost),
        ("planned_share", Metric::PlannedShare),
        ("capacity_used", Metric::CapacityUsed),
    ];

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    /// Whether the metric is a fraction (changes read in points).
    fn is_share(self) -> bool {
        matches!(
            self,
            Metric::Share | Metric::PlannedShare | Metric::CapacityUsed
        )
    }
}

/// Which sprints a value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One sprint (index).
    Sprint(usize),
    /// The average of `count` sprints ending at `end` (index).
    Last { count: usize, end: usize },
}

/// A number to put in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// What to measure.
    pub metric: Metric,
    /// A category slot, or all.
    pub category: Option<usize>,
    /// A team (index), or the whole organisation.
    pub team: Option<usize>,
    /// Which sprints.
    pub period: Period,
}

/// A checked directive.
#[derive(Debug, Clone, PartialEq)]
pub enum Directive {
    /// An inline chart.
    Chart(ChartRequest),
    /// A number.
    Value(Measure),
    /// A change from the period before.
    Delta(Measure),
    /// A glossary term (index), with the words as written.
    Term(usize, String),
}

/// A directive and where it is in the narrative's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Byte range of `{{ ... }}` in the file.
    pub span: Range<usize>,
    /// What it asks for.
    pub directive: Directive,
}

/// What directives are checked against.
pub struct Scope<'a> {
    /// Categories.
    pub config: &'a Config,
    /// Teams and sprints.
    pub ledger: &'a Ledger,
    /// Terms.
    pub glossary: &'a Glossary,
}

/// Byte ranges (relative to `body`) of code spans, code blocks and raw HTML, where `{{` is text.
pub fn protected_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.push(block_start.take().unwrap_or(range.start)..range.end);
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Where a piece of text sits in the markdown, as far as a directive cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In a paragraph, list item, table cell, quote or footnote: a chart can go here.
    Block,
    /// In a heading.
    Heading,
    /// In emphasized, strong, struck-through, super- or subscript text.
    Phrase,
    /// In a link's text or an image's description.
    Link,
}

/// Byte ranges (relative to `body`) of the text, each with the place it sits in.
fn text_places(body: &str) -> Vec<(Range<usize>, Place)> {
    let mut places = Vec::new();
    let mut open: Vec<Place> = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => open.push(match tag {
                Tag::Heading { .. } => Place::Heading,
                Tag::Link { .. } | Tag::Image { .. } => Place::Link,
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript => Place::Phrase,
                _ => Place::Block,
            }),
            Event::End(_) => {
                open.pop();
            }
            Event::Text(_) => {
                // The strictest place around the text decides.
                let place = [Place::Link, Place::Heading, Place::Phrase]
                    .into_iter()
                    .find(|p| open.contains(p))
                    .unwrap_or(Place::Block);
                places.push((range, place));
            }
            _ => {}
        }
    }
    places
}

/// A chart is a block (a figure with a table): it can stand in a paragraph, which is closed
/// around it, but not inside a heading, a link or emphasized words. A glossary term is a link,
/// so it cannot go inside another link.
fn check_place(directive: &Directive, place: Option<Place>) -> Result<(), Problem> {
    let chart_help = "put the chart on a line of its own, with a blank line before and after";
    match (directive, place) {
        (Directive::Chart(_), None) => {
            Err(Problem::new("a chart can only go in the text of the page", None).help(chart_help))
        }
        (Directive::Chart(_), Some(Place::Heading)) => {
            Err(Problem::new("a chart cannot go inside a heading", None)
                .help("put the chart on a line of its own, after the heading"))
        }
        (Directive::Chart(_), Some(Place::Phrase)) => Err(Problem::new(
            "a chart cannot go inside emphasized or struck-through words",
            None,
        )
        .help(chart_help)),
        (Directive::Chart(_), Some(Place::Link)) => {
            Err(Problem::new("a chart cannot go inside a link or an image", None).help(chart_help))
        }
        (Directive::Term(..), Some(Place::Link)) => Err(Problem::new(
            "a glossary term cannot go inside a link or an image: the term is a link itself",
            None,
        )
        .help("move the term out of the link, or write the words without `term`")),
        _ => Ok(()),
    }
}

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

/// Finds and checks every directive of a narrative. Returns the directives or every problem.
pub fn parse(narrative: &Narrative, scope: &Scope<'_>) -> Result<Vec<Located>, Vec<Diagnostic>> {
    let body = narrative.body();
    if !body.contains("{{") {
        // Most pages have no directive: skip the markdown pass that finds code spans.
        return Ok(Vec::new());
    }
    let offset = narrative.body_offset;
    let protected = protected_ranges(body);
    let places = text_places(body);
    let place_of = |at: usize| {
        places
            .iter()
            .find(|(range, _)| range.contains(&at))
            .map(|(_, place)| *place)
    };
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("{{") {
        let start = from + i;
        if inside(&protected, start) {
            from = start + 2;
            continue;
        }
        let Some(close) = body[start..].find("}}") else {
            problems.push(
                Diagnostic::error(
                    &narrative.source,
                    offset + start..offset + start + 2,
                    "this directive is not closed",
                )
                .with_help(
                    "end it with `}}`, e.g. {{ value(metric=\"share\", category=\"ktlo\") }}",
                ),
            );
            break;
        };
        let end = start + close + 2;
        let call = Call::parse(&body[start + 2..end - 2], offset + start + 2);
        let located = call
            .and_then(|call| check(&call, narrative, scope))
            .and_then(|directive| check_place(&directive, place_of(start)).map(|()| directive));
        match located {
            Ok(directive) => found.push(Located {
                span: offset + start..offset + end,
                directive,
            }),
            Err(problem) => {
                problems.push(problem.into_diagnostic(narrative, offset + start..offset + end))
            }
        }
        from = end;
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// A problem in a directive: a message, where (absolute span, or the whole directive), help.
struct Problem {
    message: String,
    span: Option<Range<usize>>,
    help: Vec<String>,
}

impl Problem {
    fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Self {
            message: message.into(),
            span,
            help: Vec::new(),
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    fn into_diagnostic(self, narrative: &Narrative, whole: Range<usize>) -> Diagnostic {
        let mut diagnostic =
            Diagnostic::error(&narrative.source, self.span.unwrap_or(whole), self.message);
        for help in self.help {
            diagnostic = diagnostic.with_help(help);
        }
        diagnostic
    }
}

/// An argument's value.
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Text(String),
    Number(f64),
}

/// `name(key="value", 3, ...)` as written, with spans.
struct Call {
    name: String,
    name_span: Range<usize>,
    /// (key, value, span of the value); positional arguments have no key.
    args: Vec<(Option<String>, Arg, Range<usize>)>,
}

impl Call {
    /// Parses the text between `{{` and `}}`; `offset` is its absolute position.
    fn parse(text: &str, offset: usize) -> Result<Self, Problem> {
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

    fn keyed(&self, key: &str) -> Option<&(Option<String>, Arg, Range<usize>)> {
        self.args.iter().find(|(k, _, _)| k.as_deref() == Some(key))
    }
}

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

fn check(call: &Call, narrative: &Narrative, scope: &Scope<'_>) -> Result<Directive, Problem> {
    match call.name.as_str() {
        "chart" => check_chart(call, narrative, scope).map(Directive::Chart),
        "value" => check_measure(call, narrative, scope).map(Directive::Value),
        "delta" => check_measure(call, narrative, scope).map(Directive::Delta),
        "term" => check_term(call, scope),
        other => Err(Problem::new(
            format!("unknown directive `{other}`"),
            Some(call.name_span.clone()),
        )
        .help(unknown_name_help(other, "directive", DIRECTIVES))),
    }
}

fn allowed_keys(call: &Call, keys: &[&str]) -> Result<(), Problem> {
    for (key, _, span) in &call.args {
        match key {
            Some(key) if keys.contains(&key.as_str()) => {}
            Some(key) => {
                return Err(Problem::new(
                    format!("`{}` does not take `{key}`", call.name),
                    Some(span.clone()),
                )
                .help(unknown_name_help(key, "argument", keys.iter().copied())));
            }
            None => {
                return Err(Problem::new(
                    format!("`{}` takes named arguments", call.name),
                    Some(span.clone()),
                )
                .help(format!(
                    "write them as name=value; `{}` takes: {}",
                    call.name,
                    keys.join(", ")
                )));
            }
        }
    }
    Ok(())
}

fn text_arg<'c>(call: &'c Call, key: &str) -> Result<Option<(&'c str, Range<usize>)>, Problem> {
    match call.keyed(key) {
        None => Ok(None),
        Some((_, Arg::Text(text), span)) => Ok(Some((text.as_str(), span.clone()))),
        Some((_, Arg::Number(_), span)) => Err(Problem::new(
            format!("`{key}` is text: put it in quotes"),
            Some(span.clone()),
        )),
    }
}

fn resolve_team(call: &Call, scope: &Scope<'_>) -> Result<Option<usize>, Problem> {
    let Some((id, span)) = text_arg(call, "team")? else {
        return Ok(None);
    };
    scope.ledger.team_index(id).map(Some).ok_or_else(|| {
        Problem::new(format!("unknown team `{id}`"), Some(span)).help(unknown_name_help(
            id,
            "team",
            scope.ledger.teams.iter().map(|t| t.id.as_str()),
        ))
    })
}

fn resolve_category(call: &Call, scope: &Scope<'_>) -> Result<Option<usize>, Problem> {
    let Some((id, span)) = text_arg(call, "category")? else {
        return Ok(None);
    };
    let config = scope.config;
    (0..config.category_slots())
        .find(|&slot| config.category_id(slot) == id)
        .map(Some)
        .ok_or_else(|| {
            let known: Vec<&str> = (0..config.category_slots())
                .map(|s| config.category_id(s))
                .collect();
            Problem::new(format!("unknown category `{id}`"), Some(span)).help(unknown_name_help(
                id,
                "category",
                known.iter().copied(),
            ))
        })
}

/// The page's sprint: the one its front matter names, else the site's current sprint.
fn page_sprint(narrative: &Narrative, scope: &Scope<'_>) -> Result<usize, Problem> {
    match narrative.sprint {
        Some(sprint) => Ok(sprint),
        None if scope.ledger.sprints.is_empty() => Err(Problem::new(
            "there is no sprint data to take numbers from",
            None,
        )
        .help("add a sprint under content/data/sprints/")),
        None => Ok(scope.ledger.current),
    }
}

fn resolve_period(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<Period, Problem> {
    let here = page_sprint(narrative, scope)?;
    let Some((text, span)) = text_arg(call, "sprint")? else {
        return Ok(Period::Sprint(here));
    };
    let known = || {
        let mut names = vec!["current", "previous", "last:N"];
        names.extend(scope.ledger.sprints.iter().map(|s| s.id.as_str()));
        names.join(", ")
    };
    match text {
        "current" => Ok(Period::Sprint(here)),
        "previous" => here.checked_sub(1).map(Period::Sprint).ok_or_else(|| {
            Problem::new(
                format!(
                    "there is no sprint before {}",
                    scope.ledger.sprints[here].id
                ),
                Some(span.clone()),
            )
            .help("use sprint=\"current\" or a later sprint")
        }),
        _ if text.starts_with("last:") => match text["last:".len()..].parse::<usize>() {
            Ok(count) if count >= 1 => Ok(Period::Last { count, end: here }),
            _ => Err(
                Problem::new(format!("`{text}` is not a number of sprints"), Some(span))
                    .help("write sprint=\"last:6\" for the average of the last 6 sprints"),
            ),
        },
        id => scope
            .ledger
            .sprint_index(id)
            .map(Period::Sprint)
            .ok_or_else(|| {
                Problem::new(format!("unknown sprint `{id}`"), Some(span))
                    .help(format!("use one of: {}", known()))
            }),
    }
}

fn check_measure(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<Measure, Problem> {
    allowed_keys(call, &["metric", "category", "team", "sprint"])?;
    let names: Vec<&str> = Metric::ALL.iter().map(|(n, _)| *n).collect();
    let Some((name, span)) = text_arg(call, "metric")? else {
        return Err(Problem::new(
            format!("`{}` needs a metric", call.name),
            Some(call.name_span.clone()),
        )
        .help(format!(
            "add metric=\"...\"; the metrics are: {}",
            names.join(", ")
        )));
    };
    let metric = Metric::from_name(name).ok_or_else(|| {
        Problem::new(format!("unknown metric `{name}`"), Some(span.clone()))
            .help(unknown_name_help(name, "metric", names.iter().copied()))
    })?;
    let category = resolve_category(call, scope)?;
    let team = resolve_team(call, scope)?;
    if metric == Metric::Share && category.is_none() && team.is_none() {
        return Err(Problem::new(
            "`share` needs a category or a team: a share of what?",
            Some(span),
        )
        .help(
            "add category=\"ktlo\" (its share of the time) or team=\"payments\" (the team's share)",
        ));
    }
    if matches!(metric, Metric::PlannedShare | Metric::CapacityUsed) && category.is_some() {
        return Err(
            Problem::new(format!("`{name}` is not split by category"), Some(span))
                .help("remove `category`; it can be given for the whole organisation or a team"),
        );
    }
    let period = resolve_period(call, narrative, scope)?;
    Ok(Measure {
        metric,
        category,
        team,
        period,
    })
}

fn check_chart(
    call: &Call,
    narrative: &Narrative,
    scope: &Scope<'_>,
) -> Result<ChartRequest, Problem> {
    allowed_keys(
        call,
        &[
            "name",
            "last",
            "sprint",
            "team",
            "category",
            "initiative",
            "system",
        ],
    )?;
    let names: Vec<&str> = ChartKind::ALL.iter().map(|(n, _)| *n).collect();
    let Some((name, span)) = text_arg(call, "name")? else {
        return Err(Problem::new(
            "`chart` needs the chart's name",
            Some(call.name_span.clone()),
        )
        .help(format!(
            "add name=\"...\"; the charts are: {}",
            names.join(", ")
        )));
    };
    let kind = ChartKind::from_name(name).ok_or_else(|| {
        Problem::new(format!("unknown chart `{name}`"), Some(span)).help(unknown_name_help(
            name,
            "chart",
            names.iter().copied(),
        ))
    })?;
    let last = match call.keyed("last") {
        None => None,
        Some((_, Arg::Number(n), _)) if *n >= 1.0 && n.fract() == 0.0 => Some(*n as usize),
        Some((_, _, span)) => {
            return Err(
                Problem::new("`last` is a whole number of sprints", Some(span.clone()))
                    .help("for example last=6"),
            );
        }
    };
    let sprint = match resolve_period(call, narrative, scope)? {
        Period::Sprint(s) => s,
        Period::Last { count, end } => {
            if last.is_none() {
                return Ok(ChartRequest {
                    kind,
                    sprint: end,
                    last: Some(count),
                    team: resolve_team(call, scope)?,
                    category: resolve_category(call, scope)?,
                    subject: resolve_subject(call, kind, scope)?,
                });
            }
            end
        }
    };
    let category = resolve_category(call, scope)?;
    if category.is_some() && kind != ChartKind::CategoryTrend {
        let span = call.keyed("category").map(|(_, _, s)| s.clone());
        return Err(Problem::new(format!("the chart `{name}` does not take `category`"), span)
            .help("`category` picks one line of `category_trend`; the other charts show every category"));
    }
    Ok(ChartRequest {
        kind,
        sprint,
        last,
        team: resolve_team(call, scope)?,
        category,
        subject: resolve_subject(call, kind, scope)?,
    })
}

/// The initiative (`burn_up`) or system (`system_cost`) a chart is about.
fn resolve_subject(
    call: &Call,
    kind: ChartKind,
    scope: &Scope<'_>,
) -> Result<Option<usize>, Problem> {
    let needs = kind.needs_subject();
    for key in ["initiative", "system"] {
        if needs != Some(key)
            && let Some((_, _, span)) = call.keyed(key)
        {
            return Err(Problem::new(
                format!("the chart `{}` does not take `{key}`", kind.name()),
                Some(span.clone()),
            )
            .help("`initiative` goes with `burn_up`, `system` with `system_cost`"));
        }
    }
    let Some(key) = needs else {
        return Ok(None);
    };
    let known: Vec<&str> = match key {
        "initiative" => scope
            .ledger
            .initiatives
            .iter()
            .map(|i| i.id.as_str())
            .collect(),
        _ => scope.ledger.systems.iter().map(|s| s.id.as_str()).collect(),
    };
    let Some((id, span)) = text_arg(call, key)? else {
        return Err(Problem::new(
            format!("`{}` needs {key}=\"...\"", kind.name()),
            Some(call.name_span.clone()),
        )
        .help(format!("the known {key}s are: {}", known.join(", "))));
    };
    known
        .iter()
        .position(|k| *k == id)
        .map(Some)
        .ok_or_else(|| {
            Problem::new(format!("unknown {key} `{id}`"), Some(span)).help(unknown_name_help(
                id,
                key,
                known.iter().copied(),
            ))
        })
}

fn check_term(call: &Call, scope: &Scope<'_>) -> Result<Directive, Problem> {
    let (words, span) = match call.args.as_slice() {
        [(None | Some(_), Arg::Text(words), span)]
            if call.args[0].0.as_deref().is_none_or(|k| k == "name") =>
        {
            (words.clone(), span.clone())
        }
        _ => {
            return Err(Problem::new(
                "`term` takes the word, in quotes",
                Some(call.name_span.clone()),
            )
            .help("for example {{ term(\"Kubernetes\") }}"));
        }
    };
    match scope.glossary.lookup(&words) {
        Some(term) => {
            let index = scope
                .glossary
                .terms
                .iter()
                .position(|t| t.term == term.term)
                .unwrap_or(0);
            Ok(Directive::Term(index, words))
        }
        None => Err(
            Problem::new(format!("`{words}` is not in the glossary"), Some(span))
                .help(unknown_name_help(
                    &words,
                    "term",
                    scope.glossary.terms.iter().map(|t| t.term.as_str()),
                ))
                .help("add it to content/glossary.toml as [[term]] with `term` and `means`"),
        ),
    }
}

/// The sums a measure is computed from, over one or more sprints.
#[derive(Debug, Default)]
struct Sums {
    sprints: usize,
    effort: f64,
    base: f64,
    person_days: f64,
    working_days: f64,
    cost_known: f64,
    missing_cost: Vec<usize>,
    planned: f64,
    capacity: f64,
    effort_with_capacity: f64,
    has_capacity: bool,
}

fn sprints_of(period: Period) -> Range<usize> {
    match period {
        Period::Sprint(s) => s..s + 1,
        Period::Last { count, end } => (end + 1).saturating_sub(count)..end + 1,
    }
}

fn sums(measure: &Measure, period: Period, books: &Books<'_>) -> Sums {
    let config = books.config;
    let mut sums = Sums::default();
    for s in sprints_of(period) {
        let account = &books.accounts.sprints[s];
        sums.sprints += 1;
        sums.working_days += f64::from(account.working_days);
        let teams: Vec<usize> = match measure.team {
            Some(t) => vec![t],
            None => (0..account.teams.len()).collect(),
        };
        for t in teams {
            let team = &account.teams[t];
            let effort = measure
                .category
                .map_or(team.effort, |c| team.by_category[c]);
            sums.effort += effort;
            sums.person_days += config.to_person_days(effort);
            match books.ledger.teams[t].day_cost {
                Some(cost) => sums.cost_known += config.to_person_days(effort) * cost,
                None if effort > 0.0 && !sums.missing_cost.contains(&t) => {
                    sums.missing_cost.push(t)
                }
                None => {}
            }
            sums.planned += team.planned;
            if let Some(capacity) = team.capacity {
                sums.has_capacity = true;
                sums.capacity += capacity;
                sums.effort_with_capacity += team.effort;
            }
        }
        // The share's base: the team's effort when a team and a category are given, else the
        // organisation's.
        sums.base += match (measure.team, measure.category) {
            (Some(t), Some(_)) => account.teams[t].effort,
            _ => account.effort,
        };
    }
    if measure.category.is_none() && measure.team.is_none() {
        sums.base = sums.effort;
    }
    sums.missing_cost.sort_unstable();
    sums
}

/// The raw number a measure stands for over a period (`None` where it is unknown).
fn number(measure: &Measure, period: Period, books: &Books<'_>) -> Option<f64> {
    let sums = sums(measure, period, books);
    let per_sprint = |x: f64| ratio(x, sums.sprints as f64);
    match measure.metric {
        Metric::Share => Some(ratio(sums.effort, sums.base)),
        Metric::Effort => Some(per_sprint(sums.effort)),
        Metric::Fte => Some(ratio(sums.person_days, sums.working_days)),
        Metric::Cost => (sums.cost_known > 0.0 || sums.missing_cost.is_empty())
            .then(|| per_sprint(sums.cost_known)),
        Metric::PlannedShare => {
            let effort = sums.effort;
            Some(ratio(sums.planned, effort))
        }
        Metric::CapacityUsed => (sums.has_capacity && sums.capacity > 0.0)
            .then(|| sums.effort_with_capacity / sums.capacity),
    }
}

/// The text of `{{ value(...) }}`: `38%`, `12.5 person-days`, `4.2`, `$12,300`.
pub fn value_text(measure: &Measure, books: &Books<'_>) -> String {
    let Some(value) = number(measure, measure.period, books) else {
        return match measure.metric {
            Metric::CapacityUsed => "unknown (no capacity given)".to_string(),
            _ => "unknown (no day cost given)".to_string(),
        };
    };
    match measure.metric {
        Metric::Share | Metric::PlannedShare | Metric::CapacityUsed => narrate::percent(value),
        Metric::Effort => narrate::effort(books.config, value),
        Metric::Fte => narrate::number(value),
        Metric::Cost => {
            let missing = sums(measure, measure.period, books).missing_cost;
            let money = narrate::money(books.config, value);
            if missing.is_empty() {
                money
            } else {
                let names: Vec<String> = missing
                    .iter()
                    .map(|&t| books.ledger.teams[t].name.clone())
                    .collect();
                format!("{money} (excluding {})", narrate::join_words(&names))
            }
        }
    }
}

/// The text of `{{ delta(...) }}`: `up 9 points from last sprint`, `down 12% from last sprint`.
pub fn delta_text(measure: &Measure, books: &Books<'_>) -> String {
    let (previous, against) = match measure.period {
        Period::Sprint(s) => match s.checked_sub(1) {
            Some(p) => (Period::Sprint(p), "from last sprint".to_string()),
            None => return "with no earlier sprint to compare".to_string(),
        },
        Period::Last { count, end } => match end.checked_sub(count) {
            Some(p) => (
                Period::Last { count, end: p },
                format!("from the {count} sprints before"),
            ),
            None => return "with no earlier sprints to compare".to_string(),
        },
    };
    let (Some(now), Some(before)) = (
        number(measure, measure.period, books),
        number(measure, previous, books),
    ) else {
        return "with no comparable figure before".to_string();
    };
    if measure.metric.is_share() {
        let change = narrate::points_change((now - before) * 100.0);
        return format!("{change} {against}");
    }
    if before == 0.0 {
        return if now == 0.0 {
            format!("unchanged {against}")
        } else {
            format!("up from none {against}")
        };
    }
    let relative = (now - before) / before * 100.0;
    if relative.abs() < 0.5 {
        format!("unchanged {against}")
    } else if relative > 0.0 {
        format!("up {:.0}% {against}", relative)
    } else {
        format!("down {:.0}% {against}", -relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Accounts;
    use crate::diagnostics::SourceFile;

    struct Site {
        config: Config,
        ledger: Ledger,
        accounts: Accounts,
        glossary: Glossary,
    }

    fn site() -> Site {
        let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
        let teams = "[[team]]\nid = \"pay\"\nname = \"Payments\"\npeople = 2\nday_cost = 500\n\
                     [[team]]\nid = \"app\"\nname = \"App\"\npeople = 3\n";
        let s1 = "id = \"S1\"\nstart = 2026-11-02\nend = 2026-11-13\n\
                  [[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 6\nplanned = false\n\
                  [[work]]\nteam = \"pay\"\ncategory = \"new\"\neffort = 14\n\
                  [[work]]\nteam = \"app\"\ncategory = \"new\"\neffort = 20\n\
                  [[capacity]]\nteam = \"pay\"\neffort = 25\n";
        let s2 = "id = \"S2\"\nstart = 2026-11-16\nend = 2026-11-27\n\
                  [[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 12\n\
                  [[work]]\nteam = \"pay\"\ncategory = \"new\"\neffort = 8\n\
                  [[work]]\nteam = \"app\"\ncategory = \"new\"\neffort = 10\n";
        let ledger = Ledger::check(
            &config,
            SourceFile::new("teams.toml", teams),
            vec![
                SourceFile::new("s1.toml", s1),
                SourceFile::new("s2.toml", s2),
            ],
        )
        .unwrap();
        let accounts = Accounts::compute(&config, &ledger);
        let glossary = Glossary::parse(&SourceFile::new(
            "g.toml",
            "[[term]]\nterm = \"Kubernetes\"\nmeans = \"Runs programs.\"\n",
        ))
        .unwrap();
        Site {
            config,
            ledger,
            accounts,
            glossary,
        }
    }

    fn narrative(body: &str, sprint: Option<usize>) -> Narrative {
        let text = format!("+++\ntitle = \"x\"\n+++\n{body}");
        Narrative {
            source: SourceFile::new("content/x.md", text),
            address: "x/".into(),
            parent: String::new(),
            is_index: false,
            title: "x".into(),
            date: None,
            summary: None,
            sprint,
            draft: false,
            weight: 0,
            audience: vec![],
            template: None,
            extra: toml::Table::new(),
            body_offset: 20,
        }
    }

    fn expand(
        site: &Site,
        body: &str,
        sprint: Option<usize>,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let scope = Scope {
            config: &site.config,
            ledger: &site.ledger,
            glossary: &site.glossary,
        };
        let books = Books {
            config: &site.config,
            ledger: &site.ledger,
            accounts: &site.accounts,
        };
        let found = parse(&narrative(body, sprint), &scope)?;
        Ok(found
            .iter()
            .map(|l| match &l.directive {
                Directive::Value(m) => value_text(m, &books),
                Directive::Delta(m) => delta_text(m, &books),
                Directive::Term(_, words) => format!("term:{words}"),
                Directive::Chart(r) => format!("chart:{}", r.kind.name()),
            })
            .collect())
    }

    #[test]
    fn values_match_hand_computed_figures() {
        let site = site();
        // S2 (current): ktlo 12 of 30 = 40%; S1: 6 of 40 = 15%.
        let out = expand(
            &site,
            "{{ value(metric=\"share\", category=\"ktlo\") }} {{ value(metric=\"share\", category=\"ktlo\", sprint=\"previous\") }} \
             {{ value(metric=\"effort\") }} {{ value(metric=\"fte\", team=\"pay\") }} {{ value(metric=\"cost\", team=\"pay\") }} \
             {{ value(metric='cost') }} {{ value(metric=\"share\", category=\"ktlo\", sprint=\"last:2\") }} \
             {{ value(metric=\"planned_share\", sprint=\"S1\") }} {{ value(metric=\"capacity_used\", sprint=\"S1\") }} \
             {{ value(metric=\"share\", team=\"pay\") }} {{ value(metric=\"share\", category=\"ktlo\", team=\"pay\") }}",
            None,
        )
        .unwrap();
        assert_eq!(
            out,
            [
                "40%",
                "15%",
                "30 person-days",
                "2",
                "$10,000",
                "$10,000 (excluding App)",
                // (6 + 12) / (40 + 30)
                "26%",
                // 34 of 40 planned
                "85%",
                // Payments 20 of 25
                "80%",
                // Payments 20 of 30
                "67%",
                // 12 of Payments' 20
                "60%",
            ]
        );
    }

    #[test]
    fn deltas_read_in_a_sentence() {
        let site = site();
        let out = expand(
            &site,
            "{{ delta(metric=\"share\", category=\"ktlo\") }}, {{ delta(metric=\"effort\") }}, \
             {{ delta(metric=\"effort\", team=\"pay\") }}, {{ delta(metric=\"share\", category=\"ktlo\", sprint=\"S1\") }}",
            None,
        )
        .unwrap();
        assert_eq!(
            out,
            [
                "up 25 points from last sprint",
                "down 25% from last sprint",
                "unchanged from last sprint",
                "with no earlier sprint to compare"
            ]
        );
    }

    #[test]
    fn the_pages_own_sprint_is_current() {
        let site = site();
        let out = expand(
            &site,
            "{{ value(metric=\"share\", category=\"ktlo\") }}",
            Some(0),
        )
        .unwrap();
        assert_eq!(out, ["15%"]);
    }

    #[test]
    fn code_is_left_alone_and_terms_and_charts_are_found() {
        let site = site();
        let out = expand(
            &site,
            "`{{ value(metric=\"x\") }}`\n\n```\n{{ nope() }}\n```\n\n{{ term(\"kubernetes\") }} {{ chart(name=\"investment_mix\", last=6) }}",
            None,
        )
        .unwrap();
        assert_eq!(out, ["term:kubernetes", "chart:investment_mix"]);
    }

    #[test]
    fn mistakes_are_located_with_the_valid_names() {
        let site = site();
        let cases = [
            (
                "{{ valu(metric=\"share\") }}",
                "unknown directive `valu`",
                "did you mean `value`?",
                (4, 4),
            ),
            (
                "{{ value(metric=\"shar\", category=\"ktlo\") }}",
                "unknown metric `shar`",
                "share, effort, fte, cost, planned_share, capacity_used",
                (4, 17),
            ),
            (
                "{{ value(metric=\"share\", category=\"ktl\") }}",
                "unknown category `ktl`",
                "did you mean `ktlo`?",
                (4, 35),
            ),
            (
                "{{ value(metric=\"effort\", team=\"pya\") }}",
                "unknown team `pya`",
                "pay, app",
                (4, 32),
            ),
            (
                "{{ value(metric=\"effort\", sprint=\"S9\") }}",
                "unknown sprint `S9`",
                "current, previous, last:N, S1, S2",
                (4, 34),
            ),
            (
                "{{ chart(name=\"pie\") }}",
                "unknown chart `pie`",
                "investment_mix",
                (4, 15),
            ),
            (
                "{{ term(\"Kubernete\") }}",
                "`Kubernete` is not in the glossary",
                "did you mean `Kubernetes`?",
                (4, 9),
            ),
            (
                "{{ value(metric=\"effort\"",
                "this directive is not closed",
                "}}",
                (4, 1),
            ),
        ];
        for (body, message, help, position) in cases {
            let problems = expand(&site, body, None).unwrap_err();
            let problem = &problems[0];
            assert_eq!(problem.message, message, "{body}");
            assert!(
                problem.help.iter().any(|h| h.contains(help)),
                "{body}: {:?}",
                problem.help
            );
            assert_eq!(problem.line_col(), Some(position), "{body}");
        }
    }
}
