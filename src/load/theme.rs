//! Themes: the templates and static files a site is drawn with.
//!
//! A theme lives in `themes/<name>/templates/` and `themes/<name>/static/`. The default theme is
//! also compiled into the binary, so an installed `tally` builds a site that has no `themes/`
//! folder. A site overrides any template by putting a file of the same name in its own
//! `templates/`, and adds or replaces static files in its own `static/`.

/// The ids the default theme gives elements of every page (the skip link's target, the search
/// box...): no heading or glossary entry may take them.
pub const THEME_IDS: [&str; 4] = ["main", "search-box", "summary-heading", "quality-heading"];

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::SourceFile;
use crate::error::Error;

/// A template: its name (as templates refer to it) and its source, for error reports.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The name, relative to a `templates/` folder: `sprint.html`, `partials/figure.html`.
    pub name: String,
    /// The file, with its path relative to the site root (or marked as built in).
    pub source: Arc<SourceFile>,
}

/// A static file to copy to the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it goes, relative to the output root.
    pub address: String,
    /// Its bytes.
    pub bytes: Arc<[u8]>,
}

/// The theme's templates, the site's overrides and all static files.
#[derive(Debug, Clone)]
pub struct Theme {
    /// The theme's own templates.
    pub theme_templates: Vec<TemplateFile>,
    /// The site's `templates/` files, which take precedence.
    pub site_templates: Vec<TemplateFile>,
    /// Static files: the theme's, then the site's (which replace same-named ones).
    pub statics: Vec<StaticFile>,
}

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)))),*]
    };
}

/// The default theme, compiled in.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded!(
    "templates/base.html",
    "templates/index.html",
    "templates/sprints.html",
    "templates/sprint.html",
    "templates/teams.html",
    "templates/team.html",
    "templates/page.html",
    "templates/section.html",
    "templates/404.html",
    "templates/glossary.html",
    "templates/audience.html",
    "templates/initiatives.html",
    "templates/initiative.html",
    "templates/systems.html",
    "templates/system.html",
    "templates/dependencies.html",
    "templates/debt.html",
    "templates/capitalization.html",
    "templates/delivery.html",
    "templates/incident.html",
    "templates/partials/quality.html",
    "templates/partials/figure.html",
    "templates/partials/categories.html",
    "templates/partials/narrative.html",
    "templates/partials/byline.html",
    "templates/partials/pages.html",
    "templates/partials/notes.html",
    "templates/partials/main-nav.html",
    "templates/partials/nav-list.html",
    "static/style.css",
    "static/search.js",
);

impl Theme {
    /// Loads theme `name` from `root/themes/<name>/` (or the built-in default), plus the site's
    /// `templates/` and `static/`.
    pub fn load(root: &Path, name: &str) -> Result<Self, Error> {
        let theme_dir = root.join("themes").join(name);
        let (theme_templates, mut statics) = if theme_dir.is_dir() {
            let templates = read_templates(root, &theme_dir.join("templates"))?;
            let statics = read_statics(&theme_dir.join("static"))?;
            (templates, statics)
        } else if name == "default" {
            embedded_default()
        } else {
            return Err(Error::Refused(format!(
                "the theme `{name}` named in site.toml was not found: there is no folder `{}`",
                theme_dir.display()
            )));
        };
        let site_templates = read_templates(root, &root.join("templates"))?;
        for file in read_statics(&root.join("static"))? {
            statics.retain(|s| s.address != file.address);
            statics.push(file);
        }
        statics.sort_by(|a, b| a.address.cmp(&b.address));
        Ok(Self {
            theme_templates,
            site_templates,
            statics,
        })
    }
}

impl Theme {
    /// The site's stylesheet (`style.css`: the theme's, or the site's own that replaces it),
    /// for pages that carry their style inline; empty when there is none.
    pub fn stylesheet(&self) -> &str {
        self.statics
            .iter()
            .find(|s| s.address == "style.css")
            .and_then(|s| std::str::from_utf8(&s.bytes).ok())
            .unwrap_or("")
    }
}

fn embedded_default() -> (Vec<TemplateFile>, Vec<StaticFile>) {
    let mut templates = Vec::new();
    let mut statics = Vec::new();
    for (path, bytes) in DEFAULT_THEME {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.push(TemplateFile {
                name: name.to_string(),
                source: SourceFile::new(
                    format!("(built-in) themes/default/{path}"),
                    String::from_utf8_lossy(bytes).into_owned(),
                ),
            });
        } else if let Some(address) = path.strip_prefix("static/") {
            statics.push(StaticFile {
                address: address.to_string(),
                bytes: Arc::from(*bytes),
            });
        }
    }
    (templates, statics)
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Io {
            action: "could not list",
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_templates(root: &Path, dir: &Path) -> Result<Vec<TemplateFile>, Error> {
    let mut templates = Vec::new();
    for path in files_under(dir)? {
        let name = slash_path(path.strip_prefix(dir).unwrap_or(&path));
        let bytes = std::fs::read(&path).map_err(Error::io("could not read", &path))?;
        let shown = path.strip_prefix(root).unwrap_or(&path);
        let source =
            crate::load::input::decode_source(shown, bytes).map_err(|d| Error::Invalid(vec![d]))?;
        templates.push(TemplateFile { name, source });
    }
    Ok(templates)
}

fn read_statics(dir: &Path) -> Result<Vec<StaticFile>, Error> {
    let mut statics = Vec::new();
    for path in files_under(dir)? {
        let bytes = std::fs::read(&path).map_err(Error::io("could not read", &path))?;
        statics.push(StaticFile {
            address: slash_path(path.strip_prefix(dir).unwrap_or(&path)),
            bytes: Arc::from(bytes),
        });
    }
    Ok(statics)
}
