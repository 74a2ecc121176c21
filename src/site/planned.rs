//! Every file a build will write and where each comes from, known before anything is
//! rendered, so that two sources for one output file are reported (naming both) before any
//! file is written. The list matches what [`Site::data_files`] and the pages produce.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::charts::{Chart, ChartRequest};
use crate::error::Error;
use crate::load::narratives;
use crate::pages::{PageJob, PageKind};
use crate::site::collisions::{self, Origin};
use crate::site::loading::Site;
use crate::site::output::OUTPUT_MARKER;

/// Where a file under `content/` is copied to: its path inside `content/`, with `/`.
pub(super) fn asset_address(asset: &Path) -> String {
    let inside = asset.strip_prefix(narratives::CONTENT_DIR).unwrap_or(asset);
    inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Where the search index, feed, sitemap and other files tally makes are written, with
/// what each is for the reader of an error.
pub(super) const MADE_FILES: [(&str, &str); 5] = [
    ("atom.xml", "the feed of sprint reports"),
    ("sitemap.xml", "the sitemap"),
    ("search-index.js", "the search index"),
    ("data/accounts.json", "the export of every figure"),
    (OUTPUT_MARKER, "the marker of tally's output folder"),
];

/// The CSV of a chart's numbers.
pub(super) fn chart_csv_path(chart: &Chart) -> String {
    format!("data/charts/{}.csv", chart.id)
}

/// The CSV of the rows behind the capitalization page, when the site has that page.
pub(super) const CAPITALIZATION_ROWS: &str = "data/capitalization-rows.csv";

/// Whether the site has a capitalization page, and so its CSV of rows.
pub(super) fn has_capitalization(jobs: &[PageJob]) -> bool {
    jobs.iter().any(|j| j.kind == PageKind::Capitalization)
}

/// "the page of sprint `2026-S23`", to name a generated page in an error.
fn page_of(what: &str, id: &str) -> String {
    format!("the page of {what} `{id}`")
}

impl Site {
    /// Every file the build will write and where it comes from: the same list as the pages
    /// and [`Site::data_files`] produce, known before anything is rendered.
    pub(crate) fn planned_outputs(
        &self,
        jobs: &[PageJob],
        charts: &HashMap<ChartRequest, Chart>,
    ) -> Vec<(String, Origin)> {
        let mut planned: Vec<(String, Origin)> = jobs
            .iter()
            .map(|job| (job.output_path(), self.origin_of(job)))
            .collect();
        let made = |path: &str, what: &str| (path.to_string(), Origin::Generated(what.to_string()));
        if has_capitalization(jobs) {
            planned.push(made(
                CAPITALIZATION_ROWS,
                "the table of capitalization rows",
            ));
        }
        planned.extend(MADE_FILES.iter().map(|(path, what)| made(path, what)));
        planned.extend(charts.values().map(|chart| {
            let what = format!("the numbers of the chart `{}`", chart.id);
            (chart_csv_path(chart), Origin::Generated(what))
        }));
        planned.extend(self.theme.statics.iter().map(|s| {
            let own = Path::new("static").join(&s.address);
            let origin = if self.root.join(&own).is_file() {
                Origin::Copied(own)
            } else {
                Origin::Theme(s.address.clone())
            };
            (s.address.clone(), origin)
        }));
        planned.extend(
            self.content
                .assets
                .iter()
                .map(|asset| (asset_address(asset), Origin::Copied(asset.clone()))),
        );
        planned
    }

    /// What makes a page: its narrative, its folder, or tally itself.
    fn origin_of(&self, job: &PageJob) -> Origin {
        use PageKind as K;
        let ledger = &self.ledger;
        let what = match &job.kind {
            K::Narrative(i) => {
                return Origin::Narrative(Arc::clone(&self.content.narratives[*i].source));
            }
            K::Section(folder) => {
                if let Some(origin) = self.folder_origin(folder) {
                    return origin;
                }
                format!("the list of the pages in `{folder}`")
            }
            K::Home => "the home page".to_string(),
            K::Sprints => "the list of sprints".to_string(),
            K::Sprint(i) => page_of("sprint", &ledger.sprints[*i].id),
            K::Teams => "the list of teams".to_string(),
            K::Team(i) => page_of("team", &ledger.teams[*i].id),
            K::NotFound => "the page for unknown addresses".to_string(),
            K::Glossary => "the glossary page".to_string(),
            K::Audience(i) => format!(
                "the page for the audience `{}`",
                self.config.audiences[*i].id
            ),
            K::Initiatives => "the list of big projects".to_string(),
            K::Initiative(i) => page_of("big project", &ledger.initiatives[*i].id),
            K::Systems => "the list of systems".to_string(),
            K::System(i) => page_of("system", &ledger.systems[*i].id),
            K::Dependencies => "the list of libraries".to_string(),
            K::Debt => "the tech-debt ledger".to_string(),
            K::Capitalization => "the capitalization page".to_string(),
            K::Delivery => "the delivery record".to_string(),
            K::Incident(i) => page_of("incident", &ledger.delivery.incidents[*i].id),
        };
        Origin::Generated(what)
    }

    /// A folder's page comes from the folder, shown by one narrative inside it.
    fn folder_origin(&self, folder: &str) -> Option<Origin> {
        let example = self
            .content
            .narratives
            .iter()
            .find(|n| n.address != *folder && n.address.starts_with(folder))
            .map(|n| Arc::clone(&n.source))?;
        Some(Origin::Folder {
            folder: format!("{}/{folder}", narratives::CONTENT_DIR),
            example,
        })
    }

    /// Two sources for one output file are an error naming both, before anything is written.
    pub(super) fn check_outputs(
        &self,
        jobs: &[PageJob],
        charts: &HashMap<ChartRequest, Chart>,
    ) -> Result<(), Error> {
        Error::invalid_if_any(collisions::check(self.planned_outputs(jobs, charts)))
    }
}
