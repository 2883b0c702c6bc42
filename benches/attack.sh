#!/usr/bin/env bash
# Can the server be taken down? A normal role page measured with wrk, alone
# and then while the server is attacked all at once by
#
#   IDLE=2000     sockets that connect and send nothing (reopened when closed)
#   STALLED=950   clients that pipeline requests and never read an answer
#   COMPARE=8     connections asking for random comparisons (/compare/a...b)
#   IMAGES=16     connections asking for random share images (first draws)
#
# against a catalogue of ROLES=1000 generated roles. It prints the page's
# requests/s under attack as a ratio of the same page alone (aim: >= 0.5), its
# p99 latency (aim: < 1 s), what the attackers got (200s, 503s), and the
# server's memory. Runs on 127.0.0.1 only, bounded in time (about a minute).
#
#   bash benches/attack.sh
#   BIN=/path/to/careers bash benches/attack.sh   # another build, e.g. an older one
#   SERVE_ARGS="--max-connections 900" IDLE=0 COMPARE=0 IMAGES=0 bash benches/attack.sh
#
# Knobs (environment): ROLES, IDLE, STALLED, COMPARE, IMAGES, DURATION (wrk,
# 10s), CONNECTIONS (wrk, 64), THREADS (wrk, 2), RAMP (seconds of attack before
# measuring, 8), PORT (18090), SEED (7), BIN, SERVE_ARGS, KEEP=1 (keep the
# work folder). Needs wrk (Debian package) and python3. The load generator,
# the attackers and the server share the machine's cores: compare the ratio,
# never absolute figures across machines.

set -euo pipefail

ROLES=${ROLES:-1000}
IDLE=${IDLE:-2000}
STALLED=${STALLED:-950}
COMPARE=${COMPARE:-8}
IMAGES=${IMAGES:-16}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
RAMP=${RAMP:-8}
PORT=${PORT:-18090}
SEED=${SEED:-7}
SERVE_ARGS=${SERVE_ARGS:-}
HOST=127.0.0.1

