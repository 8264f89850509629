# Shared by the end-to-end scripts: start and stop one oauth-refserver in a work folder, through
# the repository's one shell helper for that, ci/lib/refserver.sh. Keeps this folder's names:
# fail, start_server, start_tls_server, stop_server, $port and $server_pid.
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

# start_tls_server SERVER SRC WORK [extra serve flags...]: start_server over TLS with a
# certificate for 127.0.0.1 made now (WORK/cert.pem, WORK/key.pem), and exports what the
# reference profiles read: OCK_TARGET_URL, OCK_TARGET_CA and OCK_TARGET_LOGS_COMMAND.
start_tls_server() {
  local server=$1 src=$2 work=$3
  shift 3
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  start_server "$server" "$src" "$work" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" "$@"
  export OCK_TARGET_URL="https://127.0.0.1:$port" OCK_TARGET_CA="$work/cert.pem"
  export OCK_TARGET_LOGS_COMMAND="cat $work/server.log"
}

stop_server() {
  refserver_stop
  server_pid=""
}
