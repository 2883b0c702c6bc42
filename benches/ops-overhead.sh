#!/usr/bin/env bash
# What the optional observers cost a request: requests/s of one role page
# (gzip) with careers' defaults, with `--metrics-addr`, and with
# `--access-log` (stderr to a file), in alternating rounds on one catalogue.
# Compare the ratios from one run, never figures across runs or days.
#
#   bash benches/ops-overhead.sh          # ROUNDS=3 DURATION=5s LOAD_ROLES=1000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/tests/ops/lib.sh"
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-5s}"; LOAD_ROLES="${LOAD_ROLES:-1000}"
need wrk wrk
need jq jq
(cd "$ROOT" && cargo build --release --locked -q --bin careers --example gen_roles)
TARGET="$(cd "${CARGO_TARGET_DIR:-$ROOT/target}" && pwd)/release"
WORK="$(mktemp -d)"
trap 'stop_started; rm -rf "$WORK"' EXIT
"$TARGET/examples/gen_roles" "$LOAD_ROLES" "$WORK/roles" >/dev/null
# A role's path, from the first open role in the catalogue's JSON.
ROLE=""

declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  for mode in default metrics access-log; do
    PORT=$(free_port); FLAGS=()
    case $mode in
      metrics) FLAGS=(--metrics-addr "127.0.0.1:$(free_port)") ;;
      access-log) FLAGS=(--access-log) ;;
    esac
    (cd "$WORK" && exec "$TARGET/careers" --addr "127.0.0.1:$PORT" "${FLAGS[@]}" 2>"$WORK/$mode.log") &
    PID=$!
    wait_for "http://127.0.0.1:$PORT/readyz"
    [ -n "$ROLE" ] || ROLE=$(curl -fsS "http://127.0.0.1:$PORT/roles.json" | jq -r '.roles[0].url')
    RPS=$(wrk -t2 -c64 -d"$DURATION" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT$ROLE" |
      awk '/Requests\/sec/ {print $2}')
    kill "$PID"; wait "$PID" 2>/dev/null || true
    RESULTS[$mode]="${RESULTS[$mode]:-} $RPS"
    echo "round $round $mode: $RPS req/s"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
BASE=$(echo "${RESULTS[default]}" | median)
for mode in default metrics access-log; do
  M=$(echo "${RESULTS[$mode]}" | median)
  echo "$mode: median $M req/s, $(awk -v m="$M" -v b="$BASE" 'BEGIN {printf "%.2f", m / b}')x default"
done
