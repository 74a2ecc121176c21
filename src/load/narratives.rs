//! Narratives: `content/**/*.md` with TOML front matter, and the files beside them.
//!
//! A narrative's address follows its path: `content/foo/bar.md` becomes `foo/bar/`,
//! `content/foo/_index.md` introduces the folder `foo/`, and `content/_index.md` is the home
//! page's narrative. A narrative whose address is also a generated page (a sprint, a team, the
//! sprint list) is shown on that page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::error::Error;
use crate::load::config::Config;
use crate::load::input::{Day, control_reference, parse_toml, read_source, relative_file};
use crate::load::ledger::{DATA_DIR, Ledger};

/// Where narratives live, relative to the site root.
pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    date: Option<Day>,
    summary: Option<String>,
    sprint: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    template: Option<Spanned<String>>,
    ask: Option<String>,
    #[serde(default)]
    extra: toml::Table,
}

/// A narrative page, checked.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// The `.md` file, kept whole for error reports.
    pub source: Arc<SourceFile>,
    /// Output address relative to the site root: `""` for home, else `foo/bar/`.
    pub address: String,
    /// The folder address this page is listed in: `foo/` for `foo/bar/`, `""` for top level.
    pub parent: String,
    /// Whether this is a folder's `_index.md`.
    pub is_index: bool,
    /// The page title.
    pub title: String,
    /// The date, when given.
    pub date: Option<Day>,
    /// A one-sentence summary for listings.
    pub summary: Option<String>,
    /// The sprint this page talks about (index into the ledger's sprints).
    pub sprint: Option<usize>,
    /// Drafts are only built with `--drafts`.
    pub draft: bool,
    /// Ordering within its folder: lower first.
    pub weight: i64,
    /// Who the page is written for; empty means everyone.
    pub audience: Vec<String>,
    /// A template to render with, instead of `page.html`, and where it is named in the file.
    pub template: Option<(String, std::ops::Range<usize>)>,
    /// The one thing a sprint's narrative asks its readers for (`ask = "…"`), which the
    /// executive brief shows.
    pub ask: Option<String>,
    /// Free-form values for custom templates.
    pub extra: toml::Table,
    /// Byte offset of the markdown body in the file.
    pub body_offset: usize,
}

impl Narrative {
    /// Whether another version of this narrative shows the same in listings, navigation and
    /// feeds (so an edit only changes its own page).
    pub fn lists_like(&self, other: &Narrative) -> bool {
        self.address == other.address
            && self.title == other.title
            && self.date == other.date
            && self.summary == other.summary
            && self.sprint == other.sprint
            && self.draft == other.draft
            && self.weight == other.weight
            && self.audience == other.audience
    }

    /// The markdown body.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }
}

/// All narratives and the other files under `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Narratives, sorted by address.
    pub narratives: Vec<Narrative>,
    /// Non-markdown files under `content/` (images...), copied to the same address.
    pub assets: Vec<PathBuf>,
}

