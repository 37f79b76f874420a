#!/usr/bin/env bash
# Runs scenarios A, B and C against ssehub alone under several sets of JVM flags (variants), ROUNDS times each,
# interleaved, and prints the median server CPU per delivery, p99 latency and RSS of each. bench/gc.sh and
# bench/transport.sh are its two uses.
# Usage: bench/compare.sh NAME ROUNDS 'LABEL|FLAGS'...   (SSEHUB_JAR: the jar). Writes
# bench/results/NAME-<UTC time>.jsonl. Traffic stays on 127.0.0.1; bounded like run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 rounds=$2
shift 2
out=bench/results/$name-$(date -u +%Y-%m-%dT%H%M%SZ).jsonl
mkdir -p bench/results
for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    label=${variant%%|*} flags=${variant#*|}
    SSEHUB_JAVA_OPTS="$flags" BENCH_SERVERS=ssehub BENCH_SECTION=scratch bash bench/run.sh A B C > /dev/null 2>&1
    # run.sh wrote its tables to a scratch section of docs/benchmarks.md: put the page back.
    git checkout -q docs/benchmarks.md 2>/dev/null || true
    latest=$(ls -t bench/results/2*.jsonl | grep -v smoke | head -1)
    python3 - "$latest" "$label" "$round" >> "$out" <<'PY'
import json, sys
path, label, rnd = sys.argv[1:4]
for line in open(path):
    r = json.loads(line)
    if r.get("label", "").split("/")[0] in ("A", "B", "C"):
        t = r["serverTotal"]
        print(json.dumps({"variant": label, "round": int(rnd), "scenario": r["label"].split("/")[0],
                          "cpu": t["cpuMicrosPerDelivery"], "sys": t["systemMicrosPerDelivery"],
                          "p99": r["latencyMicros"]["p99"], "rss": t["rssKiB"],
                          "missing": r.get("missing"), "dps": r["deliveriesPerSecond"]}))
PY
    rm -f "$latest"
  done
done
python3 bench/compare_table.py "$out"
