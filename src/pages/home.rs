//! The home page: the current sprint in a headline and its figures, and the newest pages.

use crate::pages::context::Context;

use crate::pages::common::SiteData;
use crate::pages::render::Link;
use crate::pages::sprint::SprintView;
use crate::words::narrate;

/// How many of the newest pages the home page links to.
const RECENT_PAGES: usize = 8;

impl SiteData<'_> {
    /// The home page's own values.
    pub(super) fn home_page(&self, context: &mut Context, root: &str) {
        context.insert("title", &self.config.title);
        let Some(current) = self.ledger.current_sprint().map(|_| self.ledger.current) else {
            context.insert("headline", "No sprint data yet.");
            context.insert("sprint", &None::<SprintView>);
            context.insert("pages", &Vec::<Link>::new());
            return;
        };
        context.insert(
            "headline",
            &narrate::sprint_headline(self.config, self.ledger, self.accounts, current),
        );
        context.insert("sprint", &Some(self.sprint_view(current, root, false)));
        context.insert("quality", &self.quality(current));
        context.insert("pages", &self.recent_pages(root));
    }

    /// The newest narratives (not folder indexes), linked.
    fn recent_pages(&self, root: &str) -> Vec<Link> {
        let mut recent: Vec<usize> = (0..self.content.narratives.len())
            .filter(|&i| !self.content.narratives[i].is_index)
            .collect();
        self.sort_newest_first(&mut recent);
        recent
            .into_iter()
            .take(RECENT_PAGES)
            .map(|i| self.page_link(i, root))
            .collect()
    }
}
