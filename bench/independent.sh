#!/usr/bin/env bash
# Server CPU per delivery under an independent load generator: the subscribers are bench/sse-sub.c (C, one thread,
# epoll; it shares no code with the Java load tool of run.sh) and the publisher is a small Python loop (below), so
# no part of the measurement runs the project's own code except the server under test. Scenarios as in run.sh:
# A (1,000 subscribers) and B (10,000), 10 events/s on topic "bench", 5 s of warm-up, a 20 s window; and F, ssehub
# alone: its time generator publishing every 1 ms to 1,000 subscribers (no publisher; the generator's events carry
# the time of day, not "<seq> <ts>", so F counts deliveries but measures no latency or gaps).
#
# For each server: start it as run.sh does; start sse-sub, which connects every subscriber (ramped) and then warms
# up; once all are connected, publish "<seq> <ts>" events at the scenario's rate; sse-sub counts the events over its
# window and reads the server processes' CPU time (utime and stime of /proc/PID/stat, summed over the server's
# processes as run.sh does) at the window's start and end, so the CPU time and the deliveries cover the same interval.
#
# How sse-sub counts (see bench/sse-sub.c): it parses each response itself (status 200 required; chunked or
# close-delimited body; SSE lines ending in LF or CRLF). An event is a blank-line-terminated block with at least one
# data line; comments and id:/event:/retry: lines are not events. The first data line "<seq> <ts>" gives the
# publisher's sequence number and send time (CLOCK_REALTIME, µs): latency = receive time - ts, in a log-linear
# histogram (< 1% error, up to 60 s); per connection, a jump in seq counts the numbers skipped as missing, a late one
# takes its count back (reordered), a repeat is a duplicate. Counters are reset when the window opens (after all
# subscribers connected, or ramp + 60 s, and the warm-up). Server CPU per delivery = the server's CPU time in the
# window / the events sse-sub received in it; sse-sub reports its own CPU time too (getrusage), to show its cost.
#
# Usage: bench/independent.sh [--smoke] [SCENARIO...]   scenarios: A B F (default A B)
#   --smoke   20 subscribers, 1 s of warm-up, 2-second windows: to check that it works (asserts nothing about speed)
# Environment: SSEHUB_JAR, SSEHUB_JAVA_OPTS and PUSHPIN_CAPS as for run.sh; BENCH_SERVERS (default "ssehub nchan";
#   "pushpin" works too).
# Writes one JSON line per run to bench/results/independent-<UTC time>.jsonl and a summary to stdout. All traffic
# stays on 127.0.0.1; every wait is bounded, and the servers are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/servers.sh

smoke=false
if [ "${1:-}" = "--smoke" ]; then smoke=true; shift; fi
scenarios=${*:-A B}
servers=${BENCH_SERVERS:-ssehub nchan}
pushpin_caps=${PUSHPIN_CAPS:-off}
case $pushpin_caps in off|debian) ;; *) echo "bench: PUSHPIN_CAPS must be off or debian" >&2; exit 2 ;; esac
for scenario in $scenarios; do
  case $scenario in A|B|F) ;; *) echo "bench: unknown scenario $scenario (A, B or F)" >&2; exit 2 ;; esac
done
# shellcheck disable=SC2086
ensure_installed $servers
jar=${SSEHUB_JAR:-target/ssehub.jar}
case " $servers " in *" ssehub "*) [ -f "$jar" ] || mvn -q -B -DskipTests package ;; esac
ulimit -n 20000

