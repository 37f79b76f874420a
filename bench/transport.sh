#!/usr/bin/env bash
# Runs A, B and C against ssehub on each I/O transport (http.transport: NIO, epoll, io_uring), with the collector of
# README's run command: how http.transport's default was chosen (docs/benchmarks.md, "The I/O transport").
# Usage: bench/transport.sh [ROUNDS]   (default 2; SSEHUB_JAR: the jar).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash bench/compare.sh transport "${1:-2}" \
  "nio|-XX:+UseSerialGC -Dssehub.http.transport=nio" \
  "epoll|-XX:+UseSerialGC -Dssehub.http.transport=epoll" \
  "io_uring|-XX:+UseSerialGC -Dssehub.http.transport=io_uring"
