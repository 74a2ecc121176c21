//! The delivery record's checks (`releases.toml`, `incidents.toml`, `events.toml`), on small
//! sources built in memory: defaults, time zones, located errors with "did you mean".

use std::sync::Arc;

use tally::diagnostics::SourceFile;
use tally::error::Error;
use tally::load::config::Config;
use tally::load::ledger::{FollowUp, Ledger, LedgerSources};

const TEAMS: &str = "[[team]]\nid = \"payments\"\nname = \"Payments\"\npeople = 6\n";
const SYSTEMS: &str = "[[system]]\nid = \"checkout\"\nname = \"Checkout\"\nowner = \"payments\"\nlifecycle = \"invest\"\n";
const SPRINT: &str = "id = \"S1\"\nstart = 2026-01-05\nend = 2026-01-16\n[[work]]\nteam = \"payments\"\ncategory = \"ktlo\"\neffort = 4\nref = \"PAY-1\"\ntitle = \"Fix the retry\"\n";

fn sources(site: &str, files: &[(&str, &str)]) -> (Config, LedgerSources) {
    let config = Config::parse(SourceFile::new("site.toml", site)).unwrap();
    let file = |name: &str| -> Option<Arc<SourceFile>> {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| SourceFile::new(*n, *text))
    };
    let sources = LedgerSources {
        teams: Some(SourceFile::new("teams.toml", TEAMS)),
        systems: Some(SourceFile::new("systems.toml", SYSTEMS)),
        sprints: vec![SourceFile::new("S1.toml", SPRINT)],
        releases: file("releases.toml"),
        incidents: file("incidents.toml"),
        events: file("events.toml"),
        ..LedgerSources::default()
    };
    (config, sources)
}

fn check(site: &str, files: &[(&str, &str)]) -> Result<Ledger, Error> {
    let (config, sources) = sources(site, files);
    Ledger::check_sources(&config, sources)
}

/// A report as the tests read it: message, line and column, helps joined.
type Report = (String, Option<(usize, usize)>, String);

fn errors(site: &str, files: &[(&str, &str)]) -> Vec<Report> {
    match check(site, files) {
        Ok(_) => panic!("accepted"),
        Err(Error::Invalid(found)) => found
            .iter()
            .map(|d| (d.message.clone(), d.line_col(), d.help.join(" | ")))
            .collect(),
        Err(other) => panic!("{other}"),
    }
}

const INCIDENT: &str = "[[incident]]\nid = \"outage\"\ntitle = \"Checkout down\"\nstart = 2026-01-07T14:00:00\nend = 2026-01-07T15:30:00\nseverity = \"critical\"\nsystems = [\"checkout\"]\nteams = [\"payments\"]\ncustomer_impact = \"Nobody could pay.\"\ncause = \"A bad release.\"\nfollow_up = [\"PAY-1\"]\nrelease = \"v1\"\n";

#[test]
fn a_whole_record_is_read_with_its_defaults() {
    let releases = "[[release]]\nid = \"v1\"\ndate = 2026-01-07\nteam = \"payments\"\nsystem = \"checkout\"\nfailed = 1\n\n[[release]]\ndate = 2026-01-20\nteam = \"payments\"\ncount = 40\n";
    let events = "[[event]]\ndate = 2026-01-06\nlabel = \"Upgrade starts\"\nkind = \"milestone\"\n\n[[event]]\nsprint = \"S1\"\nlabel = \"New team\"\n";
    let ledger = check(
        "title = \"t\"\ntimezone = \"Europe/Berlin\"\n",
        &[
            ("releases.toml", releases),
            ("incidents.toml", INCIDENT),
            ("events.toml", events),
        ],
    )
    .unwrap();
    let d = &ledger.delivery;
    assert_eq!((d.releases[0].count, d.releases[0].failed), (1, 1));
    assert_eq!((d.releases[1].count, d.releases[1].sprint), (40, None));
    assert_eq!(d.releases[0].sprint, Some(0));
    let incident = &d.incidents[0];
    assert_eq!(incident.minutes(), 90.0);
    assert_eq!(incident.severity, 2);
    assert_eq!(incident.release, Some(0));
    assert_eq!(incident.follow_up, vec![FollowUp::Rows(vec![(0, 0)])]);
    // 14:00 in Berlin (winter) is 13:00 UTC.
    assert_eq!(incident.start.to_string(), "2026-01-07T13:00:00Z");
    assert_eq!(d.events[0].sprint, Some(0));
    assert_eq!(d.events[1].sprint, Some(0));
}

