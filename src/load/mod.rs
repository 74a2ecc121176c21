//! Reading the site: every file the author writes, into checked types with spans.
//!
//! [`input`] reads files and TOML with located errors; [`config`] is site.toml; [`ledger`] is
//! the work data; [`narratives`] are the markdown pages with front matter; [`glossary`] and
//! [`theme`] are the rest. Nothing here computes or renders: later stages never re-check.

pub mod config;
pub mod glossary;
pub mod input;
pub mod ledger;
pub mod narratives;
pub mod theme;
