//! Building a site: load and check everything, render every page, and write the output so that
//! a failed build never touches the previous one.
//!
//! The steps, each in its own file: `loading` (the [`Site`]), `prepare` (directives, charts
//! and the checks that must pass before rendering), `narrative_html`, `render` (the pages),
//! `data_files` (every other file) with `planned` (where each file comes from), `update` (one
//! edited narrative, for `tally serve`), and `build` (the `build` and `check` entry points).
//! Writing the output safely is `publish`, with `reuse` taking over the previous site's unchanged
//! files; the link check is `links`.

mod build;
pub mod collisions;
mod data_files;
mod jargon;
pub mod links;
mod loading;
mod narrative_html;
pub mod output;
pub mod page_manifest;
mod planned;
mod prepare;
mod publish;
mod render;
mod reuse;
mod update;

pub use build::{BuildSummary, Checked, build, check, check_findings};
pub use loading::{BuildOptions, Site};
pub use output::{OUTPUT_MARKER, OutputFile};
pub use page_manifest::PAGES_MANIFEST;
pub use prepare::{Prepared, Previous};
pub use render::{Collect, PageSink};
