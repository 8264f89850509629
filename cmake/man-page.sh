#!/usr/bin/env bash
# Writes the man page of one of the kit's programs from its real --help: help2man formats the
# top-level help, and the help of each subcommand (as the program prints it) becomes a section
# of its own, so nothing is written twice. Called by the build (cmake/packaging.cmake).
#
#   man-page.sh PROGRAM NAME-LINE OUT.1.gz
set -euo pipefail
[ $# -eq 3 ] || { echo "man-page.sh: usage: man-page.sh PROGRAM NAME-LINE OUT.1.gz" >&2; exit 2; }
prog=$1 name_line=$2 out=$3
command -v help2man >/dev/null || { echo "man-page.sh: help2man is not installed (ci/install-deps installs it)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# roff: a backslash is \e, and a line starting with . or ' must not be read as a request.
roff_text() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

subcommands=$("$prog" --help | awk '/^Subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^[^ ]/ {on=0}')
{
  if [ -n "$subcommands" ]; then
    echo "[SUBCOMMANDS]"
    for sub in $subcommands; do
      echo ".SS $sub"
      echo ".nf"
      "$prog" "$sub" --help | roff_text
      echo ".fi"
    done
  fi
  echo "[SEE ALSO]"
  echo "The README and docs/ of the OAuth Conformance Kit; example profiles and baselines in"
  echo "/usr/share/oauth-conformance-kit/fixtures/."
} > "$work/include"

help2man --no-info --no-discard-stderr --name "$name_line" --include "$work/include" \
  --output "$work/page.1" "$prog"
gzip -9n -c "$work/page.1" > "$out.tmp"
mv "$out.tmp" "$out"
