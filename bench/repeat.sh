#!/usr/bin/env bash
# Runs the load tool several times against ONE ssehub process (a fan-out at 10 events/s, like A and B), one line
# per run, to compare builds or JVM flags on a warm server. Used for the before/after figures of single changes in
# docs/benchmarks.md.
# Usage: bench/repeat.sh CLIENTS RUNS [JVM FLAGS...]   (SSEHUB_JAR: the jar, default target/ssehub.jar)
# Traffic stays on 127.0.0.1; each run is bounded (ramp + 20 s window + 3 s drain, killed after 120 s).
set -euo pipefail
cd "$(dirname "$0")/.."
clients=$1 runs=$2; shift 2
jar=${SSEHUB_JAR:-target/ssehub.jar}
ulimit -n 20000
work=$(mktemp -d)
hub_pid=
trap '[ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
echo '{ "http": { "host": "127.0.0.1", "port": 0 } }' > "$work/config.json"
SSEHUB_JAVA_OPTS="$*"
. bench/hub.sh
start_hub "$work/config.json" "$work/server.log"
for _ in $(seq 1 "$runs"); do
  timeout 120 java -jar "$jar" bench --url "http://127.0.0.1:$hub_port/sse?topics=bench" --clients "$clients" \
      --ramp $((clients / 1000 + 2)) --seconds 20 --rate 10 --drain 3 --pid "$hub_pid" \
      --publish-url "http://127.0.0.1:$hub_port/publish" | head -n 1 | python3 -c '
import json, sys
r = json.load(sys.stdin); s = r["processes"][0]; t = r["processes"][1]; lat = r["latencyMicros"]
print("deliveries/s %d  missing %d  latency p50/p99 %.0f/%.0f ms  server %s us/delivery (%d%% CPU)  load tool %d%% CPU"
      % (r["deliveriesPerSecond"], r["missing"], lat["p50"] / 1000, lat["p99"] / 1000, s["cpuMicrosPerDelivery"],
         s["cpuPercent"], t["cpuPercent"]))'
done
