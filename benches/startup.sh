#!/usr/bin/env bash
# Startup to the first 200 of the listing (`/`, what a candidate opens; set
# PAGE=/healthz or a role's path for another), for one binary over a
# generated catalogue: `bash benches/startup.sh BINARY N [RUNS]` prints each
# run's milliseconds and the median. Loopback only; each run is bounded to
# 120 s. One python3 process asks every 2 ms: a loop of `curl` and `sleep`
# forked two processes each time, and on two cores that took from the server
# a third of a second of the time it measured.
set -euo pipefail
BIN=$1 N=$2 RUNS=${3:-5} PORT=${PORT:-18090} PAGE=${PAGE:-/}
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
    python3 - "$PORT" "$PAGE" "$pid" <<'POLL' || { kill "$pid" 2>/dev/null; echo "not ready" >&2; exit 1; }
import os, socket, sys, time
port, page, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(f"GET {page} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            if s.recv(12) == b"HTTP/1.1 200":
                sys.exit(0)
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("server exited")
    time.sleep(0.002)
sys.exit("not ready")
POLL
    runs+=($(($(now_ms) - t0)))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
median=$(printf '%s\n' "${runs[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "startup, $N roles: ${runs[*]} ms; median $median ms"
