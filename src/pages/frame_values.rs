//! The values of the page frame that many pages share, made into template values once per
//! build instead of once per page (see `layout`).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::pages::context::Shared;
use crate::pages::render::NavItem;

/// The parts of the frame that many pages share, each made into a template value once per
/// build: the site's own values, the categories' legend, and the navigation as seen from each
/// depth and section (10,000 pages in 20 folders see 20 different navigations).
#[derive(Default)]
pub struct FrameValues {
    pub(super) site: OnceLock<Shared>,
    pub(super) categories: OnceLock<Shared>,
    navs: Mutex<HashMap<Vec<NavItem>, Shared>>,
}

impl FrameValues {
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
