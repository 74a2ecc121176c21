//! What a build writes: files with their bytes, and the marker that says a folder is tally's.
//! The publishing step and the link check both work on these, below the build itself.

use crate::error::Error;

/// The file that marks a folder as tally's output, so tally never replaces a folder it did not
/// create.
pub const OUTPUT_MARKER: &str = ".tally-output";

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output root, with `/` separators.
    pub path: String,
    /// The bytes to write.
    pub bytes: Vec<u8>,
}

/// An [`Error::Write`] with the operating system's reason.
pub fn write_error(message: String, source: std::io::Error) -> Error {
    Error::Write {
        message,
        source: Some(source),
    }
}
