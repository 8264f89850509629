#!/usr/bin/env bash
# The shell steps of the GitHub composite action (ci/templates/github/oauth-conformance) run for
# real, as the runner would run them (GITHUB_ACTIONS=true, GITHUB_OUTPUT/GITHUB_STEP_SUMMARY
# files), against fault_server.py --fault no_pragma: install-kit finds oauth-conformance on
# PATH; run-conformance never fails itself, writes the runner's exit status as exit-code (0 with
# a baseline listing the deviation, 1 without), appends report.md to the step summary, and the
# runner leaves an ::error annotation for the unlisted FAIL only.
#   github_steps.sh RUNNER SRC
set -euo pipefail
runner=$1 src=$2
action=$src/ci/templates/github/oauth-conformance
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d /tmp/ock-templates-ghsteps.XXXXXX)
fault_pid=""
cleanup() {
  if [ -n "$fault_pid" ]; then kill "$fault_pid" 2>/dev/null || true; wait "$fault_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

/usr/bin/python3 "$src/conformance/tests/faults/fault_server.py" --fault no_pragma \
  --log-file "$work/fault.log" >"$work/fault.out" 2>&1 &
fault_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/fault.out" && break; sleep 0.1; done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/fault.out") || { cat "$work/fault.out"; fail "fault_server.py did not start"; }
cat >"$work/baseline.json" <<'JSON'
{"target": "fault-server",
 "expected": [{"id": "token_response.pragma_no_cache", "verdict": "FAIL", "comment": "known (test fixture)"}]}
JSON

# What the job's environment holds: the workspace as cwd, the kit on PATH, the profile's secrets.
bindir=$(cd "$(dirname "$runner")" && pwd)
export PATH="$bindir:$PATH"
export GITHUB_ACTIONS=true GITHUB_ACTION_PATH=$action
export OCK_TARGET_URL=$url OCK_FAULT_LOG=$work/fault.log
cd "$work"

GITHUB_PATH=$work/path OCK_KIT_DEB="" bash "$action/install-kit" >"$work/install.out" 2>&1 \
  || { cat "$work/install.out"; fail "install-kit failed"; }
grep -q "already on PATH" "$work/install.out" || { cat "$work/install.out"; fail "install-kit did not take the runner on PATH"; }
[ ! -s "$work/path" ] || fail "install-kit added to GITHUB_PATH although the runner is on PATH"
echo "ok: install-kit uses the oauth-conformance on PATH"

# step NAME BASELINE: the run step with the action's inputs as env; sets $exit_code.
step() {
  : >"$work/$1.output"; : >"$work/$1.summary"
  OCK_PROFILE=$src/conformance/tests/faults/profile.json OCK_BASELINE=$2 OCK_MODE="" OCK_FAIL_ON="" \
  OCK_ARGS="--only token_response.* --only password.success.basic" OCK_REPORT_DIR=report-$1 \
  GITHUB_OUTPUT=$work/$1.output GITHUB_STEP_SUMMARY=$work/$1.summary \
    bash "$action/run-conformance" >"$work/$1.log" 2>&1 || { cat "$work/$1.log"; fail "run-conformance ($1) failed itself"; }
  exit_code=$(sed -n 's/^exit-code=//p' "$work/$1.output")
  [ -s "$work/$1.summary" ] || fail "$1: the step summary is empty"
  cmp -s "$work/$1.summary" "report-$1/report.md" || fail "$1: the step summary is not report.md"
  for f in report.html junit.xml report.md report.json; do
    [ -s "report-$1/$f" ] || fail "$1: no $f to upload"
  done
}

step baselined "$work/baseline.json"
[ "$exit_code" = 0 ] || { cat "$work/baselined.log"; fail "with the baseline: exit-code=$exit_code, expected 0"; }
! grep -q "^::error" "$work/baselined.log" || { cat "$work/baselined.log"; fail "an ::error annotation for a baselined deviation"; }
echo "ok: with the baseline, exit-code=0, report.md in the summary, no ::error"

step unbaselined ""
[ "$exit_code" = 1 ] || { cat "$work/unbaselined.log"; fail "without the baseline: exit-code=$exit_code, expected 1"; }
grep -q "^::error title=token_response.pragma_no_cache::" "$work/unbaselined.log" \
  || { cat "$work/unbaselined.log"; fail "no ::error annotation for token_response.pragma_no_cache"; }
echo "ok: without the baseline, exit-code=1 and an ::error annotation; the step itself succeeded"
