//! Resolving the ids one data file defines (teams, systems, initiatives) where another file
//! names them, without reporting one mistake hundreds of times.
//!
//! When an entry of `teams.toml` cannot be read, every sprint row naming that team would be an
//! "unknown team" too: one mistake, hundreds of reports. [`Failed`] remembers which ids a file
//! meant to define but could not, and [`Names::resolve`] stays silent about references to them.
//!
//! The files that define ids are read the same way ([`check_entries`]): entry by entry, each
//! id checked for addresses and repeats before the rest of the entry. And the same unknown name
//! written in many places is one report ([`collapse_repeated_unknowns`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, unknown_name_help};
use crate::load::input::{is_valid_id, parse_toml_list};

/// The ids a file meant to define but could not: entries that failed to be read or checked.
#[derive(Debug, Default, Clone)]
pub(crate) struct Failed {
    ids: HashSet<String>,
    /// An entry without a readable id failed, or the whole file did: any unknown name may be one
    /// of its.
    any: bool,
}

impl Failed {
    /// Records a failed entry, by its id when it has a readable one.
    pub(crate) fn entry(&mut self, id: Option<String>) {
        match id {
            Some(id) => {
                self.ids.insert(id);
            }
            None => self.any = true,
        }
    }

    /// Records that the whole file could not be read.
    pub(crate) fn file(&mut self) {
        self.any = true;
    }

    /// Whether nothing failed.
    pub(crate) fn is_empty(&self) -> bool {
        !self.any && self.ids.is_empty()
    }

    /// Whether a reference to `name` may be to an entry that failed (and so is no new mistake).
    pub(crate) fn excuses(&self, name: &str) -> bool {
        self.any || self.ids.contains(name)
    }
}

/// The ids one file defines, in its order, with the ones it failed to define.
pub(crate) struct Names<'a> {
    /// What they are: `team`, `system`, `initiative`.
    kind: &'static str,
    /// The file under `content/data/` that defines them.
    file: &'static str,
    ids: Vec<&'a str>,
    /// Each id's index (its first definition), so that a million work rows resolve their names
    /// without a search through hundreds of ids each.
    index: HashMap<&'a str, usize>,
    failed: &'a Failed,
}

impl<'a> Names<'a> {
    /// The ids of `file`, in its order.
    pub(crate) fn new(
        kind: &'static str,
        file: &'static str,
        ids: impl IntoIterator<Item = &'a str>,
        failed: &'a Failed,
    ) -> Self {
        let ids: Vec<&'a str> = ids.into_iter().collect();
        let mut index = HashMap::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            index.entry(*id).or_insert(i);
        }
        Self {
            kind,
            file,
            ids,
            index,
            failed,
        }
    }

    /// Whether `name` may be that of an entry that failed to be read (and so is no new mistake).
    pub(crate) fn excuses(&self, name: &str) -> bool {
        self.failed.excuses(name)
    }

    /// The index of `name`; else the located "unknown ..." report, or `None` when the name is
    /// probably that of an entry whose own error is reported already.
    pub(crate) fn resolve(
        &self,
        source: &Arc<SourceFile>,
        name: &Spanned<String>,
    ) -> Result<usize, Option<Diagnostic>> {
        let wanted = name.get_ref().as_str();
        if let Some(&index) = self.index.get(wanted) {
            return Ok(index);
        }
        if self.failed.excuses(wanted) {
            return Err(None);
        }
        let (kind, file) = (self.kind, self.file);
        Err(Some(
            Diagnostic::error(source, name.span(), format!("unknown {kind} `{wanted}`"))
                .with_label(format!("not defined in content/data/{file}"))
                .with_help(unknown_name_help(wanted, kind, self.ids.iter().copied()))
                .with_help(format!(
                    "add the {kind} to content/data/{file}, or fix the id here"
                )),
        ))
    }
}

/// The entries of a list file (`[[team]]`, `[[system]]`...) that could be read: each one that
/// could not is reported and recorded in `failed`; a file that cannot be read at all is reported
/// once and fails as a whole.
pub(crate) fn read_list<T: DeserializeOwned>(
    source: &Arc<SourceFile>,
    key: &str,
    failed: &mut Failed,
    diagnostics: &mut Diagnostics,
) -> Vec<T> {
    let entries = match parse_toml_list(source, key) {
        Ok(entries) => entries,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            failed.file();
            return Vec::new();
        }
    };
    let mut read = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry.parsed {
            Ok(item) => read.push(item),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                failed.entry(entry.id);
            }
        }
    }
    read
}

