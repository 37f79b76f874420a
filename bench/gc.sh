#!/usr/bin/env bash
# Runs A, B and C against ssehub under each garbage collector Java 17 offers (and G1 with the heap ratios README once
# recommended): how the collector README's run command sets was chosen (docs/benchmarks.md, "Choosing the garbage
# collector"). Usage: bench/gc.sh [ROUNDS]   (default 2; SSEHUB_JAR: the jar).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash bench/compare.sh gc "${1:-2}" \
  "G1 (default)|-XX:+UseG1GC" \
  "G1, heap ratios|-XX:+UseG1GC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20" \
  "Parallel|-XX:+UseParallelGC" \
  "Serial|-XX:+UseSerialGC" \
  "Shenandoah|-XX:+UseShenandoahGC" \
  "ZGC|-XX:+UseZGC"
