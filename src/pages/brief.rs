//! An audience's brief (`for/<audience>/`): the top finding for that reader as the headline,
//! the blocks of figures `[briefs.<audience>]` chooses (the executive's, finance's, product's
//! and engineering's defaults in [`default_blocks`](crate::load::config::default_blocks)),
//! then the pages written for the audience as links. It prints on one A4 page.
//!
//! Every block is a title, one sentence that says what the figures mean, a small table and
//! notes on what is missing; a block whose data the site does not have says so plainly. The
//! executive's blocks are here; finance's are in `brief_money`, product's in `brief_product`,
//! engineering's in `brief_engineering`, and the block's parts in `brief_view`.

use crate::pages::context::Context;

use crate::accounts::yearly::{self, Yearly, engineers, recent_range};
use crate::accounts::{Status, periods, ratio};
use crate::load::config::Block;
use crate::load::input::Day;
use crate::pages::brief_view::{BlockView, Table};
use crate::pages::common::SiteData;
use crate::pages::initiatives::forecast_words;
use crate::text::urls::page_href;
use crate::words::briefs::{ask_from, brief_headline, people_of};
use crate::words::findings::month_year;
use crate::words::narrate::{self, capitalize, percent, spoken_money};
use crate::words::scenarios::scenario_finding;

