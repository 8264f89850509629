#!/usr/bin/env bash
# The reference server described as a server that offers fewer grants (issue 13): a
# client-credentials-only profile and a code-flow-only one, each over TLS. The run must exit 0
# with no FAIL, WARN or ERROR, and every SKIP must be explained by what the description leaves
# out (the password grant, users, refresh tokens, ...): its reason must match one of the
# reasons listed below for that profile, and the reason is printed for the log.
#   grant_neutral.sh SERVER RUNNER SRC PROFILE      (PROFILE: reference-cc-only | reference-code-only)
set -euo pipefail
server=$1 runner=$2 src=$3 profile=$4
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/ock-e2e-grants.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT

start_tls_server "$server" "$src" "$work"
set +e
"$runner" run --target "$src/fixtures/targets/$profile.json" --report-dir "$work/report" \
  --no-color --quiet >"$work/console.out" 2>"$work/console.err"
rc=$?
set -e
cat "$work/console.out"
[ -s "$work/report/report.json" ] || { cat "$work/console.err"; fail "oauth-conformance wrote no report (exit $rc)"; }

/usr/bin/python3 - "$work/report/report.json" "$profile" <<'PY'
import json, re, sys
report, profile = json.load(open(sys.argv[1])), sys.argv[2]
# What each description leaves out, as the SKIP reasons it may produce.
common = [r"needs \[TESTSSL\]"]
explained = {
    "reference-cc-only": common + [
        r"needs \[PASSWORD\]: the target does not offer the password grant",
        r"needs \[CODE\]: the target does not offer the authorization code grant",
        r"needs \[(UTF8|VICTIM)\]",                      # users: there are none
        r"no refresh token issued",                       # client credentials: RFC 6749 §4.4.3
        r"prerequisite (refresh\.success|revoke\.refresh_token) skipped",
        r"prerequisite password\.success\.basic skipped",  # ropc_notice
    ],
    "reference-code-only": common + [
        r"needs \[PASSWORD\]: the target does not offer the password grant",
        r"prerequisite password\.success\.basic skipped",
        r"needs \[CC\]: the target does not offer the client_credentials grant",
    ],
}[profile]
bad, skips = [], 0
for r in report["results"]:
    v, why = r["verdict"], r["skip_reason"] or r["reason"] or ""
    if v == "PASS":
        continue
    if v == "SKIP" and any(re.search(p, why) for p in explained):
        skips += 1
        print(f"  SKIP {r['id']}: {why}")
        continue
    bad.append(f"{r['id']}: {v}: {why}")
if bad:
    sys.exit(f"verdicts the {profile} description does not explain:\n  " + "\n  ".join(bad))
print(f"ok: {report['summary']} ({skips} SKIPs, each explained by the description)")
PY
[ "$rc" -eq 0 ] || { cat "$work/console.err"; fail "oauth-conformance exited $rc, expected 0"; }
