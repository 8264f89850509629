#!/usr/bin/env bash
# ctest thirdparty.reports_examples: regenerates the example reports with ci/reports into a temp
# dir (OCK_REPORTS_OUT) and checks that every case has the same verdict as in the committed
# reports/examples/ (timestamps, durations, ports and exchanges aside).
#
#   tests/thirdparty/reports_examples.sh BIN_DIR     (holds oauth-refserver and oauth-conformance)
#
# Exit 77 (ctest SKIP) when the Debian packages of the Django stack are missing.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:?usage: reports_examples.sh BIN_DIR}
# Latency-dependent verdicts, tolerated when they differ (printed).
tolerate=(--tolerate password.error.unknown_user)

for m in django rest_framework oauth2_provider; do
  if ! env -u PYTHONPATH -u PYTHONHOME /usr/bin/python3 -c "import $m" 2>/dev/null || [ ! -x /usr/bin/gunicorn ]; then
    echo "reports_examples: SKIP: the Debian packages of the Django target are missing; run ci/install-deps"
    exit 77
  fi
done
[ -d "$repo/reports/examples" ] || { echo "reports_examples: FAILED: reports/examples is missing; run ci/reports" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ock-reports-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
OCK_BIN_DIR="$bin" OCK_REPORTS_OUT="$work/examples" "$repo/ci/reports"
rc=$?
echo "reports_examples: ci/reports exited $rc after $((SECONDS - started)) s"
/usr/bin/python3 "$here/compare_verdicts.py" "$repo/reports/examples" "$work/examples" "${tolerate[@]}"
cmp_rc=$?
[ "$cmp_rc" = 0 ] || exit 1
[ "$rc" = 0 ] || { echo "reports_examples: FAILED: ci/reports exited $rc" >&2; exit 1; }
echo "reports_examples: PASSED in $((SECONDS - started)) s"
