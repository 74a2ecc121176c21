//! `tally new sprint [ID]`: scaffold the next sprint.

use tally::Error;
use tally::load::config::Config;

use super::RootArg;

/// Arguments of `tally new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Create the next sprint's data file and a narrative stub, continuing the latest sprint's
    /// id pattern, dates and capacity. Changes nothing if either file exists.
    Sprint {
        /// The new sprint's id (default: the next in the latest sprint's pattern, 2026-S23 → 2026-S24).
        id: Option<String>,
        #[command(flatten)]
        root: RootArg,
    },
}

/// Writes the files and says what to do next.
pub fn run(args: Args) -> Result<(), Error> {
    let What::Sprint { id, root } = args.what;
    let config = Config::load(&root.root)?;
    let created = tally::scaffold::new_sprint(&root.root, &config, id)?;
    eprintln!(
        "Created sprint {} ({} to {}):\n  {}\n  {}\nNext: record its work (or `tally import ... --sprint {}`), write the narrative, then `tally build`.",
        created.id,
        created.start,
        created.end,
        created.data_file.display(),
        created.narrative.display(),
        created.id
    );
    Ok(())
}
