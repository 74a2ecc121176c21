//! Directives: live numbers, charts and glossary terms inside narratives.
//!
//! Authors write `{{ value(metric="share", category="ktlo") }}`, `{{ delta(...) }}`,
//! `{{ chart(name="investment_mix", last=6) }}` and `{{ term("Kubernetes") }}` in markdown.
//! They are found in the source outside code spans, code blocks and raw HTML, checked against
//! the site's charts, metrics, categories, teams, sprints and glossary (every mistake is a
//! located error listing the valid names), and expanded before the markdown is rendered, so the
//! prose is regenerated with the numbers every sprint.
//!
//! The steps, each in its own module and each importing only the ones before it:
//! [`types`] (what a checked directive is), `problem` (a mistake before it is located),
//! `syntax` (one directive's text with spans), `check` (against the site's names), [`find`]
//! (every directive of a page, with its place in the markdown) and [`values`] (the numbers).
//! The HTML a directive becomes is written by the build, which has the charts and the glossary
//! links at hand.

mod check;
pub mod find;
mod problem;
mod syntax;
pub mod types;
pub mod values;

pub use find::{parse, protected_ranges};
pub use types::{DIRECTIVES, Directive, Located, Measure, Metric, Period, Scope};
pub use values::{delta_text, value_text};

#[cfg(test)]
mod tests;
