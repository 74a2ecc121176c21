//! `atom.xml` and `sitemap.xml`: so readers can subscribe to sprint reports, and crawlers of the
//! internal portal find every page.
//!
//! Pages link relatively everywhere, but feeds need absolute addresses: with a base URL
//! (`--base-url` or `base_url` in site.toml) they are absolute; without one, they are relative to
//! the site's root, which most feed readers resolve against the feed's own address.

use crate::load::config::Config;
use crate::load::ledger::Ledger;
use crate::load::narratives::Content;
use crate::pages::plan::sprint_address;
use crate::text::escape_xml;
use crate::text::slugify;
use crate::text::urls::encode_path;

/// One feed entry.
struct Entry {
    title: String,
    address: String,
    updated: String,
    summary: String,
}

/// The absolute (or root-relative) URL of an address, percent-encoded (a page's folder may
/// have spaces or accents in its name).
fn url(base: Option<&str>, address: &str) -> String {
    let address = encode_path(address);
    let file = if address.is_empty() || address.ends_with('/') {
        format!("{address}index.html")
    } else {
        address
    };
    match base {
        Some(base) => format!("{}/{file}", base.trim_end_matches('/')),
        None => file,
    }
}

/// The Atom feed of sprint reports and dated narratives, newest first.
pub fn atom(
    config: &Config,
    ledger: &Ledger,
    content: &Content,
    headlines: &[String],
    base: Option<&str>,
) -> String {
    let mut entries: Vec<Entry> = ledger
        .sprints
        .iter()
        .zip(headlines)
        .map(|(sprint, headline)| {
            let address = sprint_address(sprint);
            let title = content
                .at(&address)
                .map(|n| n.title.clone())
                .unwrap_or_else(|| format!("Sprint {}", sprint.id));
            Entry {
                title,
                updated: sprint.end.iso(),
                summary: headline.clone(),
                address,
            }
        })
        .collect();
    let sprint_addresses: Vec<String> = ledger.sprints.iter().map(sprint_address).collect();
    entries.extend(
        content
            .narratives
            .iter()
            .filter(|n| !n.is_index && !sprint_addresses.contains(&n.address))
            .filter_map(|n| {
                Some(Entry {
                    title: n.title.clone(),
                    address: n.address.clone(),
                    updated: n.date?.iso(),
                    summary: n.summary.clone().unwrap_or_default(),
                })
            }),
    );
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.address.cmp(&b.address)));
    let updated = entries
        .first()
        .map_or("1970-01-01".to_string(), |e| e.updated.clone());
    let feed_id = match base {
        Some(base) => url(Some(base), ""),
        None => format!("urn:tally:{}", slugify(&config.title)),
    };
    let mut xml = String::with_capacity(512 + entries.len() * 400);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape_xml(&config.title)));
    if !config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_xml(&config.description)
        ));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape_xml(&feed_id)));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape_xml(&url(base, "atom.xml"))
    ));
    xml.push_str(&format!(
        "  <link href=\"{}\"/>\n",
        escape_xml(&url(base, ""))
    ));
    xml.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_xml(&config.title)
    ));
    for entry in &entries {
        let link = url(base, &entry.address);
        let id = match base {
            Some(_) => link.clone(),
            None => format!(
                "urn:tally:{}:{}",
                slugify(&config.title),
                encode_path(entry.address.trim_end_matches('/'))
            ),
        };
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape_xml(&entry.title)
        ));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", escape_xml(&link)));
        xml.push_str(&format!("    <id>{}</id>\n", escape_xml(&id)));
        xml.push_str(&format!(
            "    <updated>{}T00:00:00Z</updated>\n",
            entry.updated
        ));
        if !entry.summary.is_empty() {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                escape_xml(&entry.summary)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The sitemap of every page (the not-found page excluded).
pub fn sitemap<'a>(addresses: impl IntoIterator<Item = &'a str>, base: Option<&str>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut addresses: Vec<&str> = addresses.into_iter().filter(|a| *a != "404.html").collect();
    addresses.sort_unstable();
    for address in addresses {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_xml(&url(base, address))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_absolute_with_a_base_and_name_index_files() {
        assert_eq!(
            url(Some("https://intra.example/eng/"), "sprints/S1/"),
            "https://intra.example/eng/sprints/S1/index.html"
        );
        assert_eq!(url(None, ""), "index.html");
        assert_eq!(url(None, "atom.xml"), "atom.xml");
        assert_eq!(
            url(Some("https://x.test/r/"), "notes/my file ü 🎉/"),
            "https://x.test/r/notes/my%20file%20%C3%BC%20%F0%9F%8E%89/index.html"
        );
    }

    #[test]
    fn the_sitemap_lists_pages_but_not_the_404() {
        let xml = sitemap(["sprints/", "", "404.html"], Some("https://x.test"));
        assert!(xml.contains("<loc>https://x.test/index.html</loc>"));
        assert!(xml.contains("<loc>https://x.test/sprints/index.html</loc>"));
        assert!(!xml.contains("404"));
    }
}
