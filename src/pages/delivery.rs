//! The delivery pages: `delivery/` (this quarter's record against the four before, releases
//! per sprint with the failed ones marked, the change-failure rate, time to restore, the
//! quarters and teams, and every incident, newest first) and `delivery/<incident-id>/` (one
//! incident in plain words, for a reader who is not an engineer: what customers saw, for how
//! long, why, and what was changed, with the follow-up work's effort and cost). A sprint page's
//! one sentence on its releases and its incidents come from here too.

use crate::pages::context::Context;
use serde::Serialize;

use crate::accounts::DeliveryFigures;
use crate::load::ledger::Incident;
use crate::pages::common::{SiteData, item_href, sprint_href};
use crate::pages::dates::long_date;
use crate::words::delivery::{self, count, duration, rate};
use crate::words::narrate::{self, capitalize, join_words};

/// One row of the quarters' or the teams' table.
#[derive(Serialize)]
struct FiguresRow {
    label: String,
    href: String,
    releases: String,
    failed: String,
    rate: String,
    incidents: String,
    median: String,
    worst: String,
    upkeep: String,
}

/// An incident as the list and its own page show it.
#[derive(Serialize)]
pub(super) struct IncidentView {
    id: String,
    title: String,
    href: String,
    severity: String,
    day: String,
    when: String,
    duration: String,
    customer_impact: String,
    cause: String,
    follow_up: String,
    sprint: Option<(String, String)>,
    teams: Vec<(String, String)>,
    systems: Vec<(String, String)>,
    release: String,
}

/// One follow-up work row on an incident's page.
#[derive(Serialize)]
struct FollowUpRow {
    sprint: String,
    sprint_href: String,
    team: String,
    title: String,
    reference: String,
    category: String,
    effort: String,
}

