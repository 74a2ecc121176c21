#!/usr/bin/env python3
"""Writes a hard fixture site for tally's browser tests.

    python3 e2e/hard-site.py --sprints 1 DIR     # "hard-one": a single sprint
    python3 e2e/hard-site.py --sprints 300 DIR   # "hard-many": 300 sprints

The site is built to stress the layout and the charts rather than to tell a story:

- long team, category, initiative, system and work names (several over 60 characters, one long
  compound word), a long site title;
- 20 categories, each with a label, a #rrggbb colour and an explanation, plus uncategorized work;
- teams that record nothing in most categories, a team that records nothing at all, a team with
  no day cost and a team that gives no capacity;
- initiatives, systems (with dependencies), debt, a glossary and narratives (one with a wide
  markdown table), so every kind of page exists.

Everything is deterministic (a fixed seed), so two runs write the same bytes. DIR must be empty or
missing.
"""

import argparse
import colorsys
import datetime as dt
import os
import random
import sys

CATEGORY_NAMES = [
    ("new", "New things customers and colleagues could not do before"),
    ("improve", "Improving what exists"),
    ("productivity", "Making every engineering team faster and safer at shipping"),
    ("ktlo", "Keeping the lights on"),
    ("compliance", "Regulatory compliance, audit evidence and data-protection obligations"),
    ("security", "Security hardening"),
    ("incidents", "Incidents"),
    ("migrations", "Cloud infrastructure migrations and decommissioning of on-premises hardware"),
    ("research", "Research"),
    ("hiring", "Interviewing, onboarding and mentoring new engineers"),
    ("support", "Customer support escalations"),
    ("docs", "Docs"),
    ("a11y", "Accessibility"),
    ("perf", "Performance and cost-efficiency of the production infrastructure"),
    ("i18n", "Internationalisation and localisation"),
    ("data", "Data"),
    ("ml", "Machine-learning models for routing, pricing and fraud detection"),
    ("partners", "Partner integrations"),
    ("experiments", "Experiments"),
    ("toil", "Toil"),
]

TEAMS = [
    # id, name, people, day_cost or None, categories it works in (None: all)
    ("payments", "Payments", 6, 720, None),
    ("platform-reliability", "Platform Reliability and Developer Experience Enablement Group", 9, 780, None),
    ("storefront", "Storefront", 5, 700, ["new", "improve", "ktlo"]),
    ("zahlung", "Zahlungsverkehrsabwicklungsplattformteam", 4, 690, ["compliance"]),
    ("mobile", "Driver App (contractors, day rate not in the data yet)", 4, None, ["new", "ktlo", "a11y"]),
    ("data-science", "Data Science, Analytics Engineering and Machine Learning Operations", 7, 810, ["data", "ml", "research", "experiments"]),
    ("quiet", "The Quiet Team That Recorded No Work This Time", 3, 650, []),
    ("single", "Single-Category Team", 2, 600, ["ktlo"]),
]

WORK_TITLES = [
    "Upgrade the billing database cluster from version 12 to 16, including the read replicas",
    "On-call",
    "Split the basket service out of the storefront monolith and move its data to a new schema",
    "Fix flaky checks",
    "Quarterly access review and evidence for the external auditors (SOC 2 type II)",
    "Localise the checkout, receipts and refund e-mails into Portuguese, Polish and Turkish",
    "Rotate certificates",
    "Retrain the fraud-detection model on the last twelve months of chargebacks",
    "Interview loop",
    "Reduce the nightly warehouse load from 4 hours to under 1 hour",
]

GLOSSARY = [
    ("monolith", [], "One large program that does many jobs at once, so every change touches all of it."),
    ("libyear", ["libyears"], "One year between the version of a library we use and its newest release."),
    ("sprint", [], "A two-week block of work."),
    ("tech debt", ["technical debt"], "Shortcuts taken earlier that now cost time on every change."),
]


