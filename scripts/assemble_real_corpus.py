#!/usr/bin/env python3
"""Assembles a site of real-world markdown from local git clones, to try `tally check` on
documents nobody on the project wrote (the real-documents part of the report on real exports).

    python3 scripts/assemble_real_corpus.py OUT \
        --repo markdownlint=PATH/markdownlint:doc/,README.md \
        --repo eslint-plugin-jest=PATH/eslint-plugin-jest:docs/rules/,README.md \
        --repo =PATH/npm-cli:docs/lib/content/ \
        --repo tera=PATH/tera:README.md
    cd OUT && tally check

Each `--repo DEST=CLONE:PREFIX,...` copies the `.md` files under those prefixes of the clone's
HEAD into `OUT/content/DEST/` (an empty DEST strips the first prefix and puts the files at the
site's root, for docs that link from their own root, as npm's do). A YAML front matter's
`title:` (else the first `# ` heading, else the file name) becomes tally's TOML front matter;
`index.md` becomes `_index.md`. OUT starts as `tally init`'s starter site.
"""
import argparse
import os
import re
import subprocess


def files_of(clone, prefixes):
    listed = subprocess.run(["git", "-C", clone, "ls-tree", "-r", "--name-only", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return [f for f in listed if f.endswith(".md") and any(f.startswith(p) for p in prefixes)]


def as_narrative(text, path):
    title = None
    m = re.match(r"^---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
    if m:
        t = re.search(r"^title:\s*(.+)$", m.group(1), re.M)
        if t:
            title = t.group(1).strip().strip("\"'")
        text = text[m.end():]
    if not title:
        h = re.search(r"^#\s+(.+)$", text, re.M)
        title = h.group(1).strip() if h else os.path.basename(path)[:-3]
    title = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'+++\ntitle = "{title}"\n+++\n' + text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--repo", action="append", default=[], help="DEST=CLONE:PREFIX,PREFIX")
    ap.add_argument("--tally", default="tally")
    args = ap.parse_args()
    subprocess.run([args.tally, "init", args.out], check=True, capture_output=True)
    count = 0
    for spec in args.repo:
        dest, rest = spec.split("=", 1)
        clone, prefixes = rest.rsplit(":", 1)
        prefixes = prefixes.split(",")
        for f in files_of(clone, prefixes):
            data = subprocess.run(["git", "-C", clone, "show", "HEAD:" + f], capture_output=True).stdout
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            rel = f[len(prefixes[0]):] if dest == "" else f
            out = os.path.join(args.out, "content", dest, rel)
            if os.path.basename(out) == "index.md":
                out = out[:-len("index.md")] + "_index.md"
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "w") as fh:
                fh.write(as_narrative(text, f))
            count += 1
    print(f"{count} documents into {args.out}/content")


if __name__ == "__main__":
    main()
