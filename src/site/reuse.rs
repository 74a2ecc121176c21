//! Writing the new site into its staging folder, reusing the previous site's unchanged files.
//!
//! When the output already holds a site of tally's (it carries the marker), each file whose
//! bytes are the same as the previous site's file at the same path is not written again: the
//! staging folder gets a hard link to the previous file (or, where linking fails, for example
//! across file systems, a copy that keeps the previous file's modification time). An unchanged
//! file therefore keeps its inode and its mtime, and `rsync -a` and similar tools move only
//! what changed.
//!
//! A hard link shares the previous file's inode, so nothing is ever written through a path
//! that already exists: every written file is created anew (`create_new`), on an inode of its
//! own. The previous site is only read and linked from, never changed, so a build that fails
//! or is killed leaves it exactly as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;
use crate::site::output::{OutputFile, write_error};
use crate::site::page_manifest::{self, PAGES_MANIFEST, Pages};
use crate::site::render::PageSink;

/// Puts files into a staging folder, reusing the previous site's unchanged ones.
#[derive(Debug)]
pub struct Writer {
    staging: PathBuf,
    /// The previous site, when it is tally's.
    previous: Option<PathBuf>,
    /// The pages the previous site was rendered from, by path.
    previous_pages: Pages,
    /// This build's pages: path, fingerprint and size, for the next build.
    pages: Mutex<Vec<(String, u64, u64)>>,
    written: AtomicUsize,
    reused: AtomicUsize,
    unrendered: AtomicUsize,
}

/// How many files a build wrote and how many it took over from the previous site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Files whose bytes were written (new or changed).
    pub written: usize,
    /// Unchanged files linked (or copied, keeping their mtime) from the previous site.
    pub reused: usize,
    /// Of the reused files, the pages that were not even rendered: their fingerprint was the
    /// previous build's.
    pub unrendered: usize,
}

impl Writer {
    /// A writer into `staging` that reuses files of `previous` when given.
    pub fn new(staging: &Path, previous: Option<&Path>) -> Self {
        Self {
            staging: staging.to_path_buf(),
            previous: previous.map(Path::to_path_buf),
            previous_pages: previous.map(page_manifest::read).unwrap_or_default(),
            pages: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            unrendered: AtomicUsize::new(0),
        }
    }

    /// The staging folder.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// What has been put so far.
    pub fn counts(&self) -> Counts {
        Counts {
            written: self.written.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
            unrendered: self.unrendered.load(Ordering::Relaxed),
        }
    }

    /// Writes the list of this build's pages and their fingerprints (`.tally-pages`), for the
    /// next build: linked from the previous site when it is the same, like any file. It is
    /// bookkeeping, like the marker, and not counted among the site's files.
    pub fn put_manifest(&self) -> Result<(), Error> {
        let text = page_manifest::text(&self.pages.lock().unwrap_or_else(|p| p.into_inner()));
        self.place(&OutputFile {
            path: PAGES_MANIFEST.to_string(),
            bytes: text.into_bytes(),
        })
        .map(|_| ())
    }

    fn remember(&self, path: &str, fingerprint: u64, size: u64) {
        self.pages.lock().unwrap_or_else(|p| p.into_inner()).push((
            path.to_string(),
            fingerprint,
            size,
        ));
    }

