# Shared by the end-to-end scripts: start and stop one oauth-refserver in a work folder.
fail() { echo "FAIL: $*" >&2; exit 1; }

server_pid=""
# start_server SERVER SRC WORK [extra serve flags...]: sets $port.
start_server() {
  local server=$1 src=$2 work=$3
  shift 3
  "$server" serve --listen 127.0.0.1:0 --db "sqlite:$work/ref.db" \
    --seed "$src/fixtures/seed/demo.json" --pbkdf2-iterations 2000 --lockout-seconds 3 \
    --port-file "$work/port" "$@" >"$work/server.out" 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 1 200); do
    [ -s "$work/port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "oauth-refserver did not start"; }
    sleep 0.05
  done
  [ -s "$work/port" ] || fail "oauth-refserver did not report its port"
  port=$(cat "$work/port")
}

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
