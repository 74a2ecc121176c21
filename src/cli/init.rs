//! `tally init DIR`: a starter site to replace with your own.

use std::path::PathBuf;

use tally::Error;

/// Arguments of `tally init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create; it must not exist or be empty.
    dir: PathBuf,
}

/// Writes the starter site.
pub fn run(args: Args) -> Result<(), Error> {
    let written = tally::scaffold::starter::write(&args.dir)?;
    eprintln!(
        "Wrote a starter site with {written} files into {}. Next: cd {} && tally build, then open public/index.html",
        args.dir.display(),
        args.dir.display()
    );
    Ok(())
}