    /// Links (or copies) the previous site's file at `relative` into the staging folder.
    fn take_over(&self, old: &Path, relative: &str) -> bool {
        let path = self.staging.join(relative);
        let linked = create_parent(&path).is_ok() && link_or_copy(old, &path, None);
        if linked {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        linked
    }

    /// Puts one file into the staging folder: a link to (or a copy of) the previous site's
    /// file when its bytes are the same, else the bytes written to a new file.
    pub fn put(&self, file: &OutputFile) -> Result<(), Error> {
        let counter = if self.place(file)? {
            &self.reused
        } else {
            &self.written
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts one file, uncounted; true when the previous site's file was taken over.
    fn place(&self, file: &OutputFile) -> Result<bool, Error> {
        let path = self.staging.join(&file.path);
        create_parent(&path)?;
        if let Some(old) = self.unchanged(file)
            && link_or_copy(&old, &path, Some(&file.bytes))
        {
            return Ok(true);
        }
        write_new(&path, &file.bytes)
            .map_err(|e| write_error(format!("could not write `{}`", path.display()), e))?;
        Ok(false)
    }

    /// The previous site's file at the same path, when it is a regular file with the same
    /// bytes. Anything unreadable counts as changed, so it is written anew.
    fn unchanged(&self, file: &OutputFile) -> Option<PathBuf> {
        let old = self.previous.as_ref()?.join(&file.path);
        let metadata = fs::symlink_metadata(&old).ok()?;
        let same = metadata.is_file()
            && metadata.len() == file.bytes.len() as u64
            && fs::read(&old).is_ok_and(|bytes| bytes == file.bytes);
        same.then_some(old)
    }
}

impl PageSink for Writer {
    /// The previous site's page, when the previous build rendered it from the same fingerprint
    /// and its file is still there, a regular file of the size it was written with.
    fn reuse(&self, path: &str, fingerprint: u64) -> Result<bool, Error> {
        let (Some(previous), Some(&(was, size))) =
            (self.previous.as_ref(), self.previous_pages.get(path))
        else {
            return Ok(false);
        };
        let old = previous.join(path);
        let intact = was == fingerprint
            && fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == size);
        if !intact || !self.take_over(&old, path) {
            return Ok(false);
        }
        self.unrendered.fetch_add(1, Ordering::Relaxed);
        self.remember(path, fingerprint, size);
        Ok(true)
    }

    fn put(&self, file: OutputFile, fingerprint: u64) -> Result<(), Error> {
        self.remember(&file.path, fingerprint, file.bytes.len() as u64);
        Writer::put(self, &file)
    }
}

/// Creates the folders `path` goes in.
fn create_parent(path: &Path) -> Result<(), Error> {
    match path.parent() {
        Some(parent) => fs::create_dir_all(parent)
            .map_err(|e| write_error(format!("could not create `{}`", parent.display()), e)),
        None => Ok(()),
    }
}

/// Puts the previous site's unchanged file `old` at `path`: a hard link, or where linking
/// fails a copy that keeps its mtime (of `bytes` when they are known, else read from `old`).
fn link_or_copy(old: &Path, path: &Path, bytes: Option<&[u8]>) -> bool {
    fs::hard_link(old, path).is_ok()
        || match bytes {
            Some(bytes) => copy_keeping_mtime(old, path, bytes).is_ok(),
            None => fs::read(old).is_ok_and(|bytes| copy_keeping_mtime(old, path, &bytes).is_ok()),
        }
}

/// Writes `bytes` to a new file at `path`, on an inode of its own: a file already there (a
/// link to the previous site's file, say) is unlinked first, never written through.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<File> {
    let create = || OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)?;
    Ok(file)
}

/// A copy of the unchanged `old` file at `path` (where a hard link is not possible) that keeps
/// its modification time, so that synchronising tools still see it as unchanged.
fn copy_keeping_mtime(old: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let modified = fs::metadata(old)?.modified()?;
    let file = write_new(path, bytes)?;
    file.set_modified(modified)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).unwrap().ino()
    }

    #[test]
    fn unchanged_files_are_linked_and_changed_ones_written_on_new_inodes() {
        let temp = tempfile::tempdir().unwrap();
        let (old, new) = (temp.path().join("old"), temp.path().join("new"));
        fs::create_dir_all(old.join("a")).unwrap();
        fs::write(old.join("a/same.html"), "same").unwrap();
        fs::write(old.join("a/changed.html"), "before").unwrap();
        fs::create_dir(&new).unwrap();
        let writer = Writer::new(&new, Some(&old));
        for file in [
            page("a/same.html", "same"),
            page("a/changed.html", "after!"),
            page("b/added.html", "added"),
        ] {
            writer.put(&file).unwrap();
        }
        assert_eq!(
            writer.counts(),
            Counts {
                written: 2,
                reused: 1,
                unrendered: 0
            }
        );
        assert_eq!(
            fs::read_to_string(old.join("a/changed.html")).unwrap(),
            "before"
        );
        assert_eq!(
            fs::read_to_string(new.join("a/changed.html")).unwrap(),
            "after!"
        );
        #[cfg(unix)]
        {
            assert_eq!(
                inode(&old.join("a/same.html")),
                inode(&new.join("a/same.html"))
            );
            assert_ne!(
                inode(&old.join("a/changed.html")),
                inode(&new.join("a/changed.html"))
            );
        }
    }

    #[test]
    fn a_file_already_in_place_is_replaced_never_written_through() {
        let temp = tempfile::tempdir().unwrap();
        let old = temp.path().join("old.html");
        let new = temp.path().join("new.html");
        fs::write(&old, "old").unwrap();
        fs::hard_link(&old, &new).unwrap();
        write_new(&new, b"new").unwrap();
        assert_eq!(fs::read_to_string(&old).unwrap(), "old");
        assert_eq!(fs::read_to_string(&new).unwrap(), "new");
    }

    #[test]
    fn a_copy_keeps_the_previous_files_modification_time() {
        let temp = tempfile::tempdir().unwrap();
        let old = temp.path().join("old.html");
        fs::write(&old, "same").unwrap();
        let then = SystemTime::now() - Duration::from_secs(86_400);
        File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(then)
            .unwrap();
        let copy = temp.path().join("copy.html");
        copy_keeping_mtime(&old, &copy, b"same").unwrap();
        let modified = |p: &Path| fs::metadata(p).unwrap().modified().unwrap();
        assert_eq!(modified(&copy), modified(&old));
        assert_eq!(fs::read_to_string(&copy).unwrap(), "same");
    }
}
