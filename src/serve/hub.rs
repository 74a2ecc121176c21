//! What the builder and every connection share: the built files, the last error and a version
//! that changes with every rebuild.
//!
//! Its own module so that the watcher (which writes it) and the connections (which read it and
//! wait on it for the reload signal) depend on it, and not on each other.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::error::Error;
use crate::site::OutputFile;

/// The built site in memory: each output path and its bytes.
pub(super) type Files = HashMap<String, Arc<[u8]>>;

/// What every connection reads: the built files, the last error, and a version that changes
/// with every rebuild.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) files: Files,
    pub(super) error: Option<String>,
    pub(super) version: u64,
}

/// The shared state, the signal that it changed, and whether the server is stopping.
#[derive(Default)]
pub(super) struct Hub {
    state: Mutex<Shared>,
    pub(super) changed: Condvar,
    pub(super) stopping: AtomicBool,
}

impl Hub {
    pub(super) fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panicking reader cannot leave the map half-written: recover the data.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A finished rebuild: new files (or `None` to keep the last good ones) and its error.
    pub(super) fn publish(&self, files: Option<Files>, error: Option<String>) {
        let mut state = self.lock();
        if let Some(files) = files {
            state.files = files;
        }
        state.error = error;
        state.version += 1;
        self.changed.notify_all();
    }

    /// A partial rebuild: only these files changed.
    pub(super) fn patch(&self, files: Vec<OutputFile>) {
        let mut state = self.lock();
        for file in files {
            state.files.insert(file.path, Arc::from(file.bytes));
        }
        state.error = None;
        state.version += 1;
        self.changed.notify_all();
    }

    /// A failed rebuild: the error in the terminal, as the CLI prints it, and over every page.
    pub(super) fn publish_error(&self, error: &Error) {
        print_report(error);
        self.publish(None, Some(crate::error::report_text(error)));
    }
}

/// Prints an error in the terminal as the CLI does, in colour when it is a terminal.
fn print_report(error: &Error) {
    let color = std::io::stderr().is_terminal();
    eprintln!("{}", crate::error::report_with(error, color));
}
