#!/usr/bin/env bash
# Requests per second of `careers serve` against its two references, in one
# run: nginx serving careers' own export (gzip_static), and the floor, a bare
# axum server handing out the same exported bytes from memory
# (examples/bare_server.rs).
#
#   bash benches/speed.sh            # about 4 minutes with the defaults
#
# Knobs: ROLES=1000 ROUNDS=3 DURATION=8s CONNECTIONS=64 THREADS=2
#        CASES="role-gz listing-gz role role-304" CAREERS=path/to/binary
# Loopback only. Rounds alternate careers, bare, nginx, so that the load of
# the machine falls on all three alike; compare the ratios, never figures
# from another day. Prints a Markdown table of medians and ratios, and the
# median of each round's careers/bare ratio (the two measured back to back).
set -euo pipefail
ROLES=${ROLES:-1000} ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-2}
CASES=${CASES:-"role-gz listing-gz role role-304"}
HOST=127.0.0.1 PORT_C=18180 PORT_B=18181 PORT_N=18182
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
command -v wrk >/dev/null || { echo "speed: needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "speed: needs nginx" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
unset RUST_LOG

cargo build --release --quiet --bin careers --example gen_roles --example bare_server
CAREERS=${CAREERS:-$TARGET/release/careers}
WORK=$(mktemp -d /tmp/careers-speed.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$TARGET/release/examples/gen_roles" "$ROLES" "$WORK/site/roles" 7 >/dev/null 2>&1
(cd "$WORK/site" && "$CAREERS" build --out "$WORK/out" >/dev/null 2>&1)
chmod -R a+rX "$WORK"

(cd "$WORK/site" && exec "$CAREERS" serve --addr "$HOST:$PORT_C") >"$WORK/careers.log" 2>&1 &
PIDS+=($!)
"$TARGET/release/examples/bare_server" "$WORK/out" "$HOST:$PORT_B" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    charset utf-8;
    sendfile on; tcp_nopush on; access_log off; etag on;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
    gzip_static on; gzip_vary on;
    server {
        listen $HOST:$PORT_N; root $WORK/out; index index.html;
        location / { try_files \$uri \$uri.html \$uri/index.html =404; }
    }
}
EOF
"$NGINX" -p "$WORK/nginx/" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>>"$WORK/nginx/logs/stderr" &
PIDS+=($!)

for port in $PORT_C $PORT_B $PORT_N; do
    for _ in $(seq 1 600); do curl -sf -o /dev/null "http://$HOST:$port/" && break; sleep 0.1; done
done
sleep 3 # careers compresses in the background after its first answer

ROLE=$(grep -o '"url":"/roles/[^"]*"' "$WORK/out/roles.json" | sed -n '1{s/.*\/roles\///;s/"//;p}')
etag() { curl -s -o /dev/null -D - "http://$HOST:$1/roles/$ROLE" | awk 'tolower($1)=="etag:" {sub(/\r$/,""); print $2}'; }
declare -A ETAG=([careers]=$(etag $PORT_C) [bare]=$(etag $PORT_B) [nginx]=$(etag $PORT_N))
declare -A PORT=([careers]=$PORT_C [bare]=$PORT_B [nginx]=$PORT_N)

# Same decoded bytes from all three before any load.
for name in bare nginx; do
    cmp -s <(curl -s "http://$HOST:$PORT_C/roles/$ROLE") <(curl -s "http://$HOST:${PORT[$name]}/roles/$ROLE") \
        || { echo "speed: $name sends other bytes than careers for /roles/$ROLE" >&2; exit 1; }
done

cat >"$WORK/report.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("WRK %.1f %d\n", summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
EOF
run() { # run SERVER CASE -> req/s
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$WORK/report.lua") path=/roles/$ROLE
    case $2 in
        role-gz) args+=(-H 'Accept-Encoding: gzip') ;;
        listing-gz) args+=(-H 'Accept-Encoding: gzip'); path=/ ;;
        role) ;;
        role-304) args+=(-H "If-None-Match: ${ETAG[$1]}") ;;
    esac
    local out
    out=$(wrk "${args[@]}" "http://$HOST:${PORT[$1]}$path" | grep '^WRK ')
    read -r _ rps errors <<<"$out"
    [ "$errors" = 0 ] || echo "speed: $errors errors for $1 $2" >&2
    echo "$rps"
}
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

for round in $(seq 1 "$ROUNDS"); do
    for case in $CASES; do
        for server in careers bare nginx; do
            r=$(run "$server" "$case")
            echo "$r" >>"$WORK/$case.$server"
            echo "round $round $case $server: $r req/s" >&2
        done
    done
done

echo
echo "$ROLES roles; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; median of $ROUNDS alternating rounds ($(date -u +%F), $(nproc) cores)"
echo
echo "| case | careers | bare axum | nginx | careers/bare | careers/nginx | careers/bare, per round (median) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for case in $CASES; do
    c=$(median <"$WORK/$case.careers") b=$(median <"$WORK/$case.bare") n=$(median <"$WORK/$case.nginx")
    # Each round's ratio, the two servers measured back to back: the load
    # of the moment falls on both, which the medians of each apart lose.
    rounds=$(paste -d' ' "$WORK/$case.careers" "$WORK/$case.bare" | awk '{ printf "%.2f\n", $1 / $2 }')
    r=$(median <<<"$rounds")
    awk -v k="$case" -v c="$c" -v b="$b" -v n="$n" -v r="$r" -v all="$(echo $rounds)" \
        'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f (%s) |\n", k, c, b, n, c/b, c/n, r, all }'
done
