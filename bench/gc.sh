#!/usr/bin/env bash
# Runs scenarios A, B and C against ssehub alone under each garbage collector Java 17 offers (and G1 with the memory
# flags README once recommended), ROUNDS times each, interleaved, and prints the median server CPU per delivery, p99
# latency and RSS of each: how the collector that README's run command sets was chosen.
# Usage: bench/gc.sh [ROUNDS]   (default 2; SSEHUB_JAR: the jar; BENCH_GCS: the collectors to run, by name, comma
# separated, default all). Traffic stays on 127.0.0.1; bounded like run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
options=(
  "G1 (default)|"
  "G1, heap ratios|-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
  "Parallel|-XX:+UseParallelGC"
  "Serial|-XX:+UseSerialGC"
  "Shenandoah|-XX:+UseShenandoahGC"
  "ZGC|-XX:+UseZGC"
)
out=bench/results/gc-$(date -u +%Y-%m-%dT%H%M%SZ).jsonl
mkdir -p bench/results
for round in $(seq 1 "$rounds"); do
  for option in "${options[@]}"; do
    name=${option%%|*} flags=${option#*|}
    if [ -n "${BENCH_GCS:-}" ] && [[ ",$BENCH_GCS," != *",$name,"* ]]; then
      continue
    fi
    before=$(ls bench/results/*.jsonl 2>/dev/null | sort | tail -1 || true)
    SSEHUB_JAVA_OPTS="$flags" BENCH_SERVERS=ssehub BENCH_SECTION=gc-scratch bash bench/run.sh A B C > /dev/null 2>&1
    git checkout -q docs/benchmarks.md 2>/dev/null || true
    latest=$(ls -t bench/results/2*.jsonl | grep -v smoke | head -1)
    python3 - "$latest" "$name" "$round" >> "$out" <<'PY'
import json, sys
path, name, rnd = sys.argv[1:4]
for line in open(path):
    r = json.loads(line)
    if r.get("label", "").split("/")[0] in ("A", "B", "C"):
        t = r["serverTotal"]
        print(json.dumps({"gc": name, "round": int(rnd), "scenario": r["label"].split("/")[0],
                          "cpu": t["cpuMicrosPerDelivery"], "sys": t["systemMicrosPerDelivery"],
                          "p99": r["latencyMicros"]["p99"], "rss": t["rssKiB"],
                          "missing": r.get("missing"), "dps": r["deliveriesPerSecond"]}))
PY
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
names = list(dict.fromkeys(r["gc"] for r in rows))
print(f"Medians over the rounds ({sys.argv[1]}):")
print("| collector | A µs/delivery | B µs/delivery | C µs/delivery | A p99 ms | B p99 ms | C p99 ms | B RSS MiB |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for name in names:
    def med(scenario, key):
        values = [r[key] for r in rows if r["gc"] == name and r["scenario"] == scenario]
        return statistics.median(values) if values else float("nan")
    print(f"| {name} | {med('A','cpu'):.2f} | {med('B','cpu'):.2f} | {med('C','cpu'):.2f} | "
          f"{med('A','p99')/1000:.0f} | {med('B','p99')/1000:.0f} | {med('C','p99')/1000:.1f} | {med('B','rss')/1024:.0f} |")
PY
