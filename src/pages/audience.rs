//! An audience's page: its brief (`brief`), then the pages written for it and the pages
//! written for everyone, each newest first.

use crate::pages::context::Context;

use crate::pages::common::SiteData;
use crate::pages::render::Link;

impl SiteData<'_> {
    /// The index page of one audience (by index into the config's audiences).
    pub(super) fn audience_page(&self, index: usize, context: &mut Context, root: &str) {
        let audience = &self.config.audiences[index];
        context.insert("title", &audience.label);
        context.insert("audience", audience);
        let (mine, everyone) = self.audience_pages(&audience.id, root);
        context.insert("pages", &mine);
        context.insert("everyone", &everyone);
        self.brief_page(index, context, root);
    }

    /// Pages written for an audience, newest first, and the pages written for everyone.
    fn audience_pages(&self, audience: &str, root: &str) -> (Vec<Link>, Vec<Link>) {
        let mut mine: Vec<usize> = Vec::new();
        let mut everyone: Vec<usize> = Vec::new();
        for (index, narrative) in self.content.narratives.iter().enumerate() {
            if narrative.audience.is_empty() {
                everyone.push(index);
            } else if narrative.audience.iter().any(|a| a == audience) {
                mine.push(index);
            }
        }
        self.sort_newest_first(&mut mine);
        self.sort_newest_first(&mut everyone);
        let links = |list: Vec<usize>| list.into_iter().map(|i| self.page_link(i, root)).collect();
        (links(mine), links(everyone))
    }
}
