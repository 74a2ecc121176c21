#!/usr/bin/env python3
"""Writes the example site's delivery record deterministically: content/data/releases.toml,
incidents.toml and events.toml. Run from the repository root; edit this script, not the files.

Northwind's teams release on a steady rhythm: Platform every working day (twice on some days),
Payments three times a week, the storefront monolith and the driver app twice a week, and the
data team once a week. A handful of releases failed; the 2026-S17 checkout outage is the one
critical incident, and its follow-up work is the rows the sprint data already holds.
"""

import datetime as dt

FIRST, LAST = dt.date(2026, 5, 4), dt.date(2026, 11, 13)

# Weekdays (Monday = 0) each team releases on, and the system it releases.
RHYTHM = {
    "platform": ([0, 1, 2, 3, 4], "ci-pipeline"),
    "payments": ([0, 2, 3], "checkout-api"),
    "storefront": ([1, 3], "storefront-monolith"),
    "mobile": ([0, 3], "driver-app"),
    "data": ([2], "data-warehouse"),
}

# (day, team): the note of a release that failed in production.
FAILED = {
    ("2026-06-10", "payments"): "Hotfix the same day: a card check rejected valid cards from one bank.",
    ("2026-07-02", "storefront"): "Rolled back: product pages slowed down under the summer sale.",
    ("2026-07-30", "mobile"): "Hotfix: the driver app crashed on start for older phones.",
    ("2026-08-11", "storefront"): "Rolled back: a fault in the checkout pages (the checkout outage).",
    ("2026-09-29", "storefront"): "Rolled back within the hour.",
    ("2026-11-05", "storefront"): "Rolled back before most customers saw it.",
}

INCIDENTS = [
    dict(id="2026-05-driver-routes", title="Drivers could not load their routes",
         start="2026-05-28T07:20:00", end="2026-05-28T07:50:00", severity="minor",
         systems=["driver-app"], teams=["mobile"],
         customer_impact="For half an hour at the start of the morning shift, drivers saw an empty route list and had to call the depot for their stops.",
         cause="A routine renewal of a security certificate was missed, so the app could not reach the route service.",
         follow_up=["DRV-512"]),
    dict(id="2026-06-card-declines", title="Cards from one bank were declined",
         start="2026-06-10T10:05:00", end="2026-06-10T11:20:00", severity="minor",
         systems=["checkout-api"], teams=["payments"],
         customer_impact="For about an hour, customers paying with cards from one bank were told their card was declined. Most paid another way; some left.",
         cause="A release tightened a card check that this bank's cards did not pass.",
         follow_up=["PAY-1421"], release="payments-2026.06.10"),
    dict(id="2026-07-slow-sale", title="The storefront was slow during the summer sale",
         start="2026-07-02T14:10:00", end="2026-07-02T15:05:00", severity="minor",
         systems=["storefront-monolith"], teams=["storefront", "platform"],
         customer_impact="For most of an hour, product pages took several seconds to open during the first afternoon of the summer sale.",
         cause="A release made each product page ask the database for far more than it needed; under the sale's traffic that slowed every page.",
         follow_up=["SHOP-2272", "SHOP-2278"], release="storefront-2026.07.02"),
    dict(id="2026-08-checkout-outage", title="Customers could not pay at checkout",
         start="2026-08-11T13:40:00", end="2026-08-11T17:25:00", severity="critical",
         systems=["storefront-monolith", "checkout-api", "billing-db"],
         teams=["payments", "platform", "storefront", "data"],
         customer_impact="For almost four hours on a Tuesday afternoon, most customers could not pay for their orders. Some who tried again were charged twice; every one of them was refunded within the week.",
         cause="A new version of the storefront went live with a fault in the checkout pages. At the same time the billing database, where every payment is recorded, ran out of connections, so payments that did go through were slow to confirm and some were taken twice.",
         follow_up=["PAY-1525", "PAY-1527", "PAY-1528", "PLAT-734", "PLAT-735", "PLAT-741",
                    "SHOP-2321", "SHOP-2324", "DATA-405", "PAY-1565", "PLAT-761", "SHOP-2349"],
         release="storefront-2026.08.11"),
    dict(id="2026-09-storefront-rollback", title="A storefront release was rolled back",
         start="2026-09-29T16:30:00", end="2026-09-29T17:10:00", severity="minor",
         systems=["storefront-monolith"], teams=["storefront"],
         customer_impact="For 40 minutes, some customers saw an error when they opened their order history.",
         cause="A release changed how past orders are read, and older orders did not fit the new format.",
         follow_up=["SHOP-2386"], release="storefront-2026.09.29"),
    dict(id="2026-11-storefront-rollback", title="Order history briefly failed to load",
         start="2026-11-05T09:00:00", end="2026-11-05T09:35:00", severity="minor",
         systems=["storefront-monolith"], teams=["storefront"],
         customer_impact="For about half an hour in the morning, a few customers could not open their order history. Checkout was not affected.",
         cause="A release of the storefront monolith went out with a fault the automatic tests did not cover; the new safety checks caught it early and it was rolled back.",
         follow_up=["SHOP-2446"], release="storefront-2026.11.05"),
]

