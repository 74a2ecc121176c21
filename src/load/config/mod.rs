//! `site.toml`: the site's title, units, currency and investment categories.
//!
//! This module reads the file and holds the checked [`Config`]; the categories and targets
//! ([`categories`], with the built-in four in [`defaults`]) and the reader groups
//! ([`audiences`]) are checked in their own modules and re-exported here.

use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::error::Error;
use crate::load::input::{is_valid_id, parse_toml, read_source};

pub mod audiences;
pub mod briefs;
pub mod categories;
pub mod defaults;
pub mod delivery;
pub mod print;
pub mod writing;

pub use audiences::{Audience, default_audiences};
use audiences::{RawAudience, merge_audiences};
pub use briefs::{BLOCKS, Block, default_blocks};
use briefs::{RawBrief, check_briefs};
pub use categories::{Category, CategoryKind, UNCATEGORIZED, UNCATEGORIZED_COLOR, check_targets};
use categories::{RawCategory, check_categories, upkeep_slot};
use delivery::check_delivery;
pub use delivery::{DEFAULT_SEVERITIES, DeliverySettings};
pub use print::{Paper, Print};
use print::{RawPrint, check_print};
pub use writing::Markdown;
use writing::{RawJargon, RawMarkdown, check_jargon_names, check_markdown};

/// The unit authors record effort in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum EffortUnit {
    /// One person working one day.
    #[serde(rename = "person-days")]
    PersonDays,
    /// One person working one hour; `hours_per_day` converts to days.
    #[serde(rename = "hours")]
    Hours,
}

impl EffortUnit {
    /// The name used in data files and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PersonDays => "person-days",
            Self::Hours => "hours",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    currency: Option<String>,
    effort_unit: Option<EffortUnit>,
    hours_per_day: Option<Spanned<f64>>,
    current_sprint: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    severities: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    categories: IndexMap<Spanned<String>, Spanned<RawCategory>>,
    #[serde(default)]
    audiences: IndexMap<Spanned<String>, RawAudience>,
    #[serde(default)]
    briefs: IndexMap<Spanned<String>, RawBrief>,
    #[serde(default)]
    targets: IndexMap<Spanned<String>, Spanned<f64>>,
    compare: Option<RawCompare>,
    print: Option<RawPrint>,
    markdown: Option<RawMarkdown>,
    jargon: Option<RawJargon>,
    /// Tracker import rules; read and checked by `tally import` itself.
    #[serde(default)]
    #[allow(dead_code)]
    import: Option<toml::Value>,
}

/// `[compare]`: how far back a comparison looks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompare {
    window: Option<Spanned<i64>>,
}

/// The sprints a comparison looks back over when `[compare] window` is not given.
pub const DEFAULT_COMPARE_WINDOW: usize = 6;

/// The most sprints `[compare] window` may name.
pub const MAX_COMPARE_WINDOW: usize = 104;

/// The checked site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's title, shown on every page.
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// Absolute base URL, only for feeds and sitemaps; pages always link relatively.
    pub base_url: Option<String>,
    /// The theme's name: `themes/<theme>/`.
    pub theme: String,
    /// ISO currency code for costs.
    pub currency: String,
    /// The unit effort is recorded in.
    pub effort_unit: EffortUnit,
    /// Hours in a working day, to convert hours to person-days.
    pub hours_per_day: f64,
    /// The sprint the report leads with, as written (checked against the ledger later).
    pub current_sprint: Option<Spanned<String>>,
    /// The categories in the author's order (the stacking order of charts), without
    /// `uncategorized`.
    pub categories: Vec<Category>,
    /// Target share per category slot, organisation-wide, from `[targets]`.
    pub targets: Vec<(usize, f64)>,
    /// Reader groups: the four defaults, renamed or extended by `[audiences.<id>]`.
    pub audiences: Vec<Audience>,
    /// The blocks each audience's brief shows, in the order of `audiences`
    /// (`[briefs.<audience>] blocks`, or [`default_blocks`]).
    pub briefs: Vec<Vec<Block>>,
    /// How many sprints every comparison looks back over (`[compare] window`, default 6): the
    /// recent averages, records, the series on the home and sprint pages, a forecast's pace and
    /// a narrative's `delta` all use this one window, so that a page never compares one figure
    /// from two starting points.
    pub compare_window: usize,
    /// How pages print: the paper size, from `[print]`.
    pub print: Print,
    /// How narratives' markdown is read, from `[markdown]`.
    pub markdown: Markdown,
    /// Words the jargon check takes for names, from `[jargon] names`.
    pub jargon_names: Vec<String>,
    /// The delivery record's time zone and severities (`timezone`, `severities`).
    pub delivery: DeliverySettings,
    /// The slot of the keeping-the-lights-on category: see [`Config::upkeep_slot`].
    upkeep: Option<usize>,
    /// `site.toml` itself, to locate later errors (an unknown `current_sprint`).
    pub source: Arc<SourceFile>,
}

