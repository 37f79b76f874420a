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


SERVERS = ["ssehub", "nchan", "pushpin"]


def server_process(r):
    """The server's CPU and RSS: the sum over its processes (one --pid each; Pushpin has five). The load tool reports
    the sum as serverTotal; older results, with one server process, have only the processes."""
    if "serverTotal" in r:
        return r["serverTotal"]
    servers = [p for p in r["processes"] if p["role"] == "server"]
    if len(servers) == 1:
        return servers[0]
    return {"cpuMicrosPerDelivery": round(sum(p["cpuMicrosPerDelivery"] or 0 for p in servers), 3),
            "cpuPercent": sum(p["cpuPercent"] for p in servers), "rssKiB": sum(p["rssKiB"] for p in servers)}


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
# Threads serving clients in ssehub and nginx (BENCH_THREADS); absent in runs before 2026-11-30, when nginx had one
# worker and ssehub one event loop per core.
threads = extra("run", "ssehub", "threads")
pushpin = next((r for r in runs if r.get("scenario") == "run" and r.get("server") == "pushpin"), None)
present = [server for server in SERVERS if any(r.get("server") == server and "processes" in r for r in runs)]
pushpin_text = ""
if pushpin:
    caps = pushpin["caps"]
    pushpin_text = (f"Pushpin {pushpin['version']} (Debian; condure {pushpin['condure']}, zurl {pushpin['zurl']}), "
                    + ("delivery caps unset (`message_rate`, `message_hwm`)" if caps == "unset"
                       else f"with the package's delivery caps (`{caps}`)")
                    + ", warnings-only logs, behind an nginx origin that only answers subscriptions")
peers = []
if "ssehub" in present:
    peers.append("ssehub " + (f"with `{java_opts}`" if java_opts else "with the JVM's defaults")
                 + ("" if threads is None else ", one event loop" if threads == 1 else f", {threads} event loops"))
if "nchan" in present:
    peers.append("nginx 1.22.1 + nchan 1.3.6 (Debian), "
                 + ("one worker" if threads in (None, 1) else f"{threads} workers"))
if "pushpin" in present and pushpin:
    peers.append(pushpin_text)
lines.append(f"Run: `bench/run.sh` at {os.path.basename(results_path)[:18]} UTC; machine: {machine}, {java}; "
             + "; ".join(peers) + ". Load tool and server share the cores. "
             + (f"Every server had {warmup} s of the same publishing before each window (A, B, C, G). " if warmup
                else "")
             + f"Raw results: `{results_path}`.")
lines.append("")
lines.append("| scenario | server | clients | published | expected / received (missing) | deliveries/s | "
             "latency p50 / p99 / max (ms) | server CPU µs per delivery | server CPU | load tool CPU |")
lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for scenario in ["A", "B", "C", "F", "G"]:
    for server in SERVERS:
        r = run(scenario, server)
        if not r:
            if scenario == "F" and server in present and run("F", "ssehub"):
                lines.append(f"| F | {server} | – | – | not run: F measures ssehub's built-in generator, which "
                             f"{server} has not | – | – | – | – | – |")
            continue
        s, t = server_process(r), tool_process(r)
        lat = r["latencyMicros"]
        published = r.get("published", "–")
        expected = (f"{r['expected']} / {r['received']} ({r['missing']})" if "expected" in r
                    else f"– / {r['deliveries']}")
        clients = str(r["connected"])
        if r.get("connectErrors"):
            reasons = ", ".join(f"{k} ×{v}" for k, v in r.get("connectErrorReasons", {}).items())
            clients += f" ({r['connectErrors']} failed" + (f": {reasons}" if reasons else "") + ")"
        lines.append(f"| {scenario} | {server} | {clients} | {published} | {expected} | "
                     f"{r['deliveriesPerSecond']} | {ms(lat['p50'])} / {ms(lat['p99'])} / {ms(lat['max'])} | "
                     f"{s['cpuMicrosPerDelivery']} | {s['cpuPercent']}% | {t['cpuPercent']}% |")
