//! Putting a built site in place without ever losing the user's files or leaving no site.
//!
//! The rules, in the order a build meets them:
//! - the output folder may not be the site's folder, contain it, or lie inside one of its source
//!   folders (compared by real path, symlinks resolved), whatever markers it holds;
//! - one build at a time writes an output: a lock file next to it (never inside it) makes a
//!   second build wait;
//! - folders left by a killed build (`.NAME.old`, `.NAME.tally-building-PID`) are removed when
//!   they carry tally's marker, and named in a warning when they do not;
//! - the site is written into a staging folder next to the output, then swapped in: on Linux in
//!   one step (`renameat2` with `RENAME_EXCHANGE`), so that the output is at every instant either
//!   the whole old site or the whole new one; elsewhere, or on a filesystem without that call,
//!   with two renames.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::output::{OUTPUT_MARKER, OutputFile, write_error};
use super::reuse::{Counts, Writer};
use crate::error::Error;

/// The folders of a site that hold its sources: the output may not lie inside any of them.
const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// What the marker file says, written first into every staging folder so that even a build
/// killed early leaves a folder the next build recognises as its own.
pub(super) const MARKER_TEXT: &[u8] =
    b"This folder was written by tally build; tally replaces it on every build.\n";

/// Where a build writes.
#[derive(Debug, Clone)]
pub struct Output {
    /// The folder as the user named it, for messages.
    shown: PathBuf,
    /// The same folder as an absolute path with every existing symlink resolved: where the
    /// site is swapped in.
    real: PathBuf,
    /// The folder that holds it, where the staging folder and the lock file go.
    parent: PathBuf,
    /// Its name.
    name: String,
}

/// What publishing did, for the summary and the timings.
#[derive(Debug)]
pub struct Published {
    /// Files written, and files reused from the previous site.
    pub files: Counts,
    /// Things the user should know (leftovers tally did not touch), one sentence each.
    pub warnings: Vec<String>,
    /// How long writing the files took.
    pub writing: Duration,
    /// How long the swap (and removing the previous site) took.
    pub swapping: Duration,
}

impl Output {
    /// Resolves `output` and refuses it when writing there could delete the site's own files.
    /// `root` is the site's folder.
    pub fn locate(root: &Path, output: &Path) -> Result<Self, Error> {
        let real = resolve(output).map_err(|e| {
            write_error(
                format!("could not find the folder `{}`", output.display()),
                e,
            )
        })?;
        refuse_site_folders(root, output, &real)?;
        let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
            return Err(Error::OutputRefused(format!(
                "tally will not write the site into `{}`: it is the top of the file system",
                output.display()
            )));
        };
        Ok(Self {
            shown: output.to_path_buf(),
            parent: parent.to_path_buf(),
            name: name.to_string_lossy().into_owned(),
            real,
        })
    }

    /// `.NAME.SUFFIX` next to the output.
    fn sibling(&self, suffix: &str) -> PathBuf {
        self.parent.join(format!(".{}.{suffix}", self.name))
    }

    /// The output as the user named it, with a trailing `/`, for messages about the folder.
    fn folder(&self) -> String {
        let shown = self.shown.display().to_string();
        if shown.ends_with('/') || shown.ends_with(std::path::MAIN_SEPARATOR) {
            shown
        } else {
            format!("{shown}/")
        }
    }
}

/// Writes the site with `write` into a staging folder and swaps it in. On any error the
/// previous output is left as it was and the staging folder is removed. When the output holds
/// a previous site of tally's, the writer reuses its unchanged files (see `reuse`).
pub fn publish(
    output: &Output,
    write: impl FnOnce(&Writer) -> Result<(), Error>,
) -> Result<Published, Error> {
    fs::create_dir_all(&output.parent).map_err(|e| {
        write_error(
            format!("could not create the folder `{}`", output.parent.display()),
            e,
        )
    })?;
    let lock = OutputLock::acquire(output)?;
    let mut warnings = lock.warnings.clone();
    warnings.extend(clear_leftovers(output));
    refuse_foreign_folder(output)?;
    let previous = output.real.join(OUTPUT_MARKER).is_file();
    let staging = output.sibling(&format!("tally-building-{}", std::process::id()));
    let writer = Writer::new(&staging, previous.then_some(output.real.as_path()));
    create_staging(&writer)?;
    let started = Instant::now();
    let files = match write(&writer) {
        Ok(()) => writer.counts(),
        Err(error) => {
            let _ = remove_marked_last(&staging);
            return Err(error);
        }
    };
    let writing = started.elapsed();
    if let Err(error) = swap_in(&staging, output, &mut warnings) {
        let _ = remove_marked_last(&staging);
        return Err(error);
    }
    drop(lock);
    Ok(Published {
        files,
        warnings,
        writing,
        swapping: started.elapsed() - writing,
    })
}

// ---------------------------------------------------------------------------------------------
// Where the output may go

