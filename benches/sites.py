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

CATEGORIES = ["new", "improve", "productivity", "ktlo", "security", "support", "research", "ops"]


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
