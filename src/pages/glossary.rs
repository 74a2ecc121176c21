//! The glossary page: every term the site explains, in plain words.

use crate::pages::context::Context;

use crate::pages::common::SiteData;

impl SiteData<'_> {
    /// The glossary's terms, as the glossary file lists them.
    pub(super) fn glossary_page(&self, context: &mut Context) {
        context.insert("title", "Glossary");
        context.insert("terms", &self.glossary.terms);
    }
}