def colour(i, n):
    """A distinct #rrggbb colour per category, mid lightness so it reads on light and dark."""
    h = (i * 0.61803398875) % 1.0
    l = 0.42 + 0.08 * (i % 3)
    s = 0.55 + 0.1 * (i % 2)
    r, g, b = colorsys.hls_to_rgb(h, l, s)
    return "#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255))


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def sprint_ids(count):
    start = dt.date(2015, 1, 5)  # a Monday
    out = []
    for i in range(count):
        s = start + dt.timedelta(days=14 * i)
        out.append(("HS-%03d" % (i + 1), s, s + dt.timedelta(days=11)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprints", type=int, default=1, help="how many sprints (default 1)")
    parser.add_argument("out", help="folder to write the site into (empty or missing)")
    args = parser.parse_args()
    if args.sprints < 1:
        parser.error("--sprints must be at least 1")
    if os.path.exists(args.out) and os.listdir(args.out):
        print(f"hard-site: {args.out} is not empty", file=sys.stderr)
        return 2

    rnd = random.Random(20261113 + args.sprints)
    sprints = sprint_ids(args.sprints)
    first_id, first_start, _ = sprints[0]
    last_id, last_start, last_end = sprints[-1]
    cats = [c[0] for c in CATEGORY_NAMES]

    # site.toml -----------------------------------------------------------------------------
    lines = [
        'title = "Zephyr Interplanetary Logistics Consolidated Holdings: where the engineering organisation\'s time and money go"',
        'description = "A hard fixture for tally\'s browser tests: long names, twenty categories, empty teams."',
        'base_url = "/"',
        'currency = "%s"' % ("EUR" if args.sprints == 1 else "USD"),
        'effort_unit = "person-days"',
        "",
    ]
    for i, (cid, label) in enumerate(CATEGORY_NAMES):
        lines += [
            f"[categories.{cid}]",
            f"label = {q(label)}",
            f'color = "{colour(i, len(CATEGORY_NAMES))}"',
            f"explain = {q('What counts as ' + label.lower() + ': the work a non-engineer would recognise under that name, explained in one or two plain sentences so the reader never has to guess.')}",
            f"capitalizable = {'true' if cid in ('new', 'improve', 'ml') else 'false'}",
            "",
        ]
    lines += ["[targets]", "new = 0.4", "improve = 0.2", "ktlo = 0.15", "compliance = 0.05", ""]
    write(os.path.join(args.out, "site.toml"), "\n".join(lines))

    # teams.toml ----------------------------------------------------------------------------
    lines = []
    for tid, name, people, day_cost, _ in TEAMS:
        lines += ["[[team]]", f"id = {q(tid)}", f"name = {q(name)}", f"people = {people}"]
        if day_cost is not None:
            lines.append(f"day_cost = {day_cost}")
        lines.append(f"explain = {q('What ' + name + ' does, in a sentence for a reader outside engineering.')}")
        if tid == "payments":
            lines.append("targets = { ktlo = 0.3, compliance = 0.1 }")
        lines.append("")
    write(os.path.join(args.out, "content/data/teams.toml"), "\n".join(lines))

    # systems, initiatives, debt --------------------------------------------------------------
    systems = [
        ("storefront-monolith", "Storefront monolith (the one large, old program behind the website and the shop)", "storefront", "sunset", "poor"),
        ("billing-db", "Billing database", "payments", "maintain", "fair"),
        ("routing-engine", "Route-optimisation engine for the delivery fleet", "data-science", "invest", "good"),
        ("ci", "CI", "platform-reliability", "invest", None),
    ]
    lines = []
    for sid, name, owner, life, health in systems:
        lines += ["[[system]]", f"id = {q(sid)}", f"name = {q(name)}", f"owner = {q(owner)}",
                  f"lifecycle = {q(life)}", f"explain = {q('What ' + name + ' is, for a non-engineer.')}"]
        if health:
            lines += [f"health = {q(health)}", f"health_note = {q('Why its health is ' + health + '.')}"]
        lines.append("")
        for k in range(3 if sid != "ci" else 0):
            lines += ["[[system.dependency]]", f'name = "{sid}-library-with-a-rather-long-name-{k}"',
                      'ecosystem = "npm"', f'version = "{k + 1}.2.3"', f"released = 20{18 + k}-03-0{k + 1}",
                      f'latest = "{k + 4}.0.0"', f"latest_released = 2025-0{k + 1}-15", ""]
    write(os.path.join(args.out, "content/data/systems.toml"), "\n".join(lines))

    initiatives = [
        ("monolith-breakup", "Breaking up the storefront monolith into separately deployable services, one part at a time", "improve", "storefront", 400),
        ("checkout", "New checkout", "new", "payments", 120),
        ("fraud-ml", "Fraud-detection model retraining and the real-time scoring pipeline for card payments", "ml", "data-science", 250),
        ("soc2", "SOC 2", "compliance", "zahlung", 60),
    ]
    lines = []
    for iid, name, cat, owner, scope in initiatives:
        lines += ["[[initiative]]", f"id = {q(iid)}", f"name = {q(name)}", f"category = {q(cat)}",
                  f"why = {q('The outcome expected from ' + name + ', in plain words.')}", f"owner = {q(owner)}",
                  f"start = {first_start.isoformat()}", f"scope = {scope}"]
        if iid != "soc2":
            lines.append(f"target = {(last_end + dt.timedelta(days=90)).isoformat()}")
        if iid == "checkout":
            lines += ["capitalizable = true", f"cap_start = {first_start.isoformat()}",
                      f"in_service = {(first_start + dt.timedelta(days=14 * max(1, len(sprints) // 2))).isoformat()}",
                      "useful_life_months = 36"]
        if iid == "monolith-breakup" and len(sprints) > 2:
            lines += ["", "[[initiative.scope_change]]", f"sprint = {q(sprints[len(sprints) // 2][0])}", "scope = 480"]
        lines.append("")
    write(os.path.join(args.out, "content/data/initiatives.toml"), "\n".join(lines))

    lines = []
    for k, (sid, name, _, _, _) in enumerate(systems):
        lines += ["[[debt]]", f'id = "debt-{k}"',
                  f"title = {q('A shortcut in ' + name + ' that costs us time on every single change we make to it')}",
                  f"system = {q(sid)}", f"explain = {q('Why it costs us, in plain words.')}",
                  f"principal = {20 + 10 * k}", f"interest = {k * 1.5}", "since = 2019-06-01",
                  f"intentional = {'true' if k % 2 else 'false'}",
                  f"status = {q(['open', 'paying', 'paid', 'open'][k])}"]
        if k == 0:
            lines.append('initiative = "monolith-breakup"')
        lines.append("")
    write(os.path.join(args.out, "content/data/debt.toml"), "\n".join(lines))

    # dependency snapshots for the libyears trend ------------------------------------------------
    for snap in sorted({first_id, last_id}):
        lines = []
        for sid, _, _, _, _ in systems[:3]:
            for k in range(2):
                lines += ["[[dependency]]", f"system = {q(sid)}", f'name = "{sid}-library-with-a-rather-long-name-{k}"',
                          f'version = "{k + 1}.2.3"', f"released = 20{18 + k}-03-0{k + 1}",
                          f'latest = "{k + 4}.0.0"', f"latest_released = 2025-0{k + 1}-15", ""]
        write(os.path.join(args.out, f"content/data/dependencies/{snap}.toml"), "\n".join(lines))

    # sprints ------------------------------------------------------------------------------------
    for n, (sid, start, end) in enumerate(sprints):
        lines = [f"id = {q(sid)}", f"start = {start.isoformat()}", f"end = {end.isoformat()}",
                 f"goal = {q('Finish the database upgrade, ship the localised checkout and pass the audit without pulling anyone off planned work')}",
                 ""]
        ref = 1000 + n * 40
        for tid, _, people, _, team_cats in TEAMS:
            allowed = cats if team_cats is None else team_cats
            if not allowed:
                continue  # the quiet team records nothing
            rows = rnd.randint(2, 5) if team_cats is None else len(allowed)
            for r in range(rows):
                cat = allowed[r % len(allowed)] if team_cats is not None else rnd.choice(allowed)
                ref += 1
                lines += ["[[work]]", f"team = {q(tid)}"]
                if not (tid == "payments" and r == 0):
                    lines.append(f"category = {q(cat)}")  # payments' first row is uncategorized
                lines += [f"effort = {rnd.choice([0.5, 1, 2.5, 4, 7.5, 12, 19])}",
                          f"title = {q(WORK_TITLES[(n + r + len(tid)) % len(WORK_TITLES)])}",
                          f'ref = "{tid.upper()[:4]}-{ref}"']
                if tid == "storefront":
                    lines += ['system = "storefront-monolith"', 'initiative = "monolith-breakup"']
                elif tid == "payments" and r == 1:
                    lines += ['system = "billing-db"', 'initiative = "checkout"']
                elif tid == "data-science" and cat == "ml":
                    lines += ['system = "routing-engine"', 'initiative = "fraud-ml"']
                elif tid == "zahlung":
                    lines += ['initiative = "soc2"']
                if r == rows - 1:
                    lines.append("planned = false")
                lines.append("")
            if tid not in ("mobile", "single"):
                lines += ["[[capacity]]", f"team = {q(tid)}", f"effort = {people * 9}", ""]
        write(os.path.join(args.out, f"content/data/sprints/{sid}.toml"), "\n".join(lines))

    # glossary and narratives ---------------------------------------------------------------------
    lines = []
    for term, aka, means in GLOSSARY:
        lines += ["[[term]]", f"term = {q(term)}"]
        if aka:
            lines.append("aka = [" + ", ".join(q(a) for a in aka) + "]")
        lines += [f"means = {q(means)}", ""]
    write(os.path.join(args.out, "content/glossary.toml"), "\n".join(lines))

    write(os.path.join(args.out, "content/_index.md"), f"""+++
title = "Where the engineering time of Zephyr goes"
summary = "A hard fixture."
+++

The storefront monolith still takes a share of every sprint: {{{{ value(metric="share", category="ktlo") }}}}
of the time went to keeping the lights on in the current sprint. Start with [the sprints](/sprints/) or
[the teams](/teams/); the [guide](/guides/wide-table/) has a wide table.

{{{{ chart(name="category_trend", category="ktlo") }}}}
""")
    write(os.path.join(args.out, "content/guides/_index.md"), """+++
title = "Guides"
+++

Guides for readers of this report.
""")
    header = "| Team | " + " | ".join(label for _, label in CATEGORY_NAMES[:8]) + " |"
    rule = "|---|" + "---:|" * 8
    body = "\n".join("| " + name + " | " + " | ".join(str(rnd.randint(0, 40)) for _ in range(8)) + " |"
                     for _, name, _, _, _ in TEAMS[:4])
    write(os.path.join(args.out, "content/guides/wide-table.md"), f"""+++
title = "A guide with a wide table, a long link and a footnote that goes on for quite a while"
date = {last_end.isoformat()}
summary = "Narratives may hold tables wider than a phone."
audience = ["finance", "engineering"]
+++

Effort per team in the first eight categories, in person-days, for sprint {last_id}:

{header}
{rule}
{body}

A long address: [https://intranet.example/reports/engineering/zephyr/sprints/{last_id}/data/charts/investment-mix.csv](/sprints/).
The monolith[^1] is the big one.

[^1]: One large program that does many jobs at once.
""")
    write(os.path.join(args.out, f"content/sprints/{last_id}.md"), f"""+++
title = "Sprint {last_id}: twenty categories, and a team that recorded nothing at all this time"
date = {last_end.isoformat()}
sprint = "{last_id}"
audience = ["executive"]
+++

Keeping the lights on took {{{{ value(metric="share", category="ktlo") }}}} of our time.

{{{{ chart(name="category_trend", category="new") }}}}
""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
