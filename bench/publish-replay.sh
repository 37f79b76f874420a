#!/usr/bin/env bash
# Measures POST /publish from one sequential keep-alive client, then the replay of everything published to a client
# that resumes with Last-Event-ID: earliest. Usage: bench/publish-replay.sh [EVENTS]   (default 10000)
# Needs target/ssehub.jar and python3. Traffic stays on 127.0.0.1; the run is bounded by EVENTS.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/config.json" <<JSON
{ "http": { "host": "127.0.0.1", "port": 0 }, "generators": [],
  "history": { "maxEventsPerTopic": $events, "maxReplayEvents": $events } }
JSON
. bench/hub.sh
start_hub "$work/config.json" "$work/server.log"
pid=$hub_pid
port=$hub_port
python3 - "$port" "$events" <<'PY'
import http.client, socket, sys, time
port, events = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Content-Type": "application/x-www-form-urlencoded"}
body = "topic=bench&data=" + "x" * 100
warmup = 500
for i in range(warmup):  # not counted
    conn.request("POST", "/publish", body, headers); conn.getresponse().read()
start = time.perf_counter()
for i in range(events - warmup):
    conn.request("POST", "/publish", body, headers)
    r = conn.getresponse(); r.read()
    assert r.status == 200, r.status
elapsed = time.perf_counter() - start
n = events - warmup
print(f"publish: {n} sequential POSTs (100-byte data) in {elapsed:.2f} s = {n / elapsed:.0f}/s,"
      f" mean {elapsed / n * 1e6:.0f} us each (one keep-alive client)")

# Replay: read the raw stream until the ssehub-replay signal, counting data lines.
s = socket.create_connection(("127.0.0.1", port))
start = time.perf_counter()
s.sendall(b"GET /sse?topics=bench HTTP/1.1\r\nHost: x\r\nLast-Event-ID: earliest\r\n\r\n")
buf = b""
while b"event: ssehub-replay" not in buf:
    chunk = s.recv(65536)
    assert chunk, "connection closed"
    buf += chunk
elapsed = time.perf_counter() - start
s.close()
print(f"replay: {buf.count(b'data: x')} events ({len(buf)} bytes) from request to replay signal in"
      f" {elapsed * 1000:.0f} ms")
PY
