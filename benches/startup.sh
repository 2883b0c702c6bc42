#!/usr/bin/env bash
# Startup to the first 200 from /healthz, for one binary over a generated
# catalogue: `bash benches/startup.sh BINARY N [RUNS]` prints each run's
# milliseconds and the median. Loopback only; each run is bounded to 120 s.
set -euo pipefail
BIN=$1 N=$2 RUNS=${3:-5} PORT=${PORT:-18090}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/careers-startup}
mkdir -p "$WORK"
if [ ! -d "$WORK/roles-$N" ]; then
    cargo build --release --quiet --example gen_roles --manifest-path "$ROOT/Cargo.toml"
    "$ROOT/target/release/examples/gen_roles" "$N" "$WORK/roles-$N" >/dev/null
fi
now_ms() { date +%s%3N; }
runs=()
for _ in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    "$BIN" serve --roles "$WORK/roles-$N" --addr "127.0.0.1:$PORT" >/dev/null 2>&1 &
    pid=$!
    deadline=$(($(date +%s) + 120))
    until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz"; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited" >&2; exit 1; }
        [ "$(date +%s)" -lt "$deadline" ] || { kill "$pid"; echo "not ready" >&2; exit 1; }
        sleep 0.005
    done
    runs+=($(($(now_ms) - t0)))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
median=$(printf '%s\n' "${runs[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "startup, $N roles: ${runs[*]} ms; median $median ms"
