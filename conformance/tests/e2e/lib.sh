# Shared by the end-to-end scripts: start and stop one oauth-refserver in a work folder, through
# the repository's one shell helper for that, ci/lib/refserver.sh. Keeps this folder's names:
# fail, start_server, stop_server, $port and $server_pid.
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/ci/lib/refserver.sh"

fail() { echo "FAIL: $*" >&2; exit 1; }

server_pid=""
# start_server SERVER SRC WORK [extra serve flags...]: sets $port. The server's stderr (its
# access log) is WORK/server.log.
start_server() {
  local server=$1 src=$2 work=$3
  shift 3
  refserver_start "$server" "$work" --db "sqlite:$work/ref.db" \
    --seed "$src/fixtures/seed/demo.json" --pbkdf2-iterations 2000 --lockout-seconds 3 --code-ttl 5 "$@" \
    || fail "oauth-refserver did not start"
  port=$refserver_port
  server_pid=$refserver_pid
}

stop_server() {
  refserver_stop
  server_pid=""
}
