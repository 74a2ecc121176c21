#!/usr/bin/env python3
"""tally's benchmark harness: builds of generated sites at several sizes, side by side with Hugo
(and Zola) when they are on the PATH.

    cargo build --release && python3 benches/harness.py            # the full table
    python3 benches/harness.py --pages 1000 --runs 3 --no-data     # quicker

Corpora come from ../shared/bench/gen_corpus.py: the same markdown for every tool, ~5 KB a page
in 20 sections, and minimal equivalent templates (`--nav full` lists the page's section on every
page, `--nav none` renders title and content only). tally gets the same templates through a
template override in the generated site. Work data at scale (sprints x work rows, 10 teams,
8 categories) is generated here.

Each build runs --runs times into a fresh folder on /dev/shm (a RAM disk, so that disk noise does
not decide); the table shows the median wall time, the peak memory (maximum resident set of the
build process, from wait4) and pages per second, and the ratio to Hugo in the same run.
"""

import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sites  # noqa: E402

TALLY = os.environ.get("TALLY_BIN") or os.path.join(sites.REPO, "target", "release", "tally")

PAGE_FULL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<nav><ul>{% for p in section_pages %}<li><a href="{{ p.href }}">{{ p.title }}</a></li>{% endfor %}</ul></nav>
<main><h1>{{ title }}</h1>{{ narrative.html | safe }}</main>
</body></html>
"""

PAGE_NONE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{{ narrative.html | safe }}</main></body></html>
"""


def scratch():
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    return os.path.join(base or "/tmp", "tally-bench-out")