work=$(mktemp -d)
sub_pid=
pub_pid=
cleanup() {
  if [ -n "$sub_pid" ]; then stop_pid "$sub_pid"; fi
  if [ -n "$pub_pid" ]; then stop_pid "$pub_pid"; fi
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

gcc -O2 -Wall -Wextra -std=c11 -D_GNU_SOURCE -o "$work/sse-sub" bench/sse-sub.c

# The publisher: POSTs the body template with {seq} (0, 1, ...) and {ts} (send time, microseconds since the epoch,
# as the Java tool's) replaced, event n due at start + n / rate, over one keep-alive connection; at most
# rate x seconds events, each request within 5 s. Prints its counts when it ends or is stopped.
cat > "$work/publish.py" <<'PY'
import http.client, json, signal, sys, time, urllib.parse
url, body, content_type, rate, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
target = urllib.parse.urlsplit(url)
assert target.hostname == "127.0.0.1", "publishing to 127.0.0.1 only"
path = target.path + ("?" + target.query if target.query else "")
counts = {"published": 0, "publishErrors": 0}
def stop(*_):
    raise SystemExit(0)
signal.signal(signal.SIGTERM, stop)
connection = None
try:
    start = time.monotonic()
    for seq in range(int(rate * seconds)):
        delay = start + seq / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        data = body.replace("{seq}", str(seq)).replace("{ts}", str(time.time_ns() // 1000)).encode()
        try:
            connection = connection or http.client.HTTPConnection("127.0.0.1", target.port, timeout=5)
            connection.request("POST", path, data, {"Content-Type": content_type})
            response = connection.getresponse()
            response.read()
            counts["published" if response.status < 300 else "publishErrors"] += 1
        except (OSError, http.client.HTTPException):
            counts["publishErrors"] += 1
            if connection:
                connection.close()
            connection = None
finally:
    print(json.dumps(counts), flush=True)
PY

scale() { if $smoke; then echo "$2"; else echo "$1"; fi; }
failed=0
window=$(scale 20 2)
warmup=$(scale 5 1)
suffix=
if $smoke; then suffix=-smoke; fi
results=bench/results/independent-$(date -u +%Y-%m-%dT%H%M%SZ)$suffix.jsonl
mkdir -p bench/results
echo "{\"scenario\":\"run\",\"subscriber\":\"bench/sse-sub.c\",\"publisher\":\"python3 http.client\"," \
  "\"javaOpts\":\"$SSEHUB_JAVA_OPTS\",\"warmupSeconds\":$warmup,\"windowSeconds\":$window}" >> "$results"

# The --content-type of pub_args.
content_type_of() {
  local i
  for ((i = 0; i < ${#pub_args[@]}; i += 2)); do
    [ "${pub_args[i]}" = --content-type ] && echo "${pub_args[i + 1]}"
  done
  return 0
}

# run SERVER SCENARIO CLIENTS RATE RAMP [START_ARGS...]: one measurement; appends its JSON line and prints a summary.
# RATE 0: nothing is published (the server's own generator, started by START_ARGS, is the publisher).
run() {
  local server=$1 scenario=$2 clients=$3 rate=$4 ramp=$5
  shift 5
  "start_$server" "$@"
  local pid pids=() names
  for pid in "${server_pids[@]}"; do pids+=(--pid "$pid"); done
  names=$(ps -o comm= -p "$(IFS=,; echo "${server_pids[*]}")" | paste -sd ,)
  echo "bench: scenario $scenario on $server: sse-sub with $clients subscribers, $([ "$rate" = 0 ] && echo "the hub's generator" || echo "$rate events/s")" >&2
  if [ "$rate" != 0 ]; then
    # As run.sh's --warmup-burst: the per-publish path gets hot only with many publishes, so first publish as fast as
    # one connection allows for the warm-up's length, on topic/channel "warmup", which no subscriber of the window
    # reads (nchan would replay what it holds on "bench" to the subscribers that connect next).
    set_burst_args
    timeout "$warmup" python3 "$work/publish.py" "${burst_args[1]}" "${burst_args[3]}" "$(content_type_of)" \
      1000000 "$warmup" > /dev/null || true
  fi
  # Bounded by sse-sub's own limits (ramp + 60 s to connect, warm-up, window) and, to be sure, by timeout.
  timeout $((ramp + 60 + warmup + window + 30)) "$work/sse-sub" --url "$sub_url" --clients "$clients" \
    --ramp-seconds "$ramp" --warmup-seconds "$warmup" --seconds "$window" --json "${pids[@]}" \
    > "$work/sub.json" 2> "$work/sub.err" &
  sub_pid=$!
  # Publish only once every subscriber is connected: nchan replays the messages it holds to a new subscriber, so
  # publishing during the ramp would add deliveries that only late subscribers get.
  for _ in $(seq 1 $(((ramp + 65) * 10))); do
    grep -q 'warming up' "$work/sub.err" && break
    kill -0 "$sub_pid" 2>/dev/null || break
    sleep 0.1
  done
  local publish_url= body= content_type i
  for ((i = 0; i < ${#pub_args[@]}; i += 2)); do
    case ${pub_args[i]} in
      --publish-url) publish_url=${pub_args[i + 1]} ;;
      --body) body=${pub_args[i + 1]} ;;
    esac
  done
  content_type=$(content_type_of)
  : > "$work/pub.json"
  if [ "$rate" != 0 ]; then
    python3 "$work/publish.py" "$publish_url" "$body" "$content_type" "$rate" $((warmup + window + 10)) \
      > "$work/pub.json" &
    pub_pid=$!
  fi
  local status=0
  wait "$sub_pid" || status=$?
  sub_pid=
  if [ -n "$pub_pid" ]; then
    stop_pid "$pub_pid"
    wait "$pub_pid" 2>/dev/null || true
    pub_pid=
  fi
  stop_server
  if [ "$status" -ne 0 ] || [ ! -s "$work/sub.json" ]; then
    cat "$work/sub.err" >&2
    echo "bench: sse-sub failed (exit $status) for $scenario on $server" >&2
    echo "{\"scenario\":\"$scenario\",\"server\":\"$server\",\"error\":\"sse-sub exit $status\"}" >> "$results"
    failed=1
    return 0
  fi
  python3 - "$work/sub.json" "$work/pub.json" "$scenario" "$server" "$rate" "$names" "$results" "$smoke" <<'PY' ||
import json, sys
sub_path, pub_path, scenario, server, rate, names, results, smoke = sys.argv[1:]
r = json.load(open(sub_path))
try:
    publisher = json.loads(open(pub_path).read().strip().splitlines()[-1])
except (IndexError, ValueError):
    publisher = None
out = {"scenario": scenario, "server": server, "rate": float(rate), "publisher": publisher,
       "serverProcesses": names.split(","), **r}
events, cpu = r["events"], r.get("serverCpu", {})
if events > 0 and cpu.get("userSeconds") is not None:
    out["serverCpuMicrosPerDelivery"] = round((cpu["userSeconds"] + cpu["systemSeconds"]) * 1e6 / events, 3)
    out["serverUserMicrosPerDelivery"] = round(cpu["userSeconds"] * 1e6 / events, 3)
    out["serverSystemMicrosPerDelivery"] = round(cpu["systemSeconds"] * 1e6 / events, 3)
with open(results, "a") as f:
    f.write(json.dumps(out) + "\n")
lat = r["latencyMicros"]
failures = sum(r["connectFailures"].values())
print(f"{scenario}/{server}: {r['connected']} of {r['clients']} connected ({failures} failed, "
      f"{r['closedByServer']} closed by the server); {r['eventsPerSecond']:.0f} deliveries/s "
      f"({'the generator' if float(rate) == 0 else 'expected %.0f' % (r['connected'] * float(rate))}); server CPU "
      f"{out.get('serverCpuMicrosPerDelivery', 'n/a')} µs/delivery (user {out.get('serverUserMicrosPerDelivery', 'n/a')}, "
      f"system {out.get('serverSystemMicrosPerDelivery', 'n/a')}); latency p50 {lat['p50'] / 1000:.1f} ms, "
      f"p99 {lat['p99'] / 1000:.1f} ms; missing {r['missing']}, duplicates {r['duplicates']}; "
      f"sse-sub CPU {r['clientCpuSeconds']:.2f} s in {r['seconds']:.1f} s", flush=True)
# A smoke run checks that the tools work: every subscriber connected and got events, none missing.
if smoke == "true" and (r["connected"] < r["clients"] or r["events"] == 0 or r["missing"] > 0):
    sys.exit(f"bench: the smoke run of {scenario} on {server} went wrong (see above)")
PY
    failed=1
}

for scenario in $scenarios; do
  clients=$(scale 1000 20)
  if [ "$scenario" = F ]; then
    run ssehub F "$clients" 0 "$(scale 3 1)" bench 1
    continue
  fi
  [ "$scenario" = B ] && clients=$(scale 10000 20)
  ramp=$(scale $((clients / 1000 + 2)) 1)
  for server in $servers; do
    run "$server" "$scenario" "$clients" 10 "$ramp"
  done
done
echo "bench: results in $results" >&2
exit "$failed"
