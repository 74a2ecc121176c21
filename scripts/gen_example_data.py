#!/usr/bin/env python3
"""Generate the example data for the Northwind Engineering site.

Writes content/data/teams.toml and content/data/sprints/<id>.toml, then
prints the figures the narratives quote (category shares per sprint, people's
worth of time, costs). Deterministic: no randomness, no clock, so re-running
it gives byte-identical files.

    python3 scripts/gen_example_data.py            # write files + print summary
    python3 scripts/gen_example_data.py --check    # only print the summary

The story the data tells:
  1. The storefront monolith's upkeep ("keeping the lights on", ktlo) creeps
     up: org-wide ktlo share goes from ~22% (S10) to ~35% (S23), mostly
     Storefront and Platform work on system storefront-monolith.
  2. 2026-S17: a big checkout outage and follow-ups, much unplanned ktlo work
     (Payments, Platform, Storefront); ktlo ~45%, new work drops.
  3. Payments upgrades Postgres 12 -> 16 on billing-db (pg-upgrade, ktlo),
     S20..S23, finishing in S23.
  4. monolith-breakup (improve, Platform + Storefront) starts in S19.
  5. checkout-v2 (new, Payments + Storefront) runs most sprints,
     driver-app-v3 (new, Driver App) throughout, ci-speedup (productivity,
     Platform) in S12..S15.
  6. 2026-S21: a few rows (~4% of effort) have no category.
"""
import datetime as dt
import pathlib
import sys
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "content" / "data"

CATEGORIES = ["new", "improve", "productivity", "ktlo"]
WORKING_DAYS = 10  # in a two-week sprint

TEAMS = [
    dict(id="payments", name="Payments", people=6, day_cost=720, key="PAY", first_ticket=1371,
         explain="Builds and runs checkout, card payments, refunds and payouts to sellers."),
    dict(id="platform", name="Platform", people=5, day_cost=760, key="PLAT", first_ticket=612,
         explain="Runs the servers, the deploy pipeline and the shared tools every other team builds on."),
    dict(id="storefront", name="Storefront", people=6, day_cost=700, key="SHOP", first_ticket=2204,
         explain="Builds the website customers shop on: search, product pages, basket and the checkout pages."),
    dict(id="mobile", name="Driver App", people=4, day_cost=None, key="DRV", first_ticket=488,
         explain="Builds the phone app our delivery drivers use for routes, handovers and earnings. "
                 "The team are contractors; their day rate is not in the data yet."),
    dict(id="data", name="Data & Insights", people=4, day_cost=740, key="DATA", first_ticket=297,
         explain="Runs the data warehouse and builds the dashboards and reports the business reads."),
]
TEAM = {t["id"]: t for t in TEAMS}

N = 14
SPRINTS = [f"2026-S{10 + i}" for i in range(N)]
FIRST_START = dt.date(2026, 5, 4)

# Share of a normal sprint's time actually available (public holidays, summer leave).
AVAILABLE = {
    "2026-S11": 0.9,   # Memorial Day
    "2026-S13": 0.9,   # Juneteenth
    "2026-S14": 0.85,  # Independence Day (observed) + summer leave
    "2026-S15": 0.9,   # summer leave
    "2026-S16": 0.9,   # summer leave
    "2026-S17": 0.95,  # summer leave
    "2026-S19": 0.9,   # Labor Day
}


def jitter(*parts, lo=0.95, hi=1.02):
    """A stable pseudo-random number in [lo, hi] derived from the arguments."""
    h = zlib.crc32("/".join(map(str, parts)).encode()) / 0xFFFFFFFF
    return lo + (hi - lo) * h


def item(cat, w, title, system=None, initiative=None, planned=True):
    return dict(category=cat, w=w, title=title, system=system, initiative=initiative, planned=planned)


INCIDENT = 7  # index of 2026-S17
PG = {10: 0.12, 11: 0.14, 12: 0.14, 13: 0.13}  # pg-upgrade share of Payments' time, S20..S23


def ramp(i, a, b):
    """Linear from a (S10) to b (S23)."""
    return a + (b - a) * i / (N - 1)


