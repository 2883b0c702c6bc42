#!/usr/bin/env bash
# Resident memory of `serve` across reloads, for one binary over a generated
# catalogue: `bash benches/reload_memory.sh BINARY N [RELOADS]` prints VmRSS
# and VmHWM (peak) after startup, after one SIGHUP and after RELOADS SIGHUPs
# (default 50), each reload waited for in the log and followed by a settle
# time for background compression, with how many sites the last reload's log
# line counted alive. Loopback only; bounded in time.
set -euo pipefail
BIN=$1 N=$2 RELOADS=${3:-50} PORT=${PORT:-18091} SETTLE=${SETTLE:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/careers-startup}
mkdir -p "$WORK"
if [ ! -d "$WORK/roles-$N" ]; then
    cargo build --release --quiet --example gen_roles --manifest-path "$ROOT/Cargo.toml"
    "${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/gen_roles" "$N" "$WORK/roles-$N" >/dev/null
fi
LOG=$(mktemp)
"$BIN" serve --roles "$WORK/roles-$N" --addr "127.0.0.1:$PORT" 2>"$LOG" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$LOG"' EXIT
deadline=$(($(date +%s) + 120))
until grep -q "every page compressed" "$LOG"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "never finished compressing" >&2; exit 1; }
    sleep 0.2
done
alive() { grep "rebuilt the site" "$LOG" | tail -n 1 | sed 's/\x1b\[[0-9;]*m//g' | grep -o 'sites_alive=[0-9]*' || true; }
mem() { awk '/VmRSS|VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$pid/status"; alive; }
echo "startup:            $(mem)"
reload() {
    local before
    before=$(grep -c "rebuilt the site" "$LOG" || true)
    kill -HUP "$pid"
    local until=$(($(date +%s) + 60))
    while [ "$(grep -c "rebuilt the site" "$LOG" || true)" -le "$before" ]; do
        [ "$(date +%s)" -lt "$until" ] || { echo "reload never finished" >&2; exit 1; }
        sleep 0.05
    done
}
reload; sleep "$SETTLE"
echo "after 1 reload:     $(mem)"
for _ in $(seq 2 "$RELOADS"); do reload; done
sleep "$SETTLE"
echo "after $RELOADS reloads:   $(mem)"
