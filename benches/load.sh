#!/usr/bin/env bash
# Load, startup and memory: `careers serve` against nginx serving `careers
# build`'s export of the same catalogue, and against Hugo building it.
#
#   bash benches/load.sh
#
# Everything runs on 127.0.0.1 and ends within about 10 minutes with the
# defaults. Missing tools come from Debian packages (wrk, nginx,
# libnginx-mod-http-brotli-static, hugo, brotli, curl; `sudo` unless root).
#
# Knobs (environment):
#   ROUNDS=3            alternating careers/nginx rounds per case (A B A B ...)
#   DURATION=10s        wrk run length
#   CONNECTIONS=64      wrk connections
#   THREADS=2           wrk threads
#   LOAD_ROLES=1000     catalogue size for the requests/s comparison
#   SIZES="100 1000 10000"  catalogue sizes for startup, Hugo, RSS and bytes
#   STARTUP_RUNS=3      startups per size (median)
#   HUGO_RUNS=3         Hugo builds per size (median)
#   CASES="role listing role-gz listing-gz role-304"  add role-br, listing-br
#   SEED=7              generator seed
#   PORT_CAREERS=18080  PORT_NGINX=18081
#   SKIP_INSTALL=1      never call apt-get
#   KEEP=1              keep the work folder (printed at the end)
#
# Rules it follows (docs/architecture.md, "Benchmarks"): before any load it
# checks that both servers send the same decompressed bytes with the same
# Content-Encoding, and each a 304 for its own ETag; the Hugo comparison checks
# that Hugo wrote the N pages. The load generator shares the two cores with the
# servers, so compare the ratios from one run, never absolute figures across
# machines.

set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
LOAD_ROLES=${LOAD_ROLES:-1000}
SIZES=${SIZES:-"100 1000 10000"}
STARTUP_RUNS=${STARTUP_RUNS:-3}
HUGO_RUNS=${HUGO_RUNS:-3}
CASES=${CASES:-"role listing role-gz listing-gz role-304"}
SEED=${SEED:-7}
PORT_CAREERS=${PORT_CAREERS:-18080}
PORT_NGINX=${PORT_NGINX:-18081}
HOST=127.0.0.1

