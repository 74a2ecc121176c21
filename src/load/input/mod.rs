//! Reading the author's input with located errors.
//!
//! [`files`] turns bytes into checked text; [`tables`] reads TOML into types, with
//! `toml_errors` wording the parser's complaints; [`numbers`] and [`values`] are the checked
//! numbers, dates and ids the data is made of. Everything is re-exported here, so the rest of
//! the crate reads `load::input::{read_source, parse_toml, Checked, Day, ...}`.

pub mod files;
pub mod numbers;
pub mod tables;
mod toml_errors;
pub mod values;

pub use files::{
    control_name, control_reference, decode_source, is_forbidden_control, read_source,
    relative_file,
};
pub use numbers::{
    Checked, DayCost, Effort, People, Quantity, Releases, SMALLEST, Scope, check_number,
};
pub use tables::{ListEntry, parse_toml, parse_toml_list};
pub use toml_errors::toml_diagnostic;
pub use values::{Day, is_valid_id};
