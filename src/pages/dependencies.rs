//! Dependency freshness: every library of every system, the furthest behind first, in years
//! behind its newest version ("libyears").

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::systems::{behind_major, libyears};
use crate::pages::common::{SiteData, item_href};
use crate::words::narrate;

#[derive(Serialize)]
pub(super) struct DependencyRow {
    system: String,
    system_href: String,
    name: String,
    ecosystem: String,
    version: String,
    released: String,
    latest: String,
    latest_released: String,
    libyears: String,
    behind_major: bool,
}

impl SiteData<'_> {
    /// The libraries of one system, or of all; the furthest behind first.
    pub(super) fn dependency_rows(&self, system: Option<usize>, root: &str) -> Vec<DependencyRow> {
        let mut rows: Vec<(f64, DependencyRow)> = Vec::new();
        for (index, s) in self.ledger.systems.iter().enumerate() {
            if system.is_some_and(|only| only != index) {
                continue;
            }
            for d in &s.dependencies {
                rows.push((
                    libyears(d),
                    DependencyRow {
                        system: s.name.clone(),
                        system_href: item_href(root, "systems/", &s.id),
                        name: d.name.clone(),
                        ecosystem: d.ecosystem.clone().unwrap_or_default(),
                        version: d.version.clone(),
                        released: d.released.iso(),
                        latest: d.latest.clone(),
                        latest_released: d.latest_released.iso(),
                        libyears: narrate::number(libyears(d)),
                        behind_major: behind_major(d),
                    },
                ));
            }
        }
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        rows.into_iter().map(|(_, r)| r).collect()
    }

    /// The dependency freshness page.
    pub(super) fn dependencies_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Dependency freshness");
        context.insert("dependencies", &self.dependency_rows(None, root));
        let behind: usize = self.accounts.systems.iter().map(|s| s.behind_major).sum();
        let total: f64 = self.accounts.systems.iter().map(|s| s.libyears).sum();
        context.insert(
            "headline",
            &format!(
                "Our systems' libraries are {} years behind their newest versions, added up; {} {} at least one major version behind.",
                narrate::spoken_number(total),
                behind,
                if behind == 1 { "is" } else { "are" }
            ),
        );
    }
}
