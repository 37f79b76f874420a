#!/usr/bin/env bash
# Profiles ssehub under one scenario with Java Flight Recorder, over the load tool's measurement window only: where the
# CPU goes (the hottest methods, from execution samples) and the heap allocated per delivery (every event-loop
# thread's allocation over the window, divided by the deliveries the load tool counted in it). Writes the recording
# and a summary to bench/results/profile-<scenario>-<time>.{jfr,txt}.
# Usage: bench/profile.sh A|B|C   (SSEHUB_JAR: the jar, default target/ssehub.jar; SSEHUB_JAVA_OPTS: JVM flags)
# With PROFILER=async, async-profiler (its Maven artifact, fetched by Maven when missing) samples the same window
# instead, CPU time with the kernel's frames (perf events; needs root or perf_event_paranoid <= 1), and the summary
# is bench/async_profile.py's: user and kernel shares by thread and stage, and the hottest frames.
# Scenarios as in bench/run.sh: A 1,000 clients x 10 ev/s, B 10,000 x 10, C 10 clients, as fast as possible.
# Traffic stays on 127.0.0.1; bounded: a ramp, 5 s of warm-up and a 20 s window.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: bench/profile.sh A|B|C}
jar=${SSEHUB_JAR:-target/ssehub.jar}
ulimit -n 20000
work=$(mktemp -d)
hub_pid=
load_pid=
trap '[ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null; [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
case "$scenario" in
  A) load=(--clients 1000 --ramp 3 --rate 10 --drain 5); ramp=3 ;;
  B) load=(--clients 10000 --ramp 10 --rate 10 --drain 5); ramp=10 ;;
  C) load=(--clients 10 --ramp 1 --rate 0 --concurrency 16 --drain 3); ramp=1 burst=0 ;;
  *) echo "profile: unknown scenario $scenario" >&2; exit 2 ;;
esac
warmup=5 seconds=20
# A and B publish slowly: a burst first, as run.sh's (C's warm-up is one already).
burst=${burst-$warmup}
[ "$burst" != 0 ] && load+=(--warmup-burst "$burst" --concurrency 16 --burst-body 'topic=warmup&data={seq}+{ts}')

# async-profiler over the window: loaded into the running hub when the window opens, stopped when the load tool ends.
profile_async() {
  local version=4.1 lib
  lib=$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar
  [ -f "$lib" ] || mvn -B -ntp -q dependency:get -Dartifact=tools.profiler:async-profiler:$version > /dev/null
  unzip -o -q "$lib" linux-x64/libasyncProfiler.so -d "$work"
  # jcmd reads key=value as its own options unless the agent's options are quoted.
  jcmd "$hub_pid" JVMTI.agent_load "$work/linux-x64/libasyncProfiler.so" \
    "\"start,event=cpu,interval=1ms,threads\"" > /dev/null
  wait "$load_pid"
  load_pid=
  jcmd "$hub_pid" JVMTI.agent_load "$work/linux-x64/libasyncProfiler.so" \
    "\"stop,collapsed,file=$PWD/$out.collapsed\"" > /dev/null
  {
    echo "scenario $scenario, $(date -u +%Y-%m-%d), jar $jar, JVM flags: ${SSEHUB_JAVA_OPTS:-(defaults)}"
    echo "async-profiler $version, CPU time with kernel frames, 1 ms, over the window"
    grep -v '^{' "$work/load.txt" | sed 's/^/  /'
    echo
    python3 bench/async_profile.py "$out.collapsed"
  } | tee "$out.txt"
}
# One event loop unless BENCH_THREADS says otherwise, as run.sh runs the hub.
echo "{ \"http\": { \"host\": \"127.0.0.1\", \"port\": 0, \"instances\": ${BENCH_THREADS:-1} }, \"generators\": [] }" \
  > "$work/config.json"
. bench/hub.sh
start_hub "$work/config.json" "$work/server.log"
burst_url=
[ "$burst" != 0 ] && burst_url="http://127.0.0.1:$hub_port/sse?topics=warmup"
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/results
out=bench/results/profile-$scenario-$stamp
java -jar "$jar" bench --label "profile-$scenario" --pid "$hub_pid" --seconds "$seconds" --warmup "$warmup" \
  --url "http://127.0.0.1:$hub_port/sse?topics=bench" --publish-url "http://127.0.0.1:$hub_port/publish" \
  ${burst_url:+--burst-url "$burst_url"} "${load[@]}" > "$work/load.txt" 2>&1 &
load_pid=$!
# The window opens after the ramp, the warm-up and the drain that follows it (the load tool's --drain).
drain=$(printf '%s\n' "${load[@]}" | awk 'prev == "--drain" { print } { prev = $0 }')
sleep $((ramp + warmup + drain + (burst > 0 ? burst + drain : 0)))
if [ "${PROFILER:-jfr}" = async ]; then
  profile_async
  exit 0
fi
jcmd "$hub_pid" JFR.start name=window settings=profile duration="${seconds}s" filename="$work/window.jfr" \
  'jdk.ExecutionSample#period=1ms' > /dev/null
wait "$load_pid"
load_pid=
for _ in $(seq 1 50); do [ -s "$work/window.jfr" ] && jcmd "$hub_pid" JFR.check name=window 2>&1 | grep -q "No available" && break; sleep 0.2; done
cp "$work/window.jfr" "$out.jfr"
deliveries=$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("{"):
        print(json.loads(line)["received"]); break' "$work/load.txt")
{
  echo "scenario $scenario, $(date -u +%Y-%m-%d), jar $jar, JVM flags: ${SSEHUB_JAVA_OPTS:-(defaults)}"
  grep -v '^{' "$work/load.txt" | sed 's/^/  /'
  echo
  echo "Where the hub's threads spend their time (execution samples):"
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$out.jfr" | python3 bench/jfr_stages.py
  echo
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$out.jfr" | python3 bench/jfr_profile.py | sed -n 1,90p
  echo
  echo "Allocated on event-loop threads over the window, per delivery ($deliveries deliveries):"
  jfr print --events jdk.ThreadAllocationStatistics "$out.jfr" | python3 -c '
import re, sys
deliveries = int(sys.argv[1])
current, first, last = None, {}, {}
for line in sys.stdin:
    m = re.search(r"allocated = ([0-9.]+) (bytes|kB|MB|GB)", line)
    if m:
        scale = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[m.group(2)]
        current = float(m.group(1)) * scale
    t = re.search(r"thread = \"([^\"]+)\"", line)
    if t and current is not None:
        name = t.group(1)
        if "eventloop" in name:
            first.setdefault(name, current)
            last[name] = current
        current = None
total = sum(last[n] - first[n] for n in last)
print("  %.0f bytes in all, %.1f bytes per delivery" % (total, total / max(deliveries, 1)))
' "$deliveries"
} | tee "$out.txt"
