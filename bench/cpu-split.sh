#!/usr/bin/env bash
# Splits a server's CPU time into user and system time during an A/B-style fan-out (CLIENTS subscribers, 10 events/s,
# 5 s warm-up, 20 s window): where the time of a delivery goes, the server's own code or the kernel. The load tool
# samples the server's /proc/<pid>/stat at the start and end of its window.
# Usage: bench/cpu-split.sh ssehub|nchan CLIENTS   (SSEHUB_JAR: the jar, default target/ssehub.jar)
# Traffic stays on 127.0.0.1; bounded: ramp, 5 s of warm-up and a 20 s window.
set -euo pipefail
cd "$(dirname "$0")/.."
server=$1 clients=$2
jar=${SSEHUB_JAR:-target/ssehub.jar}
ulimit -n 20000
work=$(mktemp -d)
hub_pid=
master=
trap '[ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; [ -n "$master" ] && kill "$master" 2>/dev/null; rm -rf "$work"' EXIT
if [ "$server" = ssehub ]; then
  echo '{ "http": { "host": "127.0.0.1", "port": 0 }, "generators": [] }' > "$work/config.json"
  . bench/hub.sh
  start_hub "$work/config.json" "$work/server.log"
  pid=$hub_pid
  args=(--url "http://127.0.0.1:$hub_port/sse?topics=bench" --publish-url "http://127.0.0.1:$hub_port/publish")
else
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  sed "s|@PREFIX@|$work|g; s|@PORT@|$port|g" bench/nchan/nginx.conf.template > "$work/nginx.conf"
  nginx -p "$work" -c nginx.conf > "$work/out.log" 2>&1 &
  master=$!
  for _ in $(seq 1 50); do pid=$(pgrep -P "$master" nginx || true); [ -n "$pid" ] && break; sleep 0.1; done
  args=(--url "http://127.0.0.1:$port/sub?id=bench" --publish-url "http://127.0.0.1:$port/pub?id=bench"
    --body '{seq} {ts}' --content-type text/plain)
fi
java -jar "$jar" bench "${args[@]}" --pid "$pid" --clients "$clients" --ramp "$((clients / 1000 + 2))" --seconds 20 \
    --rate 10 --drain 3 --warmup 5 | head -n 1 | python3 -c "
import json, sys
r = json.load(sys.stdin)
server = r['processes'][0]
total, system = server['cpuMicrosPerDelivery'], server['systemMicrosPerDelivery']
print(f'$server, $clients clients: user {total - system:.1f} us + system {system:.1f} us per delivery'
      f' ({r[\"deliveriesPerSecond\"]} deliveries/s, {r[\"missing\"]} missing)')"
