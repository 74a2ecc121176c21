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
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sites  # noqa: E402

TALLY = os.path.join(sites.REPO, "target", "release", "tally")

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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-data", action="store_true", help="skip the work-data sizes")
    parser.add_argument("--work", default=os.path.join("/tmp", "tally-bench"), help="where corpora are kept between runs")
    args = parser.parse_args()
    if not os.path.exists(TALLY):
        raise SystemExit("build first: cargo build --release")
    os.makedirs(args.work, exist_ok=True)
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
        print(f"| {case} | {tool} | {seconds:.2f} s | {peak:,.0f} MB | {rate} | {note} |")


if __name__ == "__main__":
    main()