impl Config {
    /// Reads and checks `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Self, Error> {
        let path = Path::new("site.toml");
        if !root.join(path).is_file() {
            return Err(Error::Refused(format!(
                "no site.toml in `{}`; run tally in a site's folder, pass --root DIR, or start one with `tally init DIR`",
                root.display()
            )));
        }
        let source = read_source(root, path)?;
        Self::parse(source)
    }

    /// Checks the text of a `site.toml`.
    pub fn parse(source: Arc<SourceFile>) -> Result<Self, Error> {
        let raw: RawConfig =
            parse_toml(&source, &source.text, 0).map_err(|d| Error::Invalid(vec![d]))?;
        let mut diagnostics = Diagnostics::default();
        let categories = if raw.categories.is_empty() {
            defaults::default_categories()
        } else {
            check_categories(&source, raw.categories, &mut diagnostics)
        };
        let upkeep = upkeep_slot(&categories);
        let hours_per_day = match raw.hours_per_day {
            Some(h) if !(1.0..=24.0).contains(h.get_ref()) => {
                diagnostics.push(
                    Diagnostic::error(&source, h.span(), "`hours_per_day` must be from 1 to 24")
                        .with_help("a typical working day is `hours_per_day = 8`"),
                );
                8.0
            }
            Some(h) => h.into_inner(),
            None => 8.0,
        };
        let theme = match raw.theme {
            Some(theme) if !is_valid_id(theme.get_ref()) => {
                diagnostics.push(
                    Diagnostic::error(
                        &source,
                        theme.span(),
                        "a theme name is a folder name under `themes/`",
                    )
                    .with_help("use letters, digits, `-` and `_`, e.g. `theme = \"default\"`"),
                );
                "default".to_string()
            }
            Some(theme) => theme.into_inner(),
            None => "default".to_string(),
        };
        let base_url = raw
            .base_url
            .and_then(|url| match check_base_url(url.get_ref()) {
                Ok(()) => Some(url.into_inner()),
                Err(problem) => {
                    diagnostics.push(
                        Diagnostic::error(&source, url.span(), problem).with_help(BASE_URL_HELP),
                    );
                    None
                }
            });
        let audiences = merge_audiences(&source, raw.audiences, &mut diagnostics);
        let briefs = check_briefs(&source, raw.briefs, &audiences, &mut diagnostics);
        let targets = check_targets(&source, &categories, raw.targets, &mut diagnostics);
        let compare_window = check_compare_window(&source, raw.compare, &mut diagnostics);
        let print = check_print(&source, raw.print, &mut diagnostics);
        let markdown = check_markdown(&source, raw.markdown, &mut diagnostics);
        let jargon_names = check_jargon_names(&source, raw.jargon, &mut diagnostics);
        let delivery = check_delivery(&source, raw.timezone, raw.severities, &mut diagnostics);
        let config = Self {
            markdown,
            jargon_names,
            delivery,
            compare_window,
            upkeep,
            targets,
            audiences,
            briefs,
            print,
            title: raw.title,
            description: raw.description,
            base_url,
            theme,
            currency: raw.currency.unwrap_or_else(|| "USD".to_string()),
            effort_unit: raw.effort_unit.unwrap_or(EffortUnit::PersonDays),
            hours_per_day,
            current_sprint: raw.current_sprint,
            categories,
            source,
        };
        diagnostics.finish(config).map(|(config, _)| config)
    }

    /// The slot of the category that keeps the lights on (the cost of owning what exists): the
    /// one marked `kind = "upkeep"`, else one whose id is `ktlo` (sites written before `kind`
    /// existed), else none.
    pub fn upkeep_slot(&self) -> Option<usize> {
        self.upkeep
    }

    /// The number of category slots in the accounts: the configured ones plus `uncategorized`.
    pub fn category_slots(&self) -> usize {
        self.categories.len() + 1
    }

    /// The slot of `uncategorized`: always the last.
    pub fn uncategorized_slot(&self) -> usize {
        self.categories.len()
    }

    /// The id of a category slot.
    pub fn category_id(&self, slot: usize) -> &str {
        self.categories
            .get(slot)
            .map_or(UNCATEGORIZED, |c| c.id.as_str())
    }

    /// The label of a category slot.
    pub fn category_label(&self, slot: usize) -> &str {
        self.categories
            .get(slot)
            .map_or("Uncategorized", |c| c.label.as_str())
    }

    /// The author's `phrase` for a category slot, if any (`uncategorized` has none).
    pub fn category_phrase(&self, slot: usize) -> Option<&str> {
        self.categories.get(slot).and_then(|c| c.phrase.as_deref())
    }

    /// The colour of a category slot.
    pub fn category_color(&self, slot: usize) -> &str {
        self.categories
            .get(slot)
            .map_or(UNCATEGORIZED_COLOR, |c| c.color.as_str())
    }

    /// Converts effort in the site's unit to person-days.
    pub fn to_person_days(&self, effort: f64) -> f64 {
        match self.effort_unit {
            EffortUnit::PersonDays => effort,
            EffortUnit::Hours => effort / self.hours_per_day,
        }
    }
}

