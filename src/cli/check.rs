//! `tally check`: everything a build does, without writing.

use tally::Error;
use tally::site::{self, BuildOptions};

use super::RootArg;

/// Arguments of `tally check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Also check narratives marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

/// Loads, validates and renders the site in memory.
pub fn run(args: Args) -> Result<(), Error> {
    let summary = site::check(
        &args.root.root,
        &BuildOptions {
            drafts: args.drafts,
        },
    )?;
    eprintln!(
        "No problems found: {} pages and {} sprints would be built",
        summary.pages, summary.sprints
    );
    Ok(())
}
