#!/usr/bin/env bash
# Runs the benchmark scenarios against ssehub (the built jar) and nginx + nchan, with the same load tool, and writes
# the results (JSON lines) to bench/results/ and the tables to docs/benchmarks.md.
#
# Usage: bench/run.sh [--smoke] [SCENARIO...]      scenarios: A B C D E F G (default: all)
#   --smoke   tiny sizes and 2-second windows, to keep the tool working (used by CI; asserts nothing about speed)
#
# Installs nginx and libnginx-mod-nchan when missing (Debian). All traffic stays on 127.0.0.1; every step is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
if [ "${1:-}" = "--smoke" ]; then smoke=true; shift; fi
scenarios=${*:-A B C D E F G}

if ! [ -f /usr/lib/nginx/modules/ngx_nchan_module.so ]; then
  echo "bench: installing nginx and libnginx-mod-nchan"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nginx libnginx-mod-nchan > /dev/null
fi
jar=${SSEHUB_JAR:-target/ssehub.jar}
# The JVM flags README.md recommends for a tight memory budget (G1 gives memory back after a collection);
# SSEHUB_JAVA_OPTS replaces them (set it empty for the JVM's defaults).
export SSEHUB_JAVA_OPTS=${SSEHUB_JAVA_OPTS--XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}
[ -f "$jar" ] || mvn -q -B -DskipTests package
ulimit -n 20000

work=$(mktemp -d)
suffix=
if $smoke; then suffix=-smoke; fi
results=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)$suffix.jsonl
mkdir -p bench/results
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

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
  port=$hub_port
  sub_url="http://127.0.0.1:$port/sse?topics=bench"
  pub_args=(--publish-url "http://127.0.0.1:$port/publish" --body 'topic=bench&data={seq}+{ts}'
    --content-type application/x-www-form-urlencoded)
}

start_nchan() {
  local prefix=$work/nchan
  rm -rf "$prefix" && mkdir -p "$prefix"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  sed "s|@PREFIX@|$prefix|g; s|@PORT@|$port|g" bench/nchan/nginx.conf.template > "$prefix/nginx.conf"
  nginx -p "$prefix" -c nginx.conf > "$prefix/out.log" 2>&1 &
  local master=$!
  for _ in $(seq 1 50); do
    [ -n "$(pgrep -P "$master" nginx)" ] && break
    sleep 0.1
  done
  server_pid=$master
  worker_pid=$(pgrep -P "$master" nginx)
  sub_url="http://127.0.0.1:$port/sub?id=bench"
  pub_args=(--publish-url "http://127.0.0.1:$port/pub?id=bench" --body '{seq} {ts}' --content-type text/plain)
}

# bench SERVER SCENARIO ARGS...: runs the load tool, appends its JSON line (with server and scenario) to the results.
bench() {
  local server=$1 scenario=$2; shift 2
  local pids=(--pid "$server_pid")
  [ "$server" = nchan ] && pids=(--pid "$worker_pid")
  echo "bench: scenario $scenario on $server: $*" >&2
  java -jar "$jar" bench --label "$scenario/$server" "${pids[@]}" "$@" > "$work/out.txt"
  head -n 1 "$work/out.txt" | python3 -c "
import json, sys
r = json.load(sys.stdin); r['server'] = '$server'; r['scenario'] = '$scenario'
print(json.dumps(r))" >> "$results"
  tail -n +2 "$work/out.txt" >&2
}

stats_json() { curl -s "http://127.0.0.1:$port/stats" | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)))'; }

scale() { if $smoke; then echo "$2"; else echo "$1"; fi; }
window=$(scale 20 2)
warmup=$(scale 5 1)
echo "{\"scenario\":\"run\",\"server\":\"ssehub\",\"javaOpts\":\"$SSEHUB_JAVA_OPTS\",\"warmupSeconds\":$warmup}" >> "$results"

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
      for server in ssehub nchan; do
        "start_$server"
        bench "$server" "$scenario" --url "$sub_url" --clients "$clients" --ramp "$ramp" --seconds "$window" \
          --rate "$rate" --drain 5 --warmup "$warmup" "${pub_args[@]}"
        [ "$server" = ssehub ] && echo "{\"scenario\":\"$scenario\",\"server\":\"ssehub\",\"stats\":$(stats_json)}" >> "$results"
        stop_server
      done ;;
    C)
      for server in ssehub nchan; do
        "start_$server"
        bench "$server" C --url "$sub_url" --clients 10 --ramp 1 --seconds "$window" --rate 0 --concurrency 16 \
          --drain 3 --warmup "$warmup" "${pub_args[@]}"
        stop_server
      done ;;
    D)
      for server in ssehub nchan; do
        "start_$server"
        for round in 1 2 3 4 5; do
          bench "$server" "D$round" --url "$sub_url" --clients "$(scale 2000 50)" --ramp 1 --seconds 1 --drain 0
        done
        [ "$server" = ssehub ] && echo "{\"scenario\":\"D\",\"server\":\"ssehub\",\"stats\":$(stats_json)}" >> "$results"
        stop_server
      done ;;
    E)
      clients=$(scale 10000 100)
      for server in ssehub nchan; do
        "start_$server"
        pid=$server_pid; [ "$server" = nchan ] && pid=$worker_pid
        heap=
        if [ "$server" = ssehub ]; then heap=$(heap_after_gc); fi
        base=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
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
      start_ssehub bench 1
      bench ssehub F --url "$sub_url" --clients "$(scale 1000 20)" --ramp 2 --seconds "$window" --drain 2
      echo "{\"scenario\":\"F\",\"server\":\"ssehub\",\"stats\":$(stats_json)}" >> "$results"
      stop_server ;;
    *) echo "bench: unknown scenario $scenario" >&2; exit 2 ;;
  esac
done

echo "bench: results in $results" >&2
if ! $smoke; then
  python3 bench/report.py "$results" docs/benchmarks.md latest
fi
