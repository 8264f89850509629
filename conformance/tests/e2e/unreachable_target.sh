#!/usr/bin/env bash
# An unreachable target (a loopback port nobody listens on): the runner still writes its
# reports, exits 2 (it could not do its job), and no case PASSes on nothing; in particular
# security.no_secret_leakage, which once PASSed with "scanned 0 replies" when it ran alone.
#   unreachable_target.sh OAUTH_CONFORMANCE SOURCE_DIR
set -uo pipefail
runner=${1:?usage: unreachable_target.sh OAUTH_CONFORMANCE SOURCE_DIR}
src=${2:?usage: unreachable_target.sh OAUTH_CONFORMANCE SOURCE_DIR}
work=$(mktemp -d "${TMPDIR:-/tmp}/ock-e2e-unreachable.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A free port that stays closed: bound by the kernel's choice, then released.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
OCK_TARGET_URL="http://127.0.0.1:$port" OCK_FAULT_LOG=/dev/null \
  "$runner" run --target "$src/conformance/tests/faults/profile.json" --skip 'tls.*' \
  --report-dir "$work/report" >"$work/out" 2>&1
rc=$?
cat "$work/out"
[ "$rc" -eq 2 ] || fail "exit status $rc, expected 2 (the runner could not do its job)"
for f in report.json report.html report.md junit.xml; do
  [ -s "$work/report/$f" ] || fail "no $f written"
done
/usr/bin/python3 - "$work/report/report.json" <<'PY' || exit 1
import json, sys
results = json.load(open(sys.argv[1]))["results"]
passed = [r["id"] for r in results if r["verdict"] == "PASS"]
if passed:
    sys.exit("FAIL: cases PASSed against a target that never answered: " + ", ".join(passed))
leak = next(r for r in results if r["id"] == "security.no_secret_leakage")
if leak["verdict"] not in ("SKIP", "ERROR"):
    sys.exit("FAIL: security.no_secret_leakage is " + leak["verdict"])
print("ok: %d cases, none PASS; security.no_secret_leakage SKIP" % len(results))
PY

# Alone, no circuit breaker stands in the way: the case itself must see it has nothing to scan.
OCK_TARGET_URL="http://127.0.0.1:$port" OCK_FAULT_LOG=/dev/null \
  "$runner" run --target "$src/conformance/tests/faults/profile.json" \
  --only security.no_secret_leakage --report-dir "$work/alone" >"$work/out" 2>&1
rc=$?
cat "$work/out"
[ "$rc" -eq 3 ] || fail "alone: exit status $rc, expected 3 (nothing executed)"
/usr/bin/python3 - "$work/alone/report.json" <<'PY' || exit 1
import json, sys
(r,) = json.load(open(sys.argv[1]))["results"]
if r["verdict"] != "SKIP" or "nothing to scan" not in (r["skip_reason"] or ""):
    sys.exit("FAIL: security.no_secret_leakage alone is %s (%s), expected SKIP: nothing to scan"
             % (r["verdict"], r["skip_reason"] or r["reason"]))
print("ok: alone, security.no_secret_leakage SKIP: " + r["skip_reason"])
PY
