//! Words from numbers: numbers as a reader says them ([`figures`]), categories named whatever
//! their label ([`names`]), what is news in a sprint ([`findings`]), the sentences a reader sees
//! ([`narrate`]), a team's headline ([`teams`]), an initiative's headline and each what-if scenario's finding
//! ([`scenarios`]) and the check for engineering jargon the glossary does not explain ([`jargon`]).

pub mod briefs;
pub mod delivery;
pub mod figures;
pub mod findings;
pub mod jargon;
pub mod names;
pub mod narrate;
pub mod scenarios;
pub mod teams;
#[cfg(test)]
pub(crate) mod testing;
