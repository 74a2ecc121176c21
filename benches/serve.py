#!/usr/bin/env python3
"""Time from saving a file to the reloaded page, with `tally serve`.

For the example site and a generated site of --pages pages: start `tally serve` (release build),
hold the reload stream open like a browser, append a sentence to one narrative, and measure
until the `reload` event has arrived and the page with the new sentence has been fetched.
With --data, also a data edit: the first work row of the last sprint file gets a new title and
the largest effort, and the time runs until that sprint's page lists it.
Prints the median and the slowest of 15 edits per case.

    cargo build --release && python3 benches/serve.py [--pages 1000] [--edits 15] [--data]
"""

import argparse
import glob
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sites  # noqa: E402

TALLY = os.path.join(sites.REPO, "target", "release", "tally")


def http_get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        # The server answers only requests addressed to it by its own address.
        s.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


class Events:
    """The reload stream, read on a thread; `wait()` blocks until the next reload."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(
            f"GET /__tally/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        )
        self.reloads = 0
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b""
        while True:
            try:
                data = self.sock.recv(4096)
            except OSError:
                return
            if not data:
                return
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.startswith(b"event: reload"):
                    with self.cond:
                        self.reloads += 1
                        self.cond.notify_all()

    def wait_beyond(self, count, timeout=30):
        with self.cond:
            self.cond.wait_for(lambda: self.reloads > count, timeout)
            return self.reloads


def narrative_edit(path):
    """Appends a sentence to the narrative at `path`; returns the edit and the text to look for."""

    def edit(i):
        marker = f"Edit number {i} of the benchmark."
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n{marker}\n")
        return marker

    return edit


def data_edit(path):
    """Gives the first work row of the sprint file at `path` a new title and the largest effort,
    so that the sprint page lists it first."""
    with open(path, encoding="utf-8") as f:
        original = f.read()

    def edit(i):
        marker = f"Benchmark data edit {i}"
        text = re.sub(r'title = "[^"]*"', f'title = "{marker}"', original, count=1)
        text = re.sub(r"effort = [0-9.]+", f"effort = {900 + i}", text, count=1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return marker

    return edit, original


def measure(root, edit, page_url, edits):
    proc = subprocess.Popen([TALLY, "serve", "--port", "0", "--root", root],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        port = None
        for line in proc.stderr:
            if "http://" in line:
                port = int(line.split("http://")[1].split("/")[0].split(":")[1])
                break
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        events = Events(port)
        time.sleep(0.3)
        times = []
        for i in range(edits):
            seen = events.reloads
            started = time.perf_counter()
            marker = edit(i)
            events.wait_beyond(seen)
            body = http_get(port, page_url)
            elapsed = time.perf_counter() - started
            if marker not in body:
                raise SystemExit(f"the page did not show edit {i}")
            times.append(elapsed * 1000)
            time.sleep(0.15)
        return times
    finally:
        proc.terminate()
        proc.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--data", action="store_true", help="also measure an edit to a sprint's work data")
    args = parser.parse_args()
    if not os.path.exists(TALLY):
        raise SystemExit("build first: cargo build --release")
    work = tempfile.mkdtemp(prefix="tally-serve-bench-")
    try:
        example = os.path.join(work, "example")
        shutil.copytree(sites.REPO, example, ignore=shutil.ignore_patterns("target", "public", ".git", "node_modules"))
        corpus = sites.corpus_site(os.path.join(work, "corpus"), args.pages)
        first = sorted(
            os.path.join(d, f)
            for d, _, files in os.walk(os.path.join(corpus, "content"))
            for f in files
            if f.endswith(".md") and not f.startswith("_") and "data" not in d
        )[0]
        rel = os.path.relpath(first, corpus)
        url = "/" + os.path.splitext(os.path.relpath(first, os.path.join(corpus, "content")))[0] + "/"
        cases = [
            ("example site, a sprint narrative", example, narrative_edit(os.path.join(example, "content/sprints/2026-S23.md")), "/sprints/2026-S23/"),
            (f"{args.pages:,}-page site, one narrative", corpus, narrative_edit(os.path.join(corpus, rel)), url),
        ]
        if args.data:
            sprint_file = sorted(glob.glob(os.path.join(corpus, "content", "data", "sprints", "*.toml")))[-1]
            sprint = os.path.splitext(os.path.basename(sprint_file))[0]
            edit, _ = data_edit(sprint_file)
            cases.append((f"{args.pages:,}-page site, one work row", corpus, edit, f"/sprints/{sprint}/"))
        print(f"{'case':45} {'median ms':>10} {'slowest ms':>11}")
        for name, root, edit, address in cases:
            times = measure(root, edit, address, args.edits)
            print(f"{name:45} {statistics.median(times):10.1f} {max(times):11.1f}")
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
