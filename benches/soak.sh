#!/usr/bin/env bash
# Soak: 60 s of load with wrk against `careers serve` while a second loop
# sends SIGHUP every second and rewrites role files, so every reload swaps the
# site under traffic; meanwhile 40 slow clients hold connections to it (20
# send their request a byte at a time, 20 read their answer a few bytes at a
# time), and a `careers preview` of a second copy of the folder takes a save
# every 200 ms under its own load. Loopback only, bounded in time. Prints, for
# each server, requests sent, failed (non-2xx/3xx and socket errors: must be
# 0), and memory: idle before, after WARM seconds of load (default 10), and at
# the end (compare the last two: the first load grows thread stacks and
# buffers once).
#
#   bash benches/soak.sh [SECONDS]      (default 60; needs wrk: apt-get install wrk)
set -euo pipefail
SECS=${1:-60}
WARM=${WARM:-10}
PORT=${PORT:-18095}
PREVIEW_PORT=${PREVIEW_PORT:-18096}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'kill "${PID:-0}" "${PREVIEW_PID:-0}" "${SLOW:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "soak: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
cp "$ROOT"/roles/*.md "$WORK/"
mkdir "$WORK/preview"
cp "$ROOT"/roles/*.md "$WORK/preview/"
"$ROOT/target/release/careers" preview --roles "$WORK/preview" --addr "127.0.0.1:$PREVIEW_PORT" >"$WORK/preview.log" 2>&1 &
PREVIEW_PID=$!
"$ROOT/target/release/careers" serve --roles "$WORK" --addr "127.0.0.1:$PORT" >"$WORK/log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.05; done
sleep 1
until curl -sf -o /dev/null "http://127.0.0.1:$PREVIEW_PORT/healthz"; do sleep 0.05; done
rss() { awk '/VmRSS/ { print $2 " kB" }' "/proc/$1/status"; }
RSS_BEFORE=$(rss "$PID")
PREVIEW_RSS_BEFORE=$(rss "$PREVIEW_PID")
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
(
    # The preview: a save every 200 ms to one of its open roles.
    end=$(($(date +%s) + SECS))
    i=0
    while [ "$(date +%s)" -lt "$end" ]; do
        i=$((i + 1))
        sed -i "0,/^# .*/s//# Preview Save $i/" "$WORK/preview/$FILE"
        sleep 0.2
    done
) &
SAVES=$!
python3 - "$PORT" "$SECS" >"$WORK/slow" 2>&1 <<'PY' &
import socket, sys, threading, time
port, secs = int(sys.argv[1]), int(sys.argv[2])
end = time.time() + secs
def trickle_request():
    # Sends a request a byte every 100 ms, again and again.
    while time.time() < end:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            for b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 400:
                s.send(bytes([b]))
                time.sleep(0.1)
        except OSError:
            time.sleep(0.1)
def trickle_read():
    # Asks for the listing and reads 16 bytes every 100 ms.
    while time.time() < end:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            while time.time() < end and s.recv(16):
                time.sleep(0.1)
        except OSError:
            time.sleep(0.1)
threads = [threading.Thread(target=f, daemon=True) for f in [trickle_request] * 20 + [trickle_read] * 20]
for t in threads:
    t.start()
time.sleep(secs)
print("slow clients: 40 for", secs, "s")
PY
SLOW=$!
# Memory once the load has warmed the servers up (worker threads, buffers):
# growth after this point is what a leak or a pinned site would show.
(
    sleep "$WARM"
    rss "$PID" >"$WORK/rss-warm"
    rss "$PREVIEW_PID" >"$WORK/preview-rss-warm"
) &
WARMED=$!
wrk -t1 -c8 -d"${SECS}s" -s "$WORK/paths.lua" "http://127.0.0.1:$PREVIEW_PORT" >"$WORK/wrk-preview" 2>&1 &
PREVIEW_WRK=$!
wrk -t2 -c32 -d"${SECS}s" --latency -s "$WORK/paths.lua" "http://127.0.0.1:$PORT" >"$WORK/wrk" 2>&1
wait "$LOOP" "$SAVES" "$PREVIEW_WRK" "$WARMED"
wait "$SLOW" || true
RSS_AFTER=$(rss "$PID")
PREVIEW_RSS_AFTER=$(rss "$PREVIEW_PID")
REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/wrk")
NON_2XX=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$WORK/wrk")
SOCKET=$(awk '/Socket errors/ { s = $4 + $6 + $8 + $10; gsub(",", "", s); print s }' "$WORK/wrk")
RELOADS=$(grep -c "rebuilt the site" "$WORK/log" || true)
FAILED_RELOADS=$(grep -c "rebuild failed" "$WORK/log" || true)
kill -0 "$PID" || { echo "soak: the server died" >&2; exit 1; }
kill -0 "$PREVIEW_PID" || { echo "soak: the preview died" >&2; exit 1; }
failed() { # requests and failures from a wrk report
    local n x s
    n=$(awk '/requests in/ { print $1 }' "$1")
    x=$(awk '/Non-2xx or 3xx responses/ { print $5 }' "$1")
    s=$(awk '/Socket errors/ { s = $4 + $6 + $8 + $10; gsub(",", "", s); print s }' "$1")
    echo "${n} requests, failed $((${x:-0} + ${s:-0}))"
}
echo "soak ${SECS}s: ${REQUESTS} requests, failed $((${NON_2XX:-0} + ${SOCKET:-0})) (non-2xx ${NON_2XX:-0}, socket errors ${SOCKET:-0}), reloads $RELOADS (failed $FAILED_RELOADS) of $(cat "$WORK/reloads") signals; RSS idle before $RSS_BEFORE, after ${WARM}s of load $(cat "$WORK/rss-warm"), at the end $RSS_AFTER"
grep -E "Latency|Req/Sec" "$WORK/wrk"
cat "$WORK/slow"
echo "preview ${SECS}s: $(failed "$WORK/wrk-preview"), saves $(grep -c "rebuilt" "$WORK/preview.log" || true) rebuilds; RSS idle before $PREVIEW_RSS_BEFORE, after ${WARM}s of load $(cat "$WORK/preview-rss-warm"), at the end $PREVIEW_RSS_AFTER"
