#!/usr/bin/env bash
# Where ssehub's CPU time goes by thread over a scenario's window: the event loops, the JIT compilers, the garbage
# collector (Serial's work runs on the VM thread) and the rest, read from /proc/PID/task/*/stat at the window's
# start and end (clock ticks of 10 ms; the kernel's user/system split of a compiler thread is not reliable, so the
# sum is what to read). It shows whether the JVM is still compiling inside the window.
# Usage: bench/thread-cpu.sh A|C   (SSEHUB_JAR, SSEHUB_JAVA_OPTS as for run.sh; BENCH_TOOL_JAR: the load tool's jar;
#   WARMUP: seconds of warm-up at the scenario's rate, default 5; BURST: seconds of --warmup-burst before it, default
#   5 in A as run.sh, 0 in C, whose warm-up is a burst already).
# Scenarios as run.sh's: A 1,000 clients x 10 ev/s, C 10 clients publishing as fast as 16 requests in flight allow;
# a 20 s window. Traffic stays on 127.0.0.1; bounded by the load tool's ramp, warm-ups, window and drains.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: bench/thread-cpu.sh A|C}
jar=${SSEHUB_JAR:-target/ssehub.jar}
tool=${BENCH_TOOL_JAR:-$jar}
warmup=${WARMUP:-5}
case "$scenario" in
  A) burst=${BURST:-5} drain=5 ramp=3 load=(--clients 1000 --ramp 3 --rate 10 --drain 5) ;;
  C) burst=${BURST:-0} drain=3 ramp=1 load=(--clients 10 --ramp 1 --rate 0 --concurrency 16 --drain 3) ;;
  *) echo "thread-cpu: unknown scenario $scenario" >&2; exit 2 ;;
esac
ulimit -n 20000
work=$(mktemp -d)
hub_pid=
load_pid=
trap '[ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null; [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$work"' EXIT
# One event loop unless BENCH_THREADS says otherwise, as run.sh runs the hub.
echo "{ \"http\": { \"host\": \"127.0.0.1\", \"port\": 0, \"instances\": ${BENCH_THREADS:-1} }, \"generators\": [] }" \
  > "$work/config.json"
. bench/hub.sh
start_hub "$work/config.json" "$work/server.log"
if [ "$burst" != 0 ]; then
  load+=(--warmup-burst "$burst" --concurrency 16 --burst-url "http://127.0.0.1:$hub_port/sse?topics=warmup"
    --burst-body 'topic=warmup&data={seq}+{ts}')
fi

# Clock ticks (user + system) per group of the hub's threads.
by_thread() {
  local task
  for task in /proc/"$hub_pid"/task/*; do
    echo "$(tr ' ' _ < "$task/comm") $(awk '{ print $14 + $15 }' "$task/stat")"
  done | awk '{ name = $1
    group = name ~ /eventloo/ ? "event_loops" : name ~ /Compiler/ ? "JIT_compilers" : name ~ /^VM_Thread|GC/ ? "GC_(VM_thread)" : "other"
    ticks[group] += $2 } END { for (g in ticks) print g, ticks[g] }' | sort
}

java -jar "$tool" bench --label "$scenario" --pid "$hub_pid" --seconds 20 --warmup "$warmup" \
  --url "http://127.0.0.1:$hub_port/sse?topics=bench" --publish-url "http://127.0.0.1:$hub_port/publish" \
  "${load[@]}" > "$work/load.txt" 2>&1 &
load_pid=$!
# The window opens after the burst and its drain, the ramp, the warm-up and its drain.
sleep $((ramp + warmup + drain + (burst > 0 ? burst + drain : 0)))
by_thread > "$work/start"
wait "$load_pid"
load_pid=
by_thread > "$work/end"
echo "scenario $scenario, warm-up ${warmup} s, burst ${burst} s, JVM flags: ${SSEHUB_JAVA_OPTS:-(defaults)}"
grep -E '^(published|server|latency)' "$work/load.txt"
echo "hub CPU by thread over the window (s):"
join "$work/start" "$work/end" | awk '{ printf "  %-16s %6.2f\n", $1, ($3 - $2) / 100 }'
