//! Directives end to end on a small hand-made site: values against hand-computed figures,
//! deltas, the page's own sprint, code left alone, and located mistakes.

use super::*;
use crate::accounts::Accounts;
use crate::charts::Books;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::load::config::Config;
use crate::load::glossary::Glossary;
use crate::load::ledger::Ledger;
use crate::load::narratives::Narrative;

struct Site {
    config: Config,
    ledger: Ledger,
    accounts: Accounts,
    glossary: Glossary,
}

fn site() -> Site {
    let config = Config::parse(SourceFile::new("site.toml", "title = \"t\"\n")).unwrap();
    let teams = "[[team]]\nid = \"pay\"\nname = \"Payments\"\npeople = 2\nday_cost = 500\n\
                 [[team]]\nid = \"app\"\nname = \"App\"\npeople = 3\n";
    let s1 = "id = \"S1\"\nstart = 2026-11-02\nend = 2026-11-13\n\
              [[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 6\nplanned = false\n\
              [[work]]\nteam = \"pay\"\ncategory = \"new\"\neffort = 14\n\
              [[work]]\nteam = \"app\"\ncategory = \"new\"\neffort = 20\n\
              [[capacity]]\nteam = \"pay\"\neffort = 25\n";
    let s2 = "id = \"S2\"\nstart = 2026-11-16\nend = 2026-11-27\n\
              [[work]]\nteam = \"pay\"\ncategory = \"ktlo\"\neffort = 12\n\
              [[work]]\nteam = \"pay\"\ncategory = \"new\"\neffort = 8\n\
              [[work]]\nteam = \"app\"\ncategory = \"new\"\neffort = 10\n";
    let ledger = Ledger::check(
        &config,
        SourceFile::new("teams.toml", teams),
        vec![
            SourceFile::new("s1.toml", s1),
            SourceFile::new("s2.toml", s2),
        ],
    )
    .unwrap();
    let accounts = Accounts::compute(&config, &ledger);
    let glossary = Glossary::parse(&SourceFile::new(
        "g.toml",
        "[[term]]\nterm = \"Kubernetes\"\nmeans = \"Runs programs.\"\n",
    ))
    .unwrap();
    Site {
        config,
        ledger,
        accounts,
        glossary,
    }
}

fn narrative(body: &str, sprint: Option<usize>) -> Narrative {
    let text = format!("+++\ntitle = \"x\"\n+++\n{body}");
    Narrative {
        source: SourceFile::new("content/x.md", text),
        address: "x/".into(),
        parent: String::new(),
        is_index: false,
        title: "x".into(),
        date: None,
        summary: None,
        sprint,
        draft: false,
        weight: 0,
        audience: vec![],
        template: None,
        ask: None,
        extra: toml::Table::new(),
        body_offset: 20,
    }
}

fn expand(site: &Site, body: &str, sprint: Option<usize>) -> Result<Vec<String>, Vec<Diagnostic>> {
    let scope = Scope {
        config: &site.config,
        ledger: &site.ledger,
        glossary: &site.glossary,
    };
    let books = Books {
        config: &site.config,
        ledger: &site.ledger,
        accounts: &site.accounts,
    };
    let found = parse(&narrative(body, sprint), &scope)?;
    Ok(found
        .iter()
        .map(|l| match &l.directive {
            Directive::Value(m) => value_text(m, &books),
            Directive::Delta(m) => delta_text(m, &books),
            Directive::Term(_, words) => format!("term:{words}"),
            Directive::Chart(r) => format!("chart:{}", r.kind.name()),
        })
        .collect())
}

#[test]
fn values_match_hand_computed_figures() {
    let site = site();
    // S2 (current): ktlo 12 of 30 = 40%; S1: 6 of 40 = 15%.
    let out = expand(
        &site,
        "{{ value(metric=\"share\", category=\"ktlo\") }} {{ value(metric=\"share\", category=\"ktlo\", sprint=\"previous\") }} \
         {{ value(metric=\"effort\") }} {{ value(metric=\"fte\", team=\"pay\") }} {{ value(metric=\"cost\", team=\"pay\") }} \
         {{ value(metric='cost') }} {{ value(metric=\"share\", category=\"ktlo\", sprint=\"last:2\") }} \
         {{ value(metric=\"planned_share\", sprint=\"S1\") }} {{ value(metric=\"capacity_used\", sprint=\"S1\") }} \
         {{ value(metric=\"share\", team=\"pay\") }} {{ value(metric=\"share\", category=\"ktlo\", team=\"pay\") }}",
        None,
    )
    .unwrap();
    assert_eq!(
        out,
        [
            "40%",
            "15%",
            "30 person-days",
            "2",
            "$10,000",
            "$10,000 (excluding App)",
            // (6 + 12) / (40 + 30)
            "26%",
            // 34 of 40 planned
            "85%",
            // Payments 20 of 25
            "80%",
            // Payments 20 of 30
            "67%",
            // 12 of Payments' 20
            "60%",
        ]
    );
}

