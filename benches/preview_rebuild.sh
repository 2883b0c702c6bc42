#!/usr/bin/env bash
# The one-file rebuild of `careers preview` over a generated catalogue:
# `bash benches/preview_rebuild.sh BINARY N [SAVES]` starts the preview from a
# folder holding `roles/` (default flags but a free port), saves one role
# file SAVES times (default 9), waits for each rebuild in the log, and prints
# each rebuild's milliseconds (from the watcher's burst to the new site
# stored, as the binary logs it) and the median. Loopback only; bounded.
# ABSOLUTE=1 passes the folder as an absolute `--roles` instead, for
# binaries from before relative folders followed edits. GIT=1 commits the
# folder to a git repository first, so the preview reads dates from git as
# it does in a hiring manager's checkout.
set -euo pipefail
BIN=$1 N=$2 SAVES=${3:-9} PORT=${PORT:-18092}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/careers-startup}
mkdir -p "$WORK"
if [ ! -d "$WORK/roles-$N" ]; then
    cargo build --release --quiet --example gen_roles --manifest-path "$ROOT/Cargo.toml"
    "${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/gen_roles" "$N" "$WORK/roles-$N" >/dev/null
fi
SITE=$(mktemp -d)
cp -r "$WORK/roles-$N" "$SITE/roles"
if [ "${GIT:-0}" = 1 ]; then
    git -C "$SITE" init -q
    git -C "$SITE" add -A
    git -C "$SITE" -c user.name=bench -c user.email=bench@example.invalid commit -qm "roles"
fi
LOG=$(mktemp)
FOLDER=()
[ "${ABSOLUTE:-0}" = 1 ] && FOLDER=(--roles "$SITE/roles")
(cd "$SITE" && exec "$BIN" preview "${FOLDER[@]}" --addr "127.0.0.1:$PORT") 2>"$LOG" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$SITE" "$LOG"' EXIT
deadline=$(($(date +%s) + 120))
until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "preview never answered" >&2; exit 1; }
    sleep 0.1
done
# awk reads to the end: `head` would close the pipe early, and under
# pipefail the SIGPIPE that gives `ls` ends the script.
FILE=$(ls "$SITE/roles" | grep '\.md$' | awk 'NR <= 500 { f = $0 } END { print f }')
runs=()
for n in $(seq 1 "$SAVES"); do
    before=$(grep -c "rebuilt the preview" "$LOG" || true)
    printf '\nEdited for the bench, pass %s.\n' "$n" >> "$SITE/roles/$FILE"
    until=$(($(date +%s) + 60))
    while [ "$(grep -c "rebuilt the preview" "$LOG" || true)" -le "$before" ]; do
        [ "$(date +%s)" -lt "$until" ] || { echo "rebuild never finished" >&2; exit 1; }
        sleep 0.02
    done
    ms=$(grep "rebuilt the preview" "$LOG" | tail -n 1 | sed 's/\x1b\[[0-9;]*m//g' | grep -o 'ms=[0-9]*' | cut -d= -f2)
    runs+=("$ms")
    sleep 0.5
done
median=$(printf '%s\n' "${runs[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "one-file preview rebuild, $N roles: ${runs[*]} ms; median $median ms"
