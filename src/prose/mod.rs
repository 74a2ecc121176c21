//! Narratives into HTML: the author's markdown in the site's dialect ([`markdown`]), live
//! numbers, charts and terms inside it ([`directives`]), the charts' figures put where the
//! author wrote them ([`figures`]), and glossary links on first use ([`terms`]).

pub mod directives;
pub mod figures;
mod headings;
pub mod markdown;
pub mod reading;
mod tables;
pub mod terms;