/// An entry of a file that defines ids (`[[team]]`, `[[system]]`...), as read: the table it is
/// written in, how a report names one, and the id it defines.
pub(crate) trait Entry: DeserializeOwned {
    /// The table's name: `team` for `[[team]]`.
    const KEY: &'static str;
    /// One entry, as the reports name it: `a team`, `an initiative`.
    const KIND: &'static str;
    /// The id the entry defines, where it is written.
    fn id(&self) -> &Spanned<String>;
}

/// Declares a raw entry type an [`Entry`]: `entry!(RawTeam, "team", "a team")` reads it from
/// `[[team]]`, names one "a team" in reports, and takes its id from its `id` field.
macro_rules! entry {
    ($raw:ty, $key:literal, $kind:literal) => {
        impl super::names::Entry for $raw {
            const KEY: &'static str = $key;
            const KIND: &'static str = $kind;

            fn id(&self) -> &toml::Spanned<String> {
                &self.id
            }
        }
    };
}
pub(super) use entry;

/// Reads a file that defines ids entry by entry: each entry's id must be usable and new, then
/// `check` turns the entry, with its id, into a checked item, or records its problems and gives
/// `None`. Returns the items and the ids that could not be defined, so that references to them
/// are not reported again.
pub(crate) fn check_entries<R: Entry, T>(
    source: &Arc<SourceFile>,
    diagnostics: &mut Diagnostics,
    mut check: impl FnMut(R, String, &mut Diagnostics) -> Option<T>,
) -> (Vec<T>, Failed) {
    let mut failed = Failed::default();
    let raw: Vec<R> = read_list(source, R::KEY, &mut failed, diagnostics);
    let mut ids: Vec<String> = Vec::with_capacity(raw.len());
    let mut checked = Vec::with_capacity(raw.len());
    for entry in raw {
        let id = entry.id();
        let taken = ids.contains(id.get_ref());
        if !check_new_id(source, id, R::KIND, taken, diagnostics) {
            if !taken {
                failed.entry(Some(id.get_ref().clone()));
            }
            continue;
        }
        let id = id.get_ref().clone();
        match check(entry, id.clone(), diagnostics) {
            Some(item) => {
                ids.push(id);
                checked.push(item);
            }
            None => failed.entry(Some(id)),
        }
    }
    (checked, failed)
}

/// Checks the id of a new entry (`kind`: `a team`, `an initiative`...): usable in addresses,
/// and not `taken` by an earlier entry. Records the problem and returns `false` if not.
fn check_new_id(
    source: &Arc<SourceFile>,
    id: &Spanned<String>,
    kind: &str,
    taken: bool,
    diagnostics: &mut Diagnostics,
) -> bool {
    let name = kind.split_once(' ').map_or(kind, |(_, name)| name);
    let id_text = id.get_ref();
    let (message, help) = if !is_valid_id(id_text) {
        (
            format!("`{id_text}` cannot be {kind} id"),
            format!("{name} ids are used in addresses: use letters, digits, `-` and `_`"),
        )
    } else if taken {
        (
            format!("the {name} `{id_text}` is defined twice"),
            format!("give each {name} its own id, or merge the two entries"),
        )
    } else {
        return true;
    };
    diagnostics.push(Diagnostic::error(source, id.span(), message).with_help(help));
    false
}

/// The same unknown name written in many places is one mistake (an id renamed or removed): it
/// is reported once, at its first use, with how many other uses there are and where.
pub(crate) fn collapse_repeated_unknowns(diagnostics: Diagnostics) -> Diagnostics {
    let mut kept: Vec<Diagnostic> = Vec::new();
    // message → (its index in `kept`, how many more, in which files)
    let mut firsts: HashMap<String, (usize, usize, BTreeSet<PathBuf>)> = HashMap::new();
    for diagnostic in diagnostics.into_vec() {
        let unknown_name = diagnostic.message.starts_with("unknown ")
            && diagnostic
                .label
                .as_deref()
                .is_some_and(|label| label.starts_with("not defined in"));
        if unknown_name {
            if let Some((_, more, files)) = firsts.get_mut(&diagnostic.message) {
                *more += 1;
                files.extend(diagnostic.path().map(Path::to_path_buf));
                continue;
            }
            firsts.insert(diagnostic.message.clone(), (kept.len(), 0, BTreeSet::new()));
        }
        kept.push(diagnostic);
    }
    for (index, more, files) in firsts.into_values() {
        if more == 0 {
            continue;
        }
        let mut listed: Vec<String> = files
            .iter()
            .take(5)
            .map(|f| f.display().to_string())
            .collect();
        if files.len() > 5 {
            listed.push(format!("{} other files", files.len() - 5));
        }
        let times = if more == 1 { "time" } else { "times" };
        kept[index].help.push(format!(
            "the same name is used {more} more {times}, in {}: fix them all",
            listed.join(", ")
        ));
    }
    let mut collapsed = Diagnostics::default();
    collapsed.extend(kept);
    collapsed
}
