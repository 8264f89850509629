#!/usr/bin/env bash
# --case-deadline against a target that answers every request after 2 s (the fault server's
# slow_replies): a case that needs more requests than fit in its 5 s ends in ERROR with the
# reason naming the case's deadline, the others still PASS, the run goes on and writes its
# four reports, and no case takes much longer than its deadline.
#   case_deadline.sh OAUTH_CONFORMANCE SOURCE_DIR
set -uo pipefail
runner=${1:?usage: case_deadline.sh OAUTH_CONFORMANCE SOURCE_DIR}
src=${2:?usage: case_deadline.sh OAUTH_CONFORMANCE SOURCE_DIR}
work=$(mktemp -d "${TMPDIR:-/tmp}/ock-e2e-case-deadline.XXXXXX")
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

/usr/bin/python3 "$src/conformance/tests/faults/fault_server.py" --fault slow_replies \
  >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.out" 2>/dev/null | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || fail "the fault server did not start"

OCK_TARGET_URL="$url" OCK_FAULT_LOG="$work/server.log" \
  "$runner" run --target "$src/conformance/tests/faults/profile.json" \
  --only 'password.*' --case-deadline 5 --report-dir "$work/report" --no-color >"$work/out" 2>&1
rc=$?
cat "$work/out"
[ "$rc" -eq 2 ] || fail "exit status $rc, expected 2 (cases ended in ERROR)"
for f in report.json report.html report.md junit.xml; do
  [ -s "$work/report/$f" ] || fail "no $f written"
done
/usr/bin/python3 - "$work/report/report.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
cut = [r for r in results if r["verdict"] == "ERROR" and "--case-deadline" in (r.get("reason") or "")]
others = [r for r in results if r["verdict"] == "ERROR" and r not in cut]
slow = [f'{r["id"]} {r["duration_ms"]} ms' for r in results if r["duration_ms"] > 8000]
problems = []
if not cut:
    problems.append("no case ended at its deadline")
if others:
    problems.append("other ERRORs: " + ", ".join(r["id"] + ": " + r["reason"] for r in others))
if not any(r["verdict"] == "PASS" for r in results):
    problems.append("nothing PASSed: the run did not go on")
if slow:
    problems.append("cases ran past the 5 s deadline: " + ", ".join(slow))
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print(f"ok: {len(cut)} case(s) ended at their 5 s deadline: " + ", ".join(r["id"] for r in cut))
PY