/// Checks `[compare] window`: a whole number of sprints from 2 to [`MAX_COMPARE_WINDOW`].
fn check_compare_window(
    source: &Arc<SourceFile>,
    compare: Option<RawCompare>,
    diagnostics: &mut Diagnostics,
) -> usize {
    let Some(window) = compare.and_then(|c| c.window) else {
        return DEFAULT_COMPARE_WINDOW;
    };
    let value = *window.get_ref();
    match usize::try_from(value) {
        Ok(n) if (2..=MAX_COMPARE_WINDOW).contains(&n) => n,
        _ => {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    window.span(),
                    format!(
                        "`window` is a number of sprints from 2 to {MAX_COMPARE_WINDOW}, not {value}"
                    ),
                )
                .with_help(format!(
                    "a comparison needs at least the sprint before; the default is `window = {DEFAULT_COMPARE_WINDOW}` (the last {DEFAULT_COMPARE_WINDOW} sprints)"
                )),
            );
            DEFAULT_COMPARE_WINDOW
        }
    }
}

/// How to write `base_url`, for its errors (in site.toml and on the command line).
pub const BASE_URL_HELP: &str = "write the address the site is published at, starting with `https://` or `http://` (e.g. `https://intranet.example/reports/eng/`), or a path on the site's host such as `/` or `/reports/eng/`";

