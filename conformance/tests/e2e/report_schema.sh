#!/usr/bin/env bash
# The report.json of fresh runs matches docs/schema/report.schema.json: a few areas of the
# catalog against the reference server over plain http with the reference baseline (PASS, a
# baselined FAIL, SKIPs, grants from the metadata), then a whole-catalog run stopped by a
# 1-second --deadline (the "incomplete" member). Needs python3-jsonschema.
#   report_schema.sh SERVER RUNNER SRC
set -euo pipefail
server=$1 runner=$2 src=$3
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/ock-e2e-schema.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT

start_server "$server" "$src" "$work"
export OCK_TARGET_URL="http://127.0.0.1:$port" OCK_TARGET_CA=""
export OCK_TARGET_LOGS_COMMAND="cat $work/server.log"

set +e
"$runner" run --target "$src/fixtures/targets/reference.json" --report-dir "$work/some" \
  --baseline "$src/fixtures/baselines/reference-http.json" --no-color --quiet \
  --only 'disco.*' --only 'tls.*' --only 'password.*' --only 'client_auth.*' \
  --only 'code.success*' \
  >"$work/some.out" 2>&1
rc_some=$?
"$runner" run --target "$src/fixtures/targets/reference.json" --report-dir "$work/stopped" \
  --deadline 1 --no-color --quiet >"$work/stopped.out" 2>&1
rc_stopped=$?
set -e
tail -n 1 "$work/some.out"
[ "$rc_some" -eq 0 ] || { cat "$work/some.out"; fail "the selected run exited $rc_some, not 0"; }
[ "$rc_stopped" -eq 2 ] || { cat "$work/stopped.out"; fail "the stopped run exited $rc_stopped"; }

env -u PYTHONPATH -u PYTHONHOME /usr/bin/python3 "$src/conformance/tests/schema/check_formats.py" \
  --report "$work/some/report.json" "$work/stopped/report.json"
# What the two runs must have exercised, or the check above proves less than it says.
/usr/bin/python3 - "$work/some/report.json" "$work/stopped/report.json" <<'PY'
import json, sys
some, stopped = (json.load(open(p)) for p in sys.argv[1:])
verdicts = {r["verdict"] for r in some["results"]}
missing = [what for what, ok in [
    ("a PASS", "PASS" in verdicts),
    ("a SKIP with its skip_reason", any(r["skip_reason"] for r in some["results"])),
    ("a baselined result", any(r["baseline"] for r in some["results"])),
    ("the target's grants", "grants" in some["target"]),
    ("incomplete in the stopped run", "incomplete" in stopped),
] if not ok]
if missing:
    sys.exit("the runs did not exercise: " + ", ".join(missing))
print(f"ok: {len(some['results'])} + {len(stopped['results'])} results;",
      f"stopped: {stopped['incomplete']}")
PY
