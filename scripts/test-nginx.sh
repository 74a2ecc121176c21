#!/usr/bin/env bash
# Proves the nginx recipe in examples/nginx/tally.conf: builds the example site, serves it with
# nginx on 127.0.0.1 under /reports/eng/, and fetches every page. Installs nginx if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nginx >/dev/null 2>&1; then
  apt-get update -qq >/dev/null && apt-get install -y -qq nginx >/dev/null
fi
work=$(mktemp -d)
chmod 755 "$work"
trap 'nginx -p "$work" -c "$work/nginx.conf" -s stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
port=${TALLY_NGINX_PORT:-18089}
cargo run --quiet -- build --output-dir "$work/public" --base-url "http://127.0.0.1:$port/reports/eng/"
mkdir -p "$work/logs"
sed "s#/srv/tally/public/#$work/public/#" examples/nginx/tally.conf > "$work/tally.conf"
cat > "$work/nginx.conf" <<CONF
daemon on;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$port;
    include $work/tally.conf;
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
base="http://127.0.0.1:$port/reports/eng"
failed=0
pages=0
while IFS= read -r file; do
  address=${file#"$work/public/"}
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/$address")
  pages=$((pages + 1))
  if [ "$code" != 200 ]; then
    echo "FAIL $code $base/$address"
    failed=$((failed + 1))
  fi
done < <(find "$work/public" -type f \( -name '*.html' -o -name '*.css' -o -name '*.csv' -o -name '*.json' -o -name '*.xml' \) | sort)
# The folder address without index.html, the redirect, and the 404 page for unknown addresses.
for check in "/:200" "/sprints/:200" ":301" "/nope/:404"; do
  path=${check%:*}; want=${check##*:}
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  if [ "$code" != "$want" ]; then echo "FAIL $base$path gave $code, wanted $want"; failed=$((failed + 1)); fi
done
type=$(curl -s -o /dev/null -w '%{content_type}' "$base/style.css")
case "$type" in text/css*) ;; *) echo "FAIL style.css served as $type"; failed=$((failed + 1));; esac
if curl -s "$base/nope/" | grep -q "This page does not exist"; then :; else echo "FAIL 404 page body"; failed=$((failed + 1)); fi
echo "nginx: fetched $pages files under /reports/eng/: $((pages + 6 - failed)) passed, $failed failed"
[ "$failed" = 0 ]