/// Checks a `base_url`: an `http://` or `https://` address with a host, or a path on the
/// site's host (`/`, `/reports/eng/`). Anything else (`javascript:`, `//other.host/`, a
/// query, a fragment, spaces or quotes) would put a link off the site or a script in pages.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if let Some(bad) = url.chars().find(|c| {
        !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')
    }) {
        return Err(format!(
            "`base_url` cannot contain {}; percent-encode it",
            match bad {
                ' ' => "a space".to_string(),
                c if c.is_control() => "a control character".to_string(),
                c => format!("`{c}`"),
            }
        ));
    }
    if url.contains(['?', '#']) {
        return Err("`base_url` is an address without a query (`?`) or a fragment (`#`)".into());
    }
    let lower = url.to_ascii_lowercase();
    let after_scheme = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    match after_scheme {
        Some(rest) => match rest.split('/').next().unwrap_or("") {
            "" => Err("`base_url` names no host after `https://`".into()),
            host if host.contains('@') => {
                Err("`base_url` cannot carry a user name (`user@`) before its host".into())
            }
            _ => Ok(()),
        },
        None if url.starts_with("//") => Err(
            "`base_url` starting with `//` points at another host; write it with `https:`".into(),
        ),
        None if url.starts_with('/') => Ok(()),
        None => Err(match url.split_once(':') {
            Some((scheme, _)) => format!(
                "`base_url` must be an `https://` or `http://` address, not a `{scheme}:` one"
            ),
            None => "`base_url` must start with `https://`, `http://` or `/`".to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(SourceFile::new("site.toml", text))
    }

    /// The diagnostics of a site.toml that must be refused; the test fails, quoting `text`, when
    /// it is accepted.
    fn refused(text: &str) -> Vec<Diagnostic> {
        match parse(text) {
            Err(Error::Invalid(diagnostics)) => diagnostics,
            _ => panic!("accepted:\n{text}"),
        }
    }

    #[test]
    fn base_url_is_an_http_address_or_a_path() {
        for good in [
            "/",
            "/reports/eng/",
            "https://intranet.example/reports/eng/",
            "http://127.0.0.1:8080/r",
            "HTTPS://X.TEST",
            "https://x.test/a%20b/",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "javascript:alert(1)//",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "https://",
            "https:///x",
            "https://user@evil.example/",
            "ftp://x.test/",
            "reports/",
            "",
            "https://x.test/?a=1",
            "https://x.test/#top",
            "https://x.test/a b/",
            "https://x.test/\"onmouseover=\"x",
            "https://x.test/ü/",
            "/\u{1b}[31m",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let diagnostics = refused("title = \"x\"\nbase_url = \"javascript:alert(1)//\"\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line_col(), Some((2, 12)));
        assert!(
            diagnostics[0].message.contains("not a `javascript:` one"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn defaults_to_the_balance_categories() {
        let config = parse("title = \"x\"\n").unwrap();
        let ids: Vec<_> = config.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["new", "improve", "productivity", "ktlo"]);
        assert!(config.categories.iter().all(|c| !c.explain.is_empty()));
        assert_eq!(config.effort_unit, EffortUnit::PersonDays);
        assert_eq!(config.category_id(4), UNCATEGORIZED);
    }

    #[test]
    fn categories_keep_the_authors_order() {
        let config = parse(
            "title = \"x\"\n[categories.zeta]\nlabel = \"Z\"\n[categories.alpha]\ncolor = \"#AABBCC\"\n",
        )
        .unwrap();
        assert_eq!(config.categories[0].id, "zeta");
        assert_eq!(config.categories[1].label, "alpha");
        assert_eq!(config.categories[1].color, "#aabbcc");
    }

    #[test]
    fn bad_colour_and_reserved_id_are_located() {
        let diagnostics =
            refused("title = \"x\"\n[categories.uncategorized]\n[categories.a]\ncolor = \"red\"\n");
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].line_col(), Some((2, 13)));
        assert_eq!(diagnostics[1].line_col(), Some((4, 9)));
    }

    #[test]
    fn upkeep_is_the_marked_category_else_one_called_ktlo() {
        let marked =
            parse("title = \"x\"\n[categories.ktlo]\n[categories.run]\nkind = \"upkeep\"\n")
                .unwrap();
        assert_eq!(marked.upkeep_slot(), Some(1));
        let unmarked = parse("title = \"x\"\n[categories.a]\n[categories.ktlo]\n").unwrap();
        assert_eq!(unmarked.upkeep_slot(), Some(1));
        let none = parse("title = \"x\"\n[categories.a]\n[categories.b]\n").unwrap();
        assert_eq!(none.upkeep_slot(), None);
        let defaults = parse("title = \"x\"\n").unwrap();
        assert_eq!(
            defaults.category_id(defaults.upkeep_slot().unwrap()),
            "ktlo"
        );
    }

    #[test]
    fn the_comparison_window_defaults_to_6_and_a_bad_one_is_located() {
        assert_eq!(parse("title = \"x\"\n").unwrap().compare_window, 6);
        let twelve = parse("title = \"x\"\n[compare]\nwindow = 12\n").unwrap();
        assert_eq!(twelve.compare_window, 12);
        for bad in ["1", "0", "-3", "500"] {
            let Err(Error::Invalid(diagnostics)) =
                parse(&format!("title = \"x\"\n[compare]\nwindow = {bad}\n"))
            else {
                panic!("window = {bad} was accepted")
            };
            assert_eq!(diagnostics[0].line_col(), Some((3, 10)), "{bad}");
            let text = diagnostics[0].render(false);
            assert!(text.contains("number of sprints from 2 to 104"), "{text}");
            assert!(text.contains("the default is `window = 6`"), "{text}");
        }
        assert!(parse("title = \"x\"\n[compare]\nwindow = \"six\"\n").is_err());
        assert!(parse("title = \"x\"\n[compare]\nwindw = 6\n").is_err());
    }

    #[test]
    fn timezone_and_severities_default_and_a_bad_one_is_located() {
        let config = parse("title = \"x\"\n").unwrap();
        assert_eq!(config.delivery.timezone_name, "UTC");
        assert_eq!(config.delivery.severities, DEFAULT_SEVERITIES);
        let own = parse("title = \"x\"\ntimezone = \"Europe/Berlin\"\nseverities = [\"sev3\", \"sev2\", \"sev1\"]\n").unwrap();
        assert_eq!(own.delivery.timezone_name, "Europe/Berlin");
        assert!(!own.delivery.is_annotated(0) && own.delivery.is_annotated(1));
        let bad =
            refused("title = \"x\"\ntimezone = \"Mars/Olympus\"\nseverities = [\"a\", \"a\"]\n");
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].line_col(), Some((2, 12)));
        assert!(
            bad[1].message.contains("listed twice"),
            "{}",
            bad[1].message
        );
    }

    #[test]
    fn hours_convert_to_person_days() {
        let config =
            parse("title = \"x\"\neffort_unit = \"hours\"\nhours_per_day = 7.5\n").unwrap();
        assert_eq!(config.to_person_days(15.0), 2.0);
    }

    #[test]
    fn paper_is_a4_unless_the_site_asks_for_letter() {
        assert_eq!(parse("title = \"x\"\n").unwrap().print.paper, Paper::A4);
        assert_eq!(
            parse("title = \"x\"\n[print]\n").unwrap().print.paper,
            Paper::A4
        );
        let letter = parse("title = \"x\"\n[print]\npaper = \"Letter\"\n").unwrap();
        assert_eq!(letter.print.paper, Paper::Letter);
        assert_eq!(letter.print.paper.css_size(), "letter");
        let a4 = parse("title = \"x\"\n[print]\npaper = \"a4\"\n").unwrap();
        assert_eq!(a4.print.paper.css_size(), "A4");
    }

    #[test]
    fn bad_paper_is_located_with_the_two_sizes() {
        let diagnostics = refused("title = \"x\"\n\n[print]\npaper = \"Legal\"\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line_col(), Some((4, 9)));
        assert!(
            diagnostics[0].message.contains("not \"Legal\""),
            "{}",
            diagnostics[0].message
        );
        assert!(
            diagnostics[0].help[0].contains("paper = \"A4\"")
                && diagnostics[0].help[0].contains("paper = \"Letter\""),
            "{:?}",
            diagnostics[0].help
        );
        let unknown = refused("title = \"x\"\n[print]\nsize = \"A4\"\n");
        assert_eq!(unknown[0].line_col(), Some((3, 1)));
    }

    #[test]
    fn unknown_effort_unit_lists_the_allowed_ones() {
        let diagnostics = refused("title = \"x\"\neffort_unit = \"days\"\n");
        assert!(
            diagnostics[0].help[0].contains("person-days"),
            "{:?}",
            diagnostics[0]
        );
    }
}
