#!/usr/bin/env bash
# Two clustered hubs behind nginx, with the upstream of docs/clustering.md and the locations of
# docs/nginx/ssehub.conf: events pass through at once, and a client whose node is killed (kill -9) reconnects through
# nginx to the other node, resumes from its last id, and misses nothing. Needs target/ssehub.jar, nginx, curl and
# python3 (installs nginx when missing, Debian). Loopback only; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/nginx-run.sh
work=$(mktemp -d)
nginx_pid=
follower_pid=
node_pids=()
jar=target/ssehub.jar
cleanup() {
  # Some of them are gone already (the killed node, the finished client): ignore those.
  for p in $follower_pid $nginx_pid "${node_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "nginx-cluster: FAILED: $*" >&2
  for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done
  exit 1
}
free_ports() {
  python3 -c "
import socket
socks = [socket.socket() for _ in range($1)]
for s in socks: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in socks))"
}
stat() { curl -s "http://127.0.0.1:$1/stats" | python3 -c "import json, sys; print(json.load(sys.stdin)$2)"; }

# Two nodes, clustered on 127.0.0.1.
. bench/hub.sh
read -r -a hz <<< "$(free_ports 2)"
http_ports=()
for i in 0 1; do
  cat > "$work/node$i.json" <<JSON
{ "http": { "host": "127.0.0.1", "port": 0, "instances": 1 }, "generators": [],
  "cluster": { "enabled": true, "name": "ci-lb-$$", "host": "127.0.0.1", "port": ${hz[$i]},
               "members": ["127.0.0.1:${hz[0]}", "127.0.0.1:${hz[1]}"] } }
JSON
  start_hub "$work/node$i.json" "$work/node$i.log"
  node_pids+=("$hub_pid") http_ports+=("$hub_port")
done
for _ in $(seq 1 100); do
  [ "$(stat "${http_ports[1]}" '["cluster"]["members"].__len__()')" = 2 ] && break
  sleep 0.1
done
[ "$(stat "${http_ports[1]}" '["cluster"]["members"].__len__()')" = 2 ] || fail "the two nodes did not form a cluster"

# nginx: the upstream of docs/clustering.md with both nodes, the server block of docs/nginx/ssehub.conf.
read -r lb_port <<< "$(free_ports 1)"
{
  echo "upstream ssehub {"
  echo "    server 127.0.0.1:${http_ports[0]} max_fails=1 fail_timeout=5s;"
  echo "    server 127.0.0.1:${http_ports[1]} max_fails=1 fail_timeout=5s;"
  echo "    keepalive 32;"
  echo "}"
  sed -n '/^server {/,$p' docs/nginx/ssehub.conf | sed "s|listen 8081;|listen 127.0.0.1:$lb_port;|"
} > "$work/site.conf"
grep -q 'server 10.0.0.5:8080 max_fails=1 fail_timeout=5s;' docs/clustering.md \
  || fail "docs/clustering.md no longer shows the upstream this script uses"
run_nginx "$work" "$work/site.conf" "$lb_port"
base="http://127.0.0.1:$lb_port"

# A client that reconnects as EventSource does: after the stream ends or breaks, with Last-Event-ID, through nginx.
# It writes every event's data as it arrives, and stops after 40 of this test's events or 60 s.
python3 - "$base/sse?topics=lb" "$work/received.txt" > "$work/follower.log" 2>&1 <<'PY' &
import http.client, sys, time, urllib.parse
url, out = sys.argv[1], sys.argv[2]
parts = urllib.parse.urlsplit(url)
last_id, got, deadline = None, 0, time.time() + 60
with open(out, "w") as received:
    while got < 40 and time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            headers = {"Last-Event-ID": last_id} if last_id else {}
            conn.request("GET", parts.path + "?" + parts.query, headers=headers)
            response = conn.getresponse()
            print("connected", response.status, "from", last_id, flush=True)
            event_id, data = None, []
            while got < 40:
                line = response.readline()
                if not line:
                    break
                line = line.decode().rstrip("\n")
                if line.startswith("id: "):
                    event_id = line[4:]
                elif line.startswith("data: "):
                    data.append(line[6:])
                elif line == "" and data:
                    if event_id:
                        last_id = event_id
                    if data[0].startswith("e"):
                        received.write(data[0] + "\n")
                        received.flush()
                        got += 1
                    event_id, data = None, []
        except (OSError, http.client.HTTPException) as e:
            print("broken:", e, flush=True)
        time.sleep(0.5)
print("done", got, flush=True)
PY
follower_pid=$!

# The stream flows unbuffered: the first event arrives at once.
for _ in $(seq 1 50); do [ "$(stat "${http_ports[0]}" '["connections"]')$(stat "${http_ports[1]}" '["connections"]')" != 00 ] && break; sleep 0.1; done
publish() {
  local i=$1 status
  for _ in $(seq 1 100); do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 15 -d "topic=lb&data=e$i&id=lb-$i" "$base/publish" || true)
    case $status in 200|409) return 0 ;; esac
    sleep 0.1
  done
  fail "publish $i: last status $status"
}
publish 0
for _ in $(seq 1 30); do grep -q '^e0$' "$work/received.txt" 2>/dev/null && break; sleep 0.1; done
grep -q '^e0$' "$work/received.txt" || fail "the first event did not pass through nginx within 3 s"
echo "nginx-cluster: ok - an event passes through nginx at once"

for i in $(seq 1 39); do
  if [ "$i" = 15 ]; then
    # Kill the node that holds the client's stream, without a goodbye.
    if [ "$(stat "${http_ports[0]}" '["connections"]')" = 1 ]; then victim=0; else victim=1; fi
    kill -9 "${node_pids[$victim]}"
    wait "${node_pids[$victim]}" 2> /dev/null || true   # reaped quietly: its death is the point
    echo "nginx-cluster: killed node $victim (the client's), pid ${node_pids[$victim]}"
  fi
  publish "$i"
done
for _ in $(seq 1 300); do kill -0 "$follower_pid" 2>/dev/null || break; sleep 0.1; done
expected=$(seq 0 39 | sed 's/^/e/')
[ "$(cat "$work/received.txt")" = "$expected" ] \
  || fail "the client did not get e0..e39 once each, in order: $(paste -sd ' ' "$work/received.txt"); $(cat "$work/follower.log")"
grep -q '^connected 200 from lb-' "$work/follower.log" || fail "the client never resumed from an id"
echo "nginx-cluster: ok - the client's node was killed; it resumed through nginx on the other and missed nothing"