impl Content {
    /// Reads every narrative under `content/` (except `content/data/`), checking front matter.
    pub fn load(
        root: &Path,
        config: &Config,
        ledger: &Ledger,
        include_drafts: bool,
    ) -> Result<Self, Error> {
        let (markdown, assets) = content_files(root)?;
        // Every file that cannot be read as text is reported, not only the first.
        let read: Vec<Result<Arc<SourceFile>, Error>> = markdown
            .par_iter()
            .map(|path| read_source(root, path))
            .collect();
        let sources = Error::gather(read)?;
        let checked: Vec<Result<Narrative, Diagnostic>> = sources
            .into_par_iter()
            .map(|source| parse_narrative(source, config, ledger))
            .collect();
        let mut diagnostics = Diagnostics::default();
        let mut narratives = Vec::with_capacity(checked.len());
        for result in checked {
            match result {
                Ok(narrative) if narrative.draft && !include_drafts => {}
                Ok(narrative) => narratives.push(narrative),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        narratives.sort_by(|a, b| a.address.cmp(&b.address));
        check_unique_addresses(&narratives, &mut diagnostics);
        diagnostics
            .finish(Content { narratives, assets })
            .map(|(content, _)| content)
    }

    /// The narrative at an address, if any.
    pub fn at(&self, address: &str) -> Option<&Narrative> {
        self.index_of(address).map(|i| &self.narratives[i])
    }

    /// Parses one narrative again after an edit (the caller decides what to re-render).
    pub fn reparse(
        &self,
        source: Arc<SourceFile>,
        config: &Config,
        ledger: &Ledger,
    ) -> Result<Narrative, Diagnostic> {
        parse_narrative(source, config, ledger)
    }

    /// The index of the narrative at an address (narratives are sorted by address).
    pub fn index_of(&self, address: &str) -> Option<usize> {
        self.narratives
            .binary_search_by(|n| n.address.as_str().cmp(address))
            .ok()
    }

    /// Pages listed in each folder, in reading order (weight, newest first, then title).
    /// Computed once for the whole site, so a folder's list is never rebuilt per page.
    pub fn listings(&self) -> BTreeMap<String, Vec<usize>> {
        let mut folders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, narrative) in self.narratives.iter().enumerate() {
            if !narrative.is_index {
                folders
                    .entry(narrative.parent.clone())
                    .or_default()
                    .push(index);
            }
        }
        for pages in folders.values_mut() {
            pages.sort_by(|&a, &b| {
                let (a, b) = (&self.narratives[a], &self.narratives[b]);
                a.weight
                    .cmp(&b.weight)
                    .then_with(|| b.date.cmp(&a.date))
                    .then_with(|| a.title.cmp(&b.title))
                    .then_with(|| a.address.cmp(&b.address))
            });
        }
        folders
    }
}

/// Lists `content/**/*.md` and other files, skipping `content/data/` and hidden files.
fn content_files(root: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let dir = root.join(CONTENT_DIR);
    let data_dir = root.join(DATA_DIR);
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    if !dir.is_dir() {
        return Ok((markdown, assets));
    }
    let walker = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.path() != data_dir && !e.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = entry.map_err(|e| Error::Io {
            action: "could not list",
            path: dir.clone(),
            source: e.into(),
        })?;
        let Some(relative) = relative_file(root, &entry) else {
            continue;
        };
        if relative.extension().is_some_and(|e| e == "md") {
            markdown.push(relative);
        } else if relative != Path::new(crate::load::glossary::GLOSSARY_FILE) {
            assets.push(relative);
        }
    }
    Ok((markdown, assets))
}

/// The output address of a markdown file: `content/a/b.md` → `a/b/`, `content/a/_index.md` → `a/`.
pub fn address_of(relative: &Path) -> (String, bool) {
    let inside = relative.strip_prefix(CONTENT_DIR).unwrap_or(relative);
    let parts: Vec<String> = inside
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let is_index = parts.last().is_some_and(|p| p == "_index");
    let kept = if is_index {
        &parts[..parts.len() - 1]
    } else {
        &parts[..]
    };
    let mut address = String::new();
    for part in kept {
        address.push_str(part);
        address.push('/');
    }
    (address, is_index)
}

/// The folder an address is listed in: `a/b/` → `a/`, `a/` → ``.
pub fn parent_of(address: &str) -> String {
    let trimmed = address.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_string(),
        None => String::new(),
    }
}

/// Splits `+++` front matter from the body. Returns the front matter's text, its byte offset
/// and the body's byte offset.
fn split_front_matter(source: &Arc<SourceFile>) -> Result<(&str, usize, usize), Diagnostic> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::error(source, bom..bom + first_line_end.min(rest.len()), "this narrative has no front matter")
            .with_help("start the file with front matter between `+++` lines, at least a title:\n+++\ntitle = \"Sprint 23: the database upgrade is done\"\n+++"));
    }
    let fm_start = bom + first_line_end;
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((&text[fm_start..offset], fm_start, offset + line.len()));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(source, bom..bom + 3, "the front matter is not closed")
            .with_label("opened here")
            .with_help("add a line with `+++` after the front matter, before the text"),
    )
}

