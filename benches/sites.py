"""Benchmark sites for tally: the generated narrative corpus plus work data, at any size.

Used by benches/serve.py and benches/harness.py. Stdlib only.
"""

import datetime
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# ../shared/bench next to the main checkout; a worktree under ../wt/NAME finds it two levels up.
GEN_CORPUS = next(
    (
        path
        for path in (
            os.environ.get("TALLY_GEN_CORPUS", ""),
            os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"),
            os.path.join(REPO, "..", "..", "shared", "bench", "gen_corpus.py"),
        )
        if path and os.path.exists(path)
    ),
    os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"),
)

CATEGORIES = [
    "new", "improve", "productivity", "ktlo", "security", "support", "research", "ops",
    "compliance", "data", "design", "hiring",
]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def site_toml(title, categories=4):
    text = f'title = "{title}"\ndescription = "A generated benchmark site."\n'
    if categories > 4:
        for i, cat in enumerate(CATEGORIES[:categories]):
            text += f'\n[categories.{cat}]\nlabel = "{cat.capitalize()} work"\nexplain = "Generated category {i}."\n'
    return text


def work_data(root, sprints, rows_per_sprint, teams, categories=4, seed=7):
    """Writes teams.toml and `sprints` sprint files of `rows_per_sprint` rows each."""
    rng = random.Random(seed)
    cats = ["new", "improve", "productivity", "ktlo"] if categories <= 4 else CATEGORIES[:categories]
    text = ""
    for t in range(teams):
        cost = f"day_cost = {600 + 20 * t}\n" if t % 5 else ""
        text += f'[[team]]\nid = "team-{t:02}"\nname = "Team {t:02}"\npeople = {4 + t % 5}\n{cost}\n'
    write(os.path.join(root, "content", "data", "teams.toml"), text)
    start = datetime.date(2015, 1, 5)
    for s in range(sprints):
        begin = start + datetime.timedelta(days=14 * s)
        end = begin + datetime.timedelta(days=11)
        lines = [f'id = "S{s + 1:04}"', f"start = {begin.isoformat()}", f"end = {end.isoformat()}", ""]
        for r in range(rows_per_sprint):
            team = rng.randrange(teams)
            lines += [
                "[[work]]",
                f'team = "team-{team:02}"',
                f'category = "{cats[rng.randrange(len(cats))]}"',
                f"effort = {rng.randrange(1, 40) / 2}",
                f'title = "Work item {s}-{r}"',
                f'ref = "T-{s * rows_per_sprint + r}"',
                "planned = false" if rng.random() < 0.15 else "planned = true",
                "",
            ]
        for t in range(teams):
            lines += ["[[capacity]]", f'team = "team-{t:02}"', f"effort = {(4 + t % 5) * 10}", ""]
        write(os.path.join(root, "content", "data", "sprints", f"S{s + 1:04}.toml"), "\n".join(lines))


def corpus_site(root, pages, nav="full", sprints=12, rows=40, teams=5):
    """A site with `pages` generated narratives (gen_corpus.py) and a little work data."""
    if os.path.exists(root):
        shutil.rmtree(root)
    tmp = root + ".gen"
    subprocess.run(
        [sys.executable, GEN_CORPUS, "--pages", str(pages), "--out", tmp, "--nav", nav, "--force"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.makedirs(root)
    shutil.move(os.path.join(tmp, "content"), os.path.join(root, "content"))
    for peer in ("hugo", "zola", "mdbook"):
        if os.path.isdir(os.path.join(tmp, peer)):
            shutil.move(os.path.join(tmp, peer), os.path.join(root, peer))
    shutil.rmtree(tmp, ignore_errors=True)
    write(os.path.join(root, "site.toml"), site_toml(f"Benchmark, {pages} pages"))
    work_data(root, sprints, rows, teams)
    return root


def big_org(root, sprints=260, rows_per_sprint=5000, teams=40, categories=12, initiatives=200, systems=300, seed=11):
    """A 1,000-engineer organisation: weekly sprints of `rows_per_sprint` work rows each (260 x
    5,000 = 1.3 M rows), `teams` teams of 20 to 30 people, `initiatives` big projects and
    `systems` systems that the rows name. Returns the bytes written under content/data."""
    rng = random.Random(seed)
    cats = CATEGORIES[:categories]
    write(os.path.join(root, "site.toml"), site_toml(f"Big organisation, {sprints} sprints", categories=categories))
    write(os.path.join(root, "content", "_index.md"), '+++\ntitle = "Home"\n+++\n\nGenerated.\n')
    data = os.path.join(root, "content", "data")
    people = [20 + t % 11 for t in range(teams)]
    text = "".join(
        f'[[team]]\nid = "t{t:02}"\nname = "Team {t:02}"\npeople = {people[t]}\nday_cost = {600 + 10 * t}\n\n'
        for t in range(teams)
    )
    write(os.path.join(data, "teams.toml"), text)
    text = "".join(
        f'[[system]]\nid = "sys-{y:03}"\nname = "System {y:03}"\nowner = "t{y % teams:02}"\n'
        f'lifecycle = "{("invest", "maintain", "sunset")[y % 3]}"\n\n'
        for y in range(systems)
    )
    write(os.path.join(data, "systems.toml"), text)
    start = datetime.date(2021, 1, 4)
    text = ""
    for i in range(initiatives):
        begin = start + datetime.timedelta(days=7 * rng.randrange(sprints))
        text += (
            f'[[initiative]]\nid = "init-{i:03}"\nname = "Initiative {i:03}"\ncategory = "{cats[i % len(cats)]}"\n'
            f'owner = "t{i % teams:02}"\nstart = {begin.isoformat()}\nscope = {rng.randrange(200, 5000)}\n'
        )
        # Some projects are capitalized, as in a real organisation (and the finance brief links
        # to the capitalization page, which exists only then).
        text += f"capitalizable = true\ncap_start = {begin.isoformat()}\n\n" if i % 5 == 0 else "\n"
    write(os.path.join(data, "initiatives.toml"), text)
    total = 0
    for s in range(sprints):
        begin = start + datetime.timedelta(days=7 * s)
        lines = [f'id = "W{s + 1:03}"', f"start = {begin.isoformat()}", f"end = {(begin + datetime.timedelta(days=4)).isoformat()}", ""]
        for r in range(rows_per_sprint):
            row = (
                f'[[work]]\nteam = "t{rng.randrange(teams):02}"\ncategory = "{cats[rng.randrange(len(cats))]}"\n'
                f"effort = {rng.randrange(1, 20) / 2}\ntitle = \"Work item {s}-{r}\"\nref = \"T-{s * rows_per_sprint + r}\"\n"
            )
            if rng.random() < 0.6:
                row += f'system = "sys-{rng.randrange(systems):03}"\n'
            if rng.random() < 0.25:
                row += f'initiative = "init-{rng.randrange(initiatives):03}"\n'
            lines.append(row)
        for t in range(teams):
            lines += ["[[capacity]]", f'team = "t{t:02}"', f"effort = {people[t] * 5}", ""]
        body = "\n".join(lines)
        total += len(body.encode())
        write(os.path.join(data, "sprints", f"W{s + 1:03}.toml"), body)
    return total
