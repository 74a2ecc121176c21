//! Every file of the site that is not a page: the CSV of capitalization rows, the feed, the
//! sitemap, the search index, `data/accounts.json`, each chart's CSV, the theme's static files,
//! the assets under `content/` and the marker of tally's output folder.

use crate::charts::Chart;
use crate::error::Error;
use crate::pages::{self, PageJob, export, feeds};
use crate::site::loading::Site;
use crate::site::output::{OUTPUT_MARKER, OutputFile};
use crate::site::planned::{
    CAPITALIZATION_ROWS, asset_address, chart_csv_path, has_capitalization,
};
use crate::site::prepare::Prepared;
use crate::site::publish;
use crate::words::narrate::sprint_headline;

fn file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// Each chart's numbers as CSV, in the order of the charts' ids.
pub(super) fn chart_csvs<'a>(charts: impl IntoIterator<Item = &'a Chart>) -> Vec<OutputFile> {
    let mut charts: Vec<&Chart> = charts.into_iter().collect();
    charts.sort_by(|a, b| a.id.cmp(&b.id));
    charts
        .into_iter()
        .map(|chart| file(&chart_csv_path(chart), chart.table.csv()))
        .collect()
}

impl Site {
    /// Every file that is not a page: the export, chart CSVs, feeds, static files and assets.
    pub fn data_files(&self, prepared: &Prepared) -> Result<Vec<OutputFile>, Error> {
        let jobs = &prepared.jobs;
        let mut files = Vec::with_capacity(prepared.charts.len() + 16);
        if has_capitalization(jobs) {
            let rows = pages::capitalization_csv(&self.config, &self.ledger, &self.accounts);
            files.push(file(CAPITALIZATION_ROWS, rows));
        }
        files.extend(self.feeds(jobs));
        files.push(file(
            "search-index.js",
            pages::search_index(&self.books(), &self.content, &self.glossary, jobs),
        ));
        files.push(file(
            "data/accounts.json",
            export::accounts_json(&self.config, &self.ledger, &self.accounts),
        ));
        files.extend(chart_csvs(prepared.charts.values()));
        files.extend(self.theme.statics.iter().map(|s| OutputFile {
            path: s.address.clone(),
            bytes: s.bytes.to_vec(),
        }));
        files.extend(self.assets()?);
        files.push(OutputFile {
            path: OUTPUT_MARKER.to_string(),
            bytes: publish::MARKER_TEXT.to_vec(),
        });
        Ok(files)
    }

    /// The feed of sprint reports and the sitemap, absolute when the base address is.
    fn feeds(&self, jobs: &[PageJob]) -> [OutputFile; 2] {
        let base = self
            .config
            .base_url
            .as_deref()
            .filter(|b| b.contains("://"));
        let headlines: Vec<String> = (0..self.ledger.sprints.len())
            .map(|s| sprint_headline(&self.config, &self.ledger, &self.accounts, s))
            .collect();
        [
            file(
                "atom.xml",
                feeds::atom(&self.config, &self.ledger, &self.content, &headlines, base),
            ),
            file(
                "sitemap.xml",
                feeds::sitemap(jobs.iter().map(|j| j.address.as_str()), base),
            ),
        ]
    }

    /// The files under `content/` that are copied as they are.
    fn assets(&self) -> Result<Vec<OutputFile>, Error> {
        self.content
            .assets
            .iter()
            .map(|asset| {
                let full = self.root.join(asset);
                let bytes = std::fs::read(&full).map_err(Error::io("could not read", &full))?;
                Ok(OutputFile {
                    path: asset_address(asset),
                    bytes,
                })
            })
            .collect()
    }
}
