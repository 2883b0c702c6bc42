#!/usr/bin/env bash
# Soak: 60 s of load with wrk against `careers serve` while a second loop
# sends SIGHUP every second and rewrites role files, so every reload swaps the
# site under traffic. Loopback only, bounded in time. Prints requests sent,
# failed (non-2xx/3xx and socket errors: must be 0), reloads done, and the
# server's memory before and after.
#
#   bash benches/soak.sh [SECONDS]      (default 60; needs wrk: apt-get install wrk)
set -euo pipefail
SECS=${1:-60}
PORT=${PORT:-18095}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'kill "${PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "soak: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
cp "$ROOT"/roles/*.md "$WORK/"
"$ROOT/target/release/careers" serve --roles "$WORK" --addr "127.0.0.1:$PORT" >"$WORK/log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.05; done
sleep 1
rss() { awk '/VmRSS/ { print $2 " kB" }' "/proc/$PID/status"; }
RSS_BEFORE=$(rss)
# An open role (a draft answers 404 until a rewrite publishes it), by its file.
read -r SLUG FILE < <(curl -s "http://127.0.0.1:$PORT/roles.json" |
    python3 -c 'import json, sys; r = json.load(sys.stdin)["roles"][0]; print(r["slug"], r["source_file"])')
ROLE="$WORK/$FILE"
cat >"$WORK/paths.lua" <<LUA
local paths = { "/", "/roles/$SLUG", "/roles.json", "/?q=engineer", "/roles/$SLUG.json" }
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA
(
    end=$(($(date +%s) + SECS))
    i=0
    while [ "$(date +%s)" -lt "$end" ]; do
        i=$((i + 1))
        # Rewrite the role's title (its first `# ` line) and reload.
        sed -i "0,/^# .*/s//# Soak Role $i/" "$ROLE"
        kill -HUP "$PID"
        sleep 1
    done
    echo "$i" >"$WORK/reloads"
) &
LOOP=$!
wrk -t2 -c32 -d"${SECS}s" --latency -s "$WORK/paths.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk" 2>&1
wait "$LOOP"
RSS_AFTER=$(rss)
REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/wrk")
NON_2XX=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$WORK/wrk")
SOCKET=$(awk '/Socket errors/ { s = $4 + $6 + $8 + $10; gsub(",", "", s); print s }' "$WORK/wrk")
RELOADS=$(grep -c "rebuilt the site" "$WORK/log" || true)
FAILED_RELOADS=$(grep -c "rebuild failed" "$WORK/log" || true)
kill -0 "$PID" || { echo "soak: the server died" >&2; exit 1; }
echo "soak ${SECS}s: ${REQUESTS} requests, failed $((${NON_2XX:-0} + ${SOCKET:-0})) (non-2xx ${NON_2XX:-0}, socket errors ${SOCKET:-0}), reloads $RELOADS (failed $FAILED_RELOADS) of $(cat "$WORK/reloads") signals; RSS before $RSS_BEFORE, after $RSS_AFTER"
grep -E "Latency|Req/Sec" "$WORK/wrk"
