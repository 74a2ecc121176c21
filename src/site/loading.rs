//! Loading a site: reading and checking site.toml, the work data, the narratives, the theme
//! and the glossary, and computing the accounts, into one [`Site`] that every later step reads.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::accounts::Accounts;
use crate::charts::Books;
use crate::error::Error;
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::Ledger;
use crate::load::narratives::Content;
use crate::load::theme::Theme;

/// Options of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include narratives marked `draft = true`.
    pub drafts: bool,
    /// The address the site is published at, for absolute links in the feed and sitemap
    /// (overrides `base_url` in site.toml).
    pub base_url: Option<String>,
    /// Print how long each stage took, for benchmarks and profiling.
    pub timings: bool,
}

/// A loaded and checked site: everything needed to render it.
pub struct Site {
    /// The site's folder.
    pub root: PathBuf,
    /// `site.toml`.
    pub config: Config,
    /// Teams and sprints.
    pub ledger: Ledger,
    /// Narratives and assets.
    pub content: Content,
    /// The computed figures.
    pub accounts: Accounts,
    /// Templates and static files.
    pub theme: Theme,
    /// Plain-language meanings of the jargon.
    pub glossary: Glossary,
    /// How long computing the accounts took, for `build --timings`.
    pub accounts_took: Duration,
}

impl Site {
    /// Reads and checks the site in `root`.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Self, Error> {
        let mut config = Config::load(root)?;
        if options.base_url.is_some() {
            config.base_url = options.base_url.clone();
        }
        let ledger = Ledger::load(root, &config)?;
        let content = Content::load(root, &config, &ledger, options.drafts)?;
        let started = Instant::now();
        let accounts = Accounts::compute(&config, &ledger);
        let accounts_took = started.elapsed();
        let theme = Theme::load(root, &config.theme)?;
        let glossary = Glossary::load(root)?;
        Ok(Self {
            glossary,
            root: root.to_path_buf(),
            config,
            ledger,
            content,
            accounts,
            theme,
            accounts_took,
        })
    }

    /// The figures and words the charts and directives are made from.
    pub(super) fn books(&self) -> Books<'_> {
        Books {
            config: &self.config,
            ledger: &self.ledger,
            accounts: &self.accounts,
        }
    }
}