fn parse_narrative(
    source: Arc<SourceFile>,
    config: &Config,
    ledger: &Ledger,
) -> Result<Narrative, Diagnostic> {
    if let Some(problem) = control_reference(&source) {
        return Err(problem);
    }
    let (front, front_offset, body_offset) = split_front_matter(&source)?;
    let matter: FrontMatter = parse_toml(&source, front, front_offset).map_err(|mut d| {
        if d.message == "missing key `title`" {
            let opening = source.text.find("+++").unwrap_or(0);
            d.location = Some(crate::diagnostics::Location {
                file: Arc::clone(&source),
                span: opening..opening + 3,
            });
            d.help = vec![
                "every narrative needs a title: add `title = \"...\"` between the `+++` lines"
                    .to_string(),
            ];
        }
        d
    })?;
    let sprint = match &matter.sprint {
        None => None,
        Some(id) => match ledger.sprint_index(id.get_ref()) {
            Some(index) => Some(index),
            None => {
                let span = id.span();
                return Err(Diagnostic::error(
                    &source,
                    span.start + front_offset..span.end + front_offset,
                    format!("unknown sprint `{}`", id.get_ref()),
                )
                .with_label("no data file in content/data/sprints/ has this id")
                .with_help(unknown_name_help(
                    id.get_ref(),
                    "sprint",
                    ledger.sprints.iter().map(|s| s.id.as_str()),
                )));
            }
        },
    };
    for audience in &matter.audience {
        if !config.audiences.iter().any(|a| &a.id == audience.get_ref()) {
            let span = audience.span();
            return Err(Diagnostic::error(
                &source,
                span.start + front_offset..span.end + front_offset,
                format!("unknown audience `{}`", audience.get_ref()),
            )
            .with_help(unknown_name_help(
                audience.get_ref(),
                "audience",
                config.audiences.iter().map(|a| a.id.as_str()),
            ))
            .with_help("add it to site.toml as [audiences.<id>] with a `label`, or leave `audience` out for everyone"));
        }
    }
    let (address, is_index) = address_of(&source.path);
    let parent = parent_of(&address);
    Ok(Narrative {
        address,
        parent,
        is_index,
        title: matter.title,
        date: matter.date,
        summary: matter.summary,
        sprint,
        draft: matter.draft,
        weight: matter.weight,
        audience: matter
            .audience
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        template: matter.template.map(|t| {
            let span = t.span();
            (
                t.into_inner(),
                span.start + front_offset..span.end + front_offset,
            )
        }),
        ask: matter.ask,
        extra: matter.extra,
        body_offset,
        source,
    })
}

fn check_unique_addresses(narratives: &[Narrative], diagnostics: &mut Diagnostics) {
    for pair in narratives.windows(2) {
        if pair[0].address == pair[1].address {
            diagnostics.push(
                Diagnostic::error_in(
                    Some(&pair[1].source),
                    format!(
                        "this page has the same address `{}` as {}",
                        pair[1].address,
                        pair[0].source.path.display()
                    ),
                )
                .with_help("rename one of the two files"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_follow_paths() {
        assert_eq!(
            address_of(Path::new("content/_index.md")),
            (String::new(), true)
        );
        assert_eq!(
            address_of(Path::new("content/guides/how.md")),
            ("guides/how/".into(), false)
        );
        assert_eq!(
            address_of(Path::new("content/guides/_index.md")),
            ("guides/".into(), true)
        );
        assert_eq!(parent_of("guides/how/"), "guides/");
        assert_eq!(parent_of("guides/"), "");
    }
}
