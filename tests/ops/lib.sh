# Shared steps of the ops scripts: tools from Debian, free loopback ports,
# processes started by the script and stopped when it ends.
# Source it; it expects `set -euo pipefail`.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# need COMMAND PACKAGE: install PACKAGE with apt-get when COMMAND is missing.
need() {
  if ! command -v "$1" >/dev/null; then
    echo "ops: $1 missing; installing $2 with apt-get"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2"
  fi
  command -v "$1" >/dev/null || { echo "ops: $1 is still missing; failing" >&2; exit 1; }
}

# free_port: a loopback port nothing answers on.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# wait_for URL: polls for at most 60 s (a guard, not a timing: a busy
# machine compressing a large catalogue takes a while to be ready).
wait_for() {
  local i
  for i in $(seq 1 600); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "ops: nothing answered at $1" >&2
  return 1
}

STARTED=()
# started PID: stop PID when the script exits.
started() { STARTED+=("$1"); }
stop_started() {
  local pid
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# careers_bin: the debug binary, built if needed.
careers_bin() {
  local root="$1"
  (cd "$root" && cargo build --locked -q)
  echo "$(cd "${CARGO_TARGET_DIR:-$root/target}" && pwd)/debug/careers"
}

# roles_folder DIR SOURCE: DIR/roles holding SOURCE's role files and site.yaml.
roles_folder() {
  mkdir -p "$1/roles"
  cp "$2"/*.md "$1/roles/"
  if [ -f "$2/site.yaml" ]; then cp "$2/site.yaml" "$1/roles/"; fi
}
