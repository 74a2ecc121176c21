//! Hostile numbers and dates on the example site: a pace near zero, a huge scope, a tiny
//! interest and a sprint at the end of the calendar each used to panic in the date maths
//! (exit 101); a forecast or payback beyond 100 years is now a result in words and a `null`
//! with a reason in `data/accounts.json`. Numbers out of range (`1e308`, NaN, a negative, a
//! value above its documented ceiling) are located errors, and no non-finite number reaches a
//! page, a chart, a CSV or the JSON.

use std::path::{Path, PathBuf};

mod common;
use common::{
    accounts_json as accounts, assert_no_panic, copy_example as example, output_on, read,
    read_containing, replace_first as replace, stderr_slashed as stderr_of, tally,
};

/// Builds the site into `root/public`; it must succeed.
fn build(root: &Path) -> PathBuf {
    let output = output_on(root, &["build"]);
    assert_no_panic(&output);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        stderr_of(&output)
    );
    root.join("public")
}

/// Runs `tally check`; it must fail with exit 1 (not a panic) and report one error at `at`.
fn assert_located_error(root: &Path, message: &str, at: &str) -> String {
    let output = output_on(root, &["check"]);
    assert_no_panic(&output);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(message), "no `{message}` in:\n{stderr}");
    assert!(
        stderr.contains(&format!("--> {at}")),
        "not at {at}:\n{stderr}"
    );
    assert!(stderr.contains("help:"), "no help in:\n{stderr}");
    stderr
}

/// The rows of `2026-S21` that count for the checkout initiative.
const S21: &str = "content/data/sprints/2026-S21.toml";
const INITIATIVES: &str = "content/data/initiatives.toml";
const DEBT: &str = "content/data/debt.toml";

#[test]
fn a_pace_near_zero_leaves_the_latest_finish_beyond_the_horizon() {
    let (_dir, root) = example();
    // The checkout's two rows in 2026-S21 (19 and 7 person-days) become almost nothing: its
    // slowest recent sprint is then 0.00002 per sprint, millions of sprints to go.
    let text = read(&root.join(S21));
    let edited: Vec<String> = text
        .split("[[work]]")
        .map(|row| {
            if row.contains("initiative = \"checkout-v2\"") {
                let effort = row
                    .lines()
                    .find(|l| l.starts_with("effort = "))
                    .unwrap()
                    .to_string();
                row.replace(&effort, "effort = 0.00001")
            } else {
                row.to_string()
            }
        })
        .collect();
    std::fs::write(root.join(S21), edited.join("[[work]]")).unwrap();
    let out = build(&root);
    let checkout = &accounts(&out)["initiatives"]["checkout-v2"];
    assert!(checkout["forecast_earliest"].is_string(), "{checkout}");
    assert_eq!(checkout["forecast_latest"], serde_json::Value::Null);
    assert_eq!(
        checkout["forecast_reason"],
        "beyond the 100-year horizon at this pace"
    );
    read_containing(
        &out.join("initiatives/checkout-v2/index.html"),
        &["at the slowest recent pace, not within 100 years"],
    );
}

#[test]
fn a_huge_scope_forecasts_no_date_within_100_years() {
    let (_dir, root) = example();
    // The billing database upgrade and its later estimate.
    replace(&root, INITIATIVES, "scope = 26\n", "scope = 10000000\n");
    replace(&root, INITIATIVES, "scope = 27.5\n", "scope = 10000000\n");
    let out = build(&root);
    let upgrade = &accounts(&out)["initiatives"]["pg-upgrade"];
    for key in ["forecast_earliest", "forecast_expected", "forecast_latest"] {
        assert_eq!(upgrade[key], serde_json::Value::Null, "{key}: {upgrade}");
    }
    assert_eq!(
        upgrade["forecast_reason"],
        "beyond the 100-year horizon at this pace"
    );
    assert_eq!(upgrade["status"], "late");
    let page = read_containing(
        &out.join("initiatives/pg-upgrade/index.html"),
        &["this does not finish within 100 years"],
    );
    read_containing(
        &out.join("initiatives/index.html"),
        &["<td data-label=\"Forecast\">not within 100 years</td>"],
    );
    // The burn-up chart draws no cone to a date beyond the horizon: its x axis stays short.
    let svg = page.split("<svg").nth(1).expect("a chart");
    assert!(!svg.contains("inf") && !svg.contains("NaN"));
}

