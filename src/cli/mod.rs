//! The command line: one file per command, and the one place where errors are printed.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tally::Error;

mod build;
mod check;
mod import;
mod init;
mod new;
mod serve;

/// tally builds a static report site that shows where engineering time and money go, from
/// markdown narratives and TOML work data.
#[derive(Debug, Parser)]
#[command(name = "tally", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder (public/ by default).
    Build(build::Args),
    /// Load, check and render everything in memory, writing nothing; exit 1 on any error.
    Check(check::Args),
    /// Write a small starter site into DIR that builds as is.
    Init(init::Args),
    /// Turn a Jira, Linear or GitHub export into work rows of a sprint file.
    Import(import::Args),
    /// Scaffold the next sprint: `tally new sprint [ID]`.
    New(new::Args),
    /// Serve the site on this machine and rebuild it as you edit, reloading open pages.
    Serve(serve::Args),
}

/// The site folder option shared by commands.
#[derive(Debug, clap::Args)]
pub struct RootArg {
    /// The site's folder, where site.toml is.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Runs the command and turns the outcome into an exit code: 0 success, 1 invalid input,
/// 2 usage error (clap exits with 2 by itself), 3 the site could not be written, 4 tally
/// refused to write the site where it was asked to.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => match check::run(args) {
            Ok(true) => Ok(()),
            // The findings are printed already.
            Ok(false) => return ExitCode::from(1),
            Err(error) => Err(error),
        },
        Command::Init(args) => init::run(args),
        Command::Import(args) => import::run(args),
        Command::New(args) => new::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::from(exit_code(&error))
        }
    }
}

/// The exit code of a failure, so that scripts can tell bad input (fix the files) from a
/// folder that could not be written (fix the disk or permissions) and a refused output folder.
fn exit_code(error: &Error) -> u8 {
    match error {
        Error::Write { .. } => 3,
        Error::OutputRefused(_) => 4,
        _ => 1,
    }
}

/// Prints an error: every located diagnostic with its snippet, then a one-line summary.
pub fn report(error: &Error) {
    let color = std::io::stderr().is_terminal();
    eprintln!("{}", tally::error::report_with(error, color));
}
