#!/usr/bin/env bash
# Measures ssehub clusters of 1, 2 and 3 nodes on this machine (docs/clustering.md#measured), with the load tool:
#   L  100 subscribers on the last node, 100 events/s published to the first node (the leader): the delay across
#      nodes (on one node, the same path without the cluster);
#   F  the same, published to the second node (not the leader, which sequences): a publish forwarded to the leader;
#   T  10 subscribers on the last node, publishing as fast as 16 requests in flight allow, to the last node (on two
#      or three nodes, one that forwards to the leader): throughput, and CPU per publish summed over every node.
# Every node is a separate JVM on 127.0.0.1 with one event loop (http.instances 1), no generator, and the JVM flags
# of README.md's run command; they share the machine's cores with each other and with the load tool.
# Usage: bench/cluster.sh [--smoke]   (SSEHUB_JAR: the jar, default target/ssehub.jar; NODES: default "1 2 3")
# Writes bench/results/cluster-<UTC time>.jsonl and prints a table. Traffic stays on 127.0.0.1; bounded by the
# load tool's windows and the nodes' join timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${SSEHUB_JAR:-target/ssehub.jar}
smoke=false
[ "${1:-}" = --smoke ] && smoke=true
window=20 warmup=5
$smoke && window=2 warmup=1
ulimit -n 20000
mkdir -p bench/results
suffix=""
$smoke && suffix="-smoke"
results=bench/results/cluster-$(date -u +%Y-%m-%dT%H%M%SZ)$suffix.jsonl
work=$(mktemp -d)
pids=()
ports=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
. bench/hub.sh

free_ports() {
  python3 -c "
import socket
socks = [socket.socket() for _ in range($1)]
for s in socks: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in socks))"
}

# start_cluster N: starts N nodes, one after the other, and waits until the last sees them all.
start_cluster() {
  local n=$1 i members hz
  read -r -a hz <<< "$(free_ports "$n")"
  members=$(printf '"127.0.0.1:%s",' "${hz[@]}")
  pids=() ports=()
  for i in $(seq 0 $((n - 1))); do
    cat > "$work/node$i.json" <<JSON
{ "http": { "host": "127.0.0.1", "port": 0, "instances": 1 }, "generators": [],
  "cluster": { "enabled": $([ "$n" -gt 1 ] && echo true || echo false), "name": "bench-$$-$n", "host": "127.0.0.1",
               "port": ${hz[$i]}, "members": [${members%,}] } }
JSON
    start_hub "$work/node$i.json" "$work/node$i.log"
    pids+=("$hub_pid") ports+=("$hub_port")
  done
  for _ in $(seq 1 100); do
    [ "$n" = 1 ] && break
    [ "$(curl -s "http://127.0.0.1:${ports[$((n - 1))]}/stats" | python3 -c \
      'import json, sys; print(len(json.load(sys.stdin)["cluster"]["members"]))')" = "$n" ] && break
    sleep 0.2
  done
}

stop_cluster() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  done
  pids=()
}

# run LABEL SUBSCRIBE_NODE PUBLISH_NODE ARGS...: the load tool against the cluster, CPU summed over every node.
run() {
  local label=$1 sub=$2 pub=$3; shift 3
  local pid_args=() p
  for p in "${pids[@]}"; do pid_args+=(--pid "$p"); done
  java -jar "$jar" bench --label "$label" "${pid_args[@]}" --seconds "$window" --warmup "$warmup" \
    --url "http://127.0.0.1:${ports[$sub]}/sse?topics=bench" --publish-url "http://127.0.0.1:${ports[$pub]}/publish" \
    "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; return 1; }
  head -n 1 "$work/out.txt" >> "$results"
  echo "cluster: $label done" >&2
}

for n in ${NODES:-1 2 3}; do
  start_cluster "$n"
  last=$((n - 1))
  run "L/$n" "$last" 0 --clients 100 --ramp 1 --rate 100 --drain 3
  [ "$n" -gt 1 ] && run "F/$n" "$last" 1 --clients 100 --ramp 1 --rate 100 --drain 3
  run "T/$n" "$last" "$last" --clients 10 --ramp 1 --rate 0 --concurrency 16 --drain 3
  stop_cluster
done

python3 - "$results" <<'PY'
import json, sys
print("| nodes | run | published/s | deliveries/s | latency p50 / p99 (ms) | CPU per publish, all nodes (µs) | per node (µs) | missing |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for line in open(sys.argv[1]):
    r = json.loads(line)
    run, nodes = r["label"].split("/")
    published = max(r["published"], 1)
    per_node = " / ".join(f"{p['cpuSeconds'] * 1e6 / published:.1f}" for p in r["processes"] if p["role"] == "server")
    lat = r["latencyMicros"]
    print(f"| {nodes} | {run} | {r['publishRate']:,} | {r['deliveriesPerSecond']:,} | {lat['p50'] / 1000:.2f} / "
          f"{lat['p99'] / 1000:.2f} | {r['serverTotal']['cpuSeconds'] * 1e6 / published:.1f} | {per_node} | "
          f"{r['missing']} |")
PY
echo "results: $results"