cd "$(dirname "$0")/.."
ROOT=$(pwd)
unset RUST_LOG
started_at=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log() { printf '[load %4ss] %s\n' "$(($(date +%s) - started_at))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------- tools
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x "$NGINX_BIN" ] || need+=(nginx)
[ -e "$BROTLI_MODULE" ] || need+=(libnginx-mod-http-brotli-static)
command -v hugo >/dev/null || need+=(hugo)
command -v brotli >/dev/null || need+=(brotli)
command -v curl >/dev/null || need+=(curl)
command -v perl >/dev/null || need+=(perl)
if [ ${#need[@]} -gt 0 ]; then
    [ -z "${SKIP_INSTALL:-}" ] || die "missing ${need[*]} and SKIP_INSTALL is set"
    log "installing ${need[*]}"
    # Installing nginx must not start the distribution's nginx on port 80.
    made_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${need[@]}" >/dev/null
    [ -z "$made_policy" ] || "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d
    NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
fi
[ -e "$BROTLI_MODULE" ] && HAVE_BR=1 || HAVE_BR=

log "building (cargo build --release)"
cargo build --release --quiet
cargo build --release --quiet --example gen_roles
CAREERS=$ROOT/target/release/careers
GEN=$ROOT/target/release/examples/gen_roles

# ---------------------------------------------------------------- cleanup
WORK=$(mktemp -d /tmp/careers-load.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ -n "${KEEP:-}" ]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # stop PID: end one server we started and forget it
    local pid=$1 keep=() p
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${PIDS[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
    PIDS=("${keep[@]+"${keep[@]}"}")
}

port_free() { ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
port_free "$PORT_CAREERS" || die "port $PORT_CAREERS is in use (set PORT_CAREERS)"
port_free "$PORT_NGINX" || die "port $PORT_NGINX is in use (set PORT_NGINX)"

now_ns() { date +%s%N; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0) print "n/a"; else printf "%.2f", a/b }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b/1048576 }'; }

# ---------------------------------------------------------------- catalogues
ALL_SIZES=$(printf '%s\n' $SIZES "$LOAD_ROLES" | sort -nu | tr '\n' ' ')
declare -A BUILD_S
for n in $ALL_SIZES; do
    "$GEN" "$n" "$WORK/roles-$n" "$SEED" 2>/dev/null
    t0=$(now_ns)
    "$CAREERS" build --roles "$WORK/roles-$n" --out "$WORK/out-$n" 2>"$WORK/build-$n.log" \
        || { cat "$WORK/build-$n.log" >&2; die "careers build failed for $n roles"; }
    BUILD_S[$n]=$(awk -v d=$(($(now_ns) - t0)) 'BEGIN { printf "%.2f", d/1e9 }')
    log "catalogue of $n roles: generated, exported in ${BUILD_S[$n]} s"
done
chmod -R a+rX "$WORK"

# ---------------------------------------------------------------- servers
start_careers() { # start_careers N PORT -> pid in $SERVER_PID
    "$CAREERS" serve --roles "$WORK/roles-$1" --addr "$HOST:$2" \
        >>"$WORK/careers.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
}

wait_ready() { # wait_ready PORT PID: poll every 5 ms until /healthz answers
    local deadline=$(($(date +%s) + 120))
    until curl -sf -o /dev/null --max-time 1 "http://$HOST:$1/healthz"; do
        kill -0 "$2" 2>/dev/null || die "server $2 exited; see $WORK/careers.log"
        [ "$(date +%s)" -lt "$deadline" ] || die "server on port $1 not ready after 120 s"
        sleep 0.005
    done
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
wait_idle() { # wait_idle PID: until background compression is done (CPU idle)
    local quiet=0 before after deadline=$(($(date +%s) + 300))
    before=$(cpu_ticks "$1")
    while [ "$quiet" -lt 3 ]; do
        sleep 0.2
        after=$(cpu_ticks "$1")
        if [ $((after - before)) -le 1 ]; then quiet=$((quiet + 1)); else quiet=0; fi
        before=$after
        [ "$(date +%s)" -lt "$deadline" ] || die "process $1 never went idle"
    done
}

start_nginx() { # start_nginx EXPORT_DIR PORT
    local conf=$WORK/nginx
    mkdir -p "$conf/logs" "$conf/tmp"
    {
        [ -n "$HAVE_BR" ] && echo "load_module $BROTLI_MODULE;"
        [ "$(id -u)" -eq 0 ] && echo "user root;"
        cat <<EOF
worker_processes 2;
pid $conf/nginx.pid;
error_log $conf/logs/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/html application/json;
    sendfile on;
    tcp_nopush on;
    access_log off;
    etag on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $conf/tmp/body;
    proxy_temp_path $conf/tmp/proxy;
    fastcgi_temp_path $conf/tmp/fastcgi;
    uwsgi_temp_path $conf/tmp/uwsgi;
    scgi_temp_path $conf/tmp/scgi;
    gzip_static on;
    gzip_vary on;
EOF
        [ -n "$HAVE_BR" ] && echo "    brotli_static on;"
        cat <<EOF
    server {
        listen $HOST:$2;
        root $1;
        index index.html;
        error_page 404 /404.html;
        location / {
            try_files \$uri \$uri.html \$uri/index.html =404;
        }
    }
}
EOF
    } >"$conf/nginx.conf"
    "$NGINX_BIN" -t -q -p "$conf/" -c "$conf/nginx.conf" 2>"$conf/logs/test.log" \
        || { cat "$conf/logs/test.log" >&2; die "nginx config rejected"; }
    "$NGINX_BIN" -p "$conf/" -c "$conf/nginx.conf" -g 'daemon off;' \
        2>>"$conf/logs/stderr.log" &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    local i
    for i in $(seq 1 400); do
        curl -sf -o /dev/null --max-time 1 "http://$HOST:$2/" && return 0
        sleep 0.005
    done
    die "nginx did not answer; see $conf/logs"
}

# ---------------------------------------------------------------- parity checks
fetch() { # fetch URL ENCODING OUT_PREFIX [extra curl args]: headers and body
    local url=$1 enc=$2 out=$3
    shift 3
    local args=(-s -o "$out.body" -D "$out.head" "$@")
    [ "$enc" = identity ] || args+=(-H "Accept-Encoding: $enc")
    curl "${args[@]}" "$url"
}
header() { # header FILE NAME: a response header's value
    awk -v n="$2" 'BEGIN { IGNORECASE = 1 } tolower($0) ~ "^" tolower(n) ":" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit }' "$1"
}
status() { awk 'NR == 1 { print $2 }' "$1"; }
decode() { # decode BODY ENCODING -> plain bytes on stdout
    case "$2" in
        gzip) gzip -dc <"$1" ;;
        br) brotli -dc <"$1" ;;
        *) cat "$1" ;;
    esac
}

