//! `site.toml`: the site's title, units, currency and investment categories.

use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::Error;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::input::{is_valid_id, parse_toml, read_source};

/// The id under which work without a category is counted.
pub const UNCATEGORIZED: &str = "uncategorized";

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
    base_url: Option<String>,
    theme: Option<Spanned<String>>,
    currency: Option<String>,
    effort_unit: Option<EffortUnit>,
    hours_per_day: Option<Spanned<f64>>,
    current_sprint: Option<Spanned<String>>,
    #[serde(default)]
    categories: IndexMap<Spanned<String>, Spanned<RawCategory>>,
    #[serde(default)]
    audiences: IndexMap<Spanned<String>, RawAudience>,
    #[serde(default)]
    targets: IndexMap<Spanned<String>, Spanned<f64>>,
    /// Tracker import rules; read and checked by `tally import` itself.
    #[serde(default)]
    #[allow(dead_code)]
    import: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAudience {
    label: Option<String>,
    description: Option<String>,
}

/// A group of readers with its own index page at `for/<id>/`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Audience {
    /// The id used in front matter and the address.
    pub id: String,
    /// The page's name, e.g. "For finance".
    pub label: String,
    /// One sentence: who this is for and what they will find.
    pub description: String,
}

/// The four audiences that work without configuration.
pub fn default_audiences() -> Vec<Audience> {
    let make = |id: &str, label: &str, description: &str| Audience {
        id: id.to_string(),
        label: label.to_string(),
        description: description.to_string(),
    };
    vec![
        make(
            "executive",
            "For executives",
            "Where engineering time goes, what changed and what we ask for, in a few minutes.",
        ),
        make(
            "finance",
            "For finance",
            "What engineering costs, how the cost is counted, and what the figures leave out.",
        ),
        make(
            "product",
            "For product",
            "How much time goes to new things against upkeep, and what that means for the roadmap.",
        ),
        make(
            "engineering",
            "For engineering",
            "The detail behind the numbers: systems, upkeep and the work that pays it down.",
        ),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    label: Option<String>,
    color: Option<Spanned<String>>,
    #[serde(default)]
    explain: String,
    #[serde(default)]
    capitalizable: bool,
}

/// An investment category: a bucket of work that a reader can understand.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Category {
    /// Stable id, used in data files, addresses and the export.
    pub id: String,
    /// The name readers see.
    pub label: String,
    /// `#rrggbb`, the same everywhere on the site.
    pub color: String,
    /// One plain sentence saying what counts here.
    pub explain: String,
    /// Whether work in this category is capitalizable by default.
    pub capitalizable: bool,
}

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
            default_categories()
        } else {
            check_categories(&source, raw.categories, &mut diagnostics)
        };
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
        let audiences = merge_audiences(&source, raw.audiences, &mut diagnostics);
        let targets = check_targets(&source, &categories, raw.targets, &mut diagnostics);
        let config = Self {
            targets,
            audiences,
            title: raw.title,
            description: raw.description,
            base_url: raw.base_url,
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

/// The neutral grey of `uncategorized`: visible on light and dark backgrounds.
pub const UNCATEGORIZED_COLOR: &str = "#8a8f98";

/// A palette for categories without a colour: mid-tones with 3:1 contrast on white and on
/// near-black.
const PALETTE: [&str; 10] = [
    "#2f6fdf", "#0f8a6a", "#8a5cd6", "#d9730d", "#c2416b", "#3d8fb3", "#9c7a15", "#5f7d2b",
    "#b5568f", "#6b7fa8",
];

/// The Balance framework's four categories, used when `site.toml` defines none.
pub fn default_categories() -> Vec<Category> {
    let make = |id: &str, label: &str, color: &str, explain: &str, capitalizable: bool| Category {
        id: id.to_string(),
        label: label.to_string(),
        color: color.to_string(),
        explain: explain.to_string(),
        capitalizable,
    };
    vec![
        make(
            "new",
            "New things",
            PALETTE[0],
            "Building features and products that customers have not had before.",
            true,
        ),
        make(
            "improve",
            "Improving what exists",
            PALETTE[1],
            "Making existing features better, faster or easier to use.",
            true,
        ),
        make(
            "productivity",
            "Making the team faster",
            PALETTE[2],
            "Tools, automation and clean-up that let engineers ship with less effort.",
            false,
        ),
        make(
            "ktlo",
            "Keeping the lights on",
            PALETTE[3],
            "Fixing bugs, upgrading, patching, on-call: the cost of owning what we already have.",
            false,
        ),
    ]
}

fn check_categories(
    source: &Arc<SourceFile>,
    raw: IndexMap<Spanned<String>, Spanned<RawCategory>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Category> {
    let mut categories = Vec::with_capacity(raw.len());
    for (index, (id, category)) in raw.into_iter().enumerate() {
        let id_span = id.span();
        let id = id.into_inner();
        if id == UNCATEGORIZED {
            diagnostics.push(
                Diagnostic::error(source, id_span, "`uncategorized` is reserved")
                    .with_help("work rows without `category` are counted as `uncategorized` automatically; pick another id"),
            );
            continue;
        }
        if !is_valid_id(&id) {
            diagnostics.push(
                Diagnostic::error(source, id_span, format!("`{id}` cannot be a category id"))
                    .with_help(
                        "ids are used in addresses and files: use letters, digits, `-` and `_`",
                    ),
            );
            continue;
        }
        let category = category.into_inner();
        let color = match category.color {
            Some(color) if !is_hex_color(color.get_ref()) => {
                diagnostics.push(
                    Diagnostic::error(source, color.span(), "a colour is written `#rrggbb`")
                        .with_help("for example `color = \"#d97706\"`"),
                );
                PALETTE[index % PALETTE.len()].to_string()
            }
            Some(color) => color.into_inner().to_lowercase(),
            None => PALETTE[index % PALETTE.len()].to_string(),
        };
        categories.push(Category {
            label: category.label.unwrap_or_else(|| id.clone()),
            id,
            color,
            explain: category.explain,
            capitalizable: category.capitalizable,
        });
    }
    categories
}

/// Checks target shares: known categories, fractions from 0 to 1.
pub fn check_targets(
    source: &Arc<SourceFile>,
    categories: &[Category],
    raw: IndexMap<Spanned<String>, Spanned<f64>>,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, f64)> {
    let mut targets = Vec::new();
    for (id, share) in raw {
        let Some(slot) = categories.iter().position(|c| &c.id == id.get_ref()) else {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    id.span(),
                    format!("unknown category `{}`", id.get_ref()),
                )
                .with_help(crate::diagnostics::unknown_name_help(
                    id.get_ref(),
                    "category",
                    categories.iter().map(|c| c.id.as_str()),
                )),
            );
            continue;
        };
        let value = *share.get_ref();
        if !(0.0..=1.0).contains(&value) {
            diagnostics.push(
                Diagnostic::error(
                    source,
                    share.span(),
                    format!("a target share is a fraction from 0 to 1, not {value}"),
                )
                .with_help("write 0.25 for a target of 25%"),
            );
            continue;
        }
        targets.push((slot, value));
    }
    targets
}