#[test]
fn an_incident_ending_before_it_starts_is_located() {
    let text = INCIDENT.replace("end = 2026-01-07T15:30:00", "end = 2026-01-07T13:30:00");
    let found = errors(
        "title = \"t\"\n",
        &[
            ("incidents.toml", &text),
            (
                "releases.toml",
                "[[release]]\nid = \"v1\"\ndate = 2026-01-07\nteam = \"payments\"\n",
            ),
        ],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .0
            .contains("ends (2026-01-07 13:30) before it starts (2026-01-07 14:00)"),
        "{found:?}"
    );
    assert_eq!(found[0].1, Some((5, 7)));
}

#[test]
fn unknown_names_get_a_did_you_mean() {
    let text = INCIDENT
        .replace("\"critical\"", "\"critcal\"")
        .replace("[\"checkout\"]", "[\"chekout\"]")
        .replace("[\"payments\"]", "[\"paymnts\"]")
        .replace("[\"PAY-1\"]", "[\"PAY-2\"]")
        .replace("release = \"v1\"\n", "");
    let found = errors("title = \"t\"\n", &[("incidents.toml", &text)]);
    let messages: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown severity `critcal`",
            "unknown system `chekout`",
            "unknown team `paymnts`",
            "unknown follow-up `PAY-2`"
        ],
    );
    assert!(
        found[0].2.contains("did you mean `critical`?"),
        "{:?}",
        found[0]
    );
    assert!(found[1].2.contains("did you mean `checkout`?"));
    assert!(found[2].2.contains("did you mean `payments`?"));
    assert!(found[3].2.contains("did you mean `PAY-1`?"));
    assert_eq!(found[0].1, Some((6, 12)));
}

#[test]
fn releases_are_checked_numbers_and_failed_is_at_most_count() {
    let found = errors(
        "title = \"t\"\n",
        &[(
            "releases.toml",
            "[[release]]\ndate = 2026-01-07\nteam = \"paymnts\"\n\n[[release]]\ndate = 2026-01-07\nteam = \"payments\"\ncount = 2\nfailed = 3\n\n[[release]]\ndate = 2026-01-07\nteam = \"payments\"\ncount = 1.5\n\n[[release]]\ndate = 2026-01-07\nteam = \"payments\"\ncount = -1\n",
        )],
    );
    assert_eq!(found.len(), 4, "{found:?}");
    let find = |part: &str| found.iter().find(|f| f.0.contains(part)).expect(part);
    find("unknown team `paymnts`");
    assert_eq!(
        find("3 failed releases is more than the 2").1,
        Some((9, 10))
    );
    find("not a whole number");
    find("negative");
}

#[test]
fn an_event_names_a_day_or_a_sprint_and_a_short_label() {
    let found = errors(
        "title = \"t\"\n",
        &[(
            "events.toml",
            "[[event]]\nsprint = \"S2\"\nlabel = \"x\"\n\n[[event]]\nlabel = \"Nothing\"\n\n[[event]]\ndate = 2026-01-06\nlabel = \"A label far too long to be written on any chart at all\"\n",
        )],
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].0.contains("unknown sprint `S2`") && found[0].2.contains("S1"));
    assert!(found[1].0.contains("neither a `date` nor a `sprint`"));
    assert!(found[2].0.contains("a chart has room for 40"));
}

#[test]
fn a_severity_list_of_the_sites_own_is_used() {
    let text = INCIDENT
        .replace("\"critical\"", "\"sev1\"")
        .replace("release = \"v1\"\n", "");
    let ledger = check(
        "title = \"t\"\nseverities = [\"sev3\", \"sev2\", \"sev1\"]\n",
        &[("incidents.toml", &text)],
    )
    .unwrap();
    assert_eq!(ledger.delivery.incidents[0].severity, 2);
    assert_eq!(
        ledger.delivery.incidents[0].start.to_string(),
        "2026-01-07T14:00:00Z"
    );
}