#[test]
fn deltas_read_in_a_sentence() {
    let site = site();
    let out = expand(
        &site,
        "{{ delta(metric=\"share\", category=\"ktlo\") }}, {{ delta(metric=\"effort\") }}, \
         {{ delta(metric=\"effort\", team=\"pay\") }}, {{ delta(metric=\"share\", category=\"ktlo\", sprint=\"S1\") }}, \
         {{ delta(metric=\"share\", category=\"ktlo\", against=\"previous\") }}",
        None,
    )
    .unwrap();
    // By default over the comparison window: with two sprints, that is the sprint before.
    assert_eq!(
        out,
        [
            "up 25 points since the sprint before",
            "down 25% since the sprint before",
            "unchanged since the sprint before",
            "with no earlier sprint to compare",
            "up 25 points from last sprint",
        ]
    );
    let bad = expand(
        &site,
        "{{ delta(metric=\"share\", category=\"ktlo\", against=\"may\") }}",
        None,
    );
    assert!(bad.is_err());
    assert!(
        expand(
            &site,
            "{{ value(metric=\"effort\", against=\"previous\") }}",
            None
        )
        .is_err()
    );
}

#[test]
fn the_pages_own_sprint_is_current() {
    let site = site();
    let out = expand(
        &site,
        "{{ value(metric=\"share\", category=\"ktlo\") }}",
        Some(0),
    )
    .unwrap();
    assert_eq!(out, ["15%"]);
}

#[test]
fn code_is_left_alone_and_terms_and_charts_are_found() {
    let site = site();
    let out = expand(
        &site,
        "`{{ value(metric=\"x\") }}`\n\n```\n{{ nope() }}\n```\n\n{{ term(\"kubernetes\") }} {{ chart(name=\"investment_mix\", last=6) }}",
        None,
    )
    .unwrap();
    assert_eq!(out, ["term:kubernetes", "chart:investment_mix"]);
}

#[test]
fn mistakes_are_located_with_the_valid_names() {
    let site = site();
    let cases = [
        (
            "{{ valu(metric=\"share\") }}",
            "unknown directive `valu`",
            "did you mean `value`?",
            (4, 4),
        ),
        (
            "{{ value(metric=\"shar\", category=\"ktlo\") }}",
            "unknown metric `shar`",
            "share, effort, fte, cost, planned_share, capacity_used",
            (4, 17),
        ),
        (
            "{{ value(metric=\"share\", category=\"ktl\") }}",
            "unknown category `ktl`",
            "did you mean `ktlo`?",
            (4, 35),
        ),
        (
            "{{ value(metric=\"effort\", team=\"pya\") }}",
            "unknown team `pya`",
            "pay, app",
            (4, 32),
        ),
        (
            "{{ value(metric=\"effort\", sprint=\"S9\") }}",
            "unknown sprint `S9`",
            "current, previous, last:N, S1, S2",
            (4, 34),
        ),
        (
            "{{ chart(name=\"pie\") }}",
            "unknown chart `pie`",
            "investment_mix",
            (4, 15),
        ),
        (
            "{{ term(\"Kubernete\") }}",
            "`Kubernete` is not in the glossary",
            "did you mean `Kubernetes`?",
            (4, 9),
        ),
        (
            "{{ value(metric=\"effort\"",
            "this directive is not closed",
            "}}",
            (4, 1),
        ),
    ];
    for (body, message, help, position) in cases {
        let problems = expand(&site, body, None).unwrap_err();
        let problem = &problems[0];
        assert_eq!(problem.message, message, "{body}");
        assert!(
            problem.help.iter().any(|h| h.contains(help)),
            "{body}: {:?}",
            problem.help
        );
        assert_eq!(problem.line_col(), Some(position), "{body}");
    }
}

#[test]
fn braces_in_prose_that_call_no_directive_are_left_as_written() {
    let site = site();
    let prose = "Braces for { and } have also changed from \\{ and \\} to {{ and }}. \
                 A template writes {{ user.url }} or {{ format!(\"x\") }}, or {{ range(end=5) }}, \
                 and an open {{ stays open. Then {{ value(metric=\"share\", category=\"ktlo\") }}.";
    assert_eq!(expand(&site, prose, None).unwrap(), ["40%"]);
    // A known name with bad arguments, and a misspelt name called, are still mistakes.
    let cases = [
        ("{{ value }}", "`value` needs its arguments in parentheses"),
        ("{{ chart(nme=\"x\") }}", "`chart` does not take `nme`"),
        ("{{ valeu(metric=\"share\") }}", "unknown directive `valeu`"),
        ("Now {{ term(\"x\"", "this directive is not closed"),
    ];
    for (body, message) in cases {
        let problems = expand(&site, body, None).unwrap_err();
        assert_eq!(problems[0].message, message, "{body}");
    }
}
