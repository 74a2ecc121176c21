//! Where each output file comes from, and the check that no two sources claim the same one.
//!
//! A page, a copied file and a file tally makes itself all land somewhere in the output folder.
//! When two of them would land on the same path, one would silently replace the other (and the
//! sitemap would list the address twice); when one would be a file where another needs a folder
//! (`atom.xml` and `atom.xml/x.png`), the build would fail half-way with a bare I/O error. Both
//! are reported before anything is written, naming every source involved.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile};

/// What puts a file into the output.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A narrative's page.
    Narrative(Arc<SourceFile>),
    /// The page listing a folder of narratives: the folder and one narrative file inside it.
    Folder {
        /// The folder, as `content/guides/a/`.
        folder: String,
        /// A narrative inside it, to point the report at.
        example: Arc<SourceFile>,
    },
    /// A file under `content/` that is copied as it is, or a static file of the site.
    Copied(PathBuf),
    /// A page or file tally makes itself, described for the reader ("the list of sprints").
    Generated(String),
    /// A static file of the theme (a site replaces it with its own `static/` file).
    Theme(String),
}

impl Origin {
    fn describe(&self) -> String {
        match self {
            Origin::Narrative(source) => format!("`{}`", source.path.display()),
            Origin::Folder { folder, .. } => {
                format!("the folder `{folder}` (its page lists the pages in it)")
            }
            Origin::Copied(path) => format!("`{}`", path.display()),
            Origin::Generated(what) => what.clone(),
            Origin::Theme(address) => format!("the theme's `{address}`"),
        }
    }

    /// The file a report about this origin points at, when the user wrote one.
    fn file(&self) -> Option<Arc<SourceFile>> {
        match self {
            Origin::Narrative(source) => Some(Arc::clone(source)),
            Origin::Folder { example, .. } => Some(Arc::clone(example)),
            // A copied file may be an image: name it, without quoting its bytes.
            Origin::Copied(path) => Some(SourceFile::new(path.clone(), String::new())),
            Origin::Generated(_) | Origin::Theme(_) => None,
        }
    }
}

/// Reports every output path claimed by more than one source, and every path that one source
/// needs as a file and another as a folder. One report per path, naming all its sources.
pub fn check(planned: Vec<(String, Origin)>) -> Vec<Diagnostic> {
    let mut by_path: BTreeMap<String, Vec<Origin>> = BTreeMap::new();
    for (path, origin) in planned {
        by_path.entry(path).or_default().push(origin);
    }
    let mut problems: Vec<Diagnostic> = by_path
        .iter()
        .filter(|(_, origins)| origins.len() > 1)
        .map(|(path, origins)| same_path(path, origins))
        .collect();
    for (path, origins) in &by_path {
        if let Some((file, file_origins)) = file_above(path, &by_path) {
            problems.push(file_and_folder(file, &file_origins[0], path, &origins[0]));
        }
    }
    problems
}

/// The nearest ancestor of `path` that is itself an output file, if any.
fn file_above<'a>(
    path: &str,
    by_path: &'a BTreeMap<String, Vec<Origin>>,
) -> Option<(&'a String, &'a Vec<Origin>)> {
    path.match_indices('/')
        .map(|(i, _)| &path[..i])
        .find_map(|ancestor| by_path.get_key_value(ancestor))
}

fn same_path(path: &str, origins: &[Origin]) -> Diagnostic {
    let names: Vec<String> = origins.iter().map(Origin::describe).collect();
    let message = format!(
        "{} would all be written to `{path}`, so one would replace the others",
        crate::words::narrate::join_words(&names)
    );
    let message = if origins.len() == 2 {
        message
            .replacen(" would all be", " would both be", 1)
            .replacen("the others", "the other", 1)
    } else {
        message
    };
    // Point at a file the user wrote and can rename; a generated page cannot move.
    let at = origins
        .iter()
        .find(|o| matches!(o, Origin::Narrative(_)))
        .or_else(|| origins.iter().find(|o| o.file().is_some()));
    let mut diagnostic = Diagnostic::error_in(at.and_then(Origin::file).as_ref(), message);
    let page = origins
        .iter()
        .find_map(|o| match o {
            Origin::Narrative(source) => Some(source),
            _ => None,
        })
        .filter(|_| origins.iter().any(|o| matches!(o, Origin::Folder { .. })));
    if let Some(page) = page {
        let moved = page.path.with_extension("").join("_index.md");
        diagnostic = diagnostic.with_help(format!(
            "to write the introduction of the folder's page, move `{}` to `{}`; otherwise rename the file or the folder",
            page.path.display(),
            moved.display()
        ));
    } else if let Some(Origin::Theme(address)) =
        origins.iter().find(|o| matches!(o, Origin::Theme(_)))
    {
        diagnostic = diagnostic.with_help(format!(
            "to replace the theme's file, put yours at `static/{address}`; otherwise rename or move your file"
        ));
    } else if origins.iter().any(|o| matches!(o, Origin::Generated(_))) {
        diagnostic = diagnostic
            .with_help("tally makes this file itself: rename or move your file to another address");
    } else {
        diagnostic = diagnostic
            .with_help("rename or move one of them: every file of the site needs its own address");
    }
    diagnostic
}

fn file_and_folder(
    file: &str,
    file_origin: &Origin,
    inner: &str,
    inner_origin: &Origin,
) -> Diagnostic {
    let at = [inner_origin, file_origin]
        .into_iter()
        .find_map(Origin::file);
    Diagnostic::error_in(
        at.as_ref(),
        format!(
            "{} would be written to `{file}`, but {} needs a folder of that name for `{inner}`",
            file_origin.describe(),
            inner_origin.describe()
        ),
    )
    .with_help("rename or move one of them: a name in the site is either a file or a folder")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_report_per_shared_path_naming_every_source() {
        let a = SourceFile::new("content/a.md", "+++\n");
        let problems = check(vec![
            ("a/index.html".into(), Origin::Narrative(Arc::clone(&a))),
            (
                "a/index.html".into(),
                Origin::Copied("content/a/index.html".into()),
            ),
            (
                "b/index.html".into(),
                Origin::Generated("the list of teams".into()),
            ),
        ]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains(
                "`content/a.md` and `content/a/index.html` would both be written to `a/index.html`"
            ),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].position().as_deref(), Some("content/a.md:1:1"));
    }

    #[test]
    fn the_planned_files_are_the_files_a_build_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::site::Site::load(root, &Default::default()).unwrap();
        let prepared = site.prepare(Default::default()).unwrap();
        let mut planned: Vec<String> = site
            .planned_outputs(&prepared.jobs, &prepared.charts)
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        planned.sort();
        let written: Vec<String> = site.render().unwrap().into_iter().map(|f| f.path).collect();
        assert_eq!(planned, written);
    }

    #[test]
    fn a_file_where_a_folder_is_needed_is_reported() {
        let problems = check(vec![
            ("atom.xml".into(), Origin::Generated("the feed".into())),
            (
                "atom.xml/x.png".into(),
                Origin::Copied("content/atom.xml/x.png".into()),
            ),
        ]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("needs a folder"),
            "{}",
            problems[0].message
        );
        assert_eq!(
            problems[0].path(),
            Some(std::path::Path::new("content/atom.xml/x.png"))
        );
    }
}
