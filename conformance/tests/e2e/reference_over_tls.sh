#!/usr/bin/env bash
# The reference server (SQLite, TLS with a certificate made now, a 3-second client, a victim
# user, allow_destructive on) against the runner: exit 0, every case PASS, or SKIP only for a
# reason named below; zero FAIL, WARN or ERROR; the console ends with the closing line; the
# JUnit file has one testcase per case.
set -euo pipefail
server=$1 runner=$2 src=$3
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d /tmp/ock-e2e-tls.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT

start_tls_server "$server" "$src" "$work"
set +e
"$runner" run --target "$src/fixtures/targets/reference.json" --report-dir "$work/report" \
  --no-color >"$work/console.out" 2>"$work/console.err"
rc=$?
set -e
cat "$work/console.out"
[ "$rc" -eq 0 ] || { cat "$work/console.err"; fail "oauth-conformance exited $rc, expected 0"; }

/usr/bin/python3 - "$work/report/report.json" "$work/report/junit.xml" "$work/console.out" <<'PY'
import json, sys, shutil, xml.etree.ElementTree as ET
report = json.load(open(sys.argv[1]))
# SKIPs the reference run may have, each for a reason the test names.
allowed_skips = {}
if shutil.which("testssl.sh") is None:
    allowed_skips["tls.external_audit"] = "testssl.sh"
# The reference offers the password grant; the code-only profile run judges the refusal.
allowed_skips["password.not_offered.refused"] = "the target offers the password grant"
bad = []
for r in report["results"]:
    v = r["verdict"]
    if v == "PASS":
        continue
    if v == "SKIP" and r["id"] in allowed_skips and allowed_skips[r["id"]] in (r["skip_reason"] or ""):
        continue
    bad.append(f'{r["id"]}: {v}: {r["skip_reason"] or r["reason"]}')
if bad:
    sys.exit("unexpected verdicts against the reference server:\n  " + "\n  ".join(bad))
cases = ET.parse(sys.argv[2]).getroot().findall(".//testcase")
if len(cases) != len(report["results"]) or len(cases) < 97:
    sys.exit(f"junit.xml has {len(cases)} testcases for {len(report['results'])} results")
lines = [l for l in open(sys.argv[3]).read().splitlines() if l.strip()]
s = report["summary"]
want = f'{s["PASS"] + s["WARN"]} passed, {s["FAIL"] + s["ERROR"]} failed, {s["SKIP"]} skipped'
if lines[-1] != want:
    sys.exit(f"the console's last line is {lines[-1]!r}, expected {want!r}")
print(f"ok: {s} in {report['duration_ms']} ms")
PY
