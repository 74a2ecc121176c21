//! `tally build`: write the site.

use std::path::PathBuf;
use std::time::Instant;

use tally::Error;
use tally::site::{self, BuildOptions};

use super::RootArg;

/// Arguments of `tally build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Where to write the site; relative paths are relative to the site's folder.
    #[arg(long, value_name = "DIR", default_value = "public")]
    output_dir: PathBuf,
    /// Also build narratives marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// The address the site is published at (e.g. https://intranet.example/reports/eng/), for
    /// absolute links in atom.xml and sitemap.xml; overrides `base_url` in site.toml.
    #[arg(long, value_name = "URL", value_parser = base_url)]
    base_url: Option<String>,
    /// Print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
}

/// `--base-url` is checked like `base_url` in site.toml; a bad one is a usage error (exit 2).
fn base_url(value: &str) -> Result<String, String> {
    tally::load::config::check_base_url(value)
        .map(|()| value.to_string())
        .map_err(|problem| format!("{problem}\n  help: {}", tally::load::config::BASE_URL_HELP))
}

/// Builds the site and prints a one-line summary.
pub fn run(args: Args) -> Result<(), Error> {
    let started = Instant::now();
    let root = args.root.root;
    let output = if args.output_dir.is_absolute() {
        args.output_dir
    } else {
        root.join(args.output_dir)
    };
    let summary = site::build(
        &root,
        &output,
        &BuildOptions {
            drafts: args.drafts,
            base_url: args.base_url,
            timings: args.timings,
        },
    )?;
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    eprintln!(
        "Built {} pages ({} files, {} written, {} unchanged, {} sprints) into {} in {} ms",
        summary.pages,
        summary.files,
        summary.written,
        summary.files - summary.written,
        summary.sprints,
        summary.output.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}
