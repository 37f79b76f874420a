#!/usr/bin/env bash
# Opens 10,000 idle SSE connections to one ssehub process and prints its RSS and live heap after a full GC, before
# and with the connections: the per-connection memory of scenario E, for one build or set of JVM flags.
# Usage: bench/idle-memory.sh [JVM FLAGS...]   (SSEHUB_JAR: the jar, default target/ssehub.jar; needs jcmd)
# Traffic stays on 127.0.0.1; bounded: the connections are held at most 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=10000
jar=${SSEHUB_JAR:-target/ssehub.jar}
ulimit -n 20000
work=$(mktemp -d)
hub_pid=
tool_pid=
trap '[ -n "$tool_pid" ] && kill "$tool_pid" 2>/dev/null; [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
echo '{ "http": { "host": "127.0.0.1", "port": 0 } }' > "$work/config.json"
SSEHUB_JAVA_OPTS="$*"
. bench/hub.sh
start_hub "$work/config.json" "$work/server.log"
# after_gc: "RSS KiB, heap used KiB, heap committed KiB" after a full collection
after_gc() {
  jcmd "$hub_pid" GC.run > /dev/null
  sleep 1  # G1 gives the memory of a shrunk heap back to the system in the background
  local info rss
  info=$(jcmd "$hub_pid" GC.heap_info | sed -n 's/.* total \([0-9]*\)K, used \([0-9]*\)K.*/\2 \1/p' | head -n 1)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$hub_pid/status")
  echo "$rss $info"
}
read -r rss0 used0 committed0 <<< "$(after_gc)"
timeout 70 java -jar "$jar" bench --url "http://127.0.0.1:$hub_port/sse?topics=bench" --clients "$clients" \
    --ramp 5 --seconds 50 --drain 0 > /dev/null &
tool_pid=$!
for _ in $(seq 1 120); do
  [ "$(curl -s "http://127.0.0.1:$hub_port/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["connections"])')" = "$clients" ] && break
  sleep 0.5
done
read -r rss1 used1 committed1 <<< "$(after_gc)"
echo "flags: ${*:-JVM defaults}"
echo "before: RSS $rss0 KiB, heap used $used0 KiB of $committed0 KiB committed"
echo "with $clients connections: RSS $rss1 KiB, heap used $used1 KiB of $committed1 KiB committed"
python3 -c "print(f'per connection: RSS {($rss1 - $rss0) / $clients:.1f} KiB, live heap {($used1 - $used0) / $clients:.1f} KiB')"
