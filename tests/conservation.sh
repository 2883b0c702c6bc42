#!/usr/bin/env bash
# Measures careers on real role folders kept outside the repository (their
# text is not ours to copy, so `cargo test` never reads them):
#
#   tests/conservation.sh FOLDER [FOLDER ...]
#
# A FOLDER whose sub-folders hold *.md files is one sample per sub-folder;
# any other FOLDER is one sample. For each sample it prints
#   - conservation: lines of role text that reach their page / lines
#     (examples/conservation.rs, the judging the `conservation` test holds
#     every fixture folder to);
#   - `check` warnings and errors counted by code;
#   - when the folder holds an `expected.json` (an independent reading keyed
#     by file name: title_options, salary_amounts, and counts of required,
#     optional and expectations items), how many of its fields careers reads
#     the same.
# Exits 1 when a sample has an error or a scored field differs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 FOLDER [FOLDER ...]" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 2; }

cargo build --quiet --locked --bin careers --example conservation
target="${CARGO_TARGET_DIR:-target}"
careers="$target/debug/careers"
conservation="$target/debug/examples/conservation"

samples=()
for arg in "$@"; do
  subs=()
  for sub in "$arg"/*/; do
    compgen -G "$sub*.md" >/dev/null && subs+=("${sub%/}")
  done
  if [ ${#subs[@]} -gt 0 ]; then samples+=("${subs[@]}"); else samples+=("$arg"); fi
done

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0

# Fields of expected.json careers reads the same, as "right/scored", and one
# line per difference on stderr.
score() {
  local sample="$1" site="$2"
  jq -s -r --slurpfile expected "$sample/expected.json" '
    (map({key: .source_file, value: .}) | from_entries) as $read
    | [$expected[0] | to_entries[] | .key as $file | .value | to_entries[]
       | {file: $file, field: .key, want: .value, role: $read[$file]}
       | .got = (
           if .role == null then null
           elif .field == "title_options" then (.role.title | ascii_downcase)
           elif .field == "salary_amounts" then
             ([.role.salary[] | .min, .max | select(. != null)] | unique)
           elif .field == "required" then (.role.required_experience | length)
           elif .field == "optional" then (.role.optional_experience | length)
           elif .field == "expectations" then (.role.expectations | length)
           else null end)
       | . as $f
       | .right = (
           if $f.field == "title_options" then ($f.want | any(. == $f.got))
           elif $f.field == "salary_amounts" then (($f.want | unique) == $f.got)
           else $f.want == $f.got end)]
    | (map(select(.right | not) | "  differs: \(.file) \(.field): expected \(.want), read \(.got)") | .[]),
      "expected.json: \(map(select(.right)) | length)/\(length) fields read the same"
  ' "$site"/roles/*.json
}

for sample in "${samples[@]}"; do
  echo "== $sample"
  "$conservation" "$sample" | grep -v "^all: "
  report="$out/check.json"
  "$careers" check --roles "$sample" --format json >"$report" 2>/dev/null || true
  jq -r '"check: \(.errors) errors, \(.warnings) warnings: " +
    ([.diagnostics[] | "\(.severity)[\(.code)]"] | group_by(.) |
     map("\(length) \(.[0])") | join(", "))' "$report"
  [ "$(jq .errors "$report")" -eq 0 ] || status=1
  if [ -f "$sample/expected.json" ]; then
    rm -rf "$out/site"
    "$careers" build --roles "$sample" --out "$out/site" >/dev/null 2>&1 || true
    result="$(score "$sample" "$out/site")"
    echo "$result"
    grep -q '^  differs' <<<"$result" && status=1
  fi
done
exit "$status"
