#!/usr/bin/env bash
# The Debian package end to end: CPack builds it from this build tree, lintian reports no error,
# `dpkg -i` installs it, the whole catalog runs from the installed oauth-conformance against the
# installed oauth-refserver with the installed seed and profile (PATH holds no build tree), and
# `dpkg -r` removes it leaving none of its files behind.
#
#   installed_package.sh SOURCE_DIR BINARY_DIR
#
# Exit 77 (skipped) when not root or when the package is already installed on this machine (the
# test never touches a copy it did not install itself).
set -euo pipefail
src=$1 bin=$2
pkg=oauth-conformance-kit
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: dpkg -i needs root"; exit 77
fi
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
  echo "SKIP: $pkg is already installed on this machine; not touching it"; exit 77
fi

work=$(mktemp -d /tmp/ock-package.XXXXXX)
installed=false
. "$src/ci/lib/refserver.sh"
cleanup() {
  refserver_stop
  if $installed; then dpkg -r "$pkg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. Build the package from this build tree.
(cd "$bin" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log" >&2; fail "cpack could not build the package"; }
deb=$(ls "$work"/pkg/${pkg}_*_*.deb)
version=$(dpkg-deb -f "$deb" Version)
[[ "$(basename "$deb")" == "${pkg}_${version}_$(dpkg --print-architecture).deb" ]] \
  || fail "unexpected package file name $(basename "$deb")"
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libcurl4 libssl3 libpistache0 libsoci-core4.0 libsoci-sqlite3-4.0; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done

# 2. lintian: no error (warnings are printed for the record).
lintian --tag-display-limit 0 "$deb" >"$work/lintian.txt" 2>/dev/null || true
sed 's/^/lintian: /' "$work/lintian.txt"
if grep -q '^E: ' "$work/lintian.txt"; then fail "lintian reports errors"; fi

# 3. Install.
dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 || { cat "$work/dpkg-i.log" >&2; fail "dpkg -i failed"; }
installed=true
dpkg -L "$pkg" >"$work/files.txt"
for f in /usr/bin/oauth-conformance /usr/bin/oauth-refserver /usr/bin/oauth-client \
         /usr/share/man/man1/oauth-conformance.1.gz /usr/share/man/man1/oauth-refserver.1.gz \
         /usr/share/man/man1/oauth-client.1.gz \
         /usr/share/$pkg/fixtures/targets/reference.json /usr/share/$pkg/fixtures/seed/demo.json \
         /usr/share/$pkg/fixtures/baselines/django-oauth-toolkit-1.7.json \
         /usr/share/doc/$pkg/copyright; do
  [ -f "$f" ] || fail "the package did not install $f"
done
# The man page is the program's real help: every subcommand of --help has its section.
for sub in run list explain validate compare; do
  zcat /usr/share/man/man1/oauth-conformance.1.gz | grep -q "^\.SS $sub\$" \
    || fail "the man page of oauth-conformance has no section for '$sub'"
done

# 4. The whole catalog, installed binaries only, over TLS as ci/demo does.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
[ "$(command -v oauth-conformance)" = /usr/bin/oauth-conformance ] || fail "oauth-conformance is not the installed one"
[ "$(command -v oauth-refserver)" = /usr/bin/oauth-refserver ] || fail "oauth-refserver is not the installed one"
oauth-conformance --version | grep -qx "oauth-conformance $version" \
  || fail "oauth-conformance --version does not print $version"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
share=/usr/share/$pkg/fixtures
refserver_start /usr/bin/oauth-refserver "$work" --db "sqlite:$work/pkg.db" \
  --seed "$share/seed/demo.json" --pbkdf2-iterations 10000 --lockout-seconds 3 --code-ttl 5 \
  --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" || fail "the installed oauth-refserver did not start"
export OCK_TARGET_URL="https://127.0.0.1:$refserver_port"
export OCK_TARGET_CA="$work/cert.pem"
export OCK_TARGET_LOGS_COMMAND="cat $work/server.log"
set +e
(cd "$work" && oauth-conformance run --target "$share/targets/reference.json" \
   --report-dir "$work/report" --quiet --no-color)
rc=$?
set -e
refserver_stop
[ "$rc" -eq 0 ] || fail "the installed runner exited $rc against the installed server"
summary=$(/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(s["PASS"], s["FAIL"], s["WARN"], s["ERROR"], len(r["results"]))' "$work/report/report.json")
read -r pass failed warned errors total <<<"$summary"
echo "installed run: $pass PASS, $failed FAIL, $warned WARN, $errors ERROR of $total cases"
[ "$failed" -eq 0 ] && [ "$errors" -eq 0 ] || fail "FAIL or ERROR verdicts from the installed run"
[ "$total" -ge 100 ] && [ "$pass" -ge 100 ] || fail "not the whole catalog ($pass PASS of $total)"

# 5. Remove: no file of the package is left.
dpkg -r "$pkg" >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log" >&2; fail "dpkg -r failed"; }
installed=false
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'installed'; then
  fail "dpkg still lists $pkg as installed"
fi
left=0
while IFS= read -r f; do
  if [ -f "$f" ] || [ -L "$f" ]; then echo "left behind: $f" >&2; left=$((left + 1)); fi
done <"$work/files.txt"
for d in /usr/share/$pkg /usr/share/doc/$pkg; do
  if [ -e "$d" ]; then echo "left behind: $d" >&2; left=$((left + 1)); fi
done
[ "$left" -eq 0 ] || fail "$left path(s) of the package left after dpkg -r"
echo "PASS: $pkg $version built, lintian-clean of errors, installed, ran the catalog ($pass PASS), removed"
