//! tally: a static site generator for technical accounting.
//!
//! The folders follow the data, and each stage imports only the stages above it in this list:
//!
//! 1. [`error`], [`diagnostics`] and [`text`]: the bottom. The error type, located reports,
//!    and small text utilities (escaping, slugs, numbers, addresses). They import no stage.
//! 2. [`load`]: site.toml, the ledger (work data), narratives with front matter, the glossary
//!    and the theme, read from files into checked types with spans.
//! 3. [`accounts`]: the maths: shares, costs, forecasts, paybacks, capitalization.
//! 4. [`words`]: sentences from numbers, and the jargon check.
//! 5. [`charts`]: SVG charts with their captions, tables and CSVs.
//! 6. [`prose`]: narratives into HTML: markdown, live directives and glossary links.
//! 7. [`pages`]: every page's context, the templates, feeds, the search index and
//!    `accounts.json`.
//! 8. [`site`]: the build: what is written where, the link check and the atomic output.
//! 9. The tools on top: [`serve`], [`import`] and [`scaffold`]. The command line (`src/cli/`)
//!    is the binary's, and the library never imports it.
//!
//! Every problem in the user's input is a located [`diagnostics::Diagnostic`].

pub mod accounts;
pub mod charts;
pub mod diagnostics;
pub mod error;
pub mod import;
pub mod load;
pub mod pages;
pub mod prose;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod words;

pub use diagnostics::Diagnostic;
pub use error::Error;