def run(command, env=None):
    """Runs a command; returns (seconds, peak RSS in MB, stderr)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024, stderr


def measure(make_command, runs):
    times, peaks, last = [], [], ""
    for _ in range(runs):
        out = scratch()
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak, stderr = run(make_command(out))
        times.append(seconds)
        peaks.append(peak)
        last = stderr
    shutil.rmtree(scratch(), ignore_errors=True)
    return statistics.median(times), max(peaks), last


def tools():
    found = [("tally", None)]
    for name in ("hugo", "zola"):
        if shutil.which(name):
            found.append((name, shutil.which(name)))
    return found


def corpus(work, pages, nav):
    root = os.path.join(work, f"corpus-{pages}-{nav}")
    if not os.path.exists(os.path.join(root, "site.toml")):
        sites.corpus_site(root, pages, nav)
        sites.write(os.path.join(root, "templates", "page.html"), PAGE_FULL if nav == "full" else PAGE_NONE)
    return root


def page_case(work, pages, nav, runs, rows):
    root = corpus(work, pages, nav)
    hugo_time = None
    results = []
    for tool, path in tools():
        if tool == "tally":
            command = lambda out: [TALLY, "build", "--root", root, "--output-dir", out]  # noqa: E731
        elif tool == "hugo":
            command = lambda out: [path, "--quiet", "-s", os.path.join(root, "hugo"), "-d", out]  # noqa: E731
        else:
            command = lambda out: [path, "--root", os.path.join(root, "zola"), "build", "--output-dir", out, "--force"]  # noqa: E731
        seconds, peak, _ = measure(command, runs)
        if tool == "hugo":
            hugo_time = (seconds, peak)
        results.append((tool, seconds, peak))
    for tool, seconds, peak in results:
        ratio = ""
        if hugo_time and tool != "hugo":
            ratio = f"{seconds / hugo_time[0]:.2f} time, {peak / hugo_time[1]:.2f} memory"
        rows.append((f"{pages:,} pages, nav {nav}", tool, seconds, peak, f"{pages / seconds:,.0f}", ratio))
    if not hugo_time:
        rows.append((f"{pages:,} pages, nav {nav}", "hugo", None, None, "", "not installed"))


def data_case(work, sprints, rows_per_sprint, runs, rows):
    root = os.path.join(work, f"data-{sprints}x{rows_per_sprint}")
    if not os.path.exists(os.path.join(root, "site.toml")):
        os.makedirs(root, exist_ok=True)
        sites.write(os.path.join(root, "site.toml"), sites.site_toml(f"Data benchmark, {sprints} sprints", categories=8))
        sites.work_data(root, sprints, rows_per_sprint, teams=10, categories=8)
        sites.write(os.path.join(root, "content", "_index.md"), '+++\ntitle = "Home"\n+++\n\nGenerated.\n')
    seconds, peak, stderr = measure(
        lambda out: [TALLY, "build", "--timings", "--root", root, "--output-dir", out], runs
    )
    timing = next((line for line in stderr.splitlines() if line.startswith("timings:")), "")
    rows.append((f"{sprints} sprints x {rows_per_sprint:,} rows", "tally", seconds, peak, "", timing.replace("timings: ", "")))


def timing_of(stderr):
    """The `timings:` line of `build --timings`, parsed: {"load": ms, "accounts": ms, "charts": ms,
    "pages": ms, "swap": ms, "written": n, "reused": n}."""
    line = next((l for l in stderr.splitlines() if l.startswith("timings:")), "")
    found = {}
    for key, pattern in (
        ("load", r"load and check (\d+) ms"),
        ("accounts", r"the accounts (\d+) ms"),
        ("charts", r"charts and narratives (\d+) ms"),
        ("pages", r"pages and files (\d+) ms"),
        ("swap", r"swap (\d+) ms"),
        ("written", r"(\d+) written"),
        ("reused", r"(\d+) reused"),
        ("unrendered", r"(\d+) pages not rendered again"),
        ("page_count", r"\((\d+) pages\)"),
    ):
        match = re.search(pattern, line)
        found[key] = int(match.group(1)) if match else None
    return found


def incremental_case(work, pages, runs, out_base):
    """Full build, no-op rebuild, one-narrative rebuild and one-work-row rebuild of the
    `pages`-page "nav full" corpus, alternating within each round; returns table rows."""
    root = corpus(work, pages, "full")
    narrative = first_narrative(root)
    sprint_file = sorted(glob.glob(os.path.join(root, "content", "data", "sprints", "*.toml")))[-1]
    with open(narrative, encoding="utf-8") as f:
        narrative_text = f.read()
    with open(sprint_file, encoding="utf-8") as f:
        sprint_text = f.read()
    out = os.path.join(out_base, "tally-bench-incremental")
    build = [TALLY, "build", "--timings", "--root", root, "--output-dir", out]
    kinds = ("full build", "no-op rebuild", "one narrative edited", "one work row changed")
    results = {kind: {"times": [], "peaks": [], "written": [], "rendered": [], "stages": []} for kind in kinds}

    def record(kind):
        seconds, peak, stderr = run(build)
        timing = timing_of(stderr)
        found = results[kind]
        found["times"].append(seconds)
        found["peaks"].append(peak)
        found["written"].append(timing["written"])
        found["rendered"].append((timing["page_count"] or 0) - (timing["unrendered"] or 0))
        found["stages"].append([timing[k] or 0 for k in ("load", "charts", "pages", "swap")])

    try:
        for i in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            record("full build")
            record("no-op rebuild")
            sites.write(narrative, narrative_text + f"\nEdit number {i} of the benchmark.\n")
            record("one narrative edited")
            # The first work row's effort, a different value each round.
            changed = re.sub(r"effort = [0-9.]+", f"effort = {41 + i}", sprint_text, count=1)
            sites.write(sprint_file, changed)
            record("one work row changed")
    finally:
        sites.write(narrative, narrative_text)
        sites.write(sprint_file, sprint_text)
        shutil.rmtree(out, ignore_errors=True)
    full = statistics.median(results["full build"]["times"])
    rows = []
    for kind in kinds:
        found = results[kind]
        times, peaks, written, rendered = found["times"], found["peaks"], found["written"], found["rendered"]
        seconds = statistics.median(times)
        ratio = "" if kind == "full build" else f"{seconds / full:.2f}"
        # Each stage's median over the rounds: load, markdown and charts, pages and files, swap.
        medians = [statistics.median([s[i] for s in found["stages"]]) for i in range(4)]
        stage_text = "{:.0f} / {:.0f} / {:.0f} / {:.0f} ms".format(*medians)
        rows.append((
            f"{pages:,} pages, nav full", kind, seconds, max(peaks), f"{statistics.median(written):,.0f}",
            f"{statistics.median(rendered):,.0f}", stage_text, ratio,
        ))
    return rows


def first_narrative(root):
    """The corpus's first narrative that is not a section index."""
    return sorted(
        os.path.join(d, f)
        for d, _, files in os.walk(os.path.join(root, "content"))
        for f in files
        if f.endswith(".md") and not f.startswith("_") and "data" not in d
    )[0]


