#!/usr/bin/env bash
# Renders the sample report (every verdict) to HTML, screenshots it in headless Chromium (kept as
# build artefacts: <artifacts>/report-html.png, report-html-expanded.png, compare-html.png), and
# drives the verdict/area filters through the location hash, checking in the dumped DOM which
# rows are hidden.
# Usage: html_browser_test.sh RENDER_TOOL ARTIFACTS_DIR. Exit 77 (ctest SKIP) without Chromium.
set -euo pipefail

render=$1
artifacts=$2
chromium=${OCK_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [[ -z "$chromium" ]]; then
  echo "SKIP: no chromium on PATH (apt-get install chromium)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
"$render" "$work"
cp "$work/report.html" "$artifacts/report-html.html"
page="file://$work/report.html"
runs=0

# chrome NAME ARGS...: one headless run with a fresh profile, guarded by a timeout.
chrome() {
  local name=$1
  shift
  runs=$((runs + 1))
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$work/profile-$runs" "$@" 2>"$work/chromium-$name.log"
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# 1. Screenshot, kept for people to look at.
rm -f "$artifacts/report-html.png"
chrome screenshot --screenshot="$artifacts/report-html.png" --window-size=1280,2000 "$page" \
  || fail "chromium could not take the screenshot (see $work/chromium-screenshot.log)"
[[ -f "$artifacts/report-html.png" ]] || fail "no screenshot written"
size=$(stat -c %s "$artifacts/report-html.png")
(( size > 30000 )) || fail "screenshot is only $size bytes: the page probably did not render"
[[ "$(head -c 8 "$artifacts/report-html.png" | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]] \
  || fail "screenshot is not a PNG"
echo "screenshot: $artifacts/report-html.png ($size bytes)"

# A second screenshot with one failing case opened through its #case- anchor.
chrome expanded --screenshot="$artifacts/report-html-expanded.png" --window-size=1280,1400 \
  "$page#case-password_error_wrong_password" || fail "chromium could not take the second screenshot"

# The compare matrix of two targets, for people to look at.
chrome compare --screenshot="$artifacts/compare-html.png" --window-size=1280,900 \
  "file://$work/compare.html" || fail "chromium could not screenshot compare.html"
[[ -s "$artifacts/compare-html.png" ]] || fail "no compare screenshot written"

# check_filter HASH EXPECTED_VISIBLE_REGEX EXPECTED_SHOWN: rows matching the regex (on their
# opening tag) must be visible, every other row hidden; #filter-count must say so.
check_filter() {
  local hash=$1 visible=$2 shown=$3
  local dom="$work/dom-$runs.html"
  chrome "dump-$runs" --dump-dom "$page$hash" >"$dom" || fail "chromium --dump-dom failed for '$hash'"
  grep -o '<details class="case-row"[^>]*>' "$dom" >"$dom.rows" || fail "no case rows in the DOM for '$hash'"
  local total bad=0
  total=$(wc -l <"$dom.rows")
  [[ "$total" -eq 8 ]] || fail "expected 8 case rows, found $total for '$hash'"
  while IFS= read -r row; do
    local is_hidden=no
    [[ "$row" =~ [[:space:]]hidden(=|\>|[[:space:]]) ]] && is_hidden=yes
    if [[ "$row" =~ $visible ]]; then
      [[ $is_hidden == no ]] || { echo "should be visible for '$hash': $row" >&2; bad=1; }
    else
      [[ $is_hidden == yes ]] || { echo "should be hidden for '$hash': $row" >&2; bad=1; }
    fi
  done <"$dom.rows"
  (( bad == 0 )) || fail "filter from hash '$hash' shows the wrong rows"
  grep -q "<span id=\"filter-count\">$shown of 8 cases shown</span>" "$dom" \
    || fail "filter count for '$hash' is not '$shown of 8': $(grep -o '<span id="filter-count">[^<]*' "$dom")"
  echo "ok: '$hash' shows $shown of 8"
}

check_filter "" '.' 8
check_filter "#verdict=FAIL" 'data-verdict="FAIL"' 2
check_filter "#verdict=warn,error" 'data-verdict="(WARN|ERROR)"' 2
check_filter "#verdict=PASS,FAIL&area=password" 'data-area="password"' 2
check_filter "#area=client_auth" 'data-area="client_auth"' 2
check_filter "#verdict=FAIL&q=wrong_secret" 'data-id="client_auth.wrong_secret"' 1
echo "PASS: report.html renders and its filters work in $("$chromium" --version 2>/dev/null | tail -1)"
