//! Engineering jargon that readers outside engineering stumble on.
//!
//! `tally check` warns when a narrative uses one of these words and the glossary does not
//! explain it, so authors either define it or say it in everyday words.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::load::glossary::whole_word_end;

/// Common engineering jargon, matched case-insensitively on whole words (plurals included).
pub const TERMS: &[&str] = &[
    "A/B test",
    "agile",
    "alerting",
    "Ansible",
    "API",
    "API gateway",
    "artifact",
    "autoscaling",
    "AWS",
    "Azure",
    "backend",
    "backfill",
    "backlog",
    "backpressure",
    "blast radius",
    "blue-green deployment",
    "bug bash",
    "build pipeline",
    "burn-down",
    "burndown",
    "cache",
    "canary",
    "CDN",
    "chaos engineering",
    "CI",
    "CI/CD",
    "circuit breaker",
    "cluster",
    "code freeze",
    "code review",
    "codebase",
    "compiler",
    "compliance",
    "concurrency",
    "config",
    "container",
    "containerization",
    "continuous delivery",
    "continuous integration",
    "CPU",
    "cron",
    "cron job",
    "CRUD",
    "CVE",
    "dashboard",
    "data lake",
    "data pipeline",
    "data warehouse",
    "database",
    "deadlock",
    "debugging",
    "dependency",
    "deploy",
    "deployment",
    "deprecation",
    "DevOps",
    "DNS",
    "Docker",
    "downstream",
    "downtime",
    "DX",
    "E2E",
    "EC2",
    "ElasticSearch",
    "encryption",
    "end-to-end test",
    "endpoint",
    "error budget",
    "ETL",
    "eventual consistency",
    "failover",
    "feature branch",
    "feature flag",
    "firewall",
    "flaky test",
    "framework",
    "frontend",
    "full-stack",
    "garbage collection",
    "GCP",
    "GDPR",
    "GraphQL",
    "gRPC",
    "Helm",
    "hot path",
    "hotfix",
    "HTTP",
    "IaC",
    "idempotent",
    "incident",
    "infra",
    "infrastructure",
    "integration test",
    "JSON",
    "K8s",
    "Kafka",
    "Kanban",
    "kernel",
    "KTLO",
    "Kubernetes",
    "lambda",
    "latency",
    "linter",
    "load balancer",
    "load test",
    "logging",
    "machine learning",
    "memory leak",
    "merge request",
    "microservice",
    "middleware",
    "migration",
    "ML",
    "MongoDB",
    "monitoring",
    "monolith",
    "monorepo",
    "MTTR",
    "multi-tenant",
    "MVP",
    "NoSQL",
    "OAuth",
    "observability",
    "on-call",
    "open source",
    "orchestration",
    "ORM",
    "outage",
    "P0",
    "P1",
    "p99",
    "penetration test",
    "pipeline",
    "PoC",
    "post-mortem",
    "Postgres",
    "PostgreSQL",
    "postmortem",
    "PR",
    "production",
    "pull request",
    "QA",
    "race condition",
    "rate limit",
    "Redis",
    "refactor",
    "refactoring",
    "regression",
    "replica",
    "repo",
    "repository",
    "REST",
    "rollback",
    "rollout",
    "root cause",
    "runbook",
    "runtime",
    "S3",
    "SaaS",
    "scalability",
    "schema",
    "scrum",
    "SDK",
    "semver",
    "serverless",
    "service mesh",
    "sharding",
    "SLA",
    "SLI",
    "SLO",
    "smoke test",
    "SQL",
    "SRE",
    "SSH",
    "SSO",
    "stack trace",
    "staging",
    "story points",
    "tail latency",
    "tech debt",
    "tech stack",
    "technical debt",
    "telemetry",
    "Terraform",
    "test coverage",
    "throttling",
    "throughput",
    "TLS",
    "toil",
    "tracing",
    "trunk-based development",
    "UAT",
    "unit test",
    "upstream",
    "uptime",
    "velocity",
    "virtual machine",
    "virtualization",
    "VM",
    "VPN",
    "vulnerability",
    "webhook",
    "WIP",
    "YAML",
    "zero-day",
];