check_parity() { # check_parity PATH: same bytes and encodings; own ETags answer 304
    local path=$1 enc c n ce_c ce_n etag s name
    for enc in identity gzip br; do
        if [ "$enc" = br ] && [ -z "$HAVE_BR" ]; then
            log "  $path br: nginx has no brotli_static module; skipped"
            continue
        fi
        c=$WORK/chk-c n=$WORK/chk-n
        fetch "http://$HOST:$PORT_CAREERS$path" "$enc" "$c"
        fetch "http://$HOST:$PORT_NGINX$path" "$enc" "$n"
        [ "$(status "$c.head")" = 200 ] || die "careers $path ($enc): status $(status "$c.head")"
        [ "$(status "$n.head")" = 200 ] || die "nginx $path ($enc): status $(status "$n.head")"
        ce_c=$(header "$c.head" content-encoding)
        ce_n=$(header "$n.head" content-encoding)
        [ "$ce_c" = "$ce_n" ] || die "$path ($enc): careers Content-Encoding '${ce_c}', nginx '${ce_n}'"
        [ "$enc" = identity ] || [ "$ce_c" = "$enc" ] || die "$path ($enc): not compressed (Content-Encoding '${ce_c}')"
        decode "$c.body" "$ce_c" >"$c.plain" || die "careers $path: cannot decode $ce_c"
        decode "$n.body" "$ce_n" >"$n.plain" || die "nginx $path: cannot decode $ce_n"
        cmp -s "$c.plain" "$n.plain" || die "$path ($enc): decompressed bodies differ"
        local same=different
        cmp -s "$c.body" "$n.body" && same=identical
        log "  $path ${enc}: Content-Encoding '${ce_c:-none}' on both, same $(wc -c <"$c.plain") decoded bytes ($(wc -c <"$c.body") on the wire, $same)"
        for name in careers nginx; do
            local port=$PORT_CAREERS file=$c
            [ "$name" = nginx ] && port=$PORT_NGINX file=$n
            etag=$(header "$file.head" etag)
            [ -n "$etag" ] || die "$name $path ($enc): no ETag"
            fetch "http://$HOST:$port$path" "$enc" "$WORK/chk-304" -H "If-None-Match: $etag"
            s=$(status "$WORK/chk-304.head")
            [ "$s" = 304 ] || die "$name $path ($enc): If-None-Match $etag gave $s, not 304"
        done
    done
    log "  $path: both answer 304 to their own ETags"
}

# ---------------------------------------------------------------- load
cat >"$WORK/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK rps=%.1f p50_us=%.0f p99_us=%.0f requests=%d errors=%d status_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
EOF