# ---------------------------------------------------------------- Payments
CHECKOUT_PAY = [
    "Checkout v2: payment API design and contract tests",
    "Checkout v2: card tokenization service",
    "Checkout v2: Apple Pay and Google Pay",
    "Checkout v2: 3-D Secure challenge flow",
    "Checkout v2: refunds and partial captures",
    "Checkout v2: saved cards",
    "Checkout v2: shadow traffic trial",
    None,  # S17: paused for the outage
    "Checkout v2: make payment calls safe to retry",
    "Checkout v2: first rollout to a slice of customers",
    "Checkout v2: multi-currency prices",
    "Checkout v2: split payments for marketplace sellers",
    "Checkout v2: gift cards",
    "Checkout v2: rollout to all customers",
]
PAY_OTHER_NEW = [
    "Seller payout statements (PDF)", "Seller payout statements (PDF)", "Weekly payouts for new sellers",
    "Weekly payouts for new sellers", "Invoice download for business customers", "Invoice download for business customers",
    "Payout holds for risky sellers", None, "Payout holds for risky sellers", "Buy-now-pay-later provider pilot",
    "Buy-now-pay-later provider pilot", "Buy-now-pay-later provider pilot", "Seller payout dashboard", "Seller payout dashboard",
]
PAY_IMPROVE = [
    "Speed up refund processing", "Fraud rules cleanup", "Fraud rules cleanup", "Clearer payment error messages",
    "Speed up refund processing", "Retry failed payouts automatically", "Retry failed payouts automatically", None,
    "Clearer payment error messages", "Fraud rules cleanup", "Retry failed payouts automatically", None,
    "Faster payout reconciliation", "Faster payout reconciliation",
]
PAY_PROD = [
    "Payments test sandbox with fake card networks", "Payments test sandbox with fake card networks",
    "Faster payments test suite", "Faster payments test suite", "One-command local setup for checkout",
    "Contract tests shared with Storefront", "Contract tests shared with Storefront",
]
PG_TITLES = {
    10: "Upgrade Postgres 12 to 16: test restore and compatibility report",
    11: "Upgrade Postgres 12 to 16: replica on 16, fix slow queries",
    12: "Upgrade Postgres 12 to 16: staging cutover and load test",
    13: "Upgrade Postgres 12 to 16: production cutover, retire version 12",
}


