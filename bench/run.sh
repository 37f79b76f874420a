#!/usr/bin/env bash
# Runs the benchmark scenarios against ssehub (the built jar), nginx + nchan and Pushpin, with the same load tool, and
# writes the results (JSON lines) to bench/results/ and the tables to docs/benchmarks.md.
#
# Usage: bench/run.sh [--smoke] [SCENARIO...]      scenarios: A B C D E F G (default: all)
#   --smoke   tiny sizes and 2-second windows, to keep the tool working (used by CI; asserts nothing about speed)
# Environment:
#   SSEHUB_JAR       the jar of the hub under test (default target/ssehub.jar)
#   BENCH_TOOL_JAR   the jar whose load tool drives every server (default SSEHUB_JAR)
#   BENCH_SERVERS    the servers to run, in order (default "ssehub nchan pushpin"; F is ssehub's alone)
#   BENCH_SECTION    the section of docs/benchmarks.md the tables go to (default "latest")
#   PUSHPIN_CAPS     "off" (default): Pushpin's delivery caps unset; "debian": the caps its package ships
#   BENCH_THREADS    threads serving clients in ssehub (event loops, http.instances) and nginx (worker processes);
#                    default 1
#   BENCH_WARMUP     seconds of warm-up at each scenario's own rate before the window (default 5; the burst before
#                    it stays 5 s)
#
# Installs nginx, libnginx-mod-nchan and pushpin when missing (Debian). All traffic stays on 127.0.0.1; every step is
# bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/servers.sh

smoke=false
if [ "${1:-}" = "--smoke" ]; then smoke=true; shift; fi
scenarios=${*:-A B C D E F G}
servers=${BENCH_SERVERS:-ssehub nchan pushpin}
section=${BENCH_SECTION:-latest}
pushpin_caps=${PUSHPIN_CAPS:-off}
case $pushpin_caps in off|debian) ;; *) echo "bench: PUSHPIN_CAPS must be off or debian" >&2; exit 2 ;; esac

ensure_installed nchan pushpin
jar=${SSEHUB_JAR:-target/ssehub.jar}
[ -f "$jar" ] || mvn -q -B -DskipTests package
tool_jar=${BENCH_TOOL_JAR:-$jar}
ulimit -n 20000

work=$(mktemp -d)
suffix=
if $smoke; then suffix=-smoke; fi
results=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)$suffix.jsonl
mkdir -p bench/results
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# pushpin_drops SCENARIO: records how many deliveries Pushpin's handler dropped for its caps (one warning each,
# "exceeded publish hwm"; warm-up included), the only trace they leave.
pushpin_drops() {
  local n log=$work/pushpin/log/pushpin-handler.log
  n=$(awk '/exceeded publish hwm/ {n++} END {print n + 0}' "$log" 2>/dev/null || echo 0)
  echo "{\"scenario\":\"$1\",\"server\":\"pushpin\",\"hwmDrops\":$n}" >> "$results"
}

# rss_kib: the server's RSS (KiB), summed over its processes.
rss_kib() {
  local total=0 pid
  for pid in "${server_pids[@]}"; do total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"))); done
  echo "$total"
}

# bench SERVER SCENARIO ARGS...: runs the load tool, appends its JSON line (with server and scenario) to the results.
bench() {
  local server=$1 scenario=$2; shift 2
  local pids=() pid
  for pid in "${server_pids[@]}"; do pids+=(--pid "$pid"); done
  echo "bench: scenario $scenario on $server: $*" >&2
  local names
  names=$(ps -o pid=,comm= -p "$(IFS=,; echo "${server_pids[*]}")" | awk '{print $1 ":" $2}' | paste -sd ,)
  java -jar "$tool_jar" bench --label "$scenario/$server" "${pids[@]}" "$@" > "$work/out.txt"
  head -n 1 "$work/out.txt" | python3 -c "
import json, sys
r = json.load(sys.stdin); r['server'] = '$server'; r['scenario'] = '$scenario'
names = {int(n.split(':')[0]): n.split(':')[1] for n in '$names'.split(',') if n}
for p in r['processes']:
    if p['pid'] in names: p['name'] = names[p['pid']]
print(json.dumps(r))" >> "$results"
  tail -n +2 "$work/out.txt" >&2
}

stats_json() { curl -s "http://127.0.0.1:$port/stats" | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)))'; }

scale() { if $smoke; then echo "$2"; else echo "$1"; fi; }
window=$(scale 20 2)
warmup=$(scale "${BENCH_WARMUP:-5}" 1)
burst=$(scale 5 1)
echo "{\"scenario\":\"run\",\"server\":\"ssehub\",\"javaOpts\":\"$SSEHUB_JAVA_OPTS\",\"warmupSeconds\":$warmup," \
  "\"threads\":$bench_threads}" >> "$results"