run_wrk() { # run_wrk PORT PATH [header...] -> "rps p50_us p99_us"
    local port=$1 path=$2
    shift 2
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$WORK/report.lua")
    local h
    for h in "$@"; do args+=(-H "$h"); done
    local out
    out=$(wrk "${args[@]}" "http://$HOST:$port$path" | grep '^WRK ')
    local rps p50 p99 errors status_errors
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$out")
    p50=$(sed -E 's/.*p50_us=([0-9.]+).*/\1/' <<<"$out")
    p99=$(sed -E 's/.*p99_us=([0-9.]+).*/\1/' <<<"$out")
    errors=$(sed -E 's/.*errors=([0-9]+) .*/\1/' <<<"$out")
    status_errors=$(sed -E 's/.*status_errors=([0-9]+).*/\1/' <<<"$out")
    if [ "$errors" != 0 ] || [ "$status_errors" != 0 ]; then
        log "  warning: $errors socket errors, $status_errors bad statuses on :$port$path"
    fi
    echo "$rps $p50 $p99"
}

log "load test: $LOAD_ROLES roles, $ROUNDS rounds x {careers, nginx}, wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
start_careers "$LOAD_ROLES" "$PORT_CAREERS"
CAREERS_PID=$SERVER_PID
wait_ready "$PORT_CAREERS" "$CAREERS_PID"
wait_idle "$CAREERS_PID"
start_nginx "$WORK/out-$LOAD_ROLES" "$PORT_NGINX"

ROLE_SLUG=$(grep -o '"url":"/roles/[^"]*"' "$WORK/out-$LOAD_ROLES/roles.json" | sed -n '1{s/.*\/roles\///;s/"//;p}')
[ -n "$ROLE_SLUG" ] || die "no role in roles.json"
ROLE_PATH=/roles/$ROLE_SLUG
page_bytes() { # page_bytes FILE: identity, gzip and br sizes of one exported page
    printf '%s B (gzip %s B, br %s B)' "$(wc -c <"$1")" "$(wc -c <"$1.gz")" "$(wc -c <"$1.br")"
}
ROLE_BYTES=$(page_bytes "$WORK/out-$LOAD_ROLES/roles/$ROLE_SLUG.html")
LISTING_BYTES=$(page_bytes "$WORK/out-$LOAD_ROLES/index.html")
log "checking parity on $ROLE_PATH and /"
check_parity "$ROLE_PATH"
check_parity /

etag_of() { # etag_of PORT PATH
    curl -s -o /dev/null -D - "http://$HOST:$1$2" | awk 'tolower($1) == "etag:" { sub(/\r$/, ""); print $2 }'
}
ETAG_C=$(etag_of "$PORT_CAREERS" "$ROLE_PATH")
ETAG_N=$(etag_of "$PORT_NGINX" "$ROLE_PATH")

case_args() { # case_args CASE SERVER -> path, then headers, one per line
    local etag=$ETAG_C
    [ "$2" = nginx ] && etag=$ETAG_N
    case "$1" in
        role) echo "$ROLE_PATH" ;;
        listing) echo / ;;
        role-gz) printf '%s\n%s\n' "$ROLE_PATH" 'Accept-Encoding: gzip' ;;
        listing-gz) printf '%s\n%s\n' / 'Accept-Encoding: gzip' ;;
        role-br) printf '%s\n%s\n' "$ROLE_PATH" 'Accept-Encoding: gzip, deflate, br' ;;
        listing-br) printf '%s\n%s\n' / 'Accept-Encoding: gzip, deflate, br' ;;
        role-304) printf '%s\n%s\n' "$ROLE_PATH" "If-None-Match: $etag" ;;
        *) die "unknown case $1" ;;
    esac
}

mkdir -p "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    for case in $CASES; do
        for server in careers nginx; do
            port=$PORT_CAREERS
            [ "$server" = nginx ] && port=$PORT_NGINX
            mapfile -t spec < <(case_args "$case" "$server")
            result=$(run_wrk "$port" "${spec[@]}")
            read -r rps p50 p99 <<<"$result"
            echo "$rps" >>"$WORK/results/$case.$server.rps"
            echo "$p50" >>"$WORK/results/$case.$server.p50"
            echo "$p99" >>"$WORK/results/$case.$server.p99"
            log "round $round $case $server: $rps req/s, p50 ${p50} us, p99 ${p99} us"
            sleep 1
        done
    done
