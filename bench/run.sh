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
#
# Installs nginx, libnginx-mod-nchan and pushpin when missing (Debian). All traffic stays on 127.0.0.1; every step is
# bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
if [ "${1:-}" = "--smoke" ]; then smoke=true; shift; fi
scenarios=${*:-A B C D E F G}
servers=${BENCH_SERVERS:-ssehub nchan pushpin}
section=${BENCH_SECTION:-latest}
pushpin_caps=${PUSHPIN_CAPS:-off}
case $pushpin_caps in off|debian) ;; *) echo "bench: PUSHPIN_CAPS must be off or debian" >&2; exit 2 ;; esac

need=()
[ -f /usr/lib/nginx/modules/ngx_nchan_module.so ] || need+=(nginx libnginx-mod-nchan)
# Pushpin's runner starts condure and zurl; the package depends on both (condure or mongrel2: name it to get condure).
command -v pushpin > /dev/null && command -v condure > /dev/null && command -v zurl > /dev/null ||
  need+=(nginx pushpin condure zurl)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" > /dev/null
fi
jar=${SSEHUB_JAR:-target/ssehub.jar}
# The JVM flags README.md recommends for a tight memory budget (G1 gives memory back after a collection);
# SSEHUB_JAVA_OPTS replaces them (set it empty for the JVM's defaults).
export SSEHUB_JAVA_OPTS=${SSEHUB_JAVA_OPTS--XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}
[ -f "$jar" ] || mvn -q -B -DskipTests package
tool_jar=${BENCH_TOOL_JAR:-$jar}
ulimit -n 20000

