#!/usr/bin/env bash
# Prints one line per output file (sha256 and path) for the example site, the fixture sites and
# the two hard sites of the browser suite. A change that should not change output (a refactor)
# must leave this list identical: run it before and after and diff the two.
#   bash scripts/output-hashes.sh [TALLY] > before.txt
set -euo pipefail
cd "$(dirname "$0")/.."
tally="${1:-${CARGO_TARGET_DIR:-$(pwd)/target}/debug/tally}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 e2e/hard-site.py --sprints 1 "$work/src/hard-one" >/dev/null
python3 e2e/hard-site.py --sprints 300 "$work/src/hard-many" >/dev/null
build() { # name, site folder
  "$tally" build --root "$2" --output-dir "$work/out/$1" >/dev/null
  (cd "$work/out/$1" && find . -type f ! -name .tally-output ! -name .tally-pages -print0 | sort -z | xargs -0 sha256sum | sed "s|  \./|  $1/|")
}
build example .
for fixture in tests/fixtures/valid/*/; do
  build "$(basename "$fixture")" "$fixture"
done
build hard-one "$work/src/hard-one"
build hard-many "$work/src/hard-many"
