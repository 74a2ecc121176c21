//! The starter site that `tally init` writes: small, complete, and meant to be replaced.

use std::path::Path;

use crate::error::Error;

const SITE_TOML: &str = r##"# The site's settings. Every key is described in tally's README.
title = "Acme Engineering: where our time goes"
description = "Where engineering time goes, sprint by sprint, in plain words."
currency = "USD"
effort_unit = "person-days"   # or "hours", with hours_per_day = 8

# With no [categories], tally uses four defaults: new, improve, productivity, ktlo.
# Define your own like this (the table order is the charts' stacking order):
# [categories.ktlo]
# label = "Keeping the lights on"
# color = "#d9730d"
# explain = "Fixing bugs, upgrading, patching, on-call: the cost of owning what we already have."
# capitalizable = false
# kind = "upkeep"             # mark the one category that keeps the lights on
"##;

const TEAMS_TOML: &str = r#"# One [[team]] per team. Report at team level: never list individuals.
[[team]]
id = "web"
name = "Web"
people = 5
day_cost = 700        # loaded cost of one person-day, in the site's currency
explain = "Builds the website customers buy from."

[[team]]
id = "platform"
name = "Platform"
people = 4
explain = "Runs the servers, databases and deploy tools the other teams build on."
"#;

const SPRINT_1: &str = r#"start = 2026-01-05
end = 2026-01-16

[[work]]
team = "web"
category = "new"
effort = 24
title = "New checkout page"
ref = "WEB-101"

[[work]]
team = "web"
category = "ktlo"
effort = 12
title = "Bug fixes"
planned = false

[[work]]
team = "platform"
category = "productivity"
effort = 14
title = "Faster test runs"

[[work]]
team = "platform"
category = "ktlo"
effort = 16
title = "Database patching"

[[capacity]]
team = "web"
effort = 40
"#;

const SPRINT_2: &str = r#"start = 2026-01-19
end = 2026-01-30

[[work]]
team = "web"
category = "new"
effort = 20
title = "New checkout page"
ref = "WEB-101"

[[work]]
team = "web"
category = "improve"
effort = 10
title = "Faster search results"

[[work]]
team = "web"
category = "ktlo"
effort = 8
title = "Bug fixes"
planned = false

[[work]]
team = "platform"
category = "ktlo"
effort = 22
title = "Database upgrade"

[[capacity]]
team = "web"
effort = 40
"#;

const HOME_MD: &str = r#"+++
title = "Where engineering time goes"
+++

This report shows how our engineering teams spent their time, sprint by sprint.
Replace the files in `content/` with your own data and narratives, then run `tally build`.
"#;

const SPRINT_MD: &str = r#"+++
title = "Sprint 2026-02: the database upgrade"
sprint = "2026-02"
summary = "Platform upgraded the main database; the checkout page is nearly done."
+++

## What changed

The Platform team spent most of the sprint upgrading the main database.

## Why it matters

An unsupported database stops getting security fixes.

## What we ask for

Nothing this sprint.
"#;

/// The starter site's files: (path, text).
pub const FILES: &[(&str, &str)] = &[
    ("site.toml", SITE_TOML),
    ("content/_index.md", HOME_MD),
    ("content/data/teams.toml", TEAMS_TOML),
    ("content/data/sprints/2026-01.toml", SPRINT_1),
    ("content/data/sprints/2026-02.toml", SPRINT_2),
    ("content/sprints/2026-02.md", SPRINT_MD),
];

/// Writes the starter site into `dir`, which must not exist or be empty. Returns how many
/// files were written.
pub fn write(dir: &Path) -> Result<usize, Error> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(Error::io("could not read", dir))?;
        if entries.next().is_some() {
            return Err(Error::Refused(format!(
                "`{}` is not empty; tally init only writes into a new or empty folder",
                dir.display()
            )));
        }
    }
    for (path, text) in FILES {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("could not create", parent))?;
        }
        std::fs::write(&full, text).map_err(Error::io("could not write", &full))?;
    }
    Ok(FILES.len())
}