#[test]
fn a_tiny_interest_pays_back_beyond_the_horizon() {
    let (_dir, root) = example();
    // Releasing the monolith: principal 60, interest 6 per sprint.
    replace(&root, DEBT, "interest = 6\n", "interest = 0.0001\n");
    let out = build(&root);
    let debt = &accounts(&out)["debt"]["monolith-releases"];
    assert_eq!(debt["payback_sprints"], serde_json::Value::Null, "{debt}");
    assert_eq!(
        debt["payback_reason"],
        "beyond the 100-year horizon at this pace"
    );
    // An item with no interest says why too.
    assert_eq!(
        accounts(&out)["debt"]["search-index-by-hand"]["payback_reason"],
        "no interest, so it never pays for itself"
    );
    read_containing(
        &out.join("debt/index.html"),
        &[
            "so at this rate it does not pay for itself within 100 years",
            "<td class=\"num\" data-label=\"Pays back in (sprints)\">not within 100 years</td>",
        ],
    );
}

#[test]
fn a_sprint_at_the_end_of_the_calendar_builds_and_scaffolds_no_next() {
    let (_dir, root) = example();
    std::fs::write(
        root.join("content/data/sprints/2026-S24.toml"),
        "id = \"2026-S24\"\nstart = 9999-12-20\nend = 9999-12-31\n[[work]]\nteam = \"payments\"\ncategory = \"new\"\neffort = 10\ninitiative = \"checkout-v2\"\n",
    )
    .unwrap();
    // Both with the old sprint as the current one and with the last one.
    build(&root);
    replace(
        &root,
        "site.toml",
        "current_sprint = \"2026-S23\"",
        "current_sprint = \"2026-S24\"",
    );
    let out = build(&root);
    let checkout = &accounts(&out)["initiatives"]["checkout-v2"];
    assert_eq!(
        checkout["forecast_reason"],
        "after 9999-12-31, the last date that can be represented"
    );
    read_containing(
        &out.join("initiatives/checkout-v2/index.html"),
        &["does not finish before the end of the year 9999"],
    );
    // `tally new sprint` names the reason instead of "no sprint to continue from".
    let output = tally()
        .args(["new", "sprint", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_no_panic(&output);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("would not fit before 9999-12-31, the last date tally can represent"),
        "{stderr}"
    );
    assert!(!stderr.contains("no sprint to continue from"), "{stderr}");
    assert!(!root.join("content/data/sprints/2026-S25.toml").exists());
}

#[test]
fn an_effort_of_1e308_is_a_located_error_not_nan_costs() {
    let (_dir, root) = example();
    replace(
        &root,
        "content/data/sprints/2026-S23.toml",
        "effort = 4.5\n",
        "effort = 1e308\n",
    );
    let stderr = assert_located_error(
        &root,
        "1e308 is more than 100,000, the most tally accepts for an effort",
        "content/data/sprints/2026-S23.toml:9:10",
    );
    assert!(stderr.contains("the limits are listed in the README"));
}

#[test]
fn every_user_number_is_bounded_where_it_is_written() {
    // (file, text, replacement, message, position)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            INITIATIVES,
            "scope = 520\n",
            "scope = 1e9\n",
            "the most tally accepts for a scope or principal",
            "content/data/initiatives.toml:12:9",
        ),
        (
            INITIATIVES,
            "scope = 560 ",
            "scope = inf ",
            "expected a finite number",
            "content/data/initiatives.toml:18:9",
        ),
        (
            DEBT,
            "principal = 60\n",
            "principal = 99999999999\n",
            "the most tally accepts for a scope or principal",
            "content/data/debt.toml:9:13",
        ),
        (
            DEBT,
            "interest = 6\n",
            "interest = nan\n",
            "expected a finite number",
            "content/data/debt.toml:10:12",
        ),
        (
            "content/data/teams.toml",
            "day_cost = 720\n",
            "day_cost = 1e7\n",
            "the most tally accepts for a day cost",
            "content/data/teams.toml:8:12",
        ),
        (
            "content/data/teams.toml",
            "people = 6\n",
            "people = 1e300\n",
            "the most tally accepts for a head count",
            "content/data/teams.toml:7:10",
        ),
        (
            "content/data/sprints/2026-S23.toml",
            "effort = 4\n",
            "effort = 1e-300\n",
            "1e-300 is too small to count",
            "content/data/sprints/2026-S23.toml:18:10",
        ),
        (
            "site.toml",
            "effort_unit = \"person-days\"\n",
            "effort_unit = \"hours\"\nhours_per_day = 1e-300\n",
            "`hours_per_day` must be from 1 to 24",
            "site.toml:7:17",
        ),
        (
            INITIATIVES,
            "cap_start = 2026-06-01",
            "useful_life_months = 4000000000\ncap_start = 2026-06-01",
            "`useful_life_months` must be from 1 to 1200",
            "content/data/initiatives.toml:14:22",
        ),
    ];
    let sprint_cases: &[(&str, &str, &str, &str, &str)] = &[(
        "content/data/sprints/2026-S10.toml",
        "start = 2026-05-04",
        "start = 0001-01-01",
        "a sprint lasts at most 366 days",
        "content/data/sprints/2026-S10.toml:4:7",
    )];
    for (file, from, to, message, at) in cases.iter().chain(sprint_cases) {
        let (_dir, root) = example();
        replace(&root, file, from, to);
        assert_located_error(&root, message, at);
    }
}

