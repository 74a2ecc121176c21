//! Narratives into HTML: live numbers and charts in the author's markdown ([`directives`]).

pub mod directives;
pub mod markdown;
pub mod terms;
