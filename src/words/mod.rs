//! Words from numbers: numbers as a reader says them ([`figures`]), the sentences a reader sees
//! ([`narrate`]) and the check for engineering jargon the glossary does not explain ([`jargon`]).

pub mod figures;
pub mod jargon;
pub mod narrate;
