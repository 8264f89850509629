#!/usr/bin/env bash
# Runs the whole catalog against the reference server through a recording TCP proxy, collects
# every access and refresh token the server issued (from the recorded responses), then searches
# every output of the run (report.json, junit.xml, report.md, report.html, console stdout and
# stderr) for those tokens and for every password and client secret of the target profile.
set -euo pipefail
server=$1 runner=$2 src=$3
here=$(dirname "$0")
. "$here/lib.sh"
work=$(mktemp -d /tmp/ock-e2e-secrets.XXXXXX)
proxy_pid=""
trap 'stop_server; [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null; rm -rf "$work"' EXIT

start_server "$server" "$src" "$work"
mkdir "$work/capture"
/usr/bin/python3 "$here/recording_proxy.py" "$port" "$work/capture" "$work/proxy-port" &
proxy_pid=$!
for _ in $(seq 1 100); do [ -s "$work/proxy-port" ] && break; sleep 0.05; done
[ -s "$work/proxy-port" ] || fail "the recording proxy did not start"

export OCK_TARGET_URL="http://127.0.0.1:$(cat "$work/proxy-port")" OCK_TARGET_CA=""
export OCK_TARGET_LOGS_COMMAND="cat $work/server.log"
set +e
"$runner" run --target "$src/fixtures/targets/reference.json" --report-dir "$work/report" \
  --baseline "$src/fixtures/baselines/reference-http.json" --no-color \
  >"$work/console.out" 2>"$work/console.err"
rc=$?
set -e
tail -n 1 "$work/console.out"
[ "$rc" -eq 0 ] || { cat "$work/console.out" "$work/console.err"; fail "oauth-conformance exited $rc"; }

/usr/bin/python3 - "$src" "$work" <<'PY'
import glob, json, os, re, sys
src, work = sys.argv[1], sys.argv[2]
seed = json.load(open(os.path.join(src, "fixtures/seed/demo.json")))
secrets = {u["password"] for u in seed["users"]} | {c["client_secret"] for c in seed["clients"] if c.get("client_secret")}
tokens = set()
for f in glob.glob(os.path.join(work, "capture", "*")):
    data = open(f, "rb").read().decode("utf-8", "replace")
    tokens |= set(re.findall(r'"(?:access|refresh)_token":"([^"]+)"', data))
if len(tokens) < 50:
    sys.exit(f"only {len(tokens)} tokens were captured: the proxy did not see the run")
outputs = glob.glob(os.path.join(work, "report", "*")) + [os.path.join(work, "console.out"), os.path.join(work, "console.err")]
found = []
for f in outputs:
    text = open(f, "rb").read().decode("utf-8", "replace")
    for s in secrets | tokens:
        # JSON and HTML may escape characters of a secret; look for those spellings too.
        for spelling in {s, json.dumps(s)[1:-1], s.replace("&", "&amp;")}:
            if spelling in text:
                found.append(f"{os.path.basename(f)} contains {s[:4]}… ({'token' if s in tokens else 'secret'})")
if found:
    sys.exit("secrets in the outputs:\n  " + "\n  ".join(sorted(set(found))))
print(f"ok: {len(tokens)} tokens and {len(secrets)} secrets, none in {len(outputs)} outputs")
PY
