//! Helpers shared by the integration tests, written once: the sites they run on (fixtures and
//! the example, always copied to a temporary folder so that no test writes into the
//! repository), running the `tally` binary, and reading and editing files.
//!
//! Each test file declares `mod common;` and uses the few helpers it needs.
#![allow(dead_code)] // each test file uses some of these

mod files;
mod imports;
mod run;
mod sites;

// A test file that needs nothing of one part would otherwise warn.
#[allow(unused_imports)]
pub use files::*;
#[allow(unused_imports)]
pub use imports::*;
#[allow(unused_imports)]
pub use run::*;
#[allow(unused_imports)]
pub use sites::*;
