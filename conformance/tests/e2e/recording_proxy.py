"""A test-only TCP proxy on 127.0.0.1: forwards every connection to 127.0.0.1:UPSTREAM and writes
what the upstream server sent on each connection to CAPTURE_DIR/conn-N. Usage:
recording_proxy.py UPSTREAM_PORT CAPTURE_DIR PORT_FILE. Runs until killed."""
import itertools
import os
import socket
import sys
import threading

upstream_port, capture_dir, port_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
counter = itertools.count()


def pump(src, dst, record=None):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if record:
                record.write(data)
                record.flush()
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client):
    upstream = socket.create_connection(("127.0.0.1", upstream_port))
    record = open(os.path.join(capture_dir, f"conn-{next(counter)}"), "wb")
    t = threading.Thread(target=pump, args=(client, upstream), daemon=True)
    t.start()
    pump(upstream, client, record)
    t.join()
    record.close()
    client.close()
    upstream.close()


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(128)
with open(port_file + ".tmp", "w") as f:
    f.write(str(listener.getsockname()[1]))
os.rename(port_file + ".tmp", port_file)
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
