#!/usr/bin/env python3
"""Renders a bench/run.sh results file (JSON lines) as the side-by-side tables of docs/benchmarks.md.

Usage: bench/report.py RESULTS.jsonl docs/benchmarks.md [SECTION]
The tables replace what stands between the markers <!-- bench:SECTION:begin --> and <!-- bench:SECTION:end --> in
the document (SECTION defaults to "latest"); the markers are appended when missing.
"""
import json
import os
import platform
import subprocess
import sys

results_path, doc_path = sys.argv[1], sys.argv[2]
section = sys.argv[3] if len(sys.argv) > 3 else "latest"
runs = [json.loads(line) for line in open(results_path) if line.strip()]


def run(scenario, server):
    for r in runs:
        if r.get("scenario") == scenario and r.get("server") == server and "processes" in r:
            return r
    return None


def extra(scenario, server, key):
    for r in runs:
        if r.get("scenario") == scenario and r.get("server") == server and key in r:
            return r[key]
    return None


def server_process(r):
    return next(p for p in r["processes"] if p["role"] == "server")


def tool_process(r):
    return next(p for p in r["processes"] if p["role"] == "load tool")


def ms(micros):
    return f"{micros / 1000:.1f}"


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "–"


lines = []
machine = f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}"
try:
    model = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p'"], capture_output=True, text=True).stdout.strip()
    machine = f"{os.cpu_count()} cores ({model})"
except OSError:
    pass
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
java_opts = extra("run", "ssehub", "javaOpts")
warmup = extra("run", "ssehub", "warmupSeconds")
lines.append(f"Run: `bench/run.sh` at {os.path.basename(results_path)[:18]} UTC; machine: {machine}, {java}, ssehub "
             + (f"with `{java_opts}`" if java_opts else "with the JVM's defaults")
             + "; nginx 1.22.1 + nchan 1.3.6 (Debian), one worker. Load tool and server share the cores. "
             + (f"Both servers had {warmup} s of the same publishing before each window (A, B, C, G). " if warmup else "")
             + f"Raw results: `{results_path}`.")
lines.append("")
lines.append("| scenario | server | clients | published | expected / received (missing) | deliveries/s | "
             "latency p50 / p99 / max (ms) | server CPU µs per delivery | server CPU | load tool CPU |")
lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for scenario in ["A", "B", "C", "F", "G"]:
    for server in ["ssehub", "nchan"]:
        r = run(scenario, server)
        if not r:
            continue
        s, t = server_process(r), tool_process(r)
        lat = r["latencyMicros"]
        published = r.get("published", "–")
        expected = (f"{r['expected']} / {r['received']} ({r['missing']})" if "expected" in r
                    else f"– / {r['deliveries']}")
        lines.append(f"| {scenario} | {server} | {r['connected']} | {published} | {expected} | "
                     f"{r['deliveriesPerSecond']} | {ms(lat['p50'])} / {ms(lat['p99'])} / {ms(lat['max'])} | "
                     f"{s['cpuMicrosPerDelivery']} | {s['cpuPercent']}% | {t['cpuPercent']}% |")
lines.append("")
lines.append("Ratios ssehub / nchan (targets: CPU per delivery ≤ 1.0 in A, B, C; p99 latency in B ≤ 1.0; idle memory "
             "per connection ≤ 1.0):")
lines.append("")
lines.append("| measure | ssehub | nchan | ratio |")
lines.append("| --- | --- | --- | --- |")
for scenario in ["A", "B", "C"]:
    a, b = run(scenario, "ssehub"), run(scenario, "nchan")
    if a and b:
        x, y = server_process(a)["cpuMicrosPerDelivery"], server_process(b)["cpuMicrosPerDelivery"]
        lines.append(f"| {scenario}: server CPU µs per delivery | {x} | {y} | {ratio(x, y)} |")
a, b = run("B", "ssehub"), run("B", "nchan")
if a and b:
    x, y = a["latencyMicros"]["p99"], b["latencyMicros"]["p99"]
    lines.append(f"| B: latency p99 (ms) | {ms(x)} | {ms(y)} | {ratio(x, y)} |")
per_conn = {}
for server in ["ssehub", "nchan"]:
    r, base = run("E", server), extra("E", server, "rssBaselineKiB")
    if r and base is not None:
        per_conn[server] = (server_process(r)["rssKiB"] - base) / r["connected"]
if len(per_conn) == 2:
    lines.append(f"| E: RSS per idle connection (KiB) | {per_conn['ssehub']:.1f} | {per_conn['nchan']:.1f} | "
                 f"{ratio(per_conn['ssehub'], per_conn['nchan'])} |")
heap = extra("E", "ssehub", "heapUsedKiB")
if heap and run("E", "ssehub"):
    live = (heap["connected"] - heap["baseline"]) / run("E", "ssehub")["connected"]
    lines.append(f"| E: ssehub live heap per idle connection, after a full GC (KiB) | {live:.1f} | – | – |")
lines.append("")
d = [r for r in runs if r.get("scenario", "").startswith("D") and "processes" in r]
if d:
    lines.append("Churn (D): 5 rounds of opening and closing connections; server RSS after each round (KiB):")
    lines.append("")
    lines.append("| server | " + " | ".join(f"round {i}" for i in range(1, 6)) + " | ssehub /stats after |")
    lines.append("| --- | " + " | ".join("---" for _ in range(5)) + " | --- |")
    for server in ["ssehub", "nchan"]:
        rounds = [server_process(r)["rssKiB"] for r in d if r["server"] == server]
        stats = extra("D", server, "stats")
        after = (f"connections {stats['connections']}, subscriptions {json.dumps(stats['subscriptions'])}"
                 if stats else "–")
        lines.append(f"| {server} | " + " | ".join(str(x) for x in rounds) + f" | {after} |")
    lines.append("")
for scenario in ["F", "G"]:
    stats = extra(scenario, "ssehub", "stats")
    if stats:
        lines.append(f"ssehub /stats after {scenario}: delivered {stats['delivered']}, slow clients dropped "
                     f"{stats['slowClientsDropped']}, connections left {stats['connections']}.")
lines.append("")

doc = open(doc_path).read()
begin, end = f"<!-- bench:{section}:begin -->", f"<!-- bench:{section}:end -->"
if begin not in doc:
    doc += f"\n{begin}\n{end}\n"
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc_path, "w").write(head + begin + "\n" + "\n".join(lines) + "\n" + end + tail)
print(f"report: {doc_path} updated from {results_path}")
