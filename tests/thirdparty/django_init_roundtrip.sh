#!/usr/bin/env bash
# ctest thirdparty.django_init_roundtrip: `oauth-conformance init` against the tutorial's Django
# OAuth Toolkit 1.7 server, which publishes no metadata (its /.well-known/ URLs are Django's HTML
# 404 page), so init must find the endpoints by probing. On a FRESH server the hand-written
# fixtures/targets/django-oauth-toolkit.json is run; on another fresh server init writes a profile
# from the probes plus the flags for the clients and users ci/targets/django-oauth-toolkit/start
# creates (conformance/tests/e2e/init_roundtrip.py flags), `validate` accepts it, and `run` with it
# must give every case the verdict of the fixture's run.
#
#   tests/thirdparty/django_init_roundtrip.sh OAUTH_CONFORMANCE
#
# Exit 77 (ctest SKIP) when the Debian packages of the Django stack are missing.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
conformance=${1:?usage: django_init_roundtrip.sh OAUTH_CONFORMANCE}
target_dir="$repo/ci/targets/django-oauth-toolkit"
profile="$repo/fixtures/targets/django-oauth-toolkit.json"
helper="$repo/conformance/tests/e2e/init_roundtrip.py"
# Verdicts that depend on latency on a busy machine (as in django_oauth_toolkit.sh).
timing_sensitive="password.error.unknown_user"

started=$SECONDS
say() { echo "thirdparty: $*"; }
die() { echo "thirdparty: FAILED: $*" >&2; exit 1; }

missing=""
[ -x /usr/bin/python3 ] || missing="python3"
[ -x /usr/bin/gunicorn ] || missing="$missing gunicorn"
if [ -x /usr/bin/python3 ]; then
  for m in django rest_framework oauth2_provider; do
    env -u PYTHONPATH -u PYTHONHOME /usr/bin/python3 -c "import $m" 2>/dev/null || missing="$missing $m"
  done
fi
if [ -n "$missing" ]; then
  echo "thirdparty: SKIP: missing Debian packages for the Django target ($missing); run ci/install-deps"
  exit 77
fi
[ -x "$conformance" ] || die "$conformance is not an executable"

work=$(mktemp -d "${TMPDIR:-/tmp}/ock-thirdparty-init.XXXXXX")
cleanup() {
  "$target_dir/stop" --clean "$work/a" >/dev/null 2>&1 || true
  "$target_dir/stop" --clean "$work/b" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_fresh STATE: a new Django server; exports OCK_TARGET_URL and OCK_TARGET_STATE_DIR.
start_fresh() {
  "$target_dir/start" "$1" >"$1.start.log" 2>&1 || { cat "$1.start.log" >&2; die "the Django server did not start"; }
  set -a; . "$1/env"; set +a
  say "fresh server at $OCK_TARGET_URL"
}

# 1. The hand-written profile.
start_fresh "$work/a"
t0=$SECONDS
"$conformance" run --target "$profile" --report-dir "$work/a-report" --no-color --quiet \
  >"$work/a-run.log" 2>&1
say "hand-written profile: $(tail -n 1 "$work/a-run.log") ($((SECONDS - t0)) s)"
[ -s "$work/a-report/report.json" ] || { cat "$work/a-run.log" >&2; die "no report for the fixture"; }
"$target_dir/stop" --clean "$work/a" >/dev/null 2>&1

# 2. init's profile: endpoints probed, the rest from flags (secrets through the environment).
start_fresh "$work/b"
/usr/bin/python3 "$helper" flags "$profile" "$work/secrets.env" --supported-scopes >"$work/flags" \
  || die "cannot turn $profile into init flags"
mapfile -d '' flags <"$work/flags"
"$conformance" init --no-input --base-url "$OCK_TARGET_URL" --out "$work/init.json" "${flags[@]}" \
  </dev/null >"$work/init.out" 2>"$work/init.err" || { cat "$work/init.err" >&2; die "init failed"; }
say "$(head -n 1 "$work/init.out")"
for ep in token revocation introspection authorization; do
  grep -q "\"$ep\": \"/oauth/" "$work/init.json" || die "init did not find the $ep endpoint"
done
/usr/bin/python3 - "$profile" "$work/init.json" <<'PY' || die "init's profile holds a secret in clear"
import json, sys
fixture, text = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
secrets = [c["secret"] for c in fixture["clients"].values() if c.get("secret")]
secrets += [u["password"] for u in fixture["users"].values()]
sys.exit(1 if any(s in text or json.dumps(s)[1:-1] in text for s in secrets) else 0)
PY
. "$work/secrets.env"
"$conformance" validate --target "$work/init.json" >"$work/validate.out" 2>&1 \
  || { cat "$work/validate.out" >&2; die "validate rejected init's profile"; }
say "validate: $(tail -n 1 "$work/validate.out")"
t0=$SECONDS
"$conformance" run --target "$work/init.json" --report-dir "$work/b-report" --no-color --quiet \
  >"$work/b-run.log" 2>&1
say "init's profile: $(tail -n 1 "$work/b-run.log") ($((SECONDS - t0)) s)"
[ -s "$work/b-report/report.json" ] || { cat "$work/b-run.log" >&2; die "no report for init's profile"; }

tolerate=()
for id in $timing_sensitive; do tolerate+=(--tolerate "$id"); done
/usr/bin/python3 "$helper" compare "$work/a-report/report.json" "$work/b-report/report.json" \
  "${tolerate[@]}" || die "init's profile and the hand-written one give different verdicts"
say "PASSED in $((SECONDS - started)) s"
