#!/usr/bin/env bash
# A selection that leaves out password.success: the cases that bend client authentication then
# get their grant from the code flow, whose code belongs to clients.code, so they must also
# authenticate as clients.code. They used to authenticate as clients.primary and FAILed
# client_auth.basic.accepted against the reference server (400 unauthorized_client).
#   selection_token_source.sh SERVER RUNNER SRC
set -euo pipefail
server=$1 runner=$2 src=$3
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/ock-e2e-selection.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT

start_tls_server "$server" "$src" "$work"
set +e
"$runner" run --target "$src/fixtures/targets/reference.json" --report-dir "$work/r" \
  --only 'client_auth.*' --only 'code.success' --no-color >"$work/out" 2>&1
rc=$?
set -e
cat "$work/out"
/usr/bin/python3 - "$work/r/report.json" <<'PY'
import json, sys
results = {r["id"]: r for r in json.load(open(sys.argv[1]))["results"]}
want_pass = ["code.success", "client_auth.basic.accepted", "client_auth.multiple_methods",
             "client_auth.wrong_secret", "client_auth.missing_for_confidential"]
bad = [f"{i}: {results[i]['verdict'] if i in results else 'not run'}"
       for i in want_pass if results.get(i, {}).get("verdict") != "PASS"]
bad += [f"{i}: {r['verdict']}" for i, r in results.items() if r["verdict"] in ("FAIL", "ERROR")]
if bad:
    sys.exit("FAIL: with the code flow as token source: " + "; ".join(sorted(set(bad))))
print(f"ok: {len(results)} cases, none FAILed or ERRORed with the code flow as token source")
PY
[ "$rc" -eq 0 ] || fail "the run exited $rc"