def payments(i):
    rows = []
    if i == INCIDENT:
        rows += [
            item("ktlo", 0.22, "Checkout outage: restore payments and reconcile failed orders", "checkout-api", planned=False),
            item("ktlo", 0.12, "Checkout outage: refund customers charged twice", "billing-db", planned=False),
            item("ktlo", 0.12, "Checkout outage follow-up: connection limits on billing database", "billing-db", planned=False),
            item("new", 0.36, "Payout holds for risky sellers", "billing-db"),
            item("improve", 0.13, "Clearer payment error messages", "checkout-api"),
        ]
        return rows
    # keeping the lights on, routine
    rows.append(item("ktlo", 0.08, "On-call: payment provider errors and urgent fixes", "checkout-api", planned=False))
    if i % 3 == 0:
        rows.append(item("ktlo", 0.08, "Card network rule changes (mandatory)", "checkout-api"))
    else:
        rows.append(item("ktlo", 0.07, "Payment certificates and PCI audit evidence", "billing-db"))
    if i in PG:
        rows.append(item("ktlo", PG[i], PG_TITLES[i], "billing-db", "pg-upgrade"))
    # new
    n_share = 0.60 - (PG.get(i, 0.0)) - (0.03 if i in (8, 9) else 0)
    rows.append(item("new", n_share * 0.72, CHECKOUT_PAY[i], "checkout-api", "checkout-v2"))
    rows.append(item("new", n_share * 0.28, PAY_OTHER_NEW[i], "billing-db"))
    if PAY_IMPROVE[i]:
        rows.append(item("improve", 0.18 if i not in PG else 0.14, PAY_IMPROVE[i], "checkout-api"))
    if i % 2 == 0:
        rows.append(item("productivity", 0.08, PAY_PROD[i // 2], "ci-pipeline"))
    if i == 8:
        rows.append(item("ktlo", 0.06, "Checkout outage follow-up: payment retry alarms", "checkout-api"))
    return rows


# ---------------------------------------------------------------- Platform
CI_SPEEDUP = {
    2: "CI speed-up: find the slowest test suites",
    3: "CI speed-up: run tests in parallel",
    4: "CI speed-up: cache build dependencies",
    5: "CI speed-up: faster deploy pipeline",
}
PLAT_MONO = [
    "Storefront monolith: security patches",
    "Storefront monolith: library updates",
    "Storefront monolith: fix flaky deploys",
    "Storefront monolith: security patches",
    "Storefront monolith: build servers out of disk and memory",
    "Storefront monolith: library updates",
    "Storefront monolith: fix flaky deploys",
    None,
    "Storefront monolith: deploy safety checks (outage follow-up)",
    "Storefront monolith: library updates",
    "Storefront monolith: fix flaky deploys",
    "Storefront monolith: security patches",
    "Storefront monolith: database connection errors under load",
    "Storefront monolith: fix flaky deploys and slow builds",
]
PLAT_MONO2 = {  # a second monolith upkeep row once it gets heavier
    9: "Storefront monolith: end-of-support server software update",
    10: "Storefront monolith: end-of-support server software update",
    11: "Storefront monolith: library updates",
    12: "Storefront monolith: library updates",
    13: "Storefront monolith: security patches",
}
BREAKUP_PLAT = {
    9: "Monolith break-up: plan and shared service template",
    10: "Monolith break-up: service template and traffic routing",
    11: "Monolith break-up: move product catalog out (routing)",
    12: "Monolith break-up: product catalog service in production",
    13: "Monolith break-up: move basket out (routing)",
}
PLAT_IMPROVE = [
    "Search cluster: lower hosting cost", "Search cluster: lower hosting cost", "Logging cleanup: fewer, clearer alerts",
    "Logging cleanup: fewer, clearer alerts", "Backups: faster restore tests", "Backups: faster restore tests",
    "Search cluster: upgrade to supported version", None, "Search cluster: upgrade to supported version",
    None, None, None, None, None,
]
PLAT_PROD = [
    "Preview environments for every change", "Preview environments for every change", None, None, None, None,
    "New developer laptop setup script", None, "Feature flags service", "Feature flags service",
    "Developer docs site", "Developer docs site", "Self-service test databases", "Self-service test databases",
]


def platform(i):
    rows = []
    if i == INCIDENT:
        return [
            item("ktlo", 0.22, "Checkout outage: incident response and rollback", "storefront-monolith", planned=False),
            item("ktlo", 0.18, "Checkout outage follow-up: deploy safety checks on the monolith", "storefront-monolith", planned=False),
            item("ktlo", 0.12, "Checkout outage follow-up: alerts on checkout errors", "checkout-api", planned=False),
            item("ktlo", 0.06, "Storefront monolith: fix flaky deploys", "storefront-monolith"),
            item("ktlo", 0.05, "On-call: alerts and small fixes", "ci-pipeline", planned=False),
            item("productivity", 0.12, "Release notes bot for deploys", "ci-pipeline"),
            item("improve", 0.21, "Search cluster: upgrade to supported version", "search"),
        ]
    mono = ramp(i, 0.22, 0.44)
    oncall = 0.09
    rows.append(item("ktlo", oncall, "On-call: alerts and small fixes", "ci-pipeline", planned=False))
    if i in PLAT_MONO2:
        rows.append(item("ktlo", mono * 0.62, PLAT_MONO[i], "storefront-monolith"))
        rows.append(item("ktlo", mono * 0.38, PLAT_MONO2[i], "storefront-monolith"))
    else:
        rows.append(item("ktlo", mono, PLAT_MONO[i], "storefront-monolith"))
    if i in CI_SPEEDUP:
        rows.append(item("productivity", 0.36, CI_SPEEDUP[i], "ci-pipeline", "ci-speedup"))
    if PLAT_PROD[i]:
        rows.append(item("productivity", 0.20 if i not in CI_SPEEDUP else 0.05, PLAT_PROD[i], "ci-pipeline"))
    if i in BREAKUP_PLAT:
        rows.append(item("improve", 0.26, BREAKUP_PLAT[i], "storefront-monolith", "monolith-breakup"))
    if PLAT_IMPROVE[i]:
        rows.append(item("improve", 0.16, PLAT_IMPROVE[i], "search"))
    rest = 1.0 - sum(r["w"] for r in rows)
    if rest > 0.04:
        rows.append(item("new", rest, "Status page for sellers" if i < 8 else "Seller API keys self-service", "checkout-api"))
    return rows


# ---------------------------------------------------------------- Storefront
CHECKOUT_SHOP = [
    "Checkout v2: page designs and prototype",
    "Checkout v2: new basket and address pages",
    "Checkout v2: new payment page",
    "Checkout v2: order confirmation and emails",
    "Checkout v2: accessibility fixes",
    "Checkout v2: guest checkout",
    "Checkout v2: shadow traffic trial",
    "Checkout v2: shadow traffic trial",
    "Checkout v2: first rollout to a slice of customers",
    "Checkout v2: first rollout, fixes from customer feedback",
    "Checkout v2: multi-currency prices on pages",
    "Checkout v2: seller split on the order page",
    "Checkout v2: gift cards on the payment page",
    "Checkout v2: rollout to all customers",
]
SHOP_OTHER_NEW = [
    "Wishlist", "Wishlist", "Product recommendations in the basket", "Product recommendations in the basket",
    "Back-in-stock emails", "Back-in-stock emails", "Seller pages", "Seller pages", "Seller pages",
    "Holiday gift guide pages", "Holiday gift guide pages", None, None, None,
]
SHOP_IMPROVE = [
    "Search: better results for misspellings", "Search: better results for misspellings", "Faster product pages",
    "Faster product pages", "Search: filters that remember choices", "Search: filters that remember choices",
    "Faster product pages", None, "Search: filters that remember choices", None, None, None, None, None,
]
SHOP_MONO = [
    "Storefront monolith: customer-reported bugs",
    "Storefront monolith: library updates",
    "Storefront monolith: customer-reported bugs",
    "Storefront monolith: security patches",
    "Storefront monolith: failed releases and rollbacks",
    "Storefront monolith: library updates",
    "Storefront monolith: customer-reported bugs",
    None,
    "Storefront monolith: customer-reported bugs",
    "Storefront monolith: library updates",
    "Storefront monolith: failed releases and rollbacks",
    "Storefront monolith: customer-reported bugs",
    "Storefront monolith: library updates and security patches",
    "Storefront monolith: failed releases and rollbacks",
]
SHOP_MONO2 = {
    4: "Storefront monolith: slow pages during the summer sale",
    8: "Storefront monolith: outage follow-up, rollback plan",
    9: "Storefront monolith: customer-reported bugs",
    10: "Storefront monolith: customer-reported bugs",
    11: "Storefront monolith: library updates",
    12: "Storefront monolith: customer-reported bugs",
    13: "Storefront monolith: customer-reported bugs",
}
SHOP_PROD = [
    "Storefront test data cleanup", "Visual checks for page changes", "Visual checks for page changes",
    "Storefront test data cleanup", "Faster local page reloads", "Faster local page reloads", "Storefront test data cleanup",
]
BREAKUP_SHOP = {
    9: "Monolith break-up: map what depends on the product catalog",
    10: "Monolith break-up: product catalog pages on the new service",
    11: "Monolith break-up: product catalog pages on the new service",
    12: "Monolith break-up: basket code split out",
    13: "Monolith break-up: basket code split out",
}


def storefront(i):
    if i == INCIDENT:
        return [
            item("ktlo", 0.20, "Checkout outage: fix broken checkout pages, resend order emails", "storefront-monolith", planned=False),
            item("ktlo", 0.12, "Checkout outage follow-up: rollback plan for monolith releases", "storefront-monolith", planned=False),
            item("ktlo", 0.16, "Storefront monolith: customer-reported bugs", "storefront-monolith", planned=False),
            item("ktlo", 0.08, "Storefront monolith: library updates", "storefront-monolith"),
            item("new", 0.26, CHECKOUT_SHOP[i], "checkout-api", "checkout-v2"),
            item("new", 0.12, SHOP_OTHER_NEW[i], "storefront-monolith"),
        ]
    rows = []
    mono = ramp(i, 0.29, 0.48)
    if i in SHOP_MONO2:
        first, second = mono * 0.6, mono * 0.4
    else:
        first, second = mono, 0.0
    # customer-reported bugs are urgent, so unplanned
    rows.append(item("ktlo", first, SHOP_MONO[i], "storefront-monolith",
                     planned="customer-reported" not in SHOP_MONO[i]))
    if second:
        rows.append(item("ktlo", second, SHOP_MONO2[i], "storefront-monolith",
                         planned="customer-reported" not in SHOP_MONO2[i]))
    if i in BREAKUP_SHOP:
        rows.append(item("improve", 0.16, BREAKUP_SHOP[i], "storefront-monolith", "monolith-breakup"))
    if SHOP_IMPROVE[i]:
        rows.append(item("improve", 0.15, SHOP_IMPROVE[i], "search" if "Search" in SHOP_IMPROVE[i] else "storefront-monolith"))
    if i % 2 == 1:
        rows.append(item("productivity", 0.07, SHOP_PROD[i // 2], "ci-pipeline"))
    rest = 1.0 - sum(r["w"] for r in rows)
    if SHOP_OTHER_NEW[i]:
        rows.append(item("new", rest * 0.7, CHECKOUT_SHOP[i], "checkout-api", "checkout-v2"))
        rows.append(item("new", rest * 0.3, SHOP_OTHER_NEW[i], "storefront-monolith"))
    else:
        rows.append(item("new", rest, CHECKOUT_SHOP[i], "checkout-api", "checkout-v2"))
    return rows


# ---------------------------------------------------------------- Driver App
DRIVER_V3 = [
    ("Driver app v3: new route screen", "Driver app v3: sign-in with phone number"),
    ("Driver app v3: new route screen", "Driver app v3: offline mode"),
    ("Driver app v3: offline mode", "Driver app v3: proof-of-delivery photos"),
    ("Driver app v3: proof-of-delivery photos", "Driver app v3: chat with dispatch"),
    ("Driver app v3: chat with dispatch", "Driver app v3: earnings summary"),
    ("Driver app v3: earnings summary", "Driver app v3: shift booking"),
    ("Driver app v3: shift booking", "Driver app v3: beta with a first group of drivers"),
    ("Driver app v3: beta fixes", "Driver app v3: shift booking"),
    ("Driver app v3: beta fixes", "Driver app v3: turn-by-turn handover to maps apps"),
    ("Driver app v3: turn-by-turn handover to maps apps", "Driver app v3: multi-stop routes"),
    ("Driver app v3: multi-stop routes", "Driver app v3: staged rollout to all drivers"),
    ("Driver app v3: staged rollout to all drivers", "Driver app v3: tips from customers"),
    ("Driver app v3: tips from customers", "Driver app v3: accessibility and large text"),
    ("Driver app v3: accessibility and large text", "Driver app v3: retire the old app"),
]
DRV_IMPROVE = [
    "Driver app: lower battery use", "Driver app: lower battery use", "Driver app: faster start-up", None,
    "Driver app: faster start-up", "Driver app: smaller download", None, "Driver app: smaller download",
    "Driver app: clearer error messages", None, "Driver app: clearer error messages", "Driver app: lower battery use",
    None, "Driver app: faster start-up",
]


def mobile(i):
    rows = [item("ktlo", 0.14, "Driver app: store releases and crash fixes", "driver-app", planned=i % 2 == 0)]
    if i in (8, 9):  # September: new phone operating systems ship
        rows.append(item("ktlo", 0.09, "Driver app: updates for new iOS and Android versions", "driver-app"))
    a, b = DRIVER_V3[i]
    if DRV_IMPROVE[i]:
        rows.append(item("improve", 0.14, DRV_IMPROVE[i], "driver-app"))
    if i % 3 == 0:
        rows.append(item("productivity", 0.08, "Automated screenshot tests" if i < 7 else "Faster app builds", "ci-pipeline"))
    rest = 1.0 - sum(r["w"] for r in rows)
    rows.append(item("new", rest * 0.6, a, "driver-app", "driver-app-v3"))
    rows.append(item("new", rest * 0.4, b, "driver-app", "driver-app-v3"))
    return rows


# ---------------------------------------------------------------- Data & Insights
DATA_NEW = [
    "Weekly revenue dashboard for finance", "Weekly revenue dashboard for finance", "Delivery time forecasts",
    "Delivery time forecasts", "Seller performance report", "Seller performance report", "Checkout v2 experiment analysis",
    "Checkout v2 experiment analysis", "Driver earnings report", "Driver earnings report", "Engineering time report (this site)",
    "Customer lifetime value model", "Customer lifetime value model", "Holiday demand forecast",
]
DATA_IMPROVE = [
    "Warehouse: cut nightly load time", "Warehouse: cut nightly load time", "Data quality checks on orders",
    "Data quality checks on orders", None, "Warehouse: remove unused tables", "Warehouse: remove unused tables",
    None, "Data quality checks on payouts", "Data quality checks on payouts", None, "Warehouse: cheaper storage tier",
    "Warehouse: cheaper storage tier", None,
]


def data(i):
    rows = [
        item("ktlo", 0.12, "Pipeline failures and data fixes", "data-warehouse", planned=False),
        item("ktlo", 0.07, "Warehouse access reviews and storage clean-up", "data-warehouse"),
    ]
    if i == INCIDENT:
        rows.append(item("ktlo", 0.08, "Checkout outage: count affected orders for finance", "data-warehouse", planned=False))
    if DATA_IMPROVE[i]:
        rows.append(item("improve", 0.20, DATA_IMPROVE[i], "data-warehouse"))
    if i % 2 == 1:
        rows.append(item("productivity", 0.08, "Shared library of SQL models" if i < 7 else "Automated tests for data pipelines", "data-warehouse"))
    rest = 1.0 - sum(r["w"] for r in rows)
    rows.append(item("new", rest, DATA_NEW[i], "data-warehouse"))
    return rows


BUILDERS = dict(payments=payments, platform=platform, storefront=storefront, mobile=mobile, data=data)

# 2026-S21 (index 11): rows nobody put a category on (~4% of effort).
UNCATEGORIZED = {
    11: {
        "payments": [item(None, 0.05, "Reconcile September payout mismatch", "billing-db", planned=False)],
        "platform": [item(None, 0.05, "Vendor security questionnaire", None)],
        "storefront": [item(None, 0.035, "Support for the holiday campaign launch", "storefront-monolith")],
        "data": [item(None, 0.05, "Numbers for the board pack", "data-warehouse", planned=False)],
    }
}


def round_half(x):
    return round(x * 2) / 2


def allocate(total, rows):
    """Share `total` person-days among rows by weight, in steps of 0.5, summing exactly."""
    wsum = sum(r["w"] for r in rows)
    for r in rows:
        r["effort"] = max(0.5, round_half(total * r["w"] / wsum))
    diff = round_half(total) - sum(r["effort"] for r in rows)
    big = max(rows, key=lambda r: r["effort"])
    big["effort"] += diff
    return rows


def build():
    sprints = []
    tickets = {t["id"]: t["first_ticket"] for t in TEAMS}
    for i, sid in enumerate(SPRINTS):
        start = FIRST_START + dt.timedelta(days=14 * i)
        end = start + dt.timedelta(days=11)
        avail = AVAILABLE.get(sid, 1.0)
        work, capacity = [], []
        for t in TEAMS:
            cap = round(t["people"] * WORKING_DAYS * 0.8 * avail)
            hi = 1.04 if (i == INCIDENT and t["id"] in ("payments", "platform", "storefront")) else 1.02
            lo = 1.0 if hi > 1.02 else 0.95
            total = cap * jitter(sid, t["id"], lo=lo, hi=hi)
            rows = BUILDERS[t["id"]](i) + UNCATEGORIZED.get(i, {}).get(t["id"], [])
            assert 3 <= len(rows) <= 7, (sid, t["id"], len(rows))
            allocate(total, rows)
            for r in rows:
                tickets[t["id"]] += 1 + int(jitter(sid, t["id"], r["title"], lo=0, hi=6))
                r["ref"] = f'{t["key"]}-{tickets[t["id"]]}'
                r["team"] = t["id"]
                work.append(r)
            if t["id"] != "data":  # Data & Insights never sent capacity figures
                capacity.append(dict(team=t["id"], effort=cap))
        sprints.append(dict(id=sid, start=start, end=end, work=work, capacity=capacity))
    return sprints


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fmt_num(x):
    return str(int(x)) if float(x).is_integer() else str(x)


def write_teams():
    out = ["# Teams. Generated by scripts/gen_example_data.py; edit the script, not this file.",
           "# day_cost: loaded cost of one person-day in USD (salary, benefits, equipment, office).", ""]
    for t in TEAMS:
        out += ["[[team]]", f'id = {q(t["id"])}', f'name = {q(t["name"])}', f'people = {t["people"]}']
        if t["day_cost"] is not None:
            out.append(f'day_cost = {t["day_cost"]}')
        out += [f'explain = {q(t["explain"])}', ""]
    (DATA / "teams.toml").write_text("\n".join(out))


def write_sprint(s):
    out = [f"# Sprint {s['id']}. Generated by scripts/gen_example_data.py; edit the script, not this file.",
           f'id = {q(s["id"])}', f"start = {s['start'].isoformat()}", f"end = {s['end'].isoformat()}", ""]
    for r in s["work"]:
        out.append("[[work]]")
        out.append(f'team = {q(r["team"])}')
        if r["category"]:
            out.append(f'category = {q(r["category"])}')
        out.append(f'effort = {fmt_num(r["effort"])}')
        out.append(f'title = {q(r["title"])}')
        out.append(f'ref = {q(r["ref"])}')
        if r["system"]:
            out.append(f'system = {q(r["system"])}')
        if r["initiative"]:
            out.append(f'initiative = {q(r["initiative"])}')
        if not r["planned"]:
            out.append("planned = false")
        out.append("")
    for c in s["capacity"]:
        out += ["[[capacity]]", f'team = {q(c["team"])}', f'effort = {fmt_num(c["effort"])}', ""]
    (DATA / "sprints" / f"{s['id']}.toml").write_text("\n".join(out))


# ---------------------------------------------------------------- summary
def pct(x):
    return f"{100 * x:.1f}%"


def summary(sprints):
    p = print
    p("Org-wide category shares per sprint (category effort / sprint total effort)")
    p(f"{'sprint':9} {'total':>6} {'people':>6} " + " ".join(f"{c:>12}" for c in CATEGORIES + ['uncat']) + f" {'unplanned':>9}")
    for s in sprints:
        tot = sum(r["effort"] for r in s["work"])
        by = {c: sum(r["effort"] for r in s["work"] if r["category"] == c) for c in CATEGORIES}
        by["uncat"] = sum(r["effort"] for r in s["work"] if r["category"] is None)
        unpl = sum(r["effort"] for r in s["work"] if not r["planned"])
        p(f"{s['id']:9} {tot:6.1f} {tot / WORKING_DAYS:6.1f} " + " ".join(f"{pct(by[c] / tot):>12}" for c in CATEGORIES + ['uncat']) + f" {pct(unpl / tot):>9}")
    p()

    def eff(s, **kw):
        return sum(r["effort"] for r in s["work"] if all(r.get(k) == v for k, v in kw.items()))

    def cost(rows):
        c = sum(r["effort"] * TEAM[r["team"]]["day_cost"] for r in rows if TEAM[r["team"]]["day_cost"])
        return c

    def avg(xs):
        return sum(xs) / len(xs)

    S = {s["id"]: s for s in sprints}
    ktlo_share = {s["id"]: eff(s, category="ktlo") / sum(r["effort"] for r in s["work"]) for s in sprints}
    new_share = {s["id"]: eff(s, category="new") / sum(r["effort"] for r in s["work"]) for s in sprints}
    for sid in ("2026-S16", "2026-S17", "2026-S18", "2026-S20", "2026-S21", "2026-S22", "2026-S23"):
        s = S[sid]
        tot = sum(r["effort"] for r in s["work"])
        p(f"== {sid}  total {tot} pd = {tot / 10:.1f} people's worth; cost (excl. Driver App) ${cost(s['work']):,.0f}")
        p(f"   ktlo {pct(ktlo_share[sid])}  new {pct(new_share[sid])}")
        unpl = [r for r in s["work"] if not r["planned"]]
        p(f"   unplanned {sum(r['effort'] for r in unpl)} pd ({pct(sum(r['effort'] for r in unpl) / tot)})")
        mono = eff(s, category="ktlo", system="storefront-monolith")
        p(f"   monolith ktlo {mono} pd = {mono / 10:.1f} people ({pct(mono / tot)}); cost ${cost([r for r in s['work'] if r['category'] == 'ktlo' and r['system'] == 'storefront-monolith']):,.0f}")
        for t in TEAMS:
            te = eff(s, team=t["id"])
            tk = sum(r["effort"] for r in s["work"] if r["team"] == t["id"] and r["category"] == "ktlo")
            cap = next((c["effort"] for c in s["capacity"] if c["team"] == t["id"]), None)
            p(f"   {t['id']:11} {te:5.1f} pd (cap {cap}) ktlo {tk:5.1f} ({pct(tk / te)})")
        inc = [r for r in s["work"] if "outage" in r["title"].lower()]
        if inc:
            e = sum(r["effort"] for r in inc)
            p(f"   outage rows: {e} pd = {e / 10:.1f} people's worth, cost ${cost(inc):,.0f}")
            for r in inc:
                p(f"      {r['team']:10} {r['effort']:5.1f} {r['title']}")
        unc = [r for r in s["work"] if r["category"] is None]
        if unc:
            e = sum(r["effort"] for r in unc)
            p(f"   uncategorized: {e} pd ({pct(e / tot)})")
            for r in unc:
                p(f"      {r['team']:10} {r['effort']:5.1f} {r['title']}")
        for ini in ("checkout-v2", "pg-upgrade", "monolith-breakup", "driver-app-v3", "ci-speedup"):
            e = eff(s, initiative=ini)
            if e:
                p(f"   initiative {ini}: {e} pd")
    p()
    ids = [s["id"] for s in sprints]
    prev6 = ids[-7:-1]
    p(f"ktlo avg S17 excluded? 6 sprints before S23 ({prev6[0]}..{prev6[-1]}): {pct(avg([ktlo_share[x] for x in prev6]))}")
    p(f"new share avg S11-S16: {pct(avg([new_share[x] for x in ids[1:7]]))}; S17: {pct(new_share['2026-S17'])}")
    for ini in ("checkout-v2", "pg-upgrade", "monolith-breakup", "driver-app-v3", "ci-speedup"):
        rows = [r for s in sprints for r in s["work"] if r["initiative"] == ini]
        per = {s["id"]: eff(s, initiative=ini) for s in sprints if eff(s, initiative=ini)}
        p(f"initiative {ini}: total {sum(r['effort'] for r in rows)} pd, cost ${cost(rows):,.0f}; per sprint {per}")
    mono_all = {s["id"]: eff(s, category="ktlo", system="storefront-monolith") for s in sprints}
    p(f"monolith ktlo per sprint: {mono_all}")
    for sid in ("2026-S10", "2026-S23"):
        s = S[sid]
        tot = sum(r["effort"] for r in s["work"])
        k = eff(s, category="ktlo")
        p(f"{sid}: ktlo {k} pd of {tot}; monolith ktlo {mono_all[sid]}; storefront+platform ktlo "
          f"{sum(r['effort'] for r in s['work'] if r['category'] == 'ktlo' and r['team'] in ('storefront', 'platform'))}")
    unpl = {s["id"]: sum(r["effort"] for r in s["work"] if not r["planned"]) / sum(r["effort"] for r in s["work"]) for s in sprints}
    p(f"unplanned share avg S10-S16: {pct(avg([unpl[x] for x in ids[:7]]))}; S17: {pct(unpl['2026-S17'])}")
    p(f"ktlo share avg S11-S16: {pct(avg([ktlo_share[x] for x in ids[1:7]]))}")
    for sid in ("2026-S10", "2026-S16", "2026-S17", "2026-S21", "2026-S23"):
        s = S[sid]
        tot = sum(r["effort"] for r in s["work"])
        people = sum(t["people"] for t in TEAMS)
        costed = [r for r in s["work"] if TEAM[r["team"]]["day_cost"]]
        capx = [r for r in costed if r["category"] in ("new", "improve")]
        mono = [r for r in s["work"] if r["category"] == "ktlo" and r["system"] == "storefront-monolith"]
        brk = [r for r in s["work"] if r["initiative"] == "monolith-breakup"]
        p(f"{sid}: logged {tot} pd of {people * WORKING_DAYS} possible ({pct(tot / (people * WORKING_DAYS))}); "
          f"capitalizable cost ${cost(capx):,.0f} of ${cost(costed):,.0f} ({pct(cost(capx) / cost(costed))}); "
          f"monolith upkeep ${cost(mono):,.0f}; break-up ${cost(brk):,.0f}; checkout-v2 {eff(s, initiative='checkout-v2')} pd")
    allrows = [r for s in sprints for r in s["work"]]
    p(f"all 14 sprints: total {sum(r['effort'] for r in allrows)} pd; cost excl Driver App ${cost(allrows):,.0f}; "
      f"Driver App effort {sum(r['effort'] for r in allrows if r['team'] == 'mobile')} pd")


def main():
    sprints = build()
    if "--check" not in sys.argv:
        (DATA / "sprints").mkdir(parents=True, exist_ok=True)
        write_teams()
        for s in sprints:
            write_sprint(s)
    summary(sprints)


if __name__ == "__main__":
    main()
