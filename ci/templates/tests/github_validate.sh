#!/usr/bin/env bash
# The GitHub Actions template (ci/templates/github) against action-validator: the workflow and the
# composite action are accepted, and broken copies of each (a misspelt job key, an unknown
# `runs.using`) are rejected for that fault, so that the check can fail.
#   github_validate.sh SRC
set -euo pipefail
src=$1
templates=$src/ci/templates
validator=$templates/tools/node_modules/.bin/action-validator
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$validator" ] || fail "$validator is missing: run ci/install-deps (needs npm)"
work=$(mktemp -d /tmp/ock-templates-gh.XXXXXX)
trap 'rm -rf "$work"' EXIT

for f in github/oauth-conformance.yml github/oauth-conformance/action.yml; do
  "$validator" "$templates/$f" >"$work/out" 2>&1 || { cat "$work/out"; fail "action-validator rejects $f"; }
  echo "ok: action-validator accepts $f"
done

# Negative controls. action-validator tells a workflow from an action by the file name.
# reject FILE WHAT EXPECTED: FILE must be refused with EXPECTED in the report.
reject() {
  if "$validator" "$1" >"$work/out" 2>&1; then
    fail "action-validator accepts $2"
  fi
  grep -q -- "$3" "$work/out" || { cat "$work/out"; fail "$2 refused, but not for '$3'"; }
  echo "ok: action-validator refuses $2 ($3)"
}
sed 's/^    steps:$/    stepz:/' "$templates/github/oauth-conformance.yml" >"$work/broken.yml"
cmp -s "$work/broken.yml" "$templates/github/oauth-conformance.yml" && fail "the workflow has no '    steps:' line to break"
reject "$work/broken.yml" "a workflow whose job has 'stepz' for 'steps'" "Additional property 'stepz' is not allowed"
mkdir "$work/broken"
sed 's/^  using: composite$/  using: compost/' "$templates/github/oauth-conformance/action.yml" >"$work/broken/action.yml"
cmp -s "$work/broken/action.yml" "$templates/github/oauth-conformance/action.yml" && fail "the action has no 'using: composite' line to break"
reject "$work/broken/action.yml" "an action with 'using: compost'" '"path": "/runs/using"'