impl SiteData<'_> {
    /// A brief's own values: the headline, the blocks and the audience's pages.
    pub(super) fn brief_page(&self, index: usize, context: &mut Context, root: &str) {
        let audience = &self.config.audiences[index];
        let (headline, lead) = match self.ledger.current_sprint().map(|_| self.ledger.current) {
            Some(current) => {
                let finding = brief_headline(
                    self.config,
                    self.ledger,
                    self.accounts,
                    current,
                    &audience.id,
                );
                let lead = narrate::why_it_matters(
                    self.config,
                    self.ledger,
                    self.accounts,
                    current,
                    &finding,
                );
                (finding.sentence, lead.unwrap_or_default())
            }
            None => ("No sprint data yet.".to_string(), String::new()),
        };
        context.insert("headline", &headline);
        context.insert("brief_lead", &lead);
        let blocks: Vec<BlockView> = self.config.briefs[index]
            .iter()
            .map(|&block| self.block(block, root))
            .collect();
        context.insert("blocks", &blocks);
    }

    /// One block, or the plain reason it has nothing to show when there is no sprint yet.
    fn block(&self, block: Block, root: &str) -> BlockView {
        if self.ledger.current_sprint().is_none() {
            return BlockView::empty(block, "No sprint data yet.");
        }
        match block {
            Block::TimeMix => self.time_mix_block(root),
            Block::UpkeepCost => self.upkeep_cost_block(root),
            Block::Decisions => self.decisions_block(root),
            Block::Delivery => self.delivery_block(root),
            Block::Ask => self.ask_block(root),
            Block::CostByPeriod => self.cost_by_period_block(root),
            Block::CapexOpex => self.capex_opex_block(root),
            Block::Amortization => self.amortization_block(root),
            Block::CostPerYear => self.cost_per_year_block(),
            Block::LeftOut => self.left_out_block(),
            Block::Capacity => self.capacity_block(),
            Block::Roadmap => self.roadmap_block(root),
            Block::Slips => self.slips_block(),
            Block::Debt => self.debt_block(root),
            Block::Freshness => self.freshness_block(root),
            Block::UpkeepBySystem => self.upkeep_by_system_block(root),
            Block::TeamTargets => self.team_targets_block(),
        }
    }

    /// The current sprint's last day.
    pub(super) fn current_end(&self) -> Day {
        self.ledger
            .current_sprint()
            .map_or(Day(jiff::civil::date(1970, 1, 1)), |s| s.end)
    }

    /// "about 8 of our 25 engineers" for a people's worth of time.
    pub(super) fn of_our_engineers(&self, people: f64) -> String {
        people_of(people, engineers(self.ledger))
    }

    /// Money a sprint and a year, or the effort when no money is known.
    pub(super) fn yearly_words(&self, y: &Yearly) -> (String, String) {
        if y.cost_per_sprint > 0.0 {
            (
                spoken_money(self.config, y.cost_per_sprint),
                spoken_money(self.config, y.cost_per_year),
            )
        } else {
            (
                narrate::spoken_effort(self.config, y.effort_per_sprint),
                narrate::spoken_effort(self.config, y.effort_per_year),
            )
        }
    }

    /// The share of this quarter's time per category against the target mix.
    fn time_mix_block(&self, root: &str) -> BlockView {
        let block = Block::TimeMix;
        let months = periods::months(self.config, self.ledger, self.accounts);
        let [_, quarter, _] =
            periods::periods(self.config, self.accounts, &months, self.current_end().0);
        let total: f64 = quarter.effort.iter().sum();
        if total <= 0.0 {
            return BlockView::empty(block, "No work is recorded this quarter yet.");
        }
        let mut table = Table::new(
            "Share of this quarter's engineering time per category, against the target mix",
            &[
                ("Category", false),
                ("This quarter", true),
                ("Target", true),
                ("Off by", true),
            ],
        );
        let mut worst: Option<(usize, f64, f64)> = None;
        let slots = narrate::shown_slots(self.config, self.accounts);
        let (top, rest) = top_slots(&slots, |s| {
            quarter.effort[s]
                + if self.config.targets.iter().any(|(t, _)| *t == s) {
                    total
                } else {
                    0.0
                }
        });
        for slot in top {
            let share = ratio(quarter.effort[slot], total);
            let target = self.config.targets.iter().find(|(s, _)| *s == slot);
            if let Some(&(_, target)) = target
                && worst.is_none_or(|(_, t, a)| (share - target).abs() > (a - t).abs())
            {
                worst = Some((slot, target, share));
            }
            table.row(vec![
                self.config.category_label(slot).to_string(),
                percent(share),
                target.map_or("–".into(), |(_, t)| percent(*t)),
                target.map_or("–".into(), |(_, t)| {
                    narrate::points_change((share - t) * 100.0)
                }),
            ]);
        }
        if !rest.is_empty() {
            let share = ratio(rest.iter().map(|&s| quarter.effort[s]).sum(), total);
            table.row(vec![
                other_label(&rest),
                percent(share),
                "–".into(),
                "–".into(),
            ]);
        }
        let lead = match worst {
            Some((slot, target, share)) => format!(
                "{} took {} of our time this quarter, against a target of {}.",
                capitalize(&narrate::category_subject(self.config, slot)),
                percent(share),
                percent(target)
            ),
            None => "No target mix is set, so the split below has nothing to be measured against: add `[targets]` to site.toml.".to_string(),
        };
        let mut notes = Vec::new();
        if quarter.partial {
            notes.push(format!(
                "The quarter is under way: these figures cover {} so far.",
                month_names(&quarter.months)
            ));
        }
        BlockView::new(block, lead, Some(table))
            .with_notes(notes)
            .with_more(Some(("The overview".into(), format!("{root}index.html"))))
    }

    /// What keeping the lights on costs a year, and in people.
    fn upkeep_cost_block(&self, root: &str) -> BlockView {
        let block = Block::UpkeepCost;
        let Some(slot) = self.accounts.upkeep_slot else {
            return BlockView::empty(
                block,
                "No category is marked as upkeep (`kind = \"upkeep\"` in site.toml), so its cost is not counted.",
            );
        };
        let y = yearly::slot_yearly(self.config, self.ledger, self.accounts, slot);
        let subject = capitalize(&narrate::category_subject(self.config, slot));
        let sprints = recent_range(self.accounts, self.ledger).len();
        let (per_sprint, per_year) = self.yearly_words(&y);
        let lead = format!(
            "{subject} costs {per_year} a year at the pace of the last {sprints} sprints: {per_sprint} a sprint, the time of {}.",
            self.of_our_engineers(y.people)
        );
        let mut table = Table::new(
            format!(
                "What {} takes, per sprint and per year",
                crate::words::names::category_words(self.config, slot)
            ),
            &[("", false), ("Per sprint", true), ("Per year", true)],
        );
        table.row(vec![
            "Time".into(),
            narrate::spoken_effort(self.config, y.effort_per_sprint),
            narrate::spoken_effort(self.config, y.effort_per_year),
        ]);
        if y.cost_per_sprint > 0.0 {
            table.row(vec![
                "Money".into(),
                spoken_money(self.config, y.cost_per_sprint),
                spoken_money(self.config, y.cost_per_year),
            ]);
        }
        let mut notes = vec![format!(
            "A year is {} sprints at the site's cadence of {} days.",
            narrate::spoken_number(yearly::sprints_per_year(self.accounts.cadence_days)),
            self.accounts.cadence_days
        )];
        if !y.cost_complete {
            notes.push(self.uncosted_note());
        }
        BlockView::new(block, lead, Some(table))
            .with_notes(notes)
            .with_more((!self.ledger.systems.is_empty()).then(|| {
                (
                    "What each system costs".into(),
                    format!("{root}systems/index.html"),
                )
            }))
    }

    /// "The money leaves out Driver App (no day cost): …"
    pub(super) fn uncosted_note(&self) -> String {
        let without: Vec<usize> = (0..self.ledger.teams.len())
            .filter(|&t| self.ledger.teams[t].day_cost.is_none())
            .collect();
        format!(
            "The money leaves out {} (no day cost given); their time is counted.",
            narrate::join_words(&self.team_names(&without))
        )
    }

    /// Late and at-risk projects, and systems whose upkeep is rising: what each would take.
    fn decisions_block(&self, root: &str) -> BlockView {
        let block = Block::Decisions;
        if self.ledger.initiatives.is_empty() && self.ledger.systems.is_empty() {
            return BlockView::empty(
                block,
                "The site records no big projects and no systems, so no decision is open here.",
            );
        }
        let mut table = Table::new(
            "Big projects that are late or at risk, and systems whose upkeep is rising",
            &[
                ("What", false),
                ("Where it stands", false),
                ("What it would take", false),
                ("What it returns", false),
            ],
        );
        let mut listed = Vec::new();
        for (i, initiative) in self.ledger.initiatives.iter().enumerate() {
            let account = &self.accounts.initiatives[i];
            if !matches!(account.status, Status::Late | Status::AtRisk) {
                continue;
            }
            listed.push(i);
            let stands = format!(
                "{}: {} against a {} target",
                account.status.as_str(),
                forecast_words(account),
                initiative.target.map(month_year).unwrap_or_default()
            );
            table.row(vec![
                initiative.name.clone(),
                stands,
                self.funding_needed(i),
                self.returns(i),
            ]);
        }
        // A system whose replacement is listed above is that row's "what it returns".
        let systems = self.rising_systems().into_iter().filter(|&s| {
            !self.accounts.systems[s]
                .replaced_by
                .iter()
                .any(|i| listed.contains(i))
        });
        for s in systems.collect::<Vec<_>>() {
            let system = &self.ledger.systems[s];
            let y = yearly::system_yearly(self.config, self.ledger, self.accounts, s);
            let account = &self.accounts.systems[s];
            let take = match account.replaced_by.first() {
                Some(&i) => format!("in hand: {}", self.ledger.initiatives[i].name),
                None => "no project addresses it yet".to_string(),
            };
            table.row(vec![
                system.name.clone(),
                format!(
                    "upkeep rising, {} a sprint now",
                    narrate::spoken_effort(self.config, y.effort_per_sprint)
                ),
                take,
                format!("ending {} a year of upkeep", self.yearly_words(&y).1),
            ]);
        }
        let lead = match table.rows.len() {
            0 => "No decision is open: every big project with a target is on track, and no system's upkeep is rising.".to_string(),
            1 => "One decision is open.".to_string(),
            n => format!("{} decisions are open.", narrate::spoken_number(n as f64)),
        };
        let has_rows = !table.rows.is_empty();
        BlockView::new(block, lead, has_rows.then_some(table))
            .with_notes(self.scenario_notes(&listed))
            .with_more(Some((
                "All big projects".into(),
                format!("{root}initiatives/index.html"),
            )))
    }

    /// What the what-if scenarios of the listed projects say, one sentence each: the funding
    /// a decision would take and what it returns, as computed (content/data/scenarios.toml).
    fn scenario_notes(&self, listed: &[usize]) -> Vec<String> {
        self.ledger
            .scenarios
            .iter()
            .enumerate()
            .filter(|(_, scenario)| listed.contains(&scenario.initiative))
            .map(|(index, _)| {
                let found = scenario_finding(self.config, self.ledger, self.accounts, index);
                let cost = if found.cost_per_sprint.is_empty() {
                    String::new()
                } else {
                    format!(" ({} a sprint)", found.cost_per_sprint)
                };
                format!("What if: “{}”{cost}. {}", found.title, found.sentence)
            })
            .collect()
    }

    /// Systems whose upkeep rose over the recent sprints: a straight line through them climbs
    /// by at least a tenth of their average.
    pub(super) fn rising_systems(&self) -> Vec<usize> {
        let range = recent_range(self.accounts, self.ledger);
        (0..self.ledger.systems.len())
            .filter(|&s| {
                let own = yearly::system_upkeep(self.accounts, s);
                let Some(values) = own.get(range.clone()) else {
                    return false;
                };
                let average = ratio(values.iter().sum(), values.len() as f64);
                let rise = yearly::slope(values) * (values.len().max(1) - 1) as f64;
                values.len() >= 3 && average > 0.0 && rise >= 0.1 * average
            })
            .collect()
    }

    /// The extra pace a project needs to meet its target, in people and money a sprint.
    fn funding_needed(&self, i: usize) -> String {
        let initiative = &self.ledger.initiatives[i];
        let account = &self.accounts.initiatives[i];
        let Some(target) = initiative.target else {
            return "–".into();
        };
        let days = (target.0 - self.current_end().0).get_days() as f64;
        let sprints = days / self.accounts.cadence_days.max(1) as f64;
        if sprints < 1.0 {
            return "its target date has passed".into();
        }
        let needed = (account.scope - account.done).max(0.0) / sprints;
        let extra = needed - account.pace.average.unwrap_or(0.0);
        if extra <= 0.0 {
            return "keeping its recent pace".into();
        }
        let person_days = self.config.to_person_days(extra);
        let people = person_days / yearly::recent_working_days(self.accounts, self.ledger).max(1.0);
        let money = self.ledger.teams[initiative.owner]
            .day_cost
            .map(|c| format!(", {} a sprint", spoken_money(self.config, person_days * c)))
            .unwrap_or_default();
        format!(
            "{} more a sprint ({}){money}",
            narrate::spoken_effort(self.config, extra),
            narrate::people(people).replace(" worth of time", "")
        )
    }

    /// What a project returns: the upkeep of the system it replaces, a year, or its purpose.
    fn returns(&self, i: usize) -> String {
        let initiative = &self.ledger.initiatives[i];
        match initiative.replaces {
            Some(s) => {
                let y = yearly::system_yearly(self.config, self.ledger, self.accounts, s);
                format!(
                    "ends {} a year of upkeep on {}",
                    self.yearly_words(&y).1,
                    self.ledger.systems[s].name
                )
            }
            None => initiative.why.clone(),
        }
    }

    /// The delivery record in one line (`words::delivery::record_line`).
    fn delivery_block(&self, root: &str) -> BlockView {
        match crate::words::delivery::record_line(self.ledger, self.accounts) {
            Some(line) => BlockView::new(Block::Delivery, line, None).with_more(Some((
                "The delivery record".into(),
                format!("{root}delivery/index.html"),
            ))),
            None => BlockView::empty(
                Block::Delivery,
                "No releases or incidents are recorded (content/data/releases.toml and incidents.toml), so there is no delivery record yet.",
            ),
        }
    }

    /// The sprint's one ask: `ask` in its narrative's front matter, or its "What we ask for"
    /// section's first paragraph.
    fn ask_block(&self, root: &str) -> BlockView {
        let block = Block::Ask;
        let current = self.ledger.current;
        let narrative = (0..self.content.narratives.len()).find(|&n| {
            self.content.narratives[n].sprint == Some(current) && !self.content.narratives[n].draft
        });
        let Some(n) = narrative else {
            return BlockView::empty(
                block,
                "The current sprint has no narrative, so there is no ask: write one with `tally new sprint`.",
            );
        };
        let page = &self.content.narratives[n];
        match ask_from(page) {
            Some(ask) => BlockView::new(block, ask, None)
                .with_more(Some((page.title.clone(), page_href(root, &page.address)))),
            None => BlockView::empty(
                block,
                "The sprint's narrative asks for nothing: add a \"What we ask for\" section or `ask = \"…\"` to its front matter.",
            ),
        }
    }
}

