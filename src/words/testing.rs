//! Small sites for the words' unit tests: two teams (Payments with a day cost, Driver App
//! without), the built-in categories unless a test gives its own, one sprint per text.

use crate::accounts::Accounts;
use crate::diagnostics::SourceFile;
use crate::load::config::Config;
use crate::load::ledger::{Ledger, LedgerSources};

/// A site with `site_toml` after its title, and one sprint per entry of `sprints` (work rows).
pub fn site_with(site_toml: &str, sprints: &[&str]) -> (Config, Ledger, Accounts) {
    site_full(site_toml, None, sprints)
}

/// A site with big projects (`initiatives.toml`, owned by team `a`) as well.
pub fn site_full(
    site_toml: &str,
    initiatives: Option<&str>,
    sprints: &[&str],
) -> (Config, Ledger, Accounts) {
    let config = Config::parse(SourceFile::new(
        "site.toml",
        format!("title = \"t\"\n{site_toml}"),
    ))
    .unwrap();
    let teams = "[[team]]\nid = \"a\"\nname = \"Payments\"\npeople = 2\nday_cost = 500\n\
                 [[team]]\nid = \"b\"\nname = \"Driver App\"\npeople = 3\n";
    let sprints = sprints
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let start = jiff::civil::date(2026, 1, 5)
                .checked_add(jiff::Span::new().days(14 * i as i64))
                .unwrap();
            let end = start.checked_add(jiff::Span::new().days(4)).unwrap();
            SourceFile::new(
                format!("s{i}.toml"),
                format!("id = \"S{i}\"\nstart = {start}\nend = {end}\n{text}"),
            )
        })
        .collect();
    let ledger = Ledger::check_sources(
        &config,
        LedgerSources {
            teams: Some(SourceFile::new("teams.toml", teams)),
            sprints,
            initiatives: initiatives.map(|text| SourceFile::new("initiatives.toml", text)),
            ..LedgerSources::default()
        },
    )
    .unwrap();
    let accounts = Accounts::compute(&config, &ledger);
    (config, ledger, accounts)
}

/// A site with the built-in categories.
pub fn site(sprints: &[&str]) -> (Config, Ledger, Accounts) {
    site_with("", sprints)
}

/// One work row.
pub fn row(team: &str, category: &str, effort: f64) -> String {
    format!("[[work]]\nteam = \"{team}\"\ncategory = \"{category}\"\neffort = {effort}\n")
}

/// Sprints in which Payments spends `ktlo[i]` of 100 person-days on keeping the lights on and
/// the rest on new things.
pub fn ktlo_series(ktlo: &[f64]) -> (Config, Ledger, Accounts) {
    let sprints: Vec<String> = ktlo
        .iter()
        .map(|k| row("a", "ktlo", *k) + &row("a", "new", 100.0 - k))
        .collect();
    let refs: Vec<&str> = sprints.iter().map(String::as_str).collect();
    site(&refs)
}
