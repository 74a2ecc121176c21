//! `tally import`: tracker exports into a sprint's work rows.

use std::path::PathBuf;

use tally::Error;
use tally::import::{self, Format, Options, ReleaseFormat, ReleaseOptions};
use tally::load::input::Day;

use super::RootArg;

/// The trackers tally reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Tracker {
    /// Jira's "Export CSV (all fields)".
    Jira,
    /// Linear's CSV export.
    Linear,
    /// The JSON of `gh issue list` / `gh pr list --json number,title,labels,state,closedAt,milestone,assignees`,
    /// or of `gh issue view N --json ...` (one object, or several one after the other).
    Github,
    /// Releases: `gh release list --json tagName,publishedAt,name,isDraft,isPrerelease`, or
    /// the REST API's releases; appended to content/data/releases.toml.
    GithubReleases,
    /// The REST API's deployments (production only); appended to content/data/releases.toml.
    GithubDeployments,
}

/// Arguments of `tally import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The tracker the export comes from; also the `source` of the rows it writes.
    #[arg(value_enum)]
    tracker: Tracker,
    /// The export file(s); give all files of one tracker at once (e.g. GitHub issues and pull
    /// requests), since an import replaces every earlier row of that tracker.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The sprint whose rows are written: content/data/sprints/<ID>.toml.
    #[arg(long, value_name = "ID")]
    sprint: String,
    #[command(flatten)]
    root: RootArg,
    /// Print the rows and the reconciliation; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// With --end: create the sprint file with these dates when it does not exist.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day, requires = "end")]
    start: Option<Day>,
    /// The sprint's last day, with --start.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day, requires = "start")]
    end: Option<Day>,
    /// GitHub only: the repository (`owner/name`); keys become `owner/name#123` and
    /// `repo` rules can match (for releases: the repository of a `gh release list` file).
    #[arg(long, value_name = "OWNER/NAME")]
    repo: Option<String>,
}

fn parse_day(text: &str) -> Result<Day, String> {
    text.parse::<jiff::civil::Date>()
        .map(Day)
        .map_err(|_| format!("`{text}` is not a date like 2026-11-02"))
}

/// Imports, then prints the rows (with --dry-run) and the reconciliation.
pub fn run(args: Args) -> Result<(), Error> {
    let format = match args.tracker {
        Tracker::Jira => Format::Jira,
        Tracker::Linear => Format::Linear,
        Tracker::Github => Format::Github,
        Tracker::GithubReleases => return run_releases(args, ReleaseFormat::Releases),
        Tracker::GithubDeployments => return run_releases(args, ReleaseFormat::Deployments),
    };
    let outcome = import::import(&Options {
        root: args.root.root,
        format,
        files: args.files,
        sprint: args.sprint,
        new_sprint: args.start.zip(args.end),
        repo: args.repo,
        dry_run: args.dry_run,
    })?;
    let path = outcome.path.display();
    if args.dry_run {
        if outcome.rows.is_empty() {
            println!("(no rows to write)\n");
        } else {
            println!("{}", outcome.snippet);
        }
    }
    print!("{}", outcome.reconciliation.render());
    println!();
    let action = if args.dry_run {
        if outcome.created {
            format!("Dry run: {path} would be created; nothing was written.")
        } else if outcome.changed {
            format!("Dry run: {path} would change; nothing was written.")
        } else {
            format!("Dry run: {path} is already up to date; nothing was written.")
        }
    } else if outcome.created {
        format!("Created {path}.")
    } else if outcome.written {
        format!("Wrote {path}.")
    } else {
        format!("{path} is already up to date.")
    };
    println!("{action}");
    Ok(())
}

/// Imports releases or deployments into content/data/releases.toml and prints what it did.
fn run_releases(args: Args, format: ReleaseFormat) -> Result<(), Error> {
    if args.start.is_some() {
        return Err(Error::Refused(
            "--start and --end create a sprint file; releases go into content/data/releases.toml, for a sprint that exists"
                .to_string(),
        ));
    }
    let outcome = import::import_releases(&ReleaseOptions {
        root: args.root.root,
        format,
        files: args.files,
        sprint: args.sprint,
        repo: args.repo,
        dry_run: args.dry_run,
    })?;
    let path = outcome.path.display();
    if args.dry_run {
        for release in &outcome.added {
            println!(
                "{}  {}  {}{}  {}",
                release.date.iso(),
                release.team,
                release.id,
                release
                    .system
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default(),
                release.name
            );
        }
        if !outcome.added.is_empty() {
            println!();
        }
    }
    print!("{}", outcome.report);
    println!();
    let action = match (args.dry_run, outcome.changed, outcome.written) {
        (true, true, _) => format!("Dry run: {path} would change; nothing was written."),
        (true, false, _) => format!("Dry run: {path} is already up to date; nothing was written."),
        (false, _, true) => format!("Wrote {path}."),
        (false, _, false) => format!("{path} is already up to date."),
    };
    println!("{action}");
    Ok(())
}
