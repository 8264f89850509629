#!/usr/bin/env bash
# The GitLab CI template run for real by gitlab-ci-local (shell executor, no container) in a
# throwaway git project that include:s it, with the kit's binaries on PATH: against
# oauth-refserver the job passes and exports junit.xml (XML with testsuites) and the other
# reports as artifacts; against fault_server.py --fault no_pragma (token_response.pragma_no_cache
# FAILs) the job passes with a baseline listing that deviation and fails without it.
#   gitlab_job.sh SERVER RUNNER SRC
set -euo pipefail
server=$1 runner=$2 src=$3
. "$src/conformance/tests/e2e/lib.sh"   # fail, start_server, stop_server
glci=$src/ci/templates/tools/node_modules/.bin/gitlab-ci-local
[ -x "$glci" ] || fail "$glci is missing: run ci/install-deps (needs npm)"
command -v rsync >/dev/null || fail "rsync is missing (gitlab-ci-local needs it): run ci/install-deps"

work=$(mktemp -d /tmp/ock-templates-gl.XXXXXX)
fault_pid=""
cleanup() {
  stop_server
  if [ -n "$fault_pid" ]; then kill "$fault_pid" 2>/dev/null || true; wait "$fault_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The user's project: the template included from a local copy, a profile for each target and a
# baseline; the runner and the server come from PATH, as from an image with the kit.
project=$work/project
mkdir -p "$project" "$work/home"
cp "$src/ci/templates/gitlab/oauth-conformance.gitlab-ci.yml" "$project/"
cp "$src/fixtures/targets/reference.json" "$project/reference.json"
cp "$src/conformance/tests/faults/profile.json" "$project/fault-server.json"
cat >"$project/.gitlab-ci.yml" <<'YML'
include:
  - local: oauth-conformance.gitlab-ci.yml
YML
cat >"$project/baseline.json" <<'JSON'
{"target": "fault-server",
 "expected": [
   {"id": "token_response.pragma_no_cache", "verdict": "FAIL",
    "comment": "RFC 6749 §5.1: the fault server's token replies lack Pragma: no-cache (known, test fixture)"}
 ]}
JSON
git -C "$project" init -q
git -C "$project" add -A
git -C "$project" -c user.name=ock -c user.email=ock@example.invalid commit -q -m "project"
bindir=$(cd "$(dirname "$runner")" && pwd)
export PATH="$bindir:$PATH"
unset GITHUB_ACTIONS

# job NAME [--variable K=V...]: runs the job oauth-conformance; its output goes to
# $work/NAME.log, its artifacts to $artifacts. Returns gitlab-ci-local's exit status.
artifacts=$project/.gitlab-ci-local/artifacts/oauth-conformance/oauth-conformance-report
job() {
  local name=$1 rc=0 t0=$SECONDS
  shift
  rm -rf "$project/.gitlab-ci-local/artifacts" "$project/oauth-conformance-report"
  (cd "$project" && "$glci" --home "$work/home" --force-shell-executor --no-color "$@" \
    oauth-conformance) >"$work/$name.log" 2>&1 || rc=$?
  echo "job $name: gitlab-ci-local exit $rc in $((SECONDS - t0)) s"
  return $rc
}
show() { cat "$work/$1.log" >&2; }
# The JUnit artifact exists, is XML with a <testsuites> root, and has WANT failures.
check_junit() {
  /usr/bin/python3 - "$artifacts/junit.xml" "$1" <<'PY' || { show "$2"; fail "junit.xml artifact of job $2"; }
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", "root is <%s>, not <testsuites>" % root.tag
assert root.findall("testsuite"), "no <testsuite>"
assert int(root.get("tests")) > 0, "no tests"
assert root.get("failures") == sys.argv[2], "failures=%s, expected %s" % (root.get("failures"), sys.argv[2])
print("  junit.xml: %s tests, %s failures, %d testsuites" % (root.get("tests"), root.get("failures"), len(root.findall("testsuite"))))
PY
  for f in report.html report.md report.json; do
    [ -s "$artifacts/$f" ] || { show "$2"; fail "job $2 exported no $f artifact"; }
  done
}

# 1. A correct server: the job passes.
start_server "$server" "$src" "$work"
job reference --variable OCK_PROFILE=reference.json --variable "OCK_TARGET_URL=http://127.0.0.1:$port" \
  --variable "OCK_ARGS=--only password.success.* --only token_response.*" \
  || { show reference; fail "the job failed against oauth-refserver"; }
grep -q "oauth-conformance exited 0: passed" "$work/reference.log" || { show reference; fail "no 'exited 0' line"; }
check_junit 0 reference
stop_server

# 2. A server with one deviation (no Pragma: no-cache on token replies).
/usr/bin/python3 "$src/conformance/tests/faults/fault_server.py" --fault no_pragma \
  --log-file "$work/fault.log" >"$work/fault.out" 2>&1 &
fault_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/fault.out" && break; sleep 0.1; done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/fault.out") || { cat "$work/fault.out"; fail "fault_server.py did not start"; }
export OCK_FAULT_LOG=$work/fault.log   # the profile's logs_command reads it
fault_vars=(--variable OCK_PROFILE=fault-server.json --variable "OCK_TARGET_URL=$url"
            --variable "OCK_ARGS=--only token_response.* --only password.success.basic")

# 2a. ... listed in the baseline: the job passes, and the deviation was really seen.
job baselined "${fault_vars[@]}" --variable OCK_BASELINE=baseline.json \
  || { show baselined; fail "the job failed although its baseline lists the deviation"; }
check_junit 0 baselined
/usr/bin/python3 - "$artifacts/report.json" <<'PY' || { show baselined; fail "report.json of the baselined job"; }
import json, sys
r = {c["id"]: c for c in json.load(open(sys.argv[1]))["results"]}["token_response.pragma_no_cache"]
assert r["verdict"] == "FAIL" and r["baseline"], "pragma_no_cache: %s, baseline %r" % (r["verdict"], r["baseline"])
print("  report.json: token_response.pragma_no_cache FAIL, baselined")
PY

# 2b. ... without the baseline: the job fails with the runner's exit 1, reports still exported.
if job unbaselined "${fault_vars[@]}"; then
  show unbaselined; fail "the job passed although the deviation is not in a baseline"
fi
grep -q "oauth-conformance exited 1: unexpected FAIL" "$work/unbaselined.log" \
  || { show unbaselined; fail "the job failed, but not with the runner's exit 1"; }
check_junit 1 unbaselined
echo "ok: the GitLab template passes, keeps its reports, and fails only on a deviation not in the baseline"
