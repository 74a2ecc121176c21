//! Words from numbers: the sentences a reader sees ([`narrate`]) and the check for engineering
//! jargon the glossary does not explain ([`jargon`]).

pub mod jargon;
pub mod narrate;