fn merge_audiences(
    source: &Arc<SourceFile>,
    raw: IndexMap<Spanned<String>, RawAudience>,
    diagnostics: &mut Diagnostics,
) -> Vec<Audience> {
    let mut audiences = default_audiences();
    for (id, audience) in raw {
        let span = id.span();
        let id = id.into_inner();
        if !is_valid_id(&id) {
            diagnostics.push(
                Diagnostic::error(source, span, format!("`{id}` cannot be an audience id"))
                    .with_help("audience ids are used in addresses (for/<id>/): use letters, digits, `-` and `_`"),
            );
            continue;
        }
        let position = audiences.iter().position(|a| a.id == id);
        let entry = match position {
            Some(i) => &mut audiences[i],
            None => {
                audiences.push(Audience {
                    label: format!("For {}", id.replace(['-', '_'], " ")),
                    description: String::new(),
                    id,
                });
                audiences.last_mut().expect("just pushed")
            }
        };
        if let Some(label) = audience.label {
            entry.label = label;
        }
        if let Some(description) = audience.description {
            entry.description = description;
        }
    }
    audiences
}

fn is_hex_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(SourceFile::new("site.toml", text))
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
        let Err(Error::Invalid(diagnostics)) =
            parse("title = \"x\"\n[categories.uncategorized]\n[categories.a]\ncolor = \"red\"\n")
        else {
            panic!("expected errors")
        };
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].line_col(), Some((2, 13)));
        assert_eq!(diagnostics[1].line_col(), Some((4, 9)));
    }

    #[test]
    fn hours_convert_to_person_days() {
        let config =
            parse("title = \"x\"\neffort_unit = \"hours\"\nhours_per_day = 7.5\n").unwrap();
        assert_eq!(config.to_person_days(15.0), 2.0);
    }

    #[test]
    fn unknown_effort_unit_lists_the_allowed_ones() {
        let Err(Error::Invalid(diagnostics)) = parse("title = \"x\"\neffort_unit = \"days\"\n")
        else {
            panic!("expected an error")
        };
        assert!(
            diagnostics[0].help[0].contains("person-days"),
            "{:?}",
            diagnostics[0]
        );
    }
}