/// The most rows a brief's table shows per category before grouping the rest as "Other".
pub(super) const MOST_CATEGORIES: usize = 6;

/// The slots to show one row each (the largest `MOST_CATEGORIES − 1` by `value` when there are
/// more than `MOST_CATEGORIES`, in the site's order) and the rest, grouped under "Other".
pub(super) fn top_slots(slots: &[usize], value: impl Fn(usize) -> f64) -> (Vec<usize>, Vec<usize>) {
    if slots.len() <= MOST_CATEGORIES {
        return (slots.to_vec(), Vec::new());
    }
    let mut ranked = slots.to_vec();
    ranked.sort_by(|&a, &b| value(b).total_cmp(&value(a)).then(a.cmp(&b)));
    let mut top: Vec<usize> = ranked[..MOST_CATEGORIES - 1].to_vec();
    top.sort_unstable();
    let rest = slots.iter().copied().filter(|s| !top.contains(s)).collect();
    (top, rest)
}

/// "Other (14 categories)".
pub(super) fn other_label(rest: &[usize]) -> String {
    format!("Other ({} categories)", rest.len())
}

/// "October and November 2026" from `YYYY-MM` keys.
pub(super) fn month_names(keys: &[String]) -> String {
    let names: Vec<String> = keys
        .iter()
        .filter_map(|k| {
            let (y, m) = k.split_once('-')?;
            let date = jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?;
            Some(date.strftime("%B").to_string())
        })
        .collect();
    let year = keys.last().and_then(|k| k.get(..4)).unwrap_or_default();
    format!("{} {year}", narrate::join_words(&names))
}
