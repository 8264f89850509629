# ci/lib/refserver.sh: start and stop one oauth-refserver from a bash script (ci/demo,
# ci/reports, bench/figures, conformance/tests/e2e/lib.sh). Source it, do not run it:
#
#   . ci/lib/refserver.sh
#   refserver_start BIN WORK [serve flags...] || exit 2
#       Runs `BIN serve --listen 127.0.0.1:0 --port-file WORK/port [flags...]` in the
#       background, stdout to WORK/server.out and stderr (the access log) to WORK/server.log,
#       and waits for the port file. Sets refserver_port and refserver_pid. When the server
#       exits first or no port appears within $REFSERVER_START_TIMEOUT seconds (default 30),
#       it says so on stderr with the server's log, stops the server and returns 1.
#       Call it in the script's own shell (not inside $(...)), so that refserver_stop can wait.
#   refserver_stop
#       SIGTERM, then waits for the exit; nothing to do when no server runs. Safe in traps.
#
# Only plain bash, kill and sleep; WORK must exist.

refserver_pid=""
refserver_port=""

refserver_start() {
  local bin=$1 work=$2
  shift 2
  local timeout=${REFSERVER_START_TIMEOUT:-30}
  if [ ! -x "$bin" ]; then
    echo "refserver: $bin is not an executable (build oauth-refserver first)" >&2
    return 1
  fi
  rm -f "$work/port"
  "$bin" serve --listen 127.0.0.1:0 --port-file "$work/port" "$@" \
    >"$work/server.out" 2>"$work/server.log" &
  refserver_pid=$!
  refserver_port=""
  local waited=0
  while [ ! -s "$work/port" ]; do
    if ! kill -0 "$refserver_pid" 2>/dev/null; then
      local rc=0
      wait "$refserver_pid" 2>/dev/null || rc=$?
      refserver_pid=""
      _refserver_failed "$work" "oauth-refserver exited (status $rc) before writing its port file"
      return 1
    fi
    if [ "$waited" -ge $((timeout * 20)) ]; then
      refserver_stop
      _refserver_failed "$work" "oauth-refserver wrote no port file within $timeout s"
      return 1
    fi
    sleep 0.05
    waited=$((waited + 1))
  done
  refserver_port=$(cat "$work/port")
}

refserver_stop() {
  if [ -n "$refserver_pid" ] && kill -0 "$refserver_pid" 2>/dev/null; then
    kill -TERM "$refserver_pid" 2>/dev/null || true
    wait "$refserver_pid" 2>/dev/null || true
  fi
  refserver_pid=""
}

_refserver_failed() {
  local work=$1 why=$2
  echo "refserver: $why; its log ($work/server.log):" >&2
  sed 's/^/  | /' "$work/server.log" >&2 2>/dev/null || true
}
