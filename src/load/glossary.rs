//! The glossary: plain-language meanings for the jargon a narrative cannot avoid.
//!
//! `content/glossary.toml` lists terms; the first use of each term (or an alias) on a page
//! becomes a link to its entry, with the meaning shown on hover and keyboard focus without
//! JavaScript. Matching is case-insensitive, on whole words (a plural `s` or `es` is allowed),
//! and never inside code, links or headings.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::error::Error;
use crate::load::input::{parse_toml, read_source};
use crate::text::{slugify, unique_id};

/// Where the glossary lives, relative to the site root.
pub const GLOSSARY_FILE: &str = "content/glossary.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: Spanned<String>,
    #[serde(default)]
    aka: Vec<Spanned<String>>,
    means: String,
    example: Option<String>,
}

/// One glossary entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Term {
    /// The term as readers see it.
    pub term: String,
    /// Other spellings and abbreviations that mean the same.
    pub aka: Vec<String>,
    /// One or two plain sentences.
    pub means: String,
    /// An example from everyday work, when given.
    pub example: Option<String>,
    /// The anchor of its entry on the glossary page.
    pub anchor: String,
}

/// All terms, with a matcher for finding them in text.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Terms sorted alphabetically.
    pub terms: Vec<Term>,
    /// Lower-cased name or alias → term index.
    names: HashMap<String, usize>,
    /// Every name and alias, for finding them in text; pattern i names `pattern_terms[i]`.
    matcher: Option<Arc<AhoCorasick>>,
    pattern_terms: Vec<usize>,
}

impl Glossary {
    /// Reads `content/glossary.toml` when it exists; no file means an empty glossary.
    pub fn load(root: &Path) -> Result<Self, Error> {
        let path = Path::new(GLOSSARY_FILE);
        if !root.join(path).is_file() {
            return Ok(Self::default());
        }
        let source = read_source(root, path)?;
        Self::parse(&source)
    }

    /// Checks a glossary's text.
    pub fn parse(source: &Arc<SourceFile>) -> Result<Self, Error> {
        let raw: RawGlossary =
            parse_toml(source, &source.text, 0).map_err(|d| Error::Invalid(vec![d]))?;
        let mut diagnostics = Diagnostics::default();
        let mut terms: Vec<(Term, Vec<Spanned<String>>)> = raw
            .term
            .into_iter()
            .map(|t| {
                let mut names = vec![t.term.clone()];
                names.extend(t.aka.iter().cloned());
                let term = t.term.into_inner();
                (
                    Term {
                        anchor: slugify(&term),
                        aka: t.aka.into_iter().map(Spanned::into_inner).collect(),
                        means: t.means,
                        example: t.example,
                        term,
                    },
                    names,
                )
            })
            .collect();
        terms.sort_by_key(|t| t.0.term.to_lowercase());
        // `day-cost` and `day cost` slug alike: each entry still gets its own anchor, and none
        // takes an id the theme gives every page.
        let mut anchors: HashSet<String> = crate::load::theme::THEME_IDS
            .iter()
            .map(|id| id.to_string())
            .collect();
        for (term, _) in &mut terms {
            let base = std::mem::take(&mut term.anchor);
            let base = if base.is_empty() {
                "term".to_string()
            } else {
                base
            };
            term.anchor = unique_id(base, &mut anchors);
        }
        let mut names: HashMap<String, usize> = HashMap::new();
        // In the file's order, so that the second of two entries is the one reported.
        let mut spellings: Vec<(usize, &Spanned<String>)> = terms
            .iter()
            .enumerate()
            .flat_map(|(index, (_, names))| names.iter().map(move |name| (index, name)))
            .collect();
        spellings.sort_by_key(|(_, name)| name.span().start);
        for (index, name) in spellings {
            let key = name_key(name.get_ref());
            if key.is_empty() {
                diagnostics.push(
                    Diagnostic::error(source, name.span(), "a glossary term cannot be empty")
                        .with_help(
                            "write the word as readers meet it, e.g. `term = \"Kubernetes\"`",
                        ),
                );
            } else if names.insert(key, index).is_some() {
                diagnostics.push(
                    Diagnostic::error(
                        source,
                        name.span(),
                        format!("`{}` is defined twice in the glossary", name.get_ref()),
                    )
                    .with_help("keep one entry, and list other spellings in its `aka`"),
                );
            }
        }
        let terms: Vec<Term> = terms.into_iter().map(|(t, _)| t).collect();
        let glossary = Self::from_terms(terms, names);
        diagnostics.finish(glossary).map(|(g, _)| g)
    }