done
LOAD_RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$CAREERS_PID/status")
stop "$NGINX_PID"
stop "$CAREERS_PID"

# ---------------------------------------------------------------- startup
declare -A STARTUP_MS
for n in $SIZES; do
    : >"$WORK/startup-$n"
    for _ in $(seq 1 "$STARTUP_RUNS"); do
        t0=$(now_ns)
        start_careers "$n" "$PORT_CAREERS"
        wait_ready "$PORT_CAREERS" "$SERVER_PID"
        echo $((($(now_ns) - t0) / 1000000)) >>"$WORK/startup-$n"
        stop "$SERVER_PID"
    done
    STARTUP_MS[$n]=$(median <"$WORK/startup-$n")
    log "startup, $n roles: median ${STARTUP_MS[$n]} ms (runs: $(tr '\n' ' ' <"$WORK/startup-$n"))"
done

# ---------------------------------------------------------------- memory and bytes
declare -A RSS_KB NOW_KB CACHED_B IDLE_MS
for n in $SIZES; do
    t0=$(now_ns)
    start_careers "$n" "$PORT_CAREERS"
    pid=$SERVER_PID
    wait_ready "$PORT_CAREERS" "$pid"
    wait_idle "$pid"
    # Idle is detected after 0.6 s without CPU, so this is an upper bound.
    IDLE_MS[$n]=$((($(now_ns) - t0) / 1000000 - 600))
    slug=$(grep -o '"url":"/roles/[^"]*"' "$WORK/out-$n/roles.json" | sed -n '1{s/.*\/roles\///;s/"//;p}')
    # Warm-up: every encoding of a role page and the listing, and a few searches.
    for enc in identity gzip br; do
        fetch "http://$HOST:$PORT_CAREERS/roles/$slug" "$enc" "$WORK/warm"
        fetch "http://$HOST:$PORT_CAREERS/" "$enc" "$WORK/warm"
    done
    for q in data engineer design rust london senior platform research security product; do
        curl -s -o /dev/null -H 'Accept-Encoding: br' "http://$HOST:$PORT_CAREERS/?q=$q"
    done
    wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s -H 'Accept-Encoding: gzip' \
        "http://$HOST:$PORT_CAREERS/roles/$slug" >/dev/null
    RSS_KB[$n]=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
    NOW_KB[$n]=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
    stop "$pid"
    CACHED_B[$n]=$(find "$WORK/out-$n" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
    log "memory, $n roles: peak RSS $(mb $((RSS_KB[$n] * 1024))) MB, cached responses $(mb "${CACHED_B[$n]}") MB, compressed after ~${IDLE_MS[$n]} ms"
done

# ---------------------------------------------------------------- Hugo
hugo_site() { # hugo_site N: a minimal Hugo site whose content is the role files
    local site=$WORK/hugo-$1
    mkdir -p "$site/content/roles" "$site/layouts/_default"
    cat >"$site/hugo.toml" <<'EOF'
baseURL = "http://127.0.0.1/"
title = "Careers"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
EOF
    cat >"$site/layouts/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
    cat >"$site/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article>{{ .TableOfContents }}{{ .Content }}</article>{{ end }}
EOF
    cat >"$site/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<ul>{{ range first 100 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}
EOF
    # Hugo needs `title` in front matter: take it from the `# ` line. `aliases`
    # would make Hugo write redirect pages, so it is dropped.
    perl -e '
        my ($src, $dst) = @ARGV;
        opendir(my $d, $src) or die "$src: $!";
        for my $f (grep { /\.md$/ } readdir $d) {
            open(my $in, "<", "$src/$f") or die "$f: $!";
            local $/;
            my $t = <$in>;
            my ($h1) = $t =~ /^# (.+)$/m;
            $h1 //= $f;
            $h1 =~ s/\\/\\\\/g;
            $h1 =~ s/"/\\"/g;
            if ($t =~ s/\A---\n(.*?\n)---\n//s) {
                my $fm = $1;
                $fm =~ s/^aliases:.*\n//mg;
                $fm = "title: \"$h1\"\n$fm" unless $fm =~ /^title:/m;
                $t = "---\n$fm---\n$t";
            } else {
                $t = "---\ntitle: \"$h1\"\n---\n$t";
            }
            open(my $out, ">", "$dst/$f") or die "$f: $!";
            print $out $t;
        }' "$WORK/roles-$1" "$site/content/roles"
}

declare -A HUGO_MS
HUGO_VERSION=$(hugo version 2>/dev/null | awk '{ print $2 }')
for n in $SIZES; do
    hugo_site "$n"
    : >"$WORK/hugo-$n.times"
    for _ in $(seq 1 "$HUGO_RUNS"); do
        rm -rf "$WORK/hugo-$n/public"
        t0=$(now_ns)
        hugo --quiet -s "$WORK/hugo-$n" -d "$WORK/hugo-$n/public" --cacheDir "$WORK/hugo-cache" \
            >"$WORK/hugo-$n.log" 2>&1 || { cat "$WORK/hugo-$n.log" >&2; die "hugo failed"; }
        echo $((($(now_ns) - t0) / 1000000)) >>"$WORK/hugo-$n.times"
        pages=$(find "$WORK/hugo-$n/public/roles" -mindepth 2 -name index.html | wc -l)
        [ "$pages" -eq "$n" ] || die "hugo wrote $pages role pages, expected $n"
    done
    HUGO_MS[$n]=$(median <"$WORK/hugo-$n.times")
    log "hugo, $n roles: median ${HUGO_MS[$n]} ms, $n pages written (runs: $(tr '\n' ' ' <"$WORK/hugo-$n.times"))"
done

# ---------------------------------------------------------------- summary
med() { median <"$WORK/results/$1"; }
label() {
    case "$1" in
        role) echo "role page" ;;
        listing) echo "listing (/)" ;;
        role-gz) echo "role page, gzip" ;;
        listing-gz) echo "listing, gzip" ;;
        role-br) echo "role page, br" ;;
        listing-br) echo "listing, br" ;;
        role-304) echo "role page, 304 revalidation" ;;
    esac
}

