//! `tally import github-releases` and `tally import github-deployments`: releases that
//! reached production, appended to `content/data/releases.toml`.
//!
//! The stages: read the JSON ([`release_json`](super::release_json)) → keep those that went
//! live on a day of the sprint (in the site's `timezone`) → give each a team and a system with
//! `[[import.release]]` rules (then the team rules and `default_team`) → leave out those already
//! in releases.toml (by `id`), so that importing the same file twice changes nothing → append
//! the rest under one comment line, keeping every other line as it was → check the new file
//! with the ledger → write it. Every entry not imported is named with why.

use std::path::{Path, PathBuf};

use super::export::read_export;
use super::item::{Item, toml_string};
use super::release_json::{self, Passed, ReleaseFormat, Shipped};
use super::rules::{self, Rules};
use super::save::{file_names, write_file};
use crate::diagnostics::{Location, SourceFile, unknown_name_help};
use crate::error::Error;
use crate::load::config::Config;
use crate::load::input::Day;
use crate::load::ledger::{DATA_DIR, Ledger, LedgerSources, Sprint};

/// What to import, from where, for which sprint.
#[derive(Debug, Clone)]
pub struct ReleaseOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// Releases or deployments.
    pub format: ReleaseFormat,
    /// The JSON files.
    pub files: Vec<PathBuf>,
    /// The sprint whose days the releases must fall on.
    pub sprint: String,
    /// `--repo`: the repository of a `gh release list` file, which names none.
    pub repo: Option<String>,
    /// Report, but write nothing.
    pub dry_run: bool,
}

/// One release appended.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRelease {
    /// Its `id`.
    pub id: String,
    /// The day it went live, in the site's time zone.
    pub date: Day,
    /// Team id.
    pub team: String,
    /// System id.
    pub system: Option<String>,
    /// Its name, written as the row's `note`.
    pub name: String,
}

/// What an import of releases did (or, with `dry_run`, would do).
#[derive(Debug, Clone)]
pub struct ReleaseOutcome {
    /// `content/data/releases.toml`.
    pub path: PathBuf,
    /// The releases appended, in the file's order.
    pub added: Vec<NewRelease>,
    /// The whole new file.
    pub text: String,
    /// Whether it differs from the file on disk.
    pub changed: bool,
    /// Whether it was written.
    pub written: bool,
    /// The reconciliation, as printed.
    pub report: String,
}

/// Runs an import of releases or deployments.
pub fn import_releases(options: &ReleaseOptions) -> Result<ReleaseOutcome, Error> {
    let root = options.root.as_path();
    let config = Config::load(root)?;
    let sources = LedgerSources::read(root)?;
    let ledger = Ledger::check_sources(&config, sources.clone())?;
    let rules = rules::load(&config, &ledger)?;
    let sprint = ledger
        .sprint_index(&options.sprint)
        .map(|i| &ledger.sprints[i])
        .ok_or_else(|| {
            Error::Refused(format!(
                "unknown sprint `{}`: {}",
                options.sprint,
                unknown_name_help(
                    &options.sprint,
                    "sprint",
                    ledger.sprints.iter().map(|s| s.id.as_str())
                )
            ))
        })?;
    let (shipped, mut passed) = read_files(options)?;
    let read = shipped.len() + passed.len();
    let known: Vec<&str> = ledger
        .delivery
        .releases
        .iter()
        .filter_map(|r| r.id.as_deref())
        .collect();
    let mut added: Vec<NewRelease> = Vec::new();
    let mut already = 0;
    for release in shipped {
        let date = Day(config.delivery.timezone.to_datetime(release.at).date());
        if known.contains(&release.id.as_str()) || added.iter().any(|a| a.id == release.id) {
            already += 1;
            continue;
        }
        match place(&rules, sprint, &release, date) {
            Ok((team, system)) => added.push(NewRelease {
                id: release.id,
                date,
                team,
                system,
                name: release.name,
            }),
            Err(why) => passed.push(Passed {
                what: release.id,
                why,
            }),
        }
    }
    let team_order = |id: &str| ledger.teams.iter().position(|t| t.id == id);
    added.sort_by(|a, b| {
        (a.date, team_order(&a.team), &a.id).cmp(&(b.date, team_order(&b.team), &b.id))
    });
    let path = Path::new(DATA_DIR).join("releases.toml");
    let old = sources.releases.as_ref().map(|s| s.text.clone());
    let text = appended(old.as_deref(), options, &added);
    check_new_file(&config, sources, &path, &text)?;
    let changed = old.as_deref() != Some(text.as_str()) && !added.is_empty();
    let written = changed && !options.dry_run;
    if written {
        write_file(&root.join(&path), &text)?;
    }
    let report = reconciliation(options, sprint, read, &added, already, &passed);
    Ok(ReleaseOutcome {
        path,
        added,
        text,
        changed,
        written,
        report,
    })
}

