#!/usr/bin/env bash
# Counts the system calls each server makes per delivery in scenario A (1,000 subscribers, 10 events/s on one topic),
# with `perf trace -s` attached to the server's processes for 10 s inside the load tool's window: where kernel time per
# delivery goes, server by server. A delivers 10,000 events a second to every server (they all keep up), so the counts
# are divided by 100,000 deliveries.
# Usage: bench/syscalls.sh [SERVER...]   (default "ssehub nchan"; SSEHUB_JAR, BENCH_TOOL_JAR as for run.sh)
# Needs perf with tracepoints (Debian: linux-perf). All traffic stays on 127.0.0.1; every step is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/servers.sh
servers=${*:-ssehub nchan}
# shellcheck disable=SC2086
ensure_installed $servers
command -v perf > /dev/null || { echo "bench: perf is needed (apt-get install linux-perf)" >&2; exit 2; }
jar=${SSEHUB_JAR:-target/ssehub.jar}
tool_jar=${BENCH_TOOL_JAR:-$jar}
pushpin_caps=off
[ -f "$jar" ] || mvn -q -B -DskipTests package
ulimit -n 20000
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
window=10 deliveries=100000
for server in $servers; do
  "start_$server"
  java -jar "$tool_jar" bench --label "syscalls-$server" --url "$sub_url" --clients 1000 --ramp 3 --seconds 20 \
    --rate 10 --drain 5 --warmup 5 "${pub_args[@]}" > "$work/load.txt" 2>&1 &
  load_pid=$!
  # Into the window: the ramp (3 s), the warm-up (5 s), the drain after it (5 s), then 3 s more.
  sleep 16
  pids=$(IFS=,; echo "${server_pids[*]}")
  timeout -s INT $((window + 5)) perf trace -s -p "$pids" -- sleep "$window" > "$work/trace.txt" 2>&1 || true
  # Kernel work that is no system call: switches between threads, page faults, moves between the cores.
  timeout -s INT $((window + 5)) perf stat -x, -e context-switches,page-faults,cpu-migrations -p "$pids" \
    -- sleep "$window" 2> "$work/stat.txt" > /dev/null || true
  wait "$load_pid" || true
  stop_server
  echo "== $server (processes $pids): system calls per delivery over ${window} s, $deliveries deliveries"
  python3 - "$work/trace.txt" "$deliveries" <<'PY'
import collections, re, sys
counts, msec = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r"\s+(\w+)\s+(\d+)\s+\d+\s+([\d.]+)\s", line)
    if m and m.group(1) != "syscall":
        counts[m.group(1)] += int(m.group(2))
        msec[m.group(1)] += float(m.group(3))
deliveries = int(sys.argv[2])
total = sum(counts.values())
# Time inside calls that wait (for events, a lock, a timer) is not work: left out of the sum.
WAITS = ("epoll_wait", "epoll_pwait", "epoll_pwait2", "futex", "nanosleep", "clock_nanosleep", "poll", "ppoll",
         "select", "pselect6")
busy = sum(v for k, v in msec.items() if k not in WAITS)
print(f"  all: {total / deliveries:.3f} calls per delivery; {busy * 1000 / deliveries:.2f} µs per delivery inside"
      " those that do not wait")
for name, count in counts.most_common(12):
    print(f"  {name:<16} {count / deliveries:8.3f} per delivery  {msec[name] * 1000 / deliveries:7.2f} µs per delivery")
PY
  awk -F, -v d="$deliveries" '$3 ~ /context-switches|page-faults|cpu-migrations/ && $1 ~ /^[0-9]+$/ {
    printf "  %-16s %8.4f per delivery (%s in %d s)\n", $3, $1 / d, $1, '"$window"' }' "$work/stat.txt"
done
