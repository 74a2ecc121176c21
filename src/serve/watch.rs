//! Watching the site's inputs and rebuilding on change.
//!
//! Events from the file system only wake the rebuilder: what changed is found by comparing the
//! size and modification time of every input file before and after, so a save that changed
//! nothing, an editor's swap file or a read of a file does not rebuild.

use crate::load::input::relative_file;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

use super::hub::Hub;
use super::session::{Session, Update};
use crate::error::Error;

/// How long the inputs must be quiet before a rebuild: editors write a file in several steps.
const QUIET: Duration = Duration::from_millis(20);

/// The files and folders of a site that are its inputs, relative to its root.
const WATCHED: [&str; 5] = ["site.toml", "content", "themes", "templates", "static"];

/// Watches the site's inputs and rebuilds on change; the watcher stops when dropped.
pub(super) fn watch(
    root: &Path,
    session: Session,
    hub: Arc<Hub>,
) -> Result<notify::RecommendedWatcher, Error> {
    let (sender, receiver) = std::sync::mpsc::channel::<()>();
    // Reading a file raises an access event on some systems; rebuilding reads every file, so
    // only changes count, or every rebuild would trigger the next.
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = sender.send(());
        }
    })
    .map_err(|e| Error::Refused(format!("could not watch the site's files: {e}")))?;
    for watched in WATCHED {
        let path = root.join(watched);
        if path.exists() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| {
                    Error::Refused(format!("could not watch `{}`: {e}", path.display()))
                })?;
        }
    }
    let root = root.to_path_buf();
    // The first snapshot is taken before this returns: an edit made after counts.
    let known = snapshot(&root);
    std::thread::spawn(move || rebuild_on_change(&root, known, session, &hub, &receiver));
    Ok(watcher)
}

/// The rebuilder's loop: waits for a change, lets it settle, and rebuilds what it touched.
fn rebuild_on_change(
    root: &Path,
    mut known: Snapshot,
    mut session: Session,
    hub: &Hub,
    receiver: &std::sync::mpsc::Receiver<()>,
) {
    while receiver.recv().is_ok() {
        // Debounce: wait until nothing has changed for a moment.
        while receiver.recv_timeout(QUIET).is_ok() {}
        // Only a file whose size or modification time changed, or that appeared or
        // vanished, counts as an edit (a save that changed nothing does not rebuild).
        let now = snapshot(root);
        let changed = changed_files(&known, &now);
        known = now;
        if changed.is_empty() {
            continue;
        }
        let started = Instant::now();
        match session.update(&changed) {
            Ok(Update::Patch(files)) => hub.patch(files),
            Ok(Update::Replace(files)) => hub.publish(Some(files), None),
            Err(error) => hub.publish_error(&error),
        }
        let (rendered, pages) = session.rendered();
        eprintln!(
            "Rebuilt after a change to {} in {} ms ({rendered} of {pages} pages rendered)",
            changed[0].display(),
            started.elapsed().as_millis()
        );
    }
}

/// Size and modification time of every input file, by its path relative to the site root. The
/// key is the path's bytes, not a `PathBuf`: paths compare component by component, which made
/// the snapshots of a 10,000-page site cost more than rebuilding one page.
type Snapshot = std::collections::HashMap<OsString, (Option<SystemTime>, u64)>;

fn snapshot(root: &Path) -> Snapshot {
    let mut files = Snapshot::new();
    for watched in WATCHED {
        for entry in walkdir::WalkDir::new(root.join(watched))
            .into_iter()
            .flatten()
        {
            let Some(relative) = relative_file(root, &entry) else {
                continue;
            };
            if is_noise(&relative) {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                files.insert(
                    relative.into_os_string(),
                    (meta.modified().ok(), meta.len()),
                );
            }
        }
    }
    files
}

/// The files that appeared, vanished or changed between two snapshots, sorted.
fn changed_files(before: &Snapshot, after: &Snapshot) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = after
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| PathBuf::from(path))
        .collect();
    changed.extend(
        before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .map(PathBuf::from),
    );
    changed.sort();
    changed
}

/// Editor swap files, backups and hidden files do not trigger rebuilds.
fn is_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}