def big_org_case(work, runs, sprints=260, rows_per_sprint=5000, out_base=None):
    """The 1,000-engineer organisation of sites.big_org: stages from `build --timings`, peak
    memory against the data's size on disk."""
    root = os.path.join(work, f"org-{sprints}x{rows_per_sprint}")
    size_file = os.path.join(root, ".data-bytes")
    if not os.path.exists(size_file):
        shutil.rmtree(root, ignore_errors=True)
        size = sites.big_org(root, sprints=sprints, rows_per_sprint=rows_per_sprint)
        sites.write(size_file, str(size))
    size_mb = int(open(size_file).read()) / 1e6
    out = os.path.join(out_base or os.path.dirname(scratch()), "tally-bench-org")
    times, peaks, stages = [], [], []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak, stderr = run([TALLY, "build", "--timings", "--root", root, "--output-dir", out])
        times.append(seconds)
        peaks.append(peak)
        stages.append(timing_of(stderr))
    shutil.rmtree(out, ignore_errors=True)
    median = lambda key: statistics.median(s[key] or 0 for s in stages)  # noqa: E731
    return {
        "case": f"{sprints} weekly sprints x {rows_per_sprint:,} rows ({sprints * rows_per_sprint / 1e6:.2f} M rows, {size_mb:,.0f} MB)",
        "seconds": statistics.median(times),
        "peak": max(peaks),
        "ratio": max(peaks) / size_mb,
        "load": median("load") - median("accounts"),
        "accounts": median("accounts"),
        "charts": median("charts"),
        "pages": median("pages") + median("swap"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-data", action="store_true", help="skip the work-data sizes")
    parser.add_argument("--work", default=os.path.join("/tmp", "tally-bench"), help="where corpora are kept between runs")
    parser.add_argument("--incremental-pages", type=int, default=10000, help="corpus size of the incremental table (0 skips it)")
    parser.add_argument(
        "--incremental-dir", default=None,
        help="where the incremental builds write (default: the RAM disk, like the full builds; a folder on disk shows what writing costs)",
    )
    parser.add_argument("--org-sprints", type=int, default=260, help="weekly sprints of the big organisation (0 skips it)")
    parser.add_argument("--org-rows", type=int, default=5000, help="work rows per sprint of the big organisation")
    parser.add_argument("--only", default="full,incremental,org,serve", help="which tables to print")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if not os.path.exists(TALLY):
        raise SystemExit("build first: cargo build --release")
    os.makedirs(args.work, exist_ok=True)
    if "full" in only:
        full_table(args)
    if "incremental" in only and args.incremental_pages:
        incremental_table(args)
    if "org" in only and args.org_sprints:
        org_table(args)
    if "serve" in only:
        print()
        sys.stdout.flush()
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve.py"), "--pages", "10000", "--data"], check=True)


def incremental_table(args):
    out_base = args.incremental_dir or os.path.dirname(scratch())
    rows = incremental_case(args.work, args.incremental_pages, args.runs, out_base)
    print(f"\nIncremental builds into {out_base} (each round: full, no-op, narrative, work row; medians of {args.runs} rounds)\n")
    print("| case | build | median time | peak memory | files written | pages rendered | load / markdown and charts / pages and files / swap | time against the full build |")
    print("|---|---|---|---|---|---|---|---|")
    for case, kind, seconds, peak, written, rendered, stages, ratio in rows:
        print(f"| {case} | {kind} | {seconds:.2f} s | {peak:,.0f} MB | {written} | {rendered} | {stages} | {ratio} |")
    sys.stdout.flush()


def org_table(args):
    result = big_org_case(args.work, args.runs, args.org_sprints, args.org_rows)
    print(f"\nBig organisation (40 teams, 12 categories, 200 initiatives, 300 systems; median of {args.runs} runs)\n")
    print("| case | median time | peak memory | memory / input | load and check | accounts | charts | pages and files |")
    print("|---|---|---|---|---|---|---|---|")
    r = result
    print(
        f"| {r['case']} | {r['seconds']:.2f} s | {r['peak']:,.0f} MB | {r['ratio']:.1f}x | {r['load']:,.0f} ms | "
        f"{r['accounts']:,.0f} ms | {r['charts']:,.0f} ms | {r['pages']:,.0f} ms |"
    )
    sys.stdout.flush()


def full_table(args):
    rows = []
    for pages in [int(p) for p in args.pages.split(",") if p]:
        for nav in ("full", "none"):
            page_case(args.work, pages, nav, args.runs, rows)
    if not args.no_data:
        for sprints in (10, 300):
            data_case(args.work, sprints, 1000, args.runs, rows)
    example_seconds, example_peak, _ = measure(lambda out: [TALLY, "build", "--root", sites.REPO, "--output-dir", out], args.runs)
    rows.append(("example site", "tally", example_seconds, example_peak, "", ""))
    print("| case | tool | median time | peak memory | pages/s | compared with Hugo, or stages |")
    print("|---|---|---|---|---|---|")
    for case, tool, seconds, peak, rate, note in rows:
        if seconds is None:
            print(f"| {case} | {tool} | | | | {note} |")
            continue
        print(f"| {case} | {tool} | {seconds:.2f} s | {peak:,.0f} MB | {rate} | {note} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