cd "$(dirname "$0")/.."
ROOT=$(pwd)
unset RUST_LOG
log() { printf '[attack] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v python3 >/dev/null || die "python3 is missing"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ -z "${BIN:-}" ]; then
    log "building the release binary"
    cargo build --release --locked --quiet
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/careers"
fi
[ -x "$BIN" ] || die "no binary at $BIN"

WORK=$(mktemp -d)
SERVER_PID=
ATTACK_PID=
cleanup() {
    [ -z "$ATTACK_PID" ] || kill "$ATTACK_PID" 2>/dev/null || true
    [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    if [ -n "${KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "generating $ROLES roles"
cargo run --release --quiet --example gen_roles -- "$ROLES" "$WORK/roles" "$SEED" >/dev/null

# shellcheck disable=SC2086 # SERVE_ARGS is a list of flags
(cd "$WORK" && exec "$BIN" serve --addr "$HOST:$PORT" $SERVE_ARGS 2>"$WORK/server.log") &
SERVER_PID=$!
for _ in $(seq 1 600); do
    curl -fsS "http://$HOST:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "http://$HOST:$PORT/healthz" >/dev/null || die "the server did not start (see $WORK/server.log)"

SLUGS="$WORK/slugs.txt"
python3 - "$HOST" "$PORT" >"$SLUGS" <<'EOF'
import json, sys, urllib.request
host, port = sys.argv[1], sys.argv[2]
roles = json.load(urllib.request.urlopen(f"http://{host}:{port}/roles.json"))
roles = roles["roles"] if isinstance(roles, dict) else roles
for role in roles:
    print(role["slug"])
EOF
# Startup compresses every page in the background; measure after it.
for _ in $(seq 1 1200); do
    grep -q "every page compressed" "$WORK/server.log" && break
    sleep 0.1
done
PAGE="/roles/$(head -n 1 "$SLUGS")"
curl -fsS -o /dev/null "http://$HOST:$PORT$PAGE" || die "no page at $PAGE"
log "$(wc -l <"$SLUGS") listed roles; measuring $PAGE"

rss() { awk '/^VmRSS/ {print $2 / 1024 " MB"}' "/proc/$SERVER_PID/status"; }
peak() { awk '/^VmHWM/ {hwm = $2} /^Threads/ {t = $2} END {print hwm / 1024 " MB, " t " threads"}' "/proc/$SERVER_PID/status"; }

# wrk's summary as "good_requests_per_s p99_ms non2xx errors".
measure() {
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "http://$HOST:$PORT$PAGE")
    printf '%s\n' "$out" >>"$WORK/wrk.txt"
    printf '%s\n' "$out" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
requests, seconds = int(total.group(1)), ms(total.group(2), total.group(3)) / 1000
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
bad = int(bad.group(1)) if bad else 0
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s|m)", text)
p99 = ms(p99.group(1), p99.group(2)) if p99 else float("nan")
errors = re.search(r"Socket errors: (.*)", text)
errors = errors.group(1) if errors else "none"
print(f"{(requests - bad) / seconds:.0f} {p99:.1f} {bad} {errors}")
'
}

log "alone: wrk $DURATION at $CONNECTIONS connections"
read -r ALONE ALONE_P99 ALONE_BAD ALONE_ERR <<<"$(measure)"
log "alone: $ALONE req/s (2xx), p99 $ALONE_P99 ms, non-2xx $ALONE_BAD, socket errors: $ALONE_ERR; RSS $(rss)"

python3 - "$HOST" "$PORT" "$SLUGS" "$IDLE" "$STALLED" "$COMPARE" "$IMAGES" >"$WORK/attack.txt" 2>&1 <<'EOF' &
import asyncio, random, re, signal, sys
host, port, slugs_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
idle_n, stalled_n, compare_n, images_n = map(int, sys.argv[4:8])
slugs = [s.strip() for s in open(slugs_file) if s.strip()]
stats = {k: 0 for k in ["idle_reopened", "stalled_reopened", "compare_200", "compare_503", "compare_other", "image_200", "image_503", "image_other", "refused"]}

async def open_conn(**kw):
    try:
        return await asyncio.open_connection(host, port, **kw)
    except OSError:
        stats["refused"] += 1
        await asyncio.sleep(0.2)
        return None

async def idle():
    while True:
        conn = await open_conn()
        if conn is None:
            continue
        reader, writer = conn
        await reader.read()  # until the server closes it
        writer.close()
        stats["idle_reopened"] += 1

async def stalled():
    request = b"GET /roles.json HTTP/1.1\r\nhost: x\r\n\r\n" * 64
    while True:
        conn = await open_conn(limit=1024)
        if conn is None:
            continue
        reader, writer = conn
        sock = writer.get_extra_info("socket")
        try:
            import socket
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        except OSError:
            pass
        writer.transport.pause_reading()  # never read a byte
        try:
            while True:
                writer.write(request)
                await writer.drain()
        except (OSError, ConnectionError):
            pass
        writer.close()
        stats["stalled_reopened"] += 1

async def get_loop(kind, paths):
    while True:
        conn = await open_conn()
        if conn is None:
            continue
        reader, writer = conn
        try:
            while True:
                writer.write(f"GET {paths()} HTTP/1.1\r\nhost: x\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = re.search(rb"content-length: (\d+)", head, re.I)
                await reader.readexactly(int(length.group(1)) if length else 0)
                key = f"{kind}_{status}" if status in (200, 503) else f"{kind}_other"
                stats[key] += 1
                if b"connection: close" in head.lower():
                    break
        except (OSError, ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        writer.close()

def compare_path():
    a, b = random.sample(slugs, 2)
    return f"/compare/{a}...{b}"

async def image_paths():
    paths = []
    reader, writer = await asyncio.open_connection(host, port)
    for slug in slugs:
        writer.write(f"GET /roles/{slug} HTTP/1.1\r\nhost: x\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))
        body = await reader.readexactly(length)
        found = re.search(rb"(/roles/[^\"/]+/share\.[0-9a-f]+\.png)", body)
        if found:
            paths.append(found.group(1).decode())
    writer.close()
    return paths

async def main():
    images = await image_paths() if images_n else []
    tasks = [asyncio.create_task(idle()) for _ in range(idle_n)]
    tasks += [asyncio.create_task(stalled()) for _ in range(stalled_n)]
    tasks += [asyncio.create_task(get_loop("compare", compare_path)) for _ in range(compare_n)]
    tasks += [asyncio.create_task(get_loop("image", lambda: random.choice(images))) for _ in range(images_n)]
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    print(" ".join(f"{k}={v}" for k, v in stats.items()), flush=True)
    sys.exit(0)

asyncio.run(main())
EOF
ATTACK_PID=$!
log "attack: $IDLE idle, $STALLED stalled readers, $COMPARE comparing, $IMAGES drawing; ramping up for ${RAMP}s"
sleep "$RAMP"
log "RSS under attack before measuring: $(rss)"
read -r UNDER UNDER_P99 UNDER_BAD UNDER_ERR <<<"$(measure)"
kill -TERM "$ATTACK_PID" 2>/dev/null || true
wait "$ATTACK_PID" 2>/dev/null || true
ATTACK_PID=
RATIO=$(python3 -c "print(f'{$UNDER / max($ALONE, 1):.2f}')")
log "under attack: $UNDER req/s (2xx), p99 $UNDER_P99 ms, non-2xx $UNDER_BAD, socket errors: $UNDER_ERR"
log "attackers got: $(cat "$WORK/attack.txt")"
log "server RSS after: $(rss), peak $(peak)"
grep -E "evicted|cap|send timeout|busy" "$WORK/server.log" | tail -n 5 >&2 || true
echo "ratio $RATIO (aim >= 0.5); p99 under attack ${UNDER_P99} ms (aim < 1000); alone $ALONE req/s p99 ${ALONE_P99} ms"
