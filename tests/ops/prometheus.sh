#!/usr/bin/env bash
# Debian's Prometheus scrapes a running careers (`--metrics-addr`), and its
# HTTP API (/api/v1/query) shows the series exist and move: requests by kind
# and status, latency, bytes, 304s and roles by status.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/tests/ops/lib.sh"
need prometheus prometheus
need jq jq
need curl curl

BIN="${CAREERS_BIN:-$(careers_bin "$ROOT")}"
WORK="$(mktemp -d)"
trap 'stop_started; rm -rf "$WORK"' EXIT
roles_folder "$WORK" "$ROOT/tests/fixtures/site/roles"

SITE=$(free_port); METRICS=$(free_port); PROM=$(free_port)
(cd "$WORK" && exec "$BIN" --addr "127.0.0.1:$SITE" --metrics-addr "127.0.0.1:$METRICS" 2>"$WORK/careers.log") &
started $!
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: careers
    static_configs:
      - targets: ["127.0.0.1:$METRICS"]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM" >"$WORK/prometheus.log" 2>&1 &
started $!
wait_for "http://127.0.0.1:$SITE/readyz"
wait_for "http://127.0.0.1:$PROM/-/ready"

# query EXPR: the first sample's value, or "none".
query() {
  curl -fsS --get "http://127.0.0.1:$PROM/api/v1/query" --data-urlencode "query=$1" |
    jq -r '.data.result[0].value[1] // "none"'
}
# until_value EXPR TEST: waits (at most 30 s) until the value passes `test`.
until_value() {
  local i v
  for i in $(seq 1 150); do
    v=$(query "$1")
    if [ "$v" != none ] && jq -en "$v $2" >/dev/null; then echo "$v"; return 0; fi
    sleep 0.2
  done
  echo "prometheus: $1 never reached $2 (last: $v)" >&2
  tail -5 "$WORK/prometheus.log" >&2
  return 1
}

hit() { curl -fsS -o /dev/null -H 'accept-encoding: gzip' "http://127.0.0.1:$SITE$1"; }
for _ in 1 2 3; do hit /; hit /roles/lead-gardener; hit /roles.json; done
ETAG=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$SITE/roles/lead-gardener" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
curl -sS -o /dev/null -H "if-none-match: $ETAG" "http://127.0.0.1:$SITE/roles/lead-gardener"
curl -sS -o /dev/null "http://127.0.0.1:$SITE/no-such-page"

checks=0
check() { local v; v=$(until_value "$1" "$2"); echo "ok: $1 = $v"; checks=$((checks + 1)); }
check 'up{job="careers"}' '== 1'
check 'careers_http_requests_total{kind="role",status="200"}' '>= 4'
check 'careers_http_requests_total{kind="listing",status="200"}' '>= 3'
check 'careers_http_requests_total{kind="role",status="304"}' '>= 1'
check 'careers_http_requests_total{kind="other",status="404"}' '>= 1'
check 'careers_http_not_modified_total' '>= 1'
check 'careers_http_response_body_bytes_total{kind="role"}' '> 0'
check 'careers_http_request_duration_seconds_count{kind="role"}' '>= 5'
check 'histogram_quantile(0.9, sum by (le) (careers_http_request_duration_seconds_bucket{kind="role"}))' '> 0'
check 'careers_roles{status="open"}' '>= 1'
check 'count(careers_diagnostics)' '>= 1'
check 'careers_rebuilds_total' '== 0'
check 'careers_connections_evicted_total' '>= 0'
check 'careers_connections_refused_total' '== 0'

# The series move: more requests, a higher count; a SIGHUP, one rebuild.
BEFORE=$(query 'careers_http_requests_total{kind="role",status="200"}')
for _ in $(seq 1 10); do hit /roles/lead-gardener; done
check 'careers_http_requests_total{kind="role",status="200"}' ">= $BEFORE + 10"
kill -HUP "${STARTED[0]}"
check 'careers_rebuilds_total' '== 1'
check 'careers_rebuild_duration_seconds_count' '== 1'
echo "prometheus: $checks queries passed"