/// Every file's releases, and the entries passed over; malformed JSON is reported together.
fn read_files(options: &ReleaseOptions) -> Result<(Vec<Shipped>, Vec<Passed>), Error> {
    let mut problems = Vec::new();
    let (mut shipped, mut passed) = (Vec::new(), Vec::new());
    for path in &options.files {
        let file = read_export(path)?;
        let (s, p) = release_json::parse(
            &file,
            options.format,
            options.repo.as_deref(),
            &mut problems,
        );
        shipped.extend(s);
        passed.extend(p);
    }
    if problems.is_empty() {
        Ok((shipped, passed))
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The team and system of a release of the sprint; else why it is not imported.
fn place(
    rules: &Rules,
    sprint: &Sprint,
    release: &Shipped,
    date: Day,
) -> Result<(String, Option<String>), String> {
    if date < sprint.start {
        return Err(format!(
            "released {}, before the sprint starts on {}",
            date.iso(),
            sprint.start.iso()
        ));
    }
    if date > sprint.end {
        return Err(format!(
            "released {}, after the sprint ends on {}",
            date.iso(),
            sprint.end.iso()
        ));
    }
    let item = release_item(release);
    match rules.release_of(&item) {
        Some((team, system)) => Ok((team.to_string(), system.map(str::to_string))),
        None => Err(match &release.repo {
            Some(repo) => format!("no release rule or team rule matched (repository {repo})"),
            None => "no release rule or team rule matched, and the file names no repository: give --repo OWNER/NAME".to_string(),
        }),
    }
}

/// A release as the rules see it: its repository and its name.
fn release_item(release: &Shipped) -> Item {
    let origin = Location {
        file: SourceFile::new("release", String::new()),
        span: 0..0,
    };
    Item {
        repo: release.repo.clone(),
        ..Item::new(release.id.clone(), release.name.clone(), origin)
    }
}

/// The file with the new releases after its last line, under one comment line; the file's
/// line ends (CRLF or LF) are kept.
fn appended(old: Option<&str>, options: &ReleaseOptions, added: &[NewRelease]) -> String {
    let mut text = old.map_or_else(
        || "# Releases: one row per team and day (or per release). See the README, \"The delivery record\".\n".to_string(),
        str::to_string,
    );
    if added.is_empty() {
        return text;
    }
    let crlf = text.contains("\r\n");
    let files = file_names(&options.files);
    let mut block = format!(
        "\n# Imported by `tally import {}` from {} for sprint {}.\n",
        options.format.as_str(),
        files.join(", "),
        options.sprint
    );
    for release in added {
        block.push_str(&format!(
            "[[release]]\nid = {}\ndate = {}\nteam = {}\n",
            toml_string(&release.id),
            release.date.iso(),
            toml_string(&release.team)
        ));
        if let Some(system) = &release.system {
            block.push_str(&format!("system = {}\n", toml_string(system)));
        }
        block.push_str(&format!(
            "note = {}\nsource = {}\n\n",
            toml_string(&release.name),
            toml_string(options.format.as_str())
        ));
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let block = block.trim_end().to_string() + "\n";
    text.push_str(&if crlf {
        block.replace('\n', "\r\n")
    } else {
        block
    });
    text
}

/// The new releases.toml must load like any other data file.
fn check_new_file(
    config: &Config,
    mut sources: LedgerSources,
    path: &Path,
    text: &str,
) -> Result<(), Error> {
    sources.releases = Some(SourceFile::new(path, text.to_string()));
    Ledger::check_sources(config, sources).map(|_| ())
}

/// What was read, imported, recorded already and skipped, with why.
fn reconciliation(
    options: &ReleaseOptions,
    sprint: &Sprint,
    read: usize,
    added: &[NewRelease],
    already: usize,
    passed: &[Passed],
) -> String {
    let what = match options.format {
        ReleaseFormat::Releases => "GitHub releases",
        ReleaseFormat::Deployments => "GitHub deployments",
    };
    let files: Vec<String> = options
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut out = format!(
        "Reconciliation: {what} {} for sprint {} ({} to {})\n\n",
        files.join(", "),
        sprint.id,
        sprint.start.iso(),
        sprint.end.iso()
    );
    out.push_str(&format!("  read              {read}\n"));
    out.push_str(&format!("  imported          {}\n", added.len()));
    let mut teams: Vec<(&str, usize)> = Vec::new();
    for release in added {
        match teams.iter_mut().find(|(t, _)| *t == release.team) {
            Some((_, n)) => *n += 1,
            None => teams.push((&release.team, 1)),
        }
    }
    let width = teams.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
    for (team, n) in teams {
        out.push_str(&format!("    {team:<width$}  {n}\n"));
    }
    out.push_str(&format!("  already recorded  {already}\n"));
    out.push_str(&format!("  skipped           {}\n", passed.len()));
    if !passed.is_empty() {
        let width = passed.iter().map(|p| p.what.len()).max().unwrap_or(0);
        out.push_str("\nSkipped (not imported):\n");
        for p in passed {
            out.push_str(&format!("  {:<width$}  {}\n", p.what, p.why));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_append_keeps_crlf_and_a_second_run_adds_nothing() {
        let options = ReleaseOptions {
            root: PathBuf::new(),
            format: ReleaseFormat::Releases,
            files: vec![PathBuf::from("x/releases.json")],
            sprint: "S1".into(),
            repo: None,
            dry_run: true,
        };
        let added = vec![NewRelease {
            id: "acme/shop@v1 \"quoted\"".into(),
            date: Day("2026-01-07".parse().unwrap()),
            team: "a".into(),
            system: None,
            name: "v1".into(),
        }];
        let old = "[[release]]\r\ndate = 2026-01-05\r\nteam = \"a\"\r\n";
        let text = appended(Some(old), &options, &added);
        assert!(text.starts_with(old));
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
        let parsed: toml::Table = text.parse().unwrap();
        let rows = parsed["release"].as_array().unwrap();
        assert_eq!(
            rows[1]["id"].as_str(),
            Some("acme/shop@v1 \"quoted\""),
            "{text}"
        );
        assert_eq!(appended(Some(&text), &options, &[]), text);
    }
}