{
    echo
    echo "## Benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores, load generator on the same machine)"
    echo
    echo "### Requests per second: \`careers serve\` vs nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*nginx\///') on the same export"
    echo
    echo "$LOAD_ROLES roles; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; median of $ROUNDS alternating rounds; latency in ms."
    echo "Both servers were first checked to send the same decoded bytes with the same Content-Encoding, and a 304 for their own ETag."
    echo
    echo "| case | careers req/s | nginx req/s | ratio | careers p50 | nginx p50 | careers p99 | nginx p99 | p99 ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for case in $CASES; do
        rc=$(med "$case.careers.rps") rn=$(med "$case.nginx.rps")
        p50c=$(med "$case.careers.p50") p50n=$(med "$case.nginx.p50")
        p99c=$(med "$case.careers.p99") p99n=$(med "$case.nginx.p99")
        printf '| %s | %.0f | %.0f | %s | %.2f | %.2f | %.2f | %.2f | %s |\n' \
            "$(label "$case")" "$rc" "$rn" "$(ratio "$rc" "$rn")" \
            "$(awk -v v="$p50c" 'BEGIN{print v/1000}')" "$(awk -v v="$p50n" 'BEGIN{print v/1000}')" \
            "$(awk -v v="$p99c" 'BEGIN{print v/1000}')" "$(awk -v v="$p99n" 'BEGIN{print v/1000}')" \
            "$(ratio "$p99c" "$p99n")"
    done
    echo
    echo "### Startup and build: careers vs Hugo $HUGO_VERSION"
    echo
    echo "Startup: process start to the first 200 from /healthz (polled every 5 ms), median of $STARTUP_RUNS; compression then runs in the background."
    echo "Hugo: \`hugo\` building the same role files as pages with minimal templates, median of $HUGO_RUNS, N pages checked."
    echo
    echo "| roles | careers startup | Hugo build | startup / Hugo | careers compressed all (approx.) | \`careers build\` (export, gz+br) |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for n in $SIZES; do
        printf '| %s | %s ms | %s ms | %s | %s ms | %s s |\n' "$n" "${STARTUP_MS[$n]}" "${HUGO_MS[$n]}" \
            "$(ratio "${STARTUP_MS[$n]}" "${HUGO_MS[$n]}")" "${IDLE_MS[$n]}" "${BUILD_S[$n]}"
    done
    echo
    echo "### Memory"
    echo
    echo "Peak RSS (VmHWM) of \`careers serve\` after compression and a warm-up, against the bytes of every cached response (identity + gzip + br, as exported)."
    echo
    echo "| roles | peak RSS (VmHWM) | RSS after warm-up (VmRSS) | cached responses | peak RSS / cached |"
    echo "|---:|---:|---:|---:|---:|"
    for n in $SIZES; do
        printf '| %s | %s MB | %s MB | %s MB | %s |\n' "$n" "$(mb $((RSS_KB[$n] * 1024)))" \
            "$(mb $((NOW_KB[$n] * 1024)))" "$(mb "${CACHED_B[$n]}")" \
            "$(ratio $((RSS_KB[$n] * 1024)) "${CACHED_B[$n]}")"
    done
    echo
    echo "Peak RSS of the $LOAD_ROLES-role server after the load test: $(mb $((LOAD_RSS_KB * 1024))) MB."
    echo
    echo "### Targets"
    echo
    big=$(printf '%s\n' $SIZES | sort -n | tail -1)
    verdict() { if [ "$1" = 1 ]; then echo met; else echo "**missed**"; fi; }
    worst_rps=nan worst_p99=nan
    for case in $CASES; do
        r=$(ratio "$(med "$case.careers.rps")" "$(med "$case.nginx.rps")")
        p=$(ratio "$(med "$case.careers.p99")" "$(med "$case.nginx.p99")")
        worst_rps=$(awk -v a="$worst_rps" -v b="$r" 'BEGIN { print (a == "nan" || b + 0 < a + 0) ? b : a }')
        worst_p99=$(awk -v a="$worst_p99" -v b="$p" 'BEGIN { print (a == "nan" || b + 0 > a + 0) ? b : a }')
    done
    ok=$(awk -v r="$worst_rps" -v p="$worst_p99" 'BEGIN { print (r >= 1 && p <= 1) ? 1 : 0 }')
    echo "- Requests/s >= nginx on every case and p99 no worse: $(verdict "$ok") (lowest req/s ratio $worst_rps, highest p99 ratio $worst_p99)"
    s=${STARTUP_MS[$big]} h=${HUGO_MS[$big]}
    ok=$(awk -v s="$s" -v h="$h" 'BEGIN { print (s < 2000 && s <= h / 2) ? 1 : 0 }')
    echo "- Startup for $big roles < 2 s and <= half of Hugo's: $(verdict "$ok") ($s ms; Hugo $h ms; ratio $(ratio "$s" "$h"))"
    r=$(ratio $((RSS_KB[$big] * 1024)) "${CACHED_B[$big]}")
    ok=$(awk -v r="$r" 'BEGIN { print (r < 3) ? 1 : 0 }')
    echo "- Peak RSS < 3x cached bytes at $big roles: $(verdict "$ok") (${r}x)"
    echo
    echo "Pages under load: role page $ROLE_BYTES; listing $LISTING_BYTES."
    echo "Load average (1, 5, 15 min) at start: $LOAD_BEFORE; at end: $(cut -d' ' -f1-3 /proc/loadavg). Anything else running skews the figures."
} | tee "$WORK/summary.md"

log "done in $(($(date +%s) - started_at)) s"