    fn from_terms(terms: Vec<Term>, names: HashMap<String, usize>) -> Self {
        // Smart punctuation turns "people's" into "people’s": match both apostrophes.
        let mut spellings: Vec<(String, usize)> = Vec::with_capacity(names.len());
        for (name, &term) in &names {
            spellings.push((name.clone(), term));
            if name.contains('\'') {
                spellings.push((name.replace('\'', "\u{2019}"), term));
            }
        }
        spellings.sort();
        let patterns: Vec<(&String, usize)> = spellings.iter().map(|(k, v)| (k, *v)).collect();
        let matcher = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.iter().map(|(p, _)| p.as_str()))
                    .ok()
                    .map(Arc::new)
            })
            .flatten();
        Self {
            pattern_terms: patterns.iter().map(|(_, t)| *t).collect(),
            terms,
            names,
            matcher,
        }
    }

    /// The term a name or alias refers to (case-insensitive).
    pub fn lookup(&self, name: &str) -> Option<&Term> {
        self.names.get(&name_key(name)).map(|&i| &self.terms[i])
    }

    /// Whether a word is defined, as a term or an alias.
    pub fn defines(&self, name: &str) -> bool {
        self.lookup(name).is_some()
    }

    /// Every term's and alias's whole-word occurrences in `text`: (start, end, term index).
    pub fn find_in(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        matcher
            .find_iter(text)
            .filter_map(|m| {
                let end = whole_word_end(text, m.start(), m.end())?;
                Some((m.start(), end, self.pattern_terms[m.pattern().as_usize()]))
            })
            .collect()
    }
}

/// How a name is compared: lower case, spaces collapsed, one kind of apostrophe; so `Day  Cost`
/// and `day cost` are the same term, reported when defined twice.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('\u{2019}', "'")
}

/// Where a match ends if it is a whole word (allowing a plural `s` or `es`), else `None`.
pub fn whole_word_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let before = text[..start].chars().next_back();
    if before.is_some_and(is_word_char) {
        return None;
    }
    let rest = &text[end..];
    let plural = if rest.starts_with("es") && !rest[2..].starts_with(is_word_char) {
        2
    } else if rest.starts_with('s') && !rest[1..].starts_with(is_word_char) {
        1
    } else {
        0
    };
    let end = end + plural;
    let after = text[end..].chars().next();
    if after.is_some_and(is_word_char) {
        return None;
    }
    Some(end)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let text = "[[term]]\nterm = \"Kubernetes\"\naka = [\"k8s\"]\nmeans = \"Software that runs our programs.\"\n\
                    [[term]]\nterm = \"tech debt\"\nmeans = \"Shortcuts we pay for later.\"\n";
        Glossary::parse(&SourceFile::new("glossary.toml", text)).unwrap()
    }

    #[test]
    fn finds_whole_words_case_insensitively_with_plurals() {
        let g = glossary();
        let text = "Our K8S cluster and Kubernetes, not kubernetesx; tech debts pile up.";
        let found: Vec<&str> = g
            .find_in(text)
            .iter()
            .map(|(s, e, _)| &text[*s..*e])
            .collect();
        assert_eq!(found, ["K8S", "Kubernetes", "tech debts"]);
    }

    #[test]
    fn looks_up_aliases() {
        let g = glossary();
        assert_eq!(g.lookup("K8s").unwrap().term, "Kubernetes");
        assert_eq!(g.terms[0].anchor, "kubernetes");
        assert!(!g.defines("monolith"));
    }

    #[test]
    fn duplicates_are_located() {
        let text =
            "[[term]]\nterm = \"API\"\nmeans = \"x\"\n[[term]]\nterm = \"api\"\nmeans = \"y\"\n";
        let Err(Error::Invalid(d)) = Glossary::parse(&SourceFile::new("g.toml", text)) else {
            panic!("expected an error");
        };
        assert_eq!(d[0].line_col(), Some((5, 8)));
    }

    #[test]
    fn anchors_are_unique_and_spacing_does_not_hide_a_duplicate() {
        let text = "[[term]]\nterm = \"day-cost\"\nmeans = \"x\"\n[[term]]\nterm = \"day cost\"\nmeans = \"y\"\n\
                    [[term]]\nterm = \"main\"\nmeans = \"z\"\n";
        let g = Glossary::parse(&SourceFile::new("g.toml", text)).unwrap();
        let anchors: Vec<&str> = g.terms.iter().map(|t| t.anchor.as_str()).collect();
        assert_eq!(anchors, ["day-cost", "day-cost-2", "main-2"]);
        let text = "[[term]]\nterm = \"day cost\"\nmeans = \"x\"\n[[term]]\nterm = \"Day  Cost\"\nmeans = \"y\"\n";
        let Err(Error::Invalid(d)) = Glossary::parse(&SourceFile::new("g.toml", text)) else {
            panic!("expected an error");
        };
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("defined twice"), "{}", d[0].message);
        assert_eq!(d[0].line_col(), Some((5, 8)));
    }
}