/// `path` made absolute, with the longest part of it that exists resolved by the operating
/// system (symlinks, `..`) and the rest, which cannot hold a symlink, applied by hand.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..existing].iter().collect();
        let Ok(mut real) = fs::canonicalize(&prefix) else {
            continue;
        };
        for component in &components[existing..] {
            match component {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                _ => {}
            }
        }
        return Ok(real);
    }
    Ok(absolute)
}

/// Refuses an output folder that is the site's folder, contains it or one of its sources, or
/// lies inside a source folder. Both the folder named and, when it is a symlink, the folder it
/// points to are checked.
fn refuse_site_folders(root: &Path, shown: &Path, real: &Path) -> Result<(), Error> {
    let Ok(site) = fs::canonicalize(root) else {
        // No site folder: loading the site reports that, and there is nothing to lose.
        return Ok(());
    };
    let link = symlink_location(shown);
    let refuse = |why: String| {
        Err(Error::OutputRefused(format!(
            "tally will not write the site into `{}`: {why}, so writing there could delete or republish the site's own files; pass --output-dir with a folder outside the site's sources (the default is public)",
            shown.display()
        )))
    };
    for place in std::iter::once(real).chain(link.as_deref()) {
        if place == site {
            return refuse("it is the site's own folder".to_string());
        }
        if site.starts_with(place) {
            return refuse("it contains the site's folder".to_string());
        }
        let config = real_or_inside(&site, "site.toml");
        if config == place {
            return refuse("it is the site's site.toml".to_string());
        }
        if config.starts_with(place) {
            return refuse("it contains the site's site.toml".to_string());
        }
        for folder in SOURCE_FOLDERS {
            let source = real_or_inside(&site, folder);
            if place == source {
                return refuse(format!("it is the site's {folder}/ folder"));
            }
            if place.starts_with(&source) {
                return refuse(format!("it lies inside the site's {folder}/ folder"));
            }
            if source.starts_with(place) {
                return refuse(format!("it contains the site's {folder}/ folder"));
            }
        }
    }
    Ok(())
}

/// Where the symlink `path` itself is (its folder resolved), when `path` is a symlink.
fn symlink_location(path: &Path) -> Option<PathBuf> {
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        return None;
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    resolve(parent).ok().map(|p| p.join(name))
}

/// `site/name` with symlinks resolved when it exists, else as it would be created.
fn real_or_inside(site: &Path, name: &str) -> PathBuf {
    fs::canonicalize(site.join(name)).unwrap_or_else(|_| site.join(name))
}

/// Refuses to replace a folder that tally did not create: one with files but no marker.
fn refuse_foreign_folder(output: &Output) -> Result<(), Error> {
    let Ok(metadata) = fs::symlink_metadata(&output.real) else {
        return Ok(());
    };
    if !metadata.is_dir() {
        return Err(Error::OutputRefused(format!(
            "`{}` is a file, not a folder, so tally will not replace it; remove it yourself or pass --output-dir with another folder",
            output.shown.display()
        )));
    }
    if !is_ours_or_empty(&output.real) {
        return Err(Error::OutputRefused(format!(
            "`{}` exists and was not created by tally, so tally will not replace it; remove it yourself or pass --output-dir with another folder",
            output.shown.display()
        )));
    }
    Ok(())
}

/// A real folder (not a symlink) that holds tally's marker, or nothing at all.
fn is_ours_or_empty(folder: &Path) -> bool {
    let is_folder = fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir());
    is_folder
        && (folder.join(OUTPUT_MARKER).is_file()
            || fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none()))
}

// ---------------------------------------------------------------------------------------------
// One build at a time

/// An operating-system lock on `.NAME.tally-lock` next to the output, held while a build writes
/// and swaps. The file is removed when the lock is released (on Unix), so it is not left behind;
/// a build killed while holding it leaves the file unlocked, and the next build takes it over.
struct OutputLock {
    /// The open, locked file; closing it releases the lock.
    file: File,
    path: PathBuf,
    /// Said while taking the lock (a filesystem that cannot lock).
    warnings: Vec<String>,
}