work=$(mktemp -d)
suffix=
if $smoke; then suffix=-smoke; fi
results=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)$suffix.jsonl
mkdir -p bench/results
# server_pid: the process to stop (it stops its children); server_pids: the processes whose CPU time and RSS make up
# the server (measured as their sum); origin_pid: Pushpin's origin, stopped with it.
server_pid=
server_pids=()
origin_pid=
stop_pid() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
stop_server() {
  if [ -n "$server_pid" ]; then
    stop_pid "$server_pid"
    # Children left behind (their parent killed hard) go too.
    for pid in "${server_pids[@]}"; do kill -0 "$pid" 2>/dev/null && stop_pid "$pid"; done
    server_pid=
    server_pids=()
  fi
  if [ -n "$origin_pid" ]; then
    stop_pid "$origin_pid"
    origin_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

. bench/hub.sh

# start_ssehub [GENERATOR_TOPIC GENERATOR_INTERVAL]: ssehub on a free port, history off the hot path of no test.
start_ssehub() {
  local generators='[]'
  [ $# -eq 2 ] && generators="[{\"topic\":\"$1\",\"intervalMillis\":$2}]"
  cat > "$work/ssehub.json" <<JSON
{ "http": { "host": "127.0.0.1", "port": 0 }, "generators": $generators }
JSON
  start_hub "$work/ssehub.json" "$work/ssehub.log"
  server_pid=$hub_pid
  server_pids=("$hub_pid")
  port=$hub_port
  sub_url="http://127.0.0.1:$port/sse?topics=bench"
  pub_args=(--publish-url "http://127.0.0.1:$port/publish" --body 'topic=bench&data={seq}+{ts}'
    --content-type application/x-www-form-urlencoded)
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_nchan() {
  local prefix=$work/nchan
  rm -rf "$prefix" && mkdir -p "$prefix"
  port=$(free_port)
  sed "s|@PREFIX@|$prefix|g; s|@PORT@|$port|g" bench/nchan/nginx.conf.template > "$prefix/nginx.conf"
  nginx -p "$prefix" -c nginx.conf > "$prefix/out.log" 2>&1 &
  local master=$!
  for _ in $(seq 1 50); do
    [ -n "$(pgrep -P "$master" nginx)" ] && break
    sleep 0.1
  done
  server_pid=$master
  # The worker does the work; the master only waits.
  server_pids=("$(pgrep -P "$master" nginx)")
  sub_url="http://127.0.0.1:$port/sub?id=bench"
  pub_args=(--publish-url "http://127.0.0.1:$port/pub?id=bench" --body '{seq} {ts}' --content-type text/plain)
}

# start_pushpin: Pushpin (config bench/pushpin/pushpin.conf.template) in front of an nginx origin
# (bench/pushpin/origin.conf.template) that holds every subscription as a stream of its channel; three free ports.
# The server is the runner and the four services it starts (condure, zurl, pushpin-proxy, pushpin-handler).
# A port found free can be taken before Pushpin binds it (after E's 10,000 connections, say): up to 3 attempts.
start_pushpin() {
  local attempt
  for attempt in 1 2 3; do
    try_start_pushpin && return 0
    stop_server
    echo "bench: Pushpin did not start (attempt $attempt of 3)" >&2
  done
  return 1
}
try_start_pushpin() {
  local prefix=$work/pushpin origin_port control_port
  rm -rf "$prefix" && mkdir -p "$prefix/origin"
  port=$(free_port); origin_port=$(free_port); control_port=$(free_port)
  sed "s|@PREFIX@|$prefix/origin|g; s|@PORT@|$origin_port|g" bench/pushpin/origin.conf.template \
    > "$prefix/origin/nginx.conf"
  sed "s|@PREFIX@|$prefix|g; s|@PORT@|$port|g; s|@CONTROL_PORT@|$control_port|g" bench/pushpin/pushpin.conf.template \
    > "$prefix/pushpin.conf"
  if [ "$pushpin_caps" = debian ]; then
    grep -E '^message_(rate|hwm)=' /usr/share/pushpin/pushpin.conf.condure >> "$prefix/pushpin.conf"
  fi
  echo "* 127.0.0.1:$origin_port" > "$prefix/routes"
  nginx -p "$prefix/origin" -c nginx.conf > "$prefix/origin/out.log" 2>&1 &
  origin_pid=$!
  pushpin --config "$prefix/pushpin.conf" > "$prefix/out.log" 2>&1 &
  server_pid=$!
  sub_url="http://127.0.0.1:$port/sub?id=bench"
  # Ready when a subscription is answered with 200 (curl leaves the open stream after 0.5 s) and a publish too.
  local ready=
  for _ in $(seq 1 30); do
    if [ "$(curl -s -m 0.5 -o /dev/null -w '%{http_code}' "$sub_url")" = 200 ] && [ "$(curl -s -m 1 -o /dev/null \
      -w '%{http_code}' -d '{"items":[]}' "http://127.0.0.1:$control_port/publish/")" = 200 ]; then
      ready=yes
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  mapfile -t server_pids < <(echo "$server_pid"; pgrep -P "$server_pid")
  if [ -z "$ready" ] || [ ${#server_pids[@]} -ne 5 ]; then
    cat "$prefix/out.log" "$prefix"/log/*.log "$prefix/origin/error.log" >&2 || true
    echo "bench: Pushpin not ready (processes: ${server_pids[*]})" >&2
    return 1
  fi
  # The SSE frame is the item's http-stream content; the load tool fills in {seq} and {ts} ("\n" is JSON's newline).
  pub_args=(--publish-url "http://127.0.0.1:$control_port/publish/" --content-type application/json
    --body '{"items":[{"channel":"bench","formats":{"http-stream":{"content":"data: {seq} {ts}\n\n"}}}]}')
}

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
warmup=$(scale 5 1)
echo "{\"scenario\":\"run\",\"server\":\"ssehub\",\"javaOpts\":\"$SSEHUB_JAVA_OPTS\",\"warmupSeconds\":$warmup}" >> "$results"
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
  jcmd "$server_pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1
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
        bench "$server" "$scenario" --url "$sub_url" --clients "$clients" --ramp "$ramp" --seconds "$window" \
          --rate "$rate" --drain 5 --warmup "$warmup" "${pub_args[@]}"
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
