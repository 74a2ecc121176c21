//! What many pages show or ask alike, made once per build instead of once per page: the
//! frame's template values (see `layout`) and facts about the whole ledger.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::pages::context::Shared;
use crate::pages::render::NavItem;

/// The parts of the frame that many pages share, each made into a template value once per
/// build: the site's own values, the categories' legend, and the navigation as seen from each
/// depth and section (10,000 pages in 20 folders see 20 different navigations).
#[derive(Default)]
pub struct SharedValues {
    pub(super) site: OnceLock<Shared>,
    pub(super) categories: OnceLock<Shared>,
    navs: Mutex<HashMap<Vec<NavItem>, Shared>>,
    /// Whether any work row names a system, and whether any names an initiative (every sprint
    /// page's data-quality panel asks; the answer takes a pass over every row).
    pub(super) rows_name: OnceLock<(bool, bool)>,
}

impl SharedValues {
    /// The template value of a navigation, made once for each different one.
    pub(super) fn shared_nav(&self, items: Vec<NavItem>) -> Shared {
        let mut navs = self.navs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(shared) = navs.get(&items) {
            return shared.clone();
        }
        let shared = Shared::new(&items);
        navs.insert(items, shared.clone());
        shared
    }
}
