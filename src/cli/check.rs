//! `tally check`: everything a build does, without writing.

use std::io::IsTerminal;

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
    /// Treat warnings (such as jargon the glossary does not explain) as errors: exit 1.
    #[arg(long)]
    strict: bool,
}

/// Loads, validates and renders the site in memory, and reports jargon.
pub fn run(args: Args) -> Result<(), Error> {
    let (summary, warnings) = site::check(
        &args.root.root,
        &BuildOptions {
            drafts: args.drafts,
        },
    )?;
    let color = std::io::stderr().is_terminal();
    for warning in &warnings {
        eprintln!("{}\n", warning.render(color));
    }
    if args.strict && !warnings.is_empty() {
        return Err(Error::Refused(format!(
            "{} warning(s), and --strict treats warnings as errors",
            warnings.len()
        )));
    }
    let warned = match warnings.len() {
        0 => String::new(),
        1 => " (1 warning)".to_string(),
        n => format!(" ({n} warnings)"),
    };
    eprintln!(
        "No errors found{warned}: {} pages and {} sprints would be built",
        summary.pages, summary.sprints
    );
    Ok(())
}
