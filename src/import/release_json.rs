//! Reading releases and deployments from GitHub's JSON: the output of
//! `gh release list --json tagName,publishedAt,name,isDraft,isPrerelease`, the REST API's
//! releases (`GET /repos/{owner}/{repo}/releases`: `tag_name`, `published_at`, `draft`,
//! `prerelease`, `html_url`) and its deployments (`GET /repos/{owner}/{repo}/deployments`:
//! `id`, `environment`, `created_at`, `repository_url`, `production_environment`).
//!
//! Each entry becomes a [`Shipped`] release, or a [`Passed`] one with the reason (a draft, a
//! prerelease, not yet published, a deployment to another environment), so that the
//! reconciliation names everything it did not import. A file that is not such JSON is a
//! located error.

use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use super::github::{json_message, offset_in, skip_space};
use crate::diagnostics::{Diagnostic, SourceFile};

/// Which GitHub JSON a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseFormat {
    /// `gh release list --json ...` or the REST API's releases.
    Releases,
    /// The REST API's deployments.
    Deployments,
}

impl ReleaseFormat {
    /// The `source` of the rows written: `github-releases`, `github-deployments`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Releases => "github-releases",
            Self::Deployments => "github-deployments",
        }
    }

    /// How to write the file, for errors.
    fn command(self) -> &'static str {
        match self {
            Self::Releases => {
                "gh release list --json tagName,publishedAt,name,isDraft,isPrerelease --limit 1000 > FILE (or the API's `gh api repos/OWNER/NAME/releases`)"
            }
            Self::Deployments => "gh api repos/OWNER/NAME/deployments > FILE",
        }
    }
}

/// A release or deployment that reached production.
#[derive(Debug, Clone, PartialEq)]
pub struct Shipped {
    /// `owner/name@tag`, `tag` (without a repository), or `owner/name/deployments/123`: the
    /// release's `id` in releases.toml, which keeps a re-import from adding it twice.
    pub id: String,
    /// The repository, when the JSON or `--repo` names it.
    pub repo: Option<String>,
    /// When it went live.
    pub at: jiff::Timestamp,
    /// Its name (a release's title, a deployment's environment and ref).
    pub name: String,
}

/// An entry that is not imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Passed {
    /// What it is: its tag, or the deployment's id.
    pub what: String,
    /// Why not: "a draft", "a prerelease", ...
    pub why: String,
}

/// The JSON list's entries, each with its byte range.
fn entries(file: &Arc<SourceFile>, help: &str) -> Result<Vec<(Range<usize>, Value)>, Diagnostic> {
    let text = file.text.as_str();
    let not_a_list = |at: usize| {
        Diagnostic::error(file, at..at, "expected a JSON list (`[{...}, ...]`)").with_help(help)
    };
    let mut pos = skip_space(text, 0);
    if !text[pos..].starts_with('[') {
        return Err(not_a_list(pos));
    }
    pos = skip_space(text, pos + 1);
    let mut found = Vec::new();
    if text[pos..].starts_with(']') {
        return Ok(found);
    }
    loop {
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                let span = pos..pos + stream.byte_offset();
                found.push((span.clone(), value));
                pos = skip_space(text, span.end);
            }
            Some(Err(error)) => {
                let at = pos + offset_in(&text[pos..], error.line(), error.column());
                return Err(Diagnostic::error(file, at..at, json_message(&error)).with_help(help));
            }
            None => return Err(not_a_list(text.len())),
        }
        match text[pos..].chars().next() {
            Some(',') => pos = skip_space(text, pos + 1),
            Some(']') => return Ok(found),
            _ => {
                return Err(Diagnostic::error(
                    file,
                    pos..pos,
                    "expected `,` or `]` after this entry",
                )
                .with_help(help));
            }
        }
    }
}

/// `owner/name` from an API address: `https://api.github.com/repos/owner/name/...` or
/// `https://github.com/owner/name/releases/...`.
fn repo_of(url: &str) -> Option<String> {
    let rest = url
        .split_once("/repos/")
        .map(|(_, r)| r)
        .or_else(|| url.split_once("github.com/").map(|(_, r)| r))?;
    let mut parts = rest.split('/');
    let (owner, name) = (parts.next()?, parts.next()?);
    (!owner.is_empty() && !name.is_empty()).then(|| format!("{owner}/{name}"))
}

fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str).map(str::trim)
}