#[test]
fn capacity_rows_are_bounded_too() {
    let (_dir, root) = example();
    let sprint = "content/data/sprints/2026-S23.toml";
    let text = read(&root.join(sprint));
    std::fs::write(
        root.join(sprint),
        text + "\n[[capacity]]\nteam = \"mobile\"\neffort = 1e308\n",
    )
    .unwrap();
    let lines = read(&root.join(sprint)).lines().count();
    assert_located_error(
        &root,
        "the most tally accepts for an effort",
        &format!("{sprint}:{lines}:10"),
    );
}

/// Every number of the example at its ceiling, in hours at one hour a day (the largest
/// person-days), with tiny capacities (the largest ratios): the output holds no NaN, no
/// infinity and no missing cost.
#[test]
fn numbers_at_their_ceilings_stay_finite_everywhere() {
    let (_dir, root) = example();
    replace(
        &root,
        "site.toml",
        "effort_unit = \"person-days\"\n",
        "effort_unit = \"hours\"\nhours_per_day = 1\n",
    );
    let teams = root.join("content/data/teams.toml");
    let text = read(&teams)
        .lines()
        .map(|line| {
            if line.starts_with("day_cost = ") {
                "day_cost = 1000000".to_string()
            } else if line.starts_with("people = ") {
                "people = 1000000".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&teams, text + "\n").unwrap();
    for entry in std::fs::read_dir(root.join("content/data/sprints")).unwrap() {
        let path = entry.unwrap().path();
        let text = read(&path);
        let mut in_capacity = false;
        let edited: Vec<String> = text
            .lines()
            .map(|line| {
                if line.starts_with("[[") {
                    in_capacity = line == "[[capacity]]";
                }
                match (line.starts_with("effort = "), in_capacity) {
                    (true, true) => "effort = 0.000001".to_string(),
                    (true, false) => "effort = 100000".to_string(),
                    _ => line.to_string(),
                }
            })
            .collect();
        std::fs::write(&path, edited.join("\n") + "\n").unwrap();
    }
    let out = build(&root);
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_string();
        for bad in ["NaN", "inf.0", "infinity", "Infinity", "$inf", "∞"] {
            assert!(!text.contains(bad), "{bad} in {}", entry.path().display());
        }
    }
    let json = accounts(&out);
    for sprint in json["sprints"].as_array().unwrap() {
        assert!(sprint["cost_known"].as_f64().unwrap().is_finite());
        let without_cost = !sprint["teams_without_cost"].as_array().unwrap().is_empty();
        assert!(
            sprint["cost"].is_number() || without_cost,
            "{}",
            sprint["id"]
        );
        assert!(sprint["capacity_used"].as_f64().unwrap().is_finite());
    }
}
