#!/usr/bin/env bash
# `oauth-conformance init` against the reference server. Its failures first, each ONE sentence
# on stderr and exit 2: a bad --base-url, a closed port, an HTML page where the metadata belongs,
# an --out that exists without --force. Then the round trip: on a fresh server the hand-written
# fixtures/targets/reference.json is run; on another fresh server init writes a profile from its
# metadata plus the flags for the seed's clients and users (init_roundtrip.py flags), the profile
# holds no secret in clear, `validate` accepts it, and `run` with it must give every case the
# same verdict as the fixture's run.
#   init_roundtrip.sh SERVER RUNNER SRC
set -euo pipefail
server=$1 runner=$2 src=$3
. "$(dirname "$0")/lib.sh"
helper="$(dirname "$0")/init_roundtrip.py"
work=$(mktemp -d /tmp/ock-e2e-init.XXXXXX)
html_pid=""
trap 'stop_server; [ -z "$html_pid" ] || kill "$html_pid" 2>/dev/null; rm -rf "$work"' EXIT

# expect_one_sentence NAME PATTERN -- init args...: exit 2, one line on stderr matching PATTERN.
expect_one_sentence() {
  local name=$1 pattern=$2 rc=0
  shift 3
  "$runner" init --no-input "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null || rc=$?
  echo "$name: exit $rc: $(cat "$work/$name.err")"
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
  [ "$(wc -l <"$work/$name.err")" -eq 1 ] || fail "$name: expected one line on stderr"
  grep -q "^oauth-conformance: init: .*$pattern" "$work/$name.err" || fail "$name: no \"$pattern\""
  ! grep -qiE 'terminate|what\(\)|exception|internal error' "$work/$name.err" || fail "$name: a crash"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# 1. What init refuses.
expect_one_sentence bad_url "is not an http:// or https:// URL" -- --base-url "127.0.0.1:8000/oauth"
expect_one_sentence bad_scheme "is not an http:// or https:// URL" -- --base-url "ftp://127.0.0.1/"
closed=$(free_port)
expect_one_sentence closed_port "cannot reach http://127.0.0.1:$closed/" -- \
  --base-url "http://127.0.0.1:$closed" --client primary=x --resource r=GET:/r
expect_one_sentence literal_secret "secrets are never written" -- \
  --base-url "http://127.0.0.1:$closed" --client-secret primary=hunter2

# A web server that answers every GET with a 200 HTML page (a site, not an OAuth server).
/usr/bin/python3 - "$work/html.port" <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><html><body><h1>Welcome</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
html_pid=$!
for _ in $(seq 100); do [ -s "$work/html.port" ] && break; sleep 0.05; done
[ -s "$work/html.port" ] || fail "the HTML server did not start"
expect_one_sentence html_metadata "answered 200 with an HTML page" -- \
  --base-url "http://127.0.0.1:$(cat "$work/html.port")" --client primary=x --resource r=GET:/r
kill "$html_pid"; html_pid=""

touch "$work/exists.json"
expect_one_sentence out_exists "exists; pass --force" -- \
  --base-url "http://127.0.0.1:$closed" --out "$work/exists.json"

# 2. The hand-written profile on a fresh server.
mkdir -p "$work/a" "$work/b"
start_server "$server" "$src" "$work/a"
export OCK_TARGET_URL="http://127.0.0.1:$port" OCK_TARGET_LOGS_COMMAND="cat $work/a/server.log"
t0=$SECONDS
"$runner" run --target "$src/fixtures/targets/reference.json" --report-dir "$work/a/report" \
  --no-color --quiet >"$work/a/run.out" 2>&1 || true
echo "hand-written profile: $(tail -n 1 "$work/a/run.out") ($((SECONDS - t0)) s)"
[ -s "$work/a/report/report.json" ] || { cat "$work/a/run.out"; fail "no report for the fixture"; }
stop_server

# 3. init's profile on another fresh server.
start_server "$server" "$src" "$work/b"
export OCK_TARGET_URL="http://127.0.0.1:$port" OCK_TARGET_LOGS_COMMAND="cat $work/b/server.log"
/usr/bin/python3 "$helper" flags "$src/fixtures/targets/reference.json" "$work/secrets.env" \
  >"$work/flags"
mapfile -d '' flags <"$work/flags"
"$runner" init --no-input --base-url "$OCK_TARGET_URL" --out "$work/init.json" "${flags[@]}" \
  </dev/null >"$work/init.out" 2>"$work/init.err" || { cat "$work/init.err"; fail "init failed"; }
cat "$work/init.out"
grep -q '"comment"' "$work/init.json" || fail "init wrote no comment"
grep -q '"token": "/oauth/token/"' "$work/init.json" || fail "init did not take the token endpoint from the metadata"
grep -q 'OCK_RT_CLIENT_SECRET_PRIMARY' "$work/init.out" || fail "init did not say which variables to export"
/usr/bin/python3 - "$src/fixtures/targets/reference.json" "$work/init.json" <<'PY'
import json, sys
fixture, text = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
secrets = [c["secret"] for c in fixture["clients"].values() if c.get("secret")]
secrets += [u["password"] for u in fixture["users"].values()]
leaked = [s for s in secrets if s in text or json.dumps(s)[1:-1] in text]
if leaked:
    sys.exit("FAIL: init's profile holds a secret in clear")
print(f"ok: none of the {len(secrets)} secrets is in init's profile")
PY
# The published schema (stricter than the runner: unknown fields are errors), when present.
schema="$src/docs/schema/profile.schema.json"
if [ -f "$schema" ] && env -u PYTHONPATH /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  env -u PYTHONPATH /usr/bin/python3 - "$schema" "$work/init.json" <<'PY' || fail "init's profile does not match $schema"
import json, sys, jsonschema
errors = list(jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).iter_errors(json.load(open(sys.argv[2]))))
for e in errors:
    print(f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}")
sys.exit(1 if errors else 0)
PY
  echo "ok: init's profile matches docs/schema/profile.schema.json"
fi
. "$work/secrets.env"
"$runner" validate --target "$work/init.json" >"$work/validate.out" 2>&1 \
  || { cat "$work/validate.out"; fail "validate rejected init's profile"; }
tail -n 1 "$work/validate.out"
t0=$SECONDS
"$runner" run --target "$work/init.json" --report-dir "$work/b/report" --no-color --quiet \
  >"$work/b/run.out" 2>&1 || true
echo "init's profile: $(tail -n 1 "$work/b/run.out") ($((SECONDS - t0)) s)"
[ -s "$work/b/report/report.json" ] || { cat "$work/b/run.out"; fail "no report for init's profile"; }

/usr/bin/python3 "$helper" compare "$work/a/report/report.json" "$work/b/report/report.json" \
  || fail "init's profile and the hand-written one give different verdicts"