fn flag(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Reads one file of `format`; `repo` is `--repo`, used where the JSON names none.
pub fn parse(
    file: &Arc<SourceFile>,
    format: ReleaseFormat,
    repo: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Shipped>, Vec<Passed>) {
    let help = format!("tally reads the JSON written by `{}`", format.command());
    let list = match entries(file, &help) {
        Ok(list) => list,
        Err(problem) => {
            problems.push(problem);
            return (Vec::new(), Vec::new());
        }
    };
    let (mut shipped, mut passed) = (Vec::new(), Vec::new());
    for (span, value) in list {
        let one = match format {
            ReleaseFormat::Releases => release(&value, repo),
            ReleaseFormat::Deployments => deployment(&value, repo),
        };
        match one {
            Ok(Ok(release)) => shipped.push(release),
            Ok(Err(pass)) => passed.push(pass),
            Err(message) => problems.push(
                Diagnostic::error(file, span.start..span.start + 1, message).with_help(&help),
            ),
        }
    }
    (shipped, passed)
}

/// A moment as GitHub writes it (`2026-11-05T14:03:11Z`).
fn moment(value: &str, key: &str, what: &str) -> Result<jiff::Timestamp, String> {
    value.parse::<jiff::Timestamp>().map_err(|_| {
        format!("`{key}` of {what} is not a date and time like 2026-11-05T14:03:11Z: `{value}`")
    })
}

type Read = Result<Result<Shipped, Passed>, String>;

/// One release of `gh release list` or of the REST API.
fn release(value: &Value, repo: Option<&str>) -> Read {
    let (tag, published, draft, prerelease) = if value.get("tagName").is_some() {
        (
            text(value, "tagName"),
            text(value, "publishedAt"),
            flag(value, "isDraft"),
            flag(value, "isPrerelease"),
        )
    } else if value.get("tag_name").is_some() {
        (
            text(value, "tag_name"),
            text(value, "published_at"),
            flag(value, "draft"),
            flag(value, "prerelease"),
        )
    } else {
        return Err(
            "this entry has no `tagName` (gh) or `tag_name` (the API): it is not a release"
                .to_string(),
        );
    };
    let tag = tag
        .filter(|t| !t.is_empty())
        .ok_or("a release without a tag")?;
    let repo = ["html_url", "url"]
        .iter()
        .find_map(|k| text(value, k).and_then(repo_of))
        .or_else(|| repo.map(str::to_string));
    let id = match &repo {
        Some(repo) => format!("{repo}@{tag}"),
        None => tag.to_string(),
    };
    let pass = |why: &str| {
        Ok(Err(Passed {
            what: id.clone(),
            why: why.to_string(),
        }))
    };
    if draft {
        return pass("a draft: not published");
    }
    if prerelease {
        return pass("a prerelease: not a release to production");
    }
    // gh writes the zero time for a release never published in some versions.
    let Some(published) = published.filter(|p| !p.is_empty() && !p.starts_with("0001-")) else {
        return pass("not published");
    };
    let at = moment(published, "publishedAt", &format!("release {tag}"))?;
    let name = text(value, "name").filter(|n| !n.is_empty()).unwrap_or(tag);
    Ok(Ok(Shipped {
        id,
        repo,
        at,
        name: name.to_string(),
    }))
}

/// One deployment of the REST API: only those to production count.
fn deployment(value: &Value, repo: Option<&str>) -> Read {
    let id = match value.get("id") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => return Err("this entry has no `id`: it is not a deployment".to_string()),
    };
    let environment = text(value, "environment").unwrap_or("");
    let production = match value.get("production_environment").and_then(Value::as_bool) {
        Some(flag) => flag,
        None => matches!(
            environment.to_ascii_lowercase().as_str(),
            "production" | "prod" | "live"
        ),
    };
    if !production || flag(value, "transient_environment") {
        return Ok(Err(Passed {
            what: format!("deployment {id}"),
            why: format!("to `{environment}`, not production"),
        }));
    }
    let created = text(value, "created_at").ok_or("a deployment without `created_at`")?;
    let at = moment(created, "created_at", &format!("deployment {id}"))?;
    let repo = ["repository_url", "url"]
        .iter()
        .find_map(|k| text(value, k).and_then(repo_of))
        .or_else(|| repo.map(str::to_string));
    let reference = text(value, "ref").unwrap_or("");
    Ok(Ok(Shipped {
        id: match &repo {
            Some(repo) => format!("{repo}/deployments/{id}"),
            None => format!("deployments/{id}"),
        },
        repo,
        at,
        name: format!("{environment} {reference}").trim().to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_come_from_api_addresses() {
        assert_eq!(
            repo_of("https://api.github.com/repos/acme/shop/releases/1").as_deref(),
            Some("acme/shop")
        );
        assert_eq!(
            repo_of("https://github.com/acme/shop/releases/tag/v1").as_deref(),
            Some("acme/shop")
        );
        assert_eq!(
            repo_of("https://api.github.com/repos/acme").as_deref(),
            None
        );
    }
}
