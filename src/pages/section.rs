//! A folder's page: the narratives in it and its sub-folders, so that every page can be
//! reached. The same listing ends the sprints page (the reports kept under `sprints/`).

use std::collections::BTreeSet;

use crate::pages::context::Context;

use crate::pages::common::{SiteData, folder_title};
use crate::pages::render::Link;
use crate::text::urls::page_href;

impl SiteData<'_> {
    /// The index page of a folder of narratives.
    pub(super) fn section_page(&self, folder: &str, context: &mut Context, root: &str) {
        context.insert("title", &folder_title(self.content, folder));
        context.insert("pages", &self.listing(folder, root));
    }

    /// The pages of a folder, then its sub-folders.
    pub(super) fn listing(&self, folder: &str, root: &str) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .listings
            .get(folder)
            .map(|pages| pages.iter().map(|&i| self.page_link(i, root)).collect())
            .unwrap_or_default();
        // Sub-folders are listed too, so every page can be reached.
        let subfolders: BTreeSet<String> = self
            .content
            .narratives
            .iter()
            .filter(|n| n.parent.starts_with(folder) && n.parent != folder && !n.is_index)
            .filter_map(|n| {
                let rest = &n.parent[folder.len()..];
                rest.split('/')
                    .next()
                    .map(|first| format!("{folder}{first}/"))
            })
            .collect();
        for sub in subfolders {
            links.push(Link {
                title: folder_title(self.content, &sub),
                href: page_href(root, &sub),
                note: "A folder of pages".to_string(),
                date: String::new(),
            });
        }
        links
    }
}
