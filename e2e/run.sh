#!/usr/bin/env bash
# tally's browser tests, end to end, on a clean machine: installs Chromium (Debian's package) if
# it is missing, installs the suite's two npm packages, builds tally, builds the example site and
# the two hard fixture sites, and runs the suite (which serves each site on 127.0.0.1, at "/" and
# under /reports/eng/, and opens it from file:// too), then the planted-fault self-test.
# Exits non-zero on any failure. The last line is `e2e: N passed, M failed`.
#
#   bash e2e/run.sh                 everything
#   E2E_KEEP=1 bash e2e/run.sh      keep the built sites (their folder is printed)
#   E2E_CONCURRENCY=2 ...           pages checked at once (default 3)
#   E2E_SITES="example" ...         only these sites (of: example hard-one hard-many), no
#                                   planted faults: for a quick look while developing
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
export E2E_STARTED="$(date +%s)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "$CHROMIUM" ]; then
  echo "e2e: installing chromium (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "e2e: installing node and npm (Debian packages)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

echo "e2e: npm ci"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

# TALLY may name a tally binary already built (CI passes the debug build of `cargo test`).
if [ -z "${TALLY:-}" ]; then
  echo "e2e: cargo build --release"
  (cd "$REPO" && cargo build --release --quiet)
  TALLY="${CARGO_TARGET_DIR:-$REPO/target}/release/tally"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tally-e2e.XXXXXX")"
if [ "${E2E_KEEP:-}" = 1 ]; then
  echo "e2e: sites kept in $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

# Each site twice: as is (served at "/", opened from file://) and with the base URL of the
# sub-path it is served under (only 404.html, atom.xml and sitemap.xml may differ).
build_site() { # NAME SOURCE
  mkdir -p "$WORK/$1/sub/reports"
  "$TALLY" build --root "$2" --output-dir "$WORK/$1/root" >/dev/null
  "$TALLY" build --root "$2" --output-dir "$WORK/$1/sub/reports/eng" --base-url /reports/eng/ >/dev/null
}
echo "e2e: building the example site and the hard sites into $WORK"
SITES="${E2E_SITES:-example hard-one hard-many}"
site_args=()
for s in $SITES; do
  case "$s" in
    example) build_site example "$REPO" ;;
    hard-one) python3 "$HERE/hard-site.py" --sprints 1 "$WORK/src/hard-one"
      build_site hard-one "$WORK/src/hard-one" ;;
    hard-many) python3 "$HERE/hard-site.py" --sprints 300 "$WORK/src/hard-many"
      build_site hard-many "$WORK/src/hard-many" ;;
    *) echo "e2e: unknown site $s (example, hard-one, hard-many)" >&2; exit 2 ;;
  esac
  site_args+=(--site "$s")
done
planted=()
if [ -z "${E2E_SITES:-}" ]; then planted=(--planted --tally "$TALLY" --example "$REPO"); fi

cd "$HERE"
node suite.mjs --work "$WORK" "${site_args[@]}" "${planted[@]}" \
  --concurrency "${E2E_CONCURRENCY:-3}" --chromium "$CHROMIUM"
