#!/usr/bin/env bash
# Debian's nginx, configured only by the server block `careers build` writes
# (`_careers/nginx.conf`), serves a fresh export as `careers serve` serves the
# same roles (the bundled `roles/` and EXTRA_ROLES=100 more, so the listing
# has a second page): for every path a crawl of careers finds, in each encoding
# (identity, gzip, and br when the brotli module is installed), the same
# status, body bytes and headers; and the same 404s.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/tests/ops/lib.sh"
need nginx nginx
need node nodejs
need curl curl
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if [ ! -f "$BROTLI_MODULE" ]; then
  echo "nginx-parity: installing libnginx-mod-http-brotli-static for precompressed brotli"
  as_root apt-get update -qq || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    libnginx-mod-http-brotli-static || true
fi

BIN="${CAREERS_BIN:-$(careers_bin "$ROOT")}"
WORK="$(mktemp -d)"
chmod 755 "$WORK"   # nginx's workers read the export
trap 'stop_started; rm -rf "$WORK"' EXIT
roles_folder "$WORK" "$ROOT/roles"
# Enough roles beside the bundled ones for a second listing page (/page/2).
EXTRA_ROLES="${EXTRA_ROLES:-100}"
for i in $(seq 1 "$EXTRA_ROLES"); do
  printf '# Orchard Hand %s\n\nLook after row %s of the orchard.\n' "$i" "$i" >"$WORK/roles/orchard-hand-$i.md"
done
(cd "$WORK" && "$BIN" build --out site 2>"$WORK/build.log")

SITE=$(free_port); NGINX=$(free_port)
(cd "$WORK" && exec "$BIN" --addr "127.0.0.1:$SITE" 2>"$WORK/careers.log") &
started $!

ENCODINGS="identity,gzip"
LOAD=""
BLOCK="$WORK/site/_careers/nginx.conf"
sed -e "s|listen 8080;|listen 127.0.0.1:$NGINX;|" -e "s|root /srv/careers/site;|root $WORK/site;|" \
  "$BLOCK" >"$WORK/server.conf"
if [ -f "$BROTLI_MODULE" ]; then
  LOAD="load_module $BROTLI_MODULE;"
  sed -i 's|# brotli_static on;|brotli_static on;|' "$WORK/server.conf"
  ENCODINGS="identity,gzip,br"
else
  echo "nginx-parity: no brotli_static module; comparing identity and gzip only"
fi
USER_LINE=""
[ "$(id -u)" -eq 0 ] && USER_LINE="user root;"
mkdir -p "$WORK/tmp"
cat >"$WORK/nginx.conf" <<CONF
$LOAD
$USER_LINE
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
  access_log off;
  client_body_temp_path $WORK/tmp/body;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  include $WORK/server.conf;
}
CONF
nginx -t -c "$WORK/nginx.conf" -p "$WORK" 2>&1 | tail -1
nginx -c "$WORK/nginx.conf" -p "$WORK" &
started $!
wait_for "http://127.0.0.1:$SITE/readyz"
wait_for "http://127.0.0.1:$NGINX/"
MUST_CRAWL="/,/roles/orchard-hand-1"
[ "$EXTRA_ROLES" -ge 100 ] && MUST_CRAWL="$MUST_CRAWL,/page/2"
node "$ROOT/tests/ops/parity.mjs" "http://127.0.0.1:$SITE" "http://127.0.0.1:$NGINX" "$ENCODINGS" "$MUST_CRAWL"