lines.append("")
if "pushpin" in present:
    lines.append("Pushpin is five processes (the `pushpin` runner, `condure`, `zurl`, `pushpin-proxy`, "
                 "`pushpin-handler`): its server CPU, CPU per delivery and RSS are their sum (one `--pid` each; the "
                 "load tool's `serverTotal`). Summed RSS counts the libraries they share once per process; E's figure "
                 "per connection is a difference, which that does not affect. The nginx origin Pushpin asks when a "
                 "client subscribes is not counted (it has no part in deliveries)."
                 + ((" nchan's figures are its one worker's." if threads in (None, 1)
                     else " nchan's figures are its workers' sum.") if "nchan" in present else ""))
    lines.append("")
    split = []
    for scenario in ["A", "B", "C", "G"]:
        r = run(scenario, "pushpin")
        if r and all("name" in p for p in r["processes"] if p["role"] == "server"):
            parts = sorted((p for p in r["processes"] if p["role"] == "server"),
                           key=lambda p: -(p["cpuMicrosPerDelivery"] or 0))
            split.append(f"{scenario}: " + ", ".join(f"{'runner' if p['name'] == 'pushpin' else p['name']} "
                                               f"{p['cpuMicrosPerDelivery']}" for p in parts))
    if split:
        lines.append("Pushpin's server CPU µs per delivery by process: " + "; ".join(split) + ".")
        lines.append("")
    drops = [(scenario, extra(scenario, "pushpin", "hwmDrops")) for scenario in ["A", "B", "C", "G"]]
    drops = [f"{scenario} {n}" for scenario, n in drops if n is not None]
    if drops:
        lines.append("Deliveries Pushpin's handler dropped for its caps (`exceeded publish hwm` warnings in its log, "
                     "warm-up included): " + ", ".join(drops) + ".")
        lines.append("")
others = [server for server in present if server != "ssehub"]
measures = []
for scenario in ["A", "B", "C"]:
    measures.append((f"{scenario}: server CPU µs per delivery",
                     {s: server_process(run(scenario, s))["cpuMicrosPerDelivery"] for s in present
                      if run(scenario, s)}, str))
measures.append(("B: latency p99 (ms)",
                 {s: run("B", s)["latencyMicros"]["p99"] for s in present if run("B", s)}, ms))
per_conn = {}
for server in present:
    r, base = run("E", server), extra("E", server, "rssBaselineKiB")
    if r and base is not None:
        per_conn[server] = (server_process(r)["rssKiB"] - base) / r["connected"]
measures.append(("E: RSS per idle connection (KiB)", per_conn, lambda x: f"{x:.1f}"))
table = []
for name, values, show in measures:
    if "ssehub" in values and any(s in values for s in others):
        table.append(f"| {name} | " + " | ".join(show(values[s]) if s in values else "–" for s in present) + " | "
                     + " | ".join(ratio(values["ssehub"], values.get(s)) for s in others) + " |")
heap = extra("E", "ssehub", "heapUsedKiB")
if heap and run("E", "ssehub"):
    live = (heap["connected"] - heap["baseline"]) / run("E", "ssehub")["connected"]
    table.append(f"| E: ssehub live heap per idle connection, after a full GC (KiB) | {live:.1f} | "
                 + " | ".join("–" for _ in present[1:] + others) + " |")
if table and "ssehub" in present and others:
    lines.append("Ratios " + ", ".join(f"ssehub / {s}" for s in others) + " (targets, against nchan: CPU per "
                 "delivery ≤ 1.0 in A, B, C; p99 latency in B ≤ 1.0; idle memory per connection ≤ 1.0):")
    lines.append("")
    lines.append("| measure | " + " | ".join(present) + " | " + " | ".join(f"ssehub / {s}" for s in others) + " |")
    lines.append("| --- | " + " | ".join("---" for _ in present + others) + " |")
    lines.extend(table)
    lines.append("")
d = [r for r in runs if r.get("scenario", "").startswith("D") and "processes" in r]
if d:
    lines.append("Churn (D): 5 rounds of opening and closing connections; server RSS after each round (KiB):")
    lines.append("")
    lines.append("| server | " + " | ".join(f"round {i}" for i in range(1, 6)) + " | ssehub /stats after |")
    lines.append("| --- | " + " | ".join("---" for _ in range(5)) + " | --- |")
    for server in present:
        rounds = [str(server_process(r)["rssKiB"]) + (f" ({r['connectErrors']} failed to connect)"
                                                       if r.get("connectErrors") else "")
                  for r in d if r["server"] == server]
        if not rounds:
            continue
        stats = extra("D", server, "stats")
        after = (f"connections {stats['connections']}, subscriptions {json.dumps(stats['subscriptions'])}"
                 if stats else "–")
        lines.append(f"| {server} | " + " | ".join(str(x) for x in rounds) + f" | {after} |")
    lines.append("")
for scenario in ["F"]:
    r = run(scenario, "ssehub")
    if r and "serverDeliveriesPerSecond" in r:
        lines.append(f"ssehub's own count of deliveries in {scenario}'s window (`/stats`, read at its start and "
                     f"end): {r['serverDeliveriesPerSecond']} per second, to the {r['connected']} clients the load "
                     f"tool had connected; the load tool's own count is what it could read.")
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