impl SiteData<'_> {
    /// A period's or team's figures as one table row.
    fn figures_row(&self, label: String, href: String, f: &DeliveryFigures) -> FiguresRow {
        let none = || "–".to_string();
        FiguresRow {
            label,
            href,
            releases: count(f.releases),
            failed: count(f.failed),
            rate: f.change_failure_rate().map_or_else(none, rate),
            incidents: count(f.incident_count()),
            median: f.median_restore().map_or_else(none, duration),
            worst: f.worst_restore().map_or_else(none, duration),
            upkeep: narrate::number(f.follow_up_upkeep),
        }
    }

    /// "From 13:40 to 17:25 on 11 August 2026 (UTC)", or across days.
    fn incident_when(&self, incident: &Incident) -> String {
        let zone = &self.config.delivery.timezone_name;
        let (start, end) = (incident.start_local, incident.end_local);
        let hm = |t: jiff::civil::DateTime| t.strftime("%H:%M").to_string();
        if start.date() == end.date() {
            format!(
                "from {} to {} on {} ({zone})",
                hm(start),
                hm(end),
                long_date(start.date())
            )
        } else {
            format!(
                "from {} on {} to {} on {} ({zone})",
                hm(start),
                long_date(start.date()),
                hm(end),
                long_date(end.date())
            )
        }
    }

    /// What the follow-up took, in a sentence: its work, effort and cost.
    fn follow_up_sentence(&self, index: usize) -> String {
        let incident = &self.ledger.delivery.incidents[index];
        let account = &self.accounts.delivery.incidents[index];
        if account.rows.is_empty() {
            return if incident.follow_up.is_empty() {
                "No follow-up work is recorded yet.".to_string()
            } else {
                "The follow-up work it names has no effort recorded yet.".to_string()
            };
        }
        let pieces = match account.rows.len() {
            1 => "1 piece of work".to_string(),
            n => format!("{n} pieces of work"),
        };
        let cost = match account.follow_up_cost() {
            Some(cost) => format!(", costing {}", narrate::spoken_money(self.config, cost)),
            None if account.follow_up_cost_known > 0.0 => format!(
                ", costing at least {} ({} {} no day cost)",
                narrate::spoken_money(self.config, account.follow_up_cost_known),
                join_words(&self.team_names(&account.teams_without_cost)),
                if account.teams_without_cost.len() == 1 {
                    "has"
                } else {
                    "have"
                }
            ),
            None => String::new(),
        };
        let upkeep = if account.follow_up_upkeep > 0.0
            && account.follow_up_upkeep < account.follow_up_effort
        {
            format!(
                "; {} of it kept the lights on",
                narrate::spoken_effort(self.config, account.follow_up_upkeep)
            )
        } else {
            String::new()
        };
        format!(
            "The follow-up took {pieces}, {}{cost}{upkeep}.",
            narrate::spoken_effort(self.config, account.follow_up_effort)
        )
    }

    /// One incident, for the list and its own page.
    pub(super) fn incident_view(&self, index: usize, root: &str) -> IncidentView {
        let incident = &self.ledger.delivery.incidents[index];
        let account = &self.accounts.delivery.incidents[index];
        let release = incident
            .release
            .map(|r| {
                let release = &self.ledger.delivery.releases[r];
                format!(
                    "It followed a release by {} on {}{}.",
                    self.ledger.teams[release.team].name,
                    long_date(release.date.0),
                    release
                        .id
                        .as_ref()
                        .map(|id| format!(" ({id})"))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_default();
        IncidentView {
            id: incident.id.clone(),
            title: incident.title.clone(),
            href: item_href(root, "delivery/", &incident.id),
            severity: capitalize(&self.config.delivery.severities[incident.severity]),
            day: long_date(incident.start_local.date()),
            when: self.incident_when(incident),
            duration: duration(account.minutes),
            customer_impact: incident.customer_impact.clone(),
            cause: incident.cause.clone(),
            follow_up: self.follow_up_sentence(index),
            sprint: incident.sprint.map(|s| {
                let sprint = &self.ledger.sprints[s];
                (sprint.id.clone(), sprint_href(root, sprint))
            }),
            teams: incident
                .teams
                .iter()
                .map(|&t| self.team_link(t, root))
                .collect(),
            systems: incident
                .systems
                .iter()
                .map(|&s| {
                    let system = &self.ledger.systems[s];
                    (system.name.clone(), item_href(root, "systems/", &system.id))
                })
                .collect(),
            release,
        }
    }

    /// Incidents by index, the newest first.
    fn incidents_newest_first(&self) -> Vec<usize> {
        let incidents = &self.ledger.delivery.incidents;
        let mut order: Vec<usize> = (0..incidents.len()).collect();
        order.sort_by(|&a, &b| incidents[b].start.cmp(&incidents[a].start).then(a.cmp(&b)));
        order
    }

    /// `delivery/`.
    pub(super) fn delivery_page(&self, context: &mut Context, root: &str) {
        context.insert("title", "Delivery");
        context.insert("headline", &delivery::delivery_headline(self.accounts));
        let d = &self.accounts.delivery;
        // The quarter and the four before; those the record does not reach are named, not
        // shown as zeros.
        let mut quarters = Vec::new();
        let mut missing = Vec::new();
        if let Some(now) = d.this_quarter {
            let mut q = now;
            for k in 0..5 {
                match d.quarter(q) {
                    Some(figures) => {
                        let label = if k == 0 {
                            format!("{} (this quarter)", q.label())
                        } else {
                            q.label()
                        };
                        quarters.push(self.figures_row(label, String::new(), figures));
                    }
                    None => missing.push(q.label()),
                }
                q = q.previous();
            }
        }
        let quarters_note = match missing.len() {
            0 => String::new(),
            1 => format!("No release or incident is recorded for {}.", missing[0]),
            _ => format!(
                "No release or incident is recorded for {}.",
                join_words(&missing)
            ),
        };
        context.insert("quarters_note", &quarters_note);
        let last_four = self.figures_row(
            "The four quarters before, together".to_string(),
            String::new(),
            &d.last_four,
        );
        let teams: Vec<FiguresRow> = self
            .ledger
            .teams
            .iter()
            .zip(&d.teams)
            .map(|(team, f)| {
                self.figures_row(team.name.clone(), item_href(root, "teams/", &team.id), f)
            })
            .collect();
        let incidents: Vec<IncidentView> = self
            .incidents_newest_first()
            .into_iter()
            .map(|i| self.incident_view(i, root))
            .collect();
        context.insert("quarters", &quarters);
        context.insert("last_four", &last_four);
        context.insert("delivery_teams", &teams);
        context.insert("incidents", &incidents);
        context.insert("timezone", &self.config.delivery.timezone_name);
    }

    /// `delivery/<incident-id>/`.
    pub(super) fn incident_page(&self, index: usize, context: &mut Context, root: &str) {
        let view = self.incident_view(index, root);
        context.insert("title", &view.title);
        let account = &self.accounts.delivery.incidents[index];
        let rows: Vec<FollowUpRow> = account
            .rows
            .iter()
            .map(|&(s, r)| {
                let sprint = &self.ledger.sprints[s];
                let row = &sprint.work[r];
                FollowUpRow {
                    sprint: sprint.id.clone(),
                    sprint_href: sprint_href(root, sprint),
                    team: self.ledger.teams[row.team].name.clone(),
                    title: row.title.clone().unwrap_or_default(),
                    reference: row.reference.clone().unwrap_or_default(),
                    category: self.config.category_label(row.category).to_string(),
                    effort: narrate::number(row.effort),
                }
            })
            .collect();
        let cost = match account.follow_up_cost() {
            Some(cost) => narrate::money(self.config, cost),
            None => self.cost_text(None, account.follow_up_cost_known),
        };
        context.insert("incident", &view);
        context.insert("follow_up_rows", &rows);
        context.insert(
            "follow_up_total",
            &narrate::number(account.follow_up_effort),
        );
        context.insert("follow_up_cost", &cost);
        context.insert("delivery_href", &format!("{root}delivery/index.html"));
    }

    /// A sprint's releases in one sentence and its incidents, for the sprint page.
    pub(super) fn sprint_delivery(&self, sprint: usize, root: &str, context: &mut Context) {
        let sentence = delivery::sprint_sentence(self.ledger, self.accounts, sprint);
        let incidents: Vec<IncidentView> = self
            .incidents_newest_first()
            .into_iter()
            .filter(|&i| self.ledger.delivery.incidents[i].sprint == Some(sprint))
            .map(|i| self.incident_view(i, root))
            .collect();
        context.insert("delivery_sentence", &sentence);
        context.insert("sprint_incidents", &incidents);
        context.insert("delivery_href", &format!("{root}delivery/index.html"));
    }
}