impl OutputLock {
    /// Takes the lock, waiting (and saying so) while another build holds it.
    fn acquire(output: &Output) -> Result<Self, Error> {
        let path = output.sibling("tally-lock");
        let mut said = false;
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| {
                    write_error(
                        format!("could not create the lock file `{}`", path.display()),
                        e,
                    )
                })?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !said {
                        eprintln!(
                            "waiting for another build that is writing {}",
                            output.folder()
                        );
                        said = true;
                    }
                    file.lock().map_err(|e| {
                        write_error(format!("could not lock `{}`", path.display()), e)
                    })?;
                }
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Self {
                        file,
                        warnings: vec![format!(
                            "this file system cannot lock `{}`, so tally cannot stop two builds from writing {} at once",
                            path.display(),
                            output.folder()
                        )],
                        path,
                    });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(write_error(
                        format!("could not lock `{}`", path.display()),
                        e,
                    ));
                }
            }
            // The build that held the lock may have removed the file before releasing it: then
            // this lock is on a file nobody else sees, so start again with the current one.
            if still_at(&file, &path) {
                return Ok(Self {
                    file,
                    path,
                    warnings: Vec::new(),
                });
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock; a build waiting on it notices.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so it always names the open file.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

// ---------------------------------------------------------------------------------------------
// Leftovers and staging

/// Removes the folders a killed build left next to the output (`.NAME.old`,
/// `.NAME.tally-building-PID`) when they carry tally's marker or are empty. Returns a warning
/// for each one left alone. Runs under the lock, so none of them belongs to a running build.
fn clear_leftovers(output: &Output) -> Vec<String> {
    let Ok(entries) = fs::read_dir(&output.parent) else {
        return Vec::new();
    };
    let moved_aside = format!(".{}.old", output.name);
    let staging = format!(".{}.tally-building-", output.name);
    let mut warnings = Vec::new();
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            *name == moved_aside
                || name
                    .strip_prefix(&staging)
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    names.sort();
    for name in names {
        let path = output.parent.join(&name);
        if !is_ours_or_empty(&path) {
            warnings.push(format!(
                "left `{}` alone: it is named like a folder from an interrupted build but has no {OUTPUT_MARKER} marker; remove it yourself if it is not yours",
                path.display()
            ));
        } else if let Err(e) = remove_marked_last(&path) {
            warnings.push(format!(
                "could not remove `{}`, left by an interrupted build: {e}",
                path.display()
            ));
        }
    }
    warnings
}

/// Removes a folder of tally's, its marker last: a build killed while removing it leaves a
/// folder that still carries the marker, or an empty one, and the next build finishes the job.
fn remove_marked_last(folder: &Path) -> io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(folder)?
        .filter(|entry| {
            entry
                .as_ref()
                .map_or(true, |e| e.file_name() != OUTPUT_MARKER)
        })
        .collect::<io::Result<_>>()?;
    // The top-level folders are removed side by side: on a 10,000-page site removing the
    // previous one is a good part of a rebuild that changed little.
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    match fs::remove_file(folder.join(OUTPUT_MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(folder)
}

/// Creates this build's staging folder next to the output, marked as tally's from the start
/// (the marker is the first file put, so the writer never puts it again).
fn create_staging(writer: &Writer) -> Result<(), Error> {
    let staging = writer.staging();
    fs::create_dir(staging).map_err(|e| {
        write_error(
            format!("could not create the folder `{}`", staging.display()),
            e,
        )
    })?;
    writer.put(&OutputFile {
        path: OUTPUT_MARKER.to_string(),
        bytes: MARKER_TEXT.to_vec(),
    })
}

// ---------------------------------------------------------------------------------------------
// The swap

/// Puts the staging folder in the output's place and removes the previous site.
fn swap_in(staging: &Path, output: &Output, warnings: &mut Vec<String>) -> Result<(), Error> {
    let into = |e| {
        write_error(
            format!(
                "could not move the new site into `{}`",
                output.shown.display()
            ),
            e,
        )
    };
    match fs::symlink_metadata(&output.real) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fs::rename(staging, &output.real).map_err(into);
        }
        Err(e) => return Err(into(e)),
        Ok(_) => {}
    }
    let previous = if exchange(staging, &output.real).map_err(into)? {
        // The staging folder now holds the previous site.
        staging.to_path_buf()
    } else {
        swap_with_two_renames(staging, output)?
    };
    if let Err(e) = remove_marked_last(&previous) {
        warnings.push(format!(
            "the new site is in place, but the previous one could not be removed from `{}` ({e}); the next build removes it",
            previous.display()
        ));
    }
    Ok(())
}

/// Exchanges two folders in one step. `Ok(false)` when this system or filesystem cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Only Linux has an exchanging rename.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// The swap where no exchange exists: the output is moved aside to `.NAME.old`, the staging
/// folder moved in, and on failure the previous site moved back. Between the two renames there
/// is no output folder; a build killed there leaves `.NAME.old`, which the next build removes.
/// Returns where the previous site now is.
fn swap_with_two_renames(staging: &Path, output: &Output) -> Result<PathBuf, Error> {
    let aside = output.sibling("old");
    if fs::symlink_metadata(&aside).is_ok() {
        return Err(Error::Write {
            message: format!(
                "could not move the previous site aside: `{}` is in the way (it has no {OUTPUT_MARKER} marker, so tally leaves it alone); remove it yourself",
                aside.display()
            ),
            source: None,
        });
    }
    fs::rename(&output.real, &aside).map_err(|e| {
        write_error(
            format!(
                "could not move the previous site `{}` aside to `{}`",
                output.shown.display(),
                aside.display()
            ),
            e,
        )
    })?;
    if let Err(e) = fs::rename(staging, &output.real) {
        let _ = fs::rename(&aside, &output.real);
        return Err(write_error(
            format!(
                "could not move the new site into `{}`",
                output.shown.display()
            ),
            e,
        ));
    }
    Ok(aside)
}

#[cfg(test)]
mod tests;