case " $servers " in *" pushpin "*)
  caps=unset; [ "$pushpin_caps" = debian ] &&
    caps=$(grep -E '^message_(rate|hwm)=' /usr/share/pushpin/pushpin.conf.condure | paste -sd ' ')
  version() { "$1" --version | awk '{print $2}'; }
  echo "{\"scenario\":\"run\",\"server\":\"pushpin\",\"version\":\"$(version pushpin)\",\"condure\":\"$(version condure)\"," \
    "\"zurl\":\"$(version zurl)\",\"caps\":\"$caps\",\"logLevel\":1}" >> "$results" ;;
esac

# collect_when_connected CLIENTS: once ssehub's /stats shows CLIENTS connections (bounded wait), runs a full GC so
# that the RSS read at the end of the window is memory in use, not garbage; prints the heap in use after it (KiB).
collect_when_connected() {
  for _ in $(seq 1 120); do
    [ "$(curl -s "http://127.0.0.1:$port/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["connections"])')" = "$1" ] && break
    sleep 0.5
  done
  heap_after_gc
}
heap_after_gc() {
  jcmd "$server_pid" GC.run > /dev/null
  # The heap's used size: the sum over its generations (one line for G1, young and old for Serial and Parallel).
  jcmd "$server_pid" GC.heap_info | awk '/^ [^ ].* total [0-9]+K, used [0-9]+K/ {
    sub(/.* used /, ""); sub(/K.*/, ""); used += $0 } END { print used + 0 }'
}

for scenario in $scenarios; do
  case $scenario in
    A|B|G)
      clients=$(scale 1000 50); rate=10
      [ "$scenario" = B ] && clients=$(scale 10000 100)
      [ "$scenario" = G ] && { clients=$(scale 10000 100); rate=40; }
      ramp=$(scale $((clients / 1000 + 2)) 1)
      for server in $servers; do
        "start_$server"
        set_burst_args
        # At 10 or 40 events/s the warm-up makes the per-event paths hot but not the per-publish ones: first a burst,
        # as fast as 16 requests in flight allow, on another topic ("warmup"), to one subscriber of the tool's own.
        bench "$server" "$scenario" --url "$sub_url" --clients "$clients" --ramp "$ramp" --seconds "$window" \
          --rate "$rate" --drain 5 --warmup "$warmup" "${pub_args[@]}" --warmup-burst "$burst" --concurrency 16 \
          --burst-url "${sub_url/bench/warmup}" "${burst_args[@]}"
        [ "$server" = ssehub ] && echo "{\"scenario\":\"$scenario\",\"server\":\"ssehub\",\"stats\":$(stats_json)}" >> "$results"
        [ "$server" = pushpin ] && pushpin_drops "$scenario"
        stop_server
      done ;;
    C)
      for server in $servers; do
        "start_$server"
        bench "$server" C --url "$sub_url" --clients 10 --ramp 1 --seconds "$window" --rate 0 --concurrency 16 \
          --drain 3 --warmup "$warmup" "${pub_args[@]}"
        [ "$server" = pushpin ] && pushpin_drops C
        stop_server
      done ;;
    D)
      for server in $servers; do
        "start_$server"
        for round in 1 2 3 4 5; do
          bench "$server" "D$round" --url "$sub_url" --clients "$(scale 2000 50)" --ramp 1 --seconds 1 --drain 0
        done
        [ "$server" = ssehub ] && echo "{\"scenario\":\"D\",\"server\":\"ssehub\",\"stats\":$(stats_json)}" >> "$results"
        stop_server
      done ;;
    E)
      clients=$(scale 10000 100)
      for server in $servers; do
        "start_$server"
        heap=
        if [ "$server" = ssehub ]; then heap=$(heap_after_gc); fi
        base=$(rss_kib)
        echo "{\"scenario\":\"E\",\"server\":\"$server\",\"rssBaselineKiB\":$base}" >> "$results"
        bench "$server" E --url "$sub_url" --clients "$clients" --ramp "$(scale 10 1)" --seconds 8 --drain 0 &
        bench_pid=$!
        if [ "$server" = ssehub ]; then
          echo "{\"scenario\":\"E\",\"server\":\"ssehub\",\"heapUsedKiB\":{\"baseline\":$heap,\"connected\":$(collect_when_connected "$clients")}}" >> "$results"
        fi
        wait "$bench_pid"
        stop_server
      done ;;
    F)
      # The hub's own generator: nchan and Pushpin have none, and are not run (the report says so).
      case " $servers " in *" ssehub "*) ;; *) continue ;; esac
      start_ssehub bench 1
      bench ssehub F --url "$sub_url" --clients "$(scale 1000 20)" --ramp 2 --seconds "$window" --drain 2 \
        --server-stats "http://127.0.0.1:$port/stats"
      echo "{\"scenario\":\"F\",\"server\":\"ssehub\",\"stats\":$(stats_json)}" >> "$results"
      stop_server ;;
    *) echo "bench: unknown scenario $scenario" >&2; exit 2 ;;
  esac
done

echo "bench: results in $results" >&2
if ! $smoke; then
  python3 bench/report.py "$results" docs/benchmarks.md "$section"
fi