EVENTS = [
    dict(date="2026-09-07", label="Monolith break-up starts", kind="milestone"),
    dict(sprint="2026-S20", label="Database upgrade starts", kind="milestone"),
    dict(sprint="2026-S23", label="Database upgrade done", kind="milestone"),
]

LINKED = {i["release"] for i in INCIDENTS if "release" in i}


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def releases():
    out = ["# The example's releases. Generated by scripts/gen_delivery_data.py; edit the script, not this file.", ""]
    day = FIRST
    while day <= LAST:
        for team, (weekdays, system) in RHYTHM.items():
            if day.weekday() not in weekdays:
                continue
            iso = day.isoformat()
            count = 2 if team == "platform" and day.toordinal() % 3 == 0 else 1
            rid = f"{team}-{day.strftime('%Y.%m.%d')}"
            out.append("[[release]]")
            if rid in LINKED:
                out.append(f"id = {q(rid)}")
            out += [f"date = {iso}", f"team = {q(team)}", f"system = {q(system)}"]
            if count != 1:
                out.append(f"count = {count}")
            note = FAILED.get((iso, team))
            if note:
                out += ["failed = 1", f"note = {q(note)}"]
            out.append("")
        day += dt.timedelta(days=1)
    return "\n".join(out)


def incidents():
    out = ["# The example's incidents. Generated by scripts/gen_delivery_data.py; edit the script, not this file.", ""]
    for i in INCIDENTS:
        out.append("[[incident]]")
        for key in ["id", "title"]:
            out.append(f"{key} = {q(i[key])}")
        out += [f"start = {i['start']}", f"end = {i['end']}", f"severity = {q(i['severity'])}"]
        for key in ["systems", "teams"]:
            out.append(f"{key} = [" + ", ".join(q(x) for x in i[key]) + "]")
        for key in ["customer_impact", "cause"]:
            out.append(f"{key} = {q(i[key])}")
        out.append("follow_up = [" + ", ".join(q(x) for x in i["follow_up"]) + "]")
        if "release" in i:
            out.append(f"release = {q(i['release'])}")
        out.append("")
    return "\n".join(out)


def events():
    out = ["# What happened around the work, drawn on the trend charts. Generated by scripts/gen_delivery_data.py.", ""]
    for e in EVENTS:
        out.append("[[event]]")
        if "date" in e:
            out.append(f"date = {e['date']}")
        else:
            out.append(f"sprint = {q(e['sprint'])}")
        out += [f"label = {q(e['label'])}", f"kind = {q(e['kind'])}", ""]
    return "\n".join(out)


for name, text in [("releases", releases()), ("incidents", incidents()), ("events", events())]:
    with open(f"content/data/{name}.toml", "w") as f:
        f.write(text)
print("wrote content/data/releases.toml, incidents.toml, events.toml")
