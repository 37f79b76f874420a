#!/usr/bin/env bash
# Checks docs/nginx/ssehub.conf: the hub behind nginx streams events at once and keeps its refusals' status and
# message. Needs target/ssehub.jar, nginx, curl and python3 (installs nginx when missing, Debian). Loopback only;
# every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/nginx-run.sh
work=$(mktemp -d)
nginx_pid=
jar=target/ssehub.jar
trap '[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; [ -n "${hub_pid:-}" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "nginx-proxy: FAILED: $*" >&2; exit 1; }

echo '{ "http": { "host": "127.0.0.1", "port": 0 }, "generators": [] }' > "$work/hub.json"
. bench/hub.sh
start_hub "$work/hub.json" "$work/hub.log"
free_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed "s|127.0.0.1:8080|127.0.0.1:$hub_port|; s|listen 8081;|listen 127.0.0.1:$free_port;|" docs/nginx/ssehub.conf \
  > "$work/site.conf"
run_nginx "$work" "$work/site.conf" "$free_port"

base="http://127.0.0.1:$free_port"
curl -sN --max-time 4 "$base/sse?topics=proxied" > "$work/stream.txt" &
curl_pid=$!
for _ in $(seq 1 50); do grep -q "retry: 2000" "$work/stream.txt" && break; sleep 0.1; done
grep -q "retry: 2000" "$work/stream.txt" || fail "the opening did not pass through nginx at once"
curl -s -o /dev/null -d 'topic=proxied&data=through nginx' "$base/publish"
for _ in $(seq 1 30); do grep -q "data: through nginx" "$work/stream.txt" && break; sleep 0.1; done
grep -q "data: through nginx" "$work/stream.txt" || fail "the event did not pass through nginx within 3 s"
kill "$curl_pid" 2>/dev/null || true
echo "nginx-proxy: ok - the stream and an event pass through nginx at once"

status=$(curl -s -o "$work/body.txt" -w '%{http_code}' "$base/sse")
[ "$status" = 400 ] && [ "$(cat "$work/body.txt")" = "No topics provided: use /sse?topics=a,b" ] \
  || fail "refusal through nginx: $status $(cat "$work/body.txt")"
echo "nginx-proxy: ok - a refusal keeps its status and message"
