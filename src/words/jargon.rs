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
    "Git",
    "GitHub",
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
    "Jenkins",
    "Jira",
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
    "PagerDuty",
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

/// A matcher over [`TERMS`], built once per check.
pub struct JargonMatcher {
    matcher: AhoCorasick,
}

impl JargonMatcher {
    /// Builds the matcher; `None` only if the automaton cannot be built (not expected).
    pub fn new() -> Option<Self> {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(TERMS)
            .ok()
            .map(|matcher| Self { matcher })
    }

    /// Whole-word jargon in `text`: (start, end, the listed term).
    pub fn find_in(&self, text: &str) -> Vec<(usize, usize, &'static str)> {
        self.matcher
            .find_iter(text)
            .filter_map(|m| {
                let term = TERMS[m.pattern().as_usize()];
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
        let matcher = JargonMatcher::new().unwrap();
        let text = "Our CI/CD pipeline broke during the Kubernetes migration; tech debt again. Cinema is fine, the rest too.";
        let found: Vec<&str> = matcher.find_in(text).iter().map(|(_, _, t)| *t).collect();
        assert_eq!(
            found,
            ["CI/CD", "pipeline", "Kubernetes", "migration", "tech debt"]
        );
    }
}
