//! `tally check`: everything a build does, without writing.

use std::io::{IsTerminal, Write};

use serde::Serialize;
use tally::Error;
use tally::diagnostics::{Diagnostic, Severity};
use tally::site::{self, BuildOptions};

use super::RootArg;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Reports for people, with the offending line (on standard error).
    Text,
    /// One JSON document for CI tools (on standard output).
    Json,
}

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
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    pages: usize,
    sprints: usize,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    severity: Severity,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    label: Option<&'a str>,
    help: &'a [String],
}

fn finding(diagnostic: &Diagnostic) -> Finding<'_> {
    let position = diagnostic.line_col();
    Finding {
        severity: diagnostic.severity,
        message: &diagnostic.message,
        file: diagnostic.path().map(|p| p.display().to_string()),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        label: diagnostic.label.as_deref(),
        help: &diagnostic.help,
    }
}

/// Loads, validates and renders the site in memory, and reports jargon. Returns whether the
/// check passed (the command exits 1 when it did not).
pub fn run(args: Args) -> Result<bool, Error> {
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: None,
        timings: false,
    };
    if args.format == Format::Json {
        return Ok(print_json(
            site::check_findings(&args.root.root, &options),
            args.strict,
        ));
    }
    let outcome = site::check(&args.root.root, &options);
    let (summary, warnings) = outcome?;
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
    Ok(true)
}

fn print_json(outcome: Result<site::Checked, Error>, strict: bool) -> bool {
    let checked = outcome.unwrap_or_else(|error| site::Checked {
        pages: 0,
        files: 0,
        sprints: 0,
        findings: match error {
            Error::Invalid(diagnostics) => diagnostics,
            other => vec![Diagnostic::error_in(None, other.to_string())],
        },
    });
    let failed = checked
        .findings
        .iter()
        .any(|d| d.severity == Severity::Error || strict);
    let report = Report {
        ok: !failed,
        pages: checked.pages,
        sprints: checked.sprints,
        findings: checked.findings.iter().map(finding).collect(),
    };
    // A reader that stops early (`| head`) closes the pipe: not worth a panic.
    let written = serde_json::to_string_pretty(&report)
        .map_err(std::io::Error::other)
        .and_then(|json| writeln!(std::io::stdout(), "{json}"));
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("tally: could not write the report: {error}");
    }
    !failed
}