/// Names of the tools and services teams work in. A name is not jargon: there is no everyday
/// word to say instead of "GitHub", and "the code is on GitHub" reads plainly to anyone. (The
/// technologies a system is built from, such as Kubernetes or Kafka, stay in [`TERMS`]: a
/// sentence about them usually needs their meaning.) A site adds its own with
/// `[jargon] names` in `site.toml`.
pub const NAMES: &[&str] = &[
    "Bitbucket",
    "Confluence",
    "Git",
    "GitHub",
    "GitLab",
    "Google",
    "Jenkins",
    "Jira",
    "Linear",
    "Microsoft",
    "Node.js",
    "npm",
    "PagerDuty",
    "Slack",
];

/// A matcher over [`TERMS`], built once per check, that leaves names alone.
pub struct JargonMatcher {
    matcher: AhoCorasick,
    /// The terms that are not names, in the matcher's pattern order.
    terms: Vec<&'static str>,
    /// [`NAMES`] and the site's own names: a term inside one is not jargon.
    names: Option<AhoCorasick>,
}

impl JargonMatcher {
    /// Builds the matcher, with the site's own `names` (which may also take a listed term off
    /// the list: `names = ["Kafka"]`); `None` only if an automaton cannot be built (not
    /// expected).
    pub fn new(names: &[String]) -> Option<Self> {
        let named = |term: &str| names.iter().any(|n| n.eq_ignore_ascii_case(term));
        let terms: Vec<&'static str> = TERMS.iter().copied().filter(|t| !named(t)).collect();
        let all_names: Vec<&str> = NAMES
            .iter()
            .copied()
            .chain(names.iter().map(String::as_str))
            .collect();
        let build = |patterns: &[&str]| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .ok()
        };
        Some(Self {
            matcher: build(&terms)?,
            terms,
            names: build(&all_names),
        })
    }

    /// Where names stand in `text`, as whole words.
    fn names_in(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        names
            .find_iter(text)
            .filter_map(|m| Some((m.start(), whole_word_end(text, m.start(), m.end())?)))
            .collect()
    }

    /// Whole-word jargon in `text`, outside names: (start, end, the listed term).
    pub fn find_in(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        let names = self.names_in(text);
        self.matcher
            .find_iter(text)
            .filter(|m| !names.iter().any(|(s, e)| m.start() < *e && *s < m.end()))
            .filter_map(|m| {
                let term = self.terms[m.pattern().as_usize()];
                // Acronyms match only in capitals: "REST" is jargon, "the rest" is not.
                let acronym = !term.chars().any(char::is_lowercase);
                if acronym && &text[m.start()..m.end()] != term {
                    return None;
                }
                let end = whole_word_end(text, m.start(), m.end())?;
                Some((m.start(), end, term))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_long_enough_and_has_no_duplicates() {
        assert!(TERMS.len() >= 150, "{}", TERMS.len());
        let mut lower: Vec<String> = TERMS.iter().map(|t| t.to_lowercase()).collect();
        lower.sort();
        let before = lower.len();
        lower.dedup();
        assert_eq!(before, lower.len());
    }

    #[test]
    fn finds_whole_words_and_prefers_the_longest() {
        let matcher = JargonMatcher::new(&[]).unwrap();
        let text = "Our CI/CD pipeline broke during the Kubernetes migration; tech debt again. Cinema is fine, the rest too.";
        let found: Vec<&str> = matcher.find_in(text).iter().map(|(_, _, t)| *t).collect();
        assert_eq!(
            found,
            ["CI/CD", "pipeline", "Kubernetes", "migration", "tech debt"]
        );
    }

    #[test]
    fn names_are_not_jargon_and_a_site_can_add_its_own() {
        let text = "The code is on GitHub and in Git; Kafka feeds the Acme Pipeline, and the pipeline is slow.";
        let found = |names: &[String]| -> Vec<&'static str> {
            let matcher = JargonMatcher::new(names).unwrap();
            matcher.find_in(text).iter().map(|(_, _, t)| *t).collect()
        };
        assert_eq!(found(&[]), ["Kafka", "pipeline", "pipeline"]);
        assert_eq!(
            found(&["kafka".to_string(), "Acme Pipeline".to_string()]),
            ["pipeline"]
        );
        for name in NAMES {
            assert!(
                !TERMS.iter().any(|t| t.eq_ignore_ascii_case(name)),
                "{name}"
            );
        }
    }
}
