#!/usr/bin/env bash
# Smoke test of the real artifact, as a user runs it: java -jar target/ssehub.jar, curl, signals, exit codes.
# Needs target/ssehub.jar (mvn package) and curl. Talks only to 127.0.0.1; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/ssehub.jar
[ -f "$jar" ] || { echo "smoke: $jar is missing; build it with mvn package" >&2; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
checks=0
fail() { echo "smoke: FAILED: $*" >&2; [ -f "$work/server.log" ] && sed 's/^/  server: /' "$work/server.log" >&2; exit 1; }
pass() { checks=$((checks + 1)); echo "smoke: ok - $*"; }

# Starts the server on $1 (a config file) and sets $port from its startup line.
start_server() {
  java -jar "$jar" "$1" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    port=$(sed -n 's|.*ssehub listening on http://[^:]*:\([0-9]*\)/ (config: .*)$|\1|p' "$work/server.log")
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "server exited during startup"
    sleep 0.1
  done
  fail "server did not log its listening line within 10 s"
}

cat > "$work/config.json" <<JSON
{
  "http": { "host": "127.0.0.1", "port": 0, "webroot": "webroot" },
  "generators": [ { "topic": "time", "intervalMillis": 1000 } ]
}
JSON

start_server "$work/config.json"
grep -q "(config: $work/config.json, [0-9]* event loop(s))" "$work/server.log" || fail "startup line does not name the config file"
pass "started on port $port, startup line names the URL and the config file"

# The stream: exactly 'retry: 2000', a blank line, then frames of an 'id:' line and 'data: HH:MM:SS.ffffff', each
# followed by a blank line.
curl -sN --max-time 3.5 "http://127.0.0.1:$port/sse?topics=time" > "$work/stream.txt" || true
python3 - "$work/stream.txt" <<'PY' || fail "stream bytes: $(head -c 300 "$work/stream.txt" | od -c | head -5)"
import re, sys
raw = open(sys.argv[1], 'rb').read()
assert b'\r' not in raw, 'CR in output'
m = re.fullmatch(rb'retry: 2000\n\n((?:id: [0-9a-z]+-\d+\ndata: \d{2}:\d{2}:\d{2}\.\d{6}\n\n)+)', raw)
assert m, raw[:200]
times = re.findall(rb'data: (\S+)\n', m.group(1))
assert len(times) >= 2, times
assert times == sorted(times) or times[0].startswith(b'23:59'), times
PY
pass "curl -N shows retry: 2000 then frames with ids and increasing data: HH:MM:SS.ffffff"

status=$(curl -s -o "$work/body.txt" -w '%{http_code}' "http://127.0.0.1:$port/sse")
[ "$status" = 400 ] && [ "$(cat "$work/body.txt")" = "No topics provided: use /sse?topics=a,b" ] \
  || fail "GET /sse without topics gave $status: $(cat "$work/body.txt")"
grep -q "WARN .*No topics provided" "$work/server.log" || fail "no WARN log line for the missing topics"
pass "/sse without topics: 400 with the message, and a WARN line"

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")
[ "$status" = 200 ] || fail "GET / gave $status"
pass "the page is served"

# SIGTERM with a stream open: the client sees a clean end of the body (curl exits 0), the server exits 0.
curl -sN --max-time 20 "http://127.0.0.1:$port/sse?topics=time" > "$work/open.txt" &
curl_pid=$!
for _ in $(seq 1 50); do grep -q "retry: 2000" "$work/open.txt" && break; sleep 0.1; done
kill -TERM "$server_pid"
server_status=0; wait "$server_pid" || server_status=$?
server_pid=
curl_status=0; wait "$curl_pid" || curl_status=$?
[ "$server_status" = 0 ] || fail "server exited with $server_status after SIGTERM"
[ "$curl_status" = 0 ] || fail "curl exited with $curl_status: the stream did not end cleanly"
grep -q "Shutting down: ended 1 open stream(s)" "$work/server.log" || fail "no shutdown line counting the streams"
pass "SIGTERM ends the open stream cleanly, logs the count, exits 0"

# Bad configuration: exit 2, one line on stderr naming the file, the key, the value and the rule.
cat > "$work/bad.json" <<JSON
{ "generators": [ { "topic": "time" }, { "topic": "fast", "intervalMillis": 0 } ] }
JSON
bad_status=0; java -jar "$jar" "$work/bad.json" > "$work/out.txt" 2> "$work/err.txt" || bad_status=$?
expected="ssehub: invalid configuration: $work/bad.json: generators[1].intervalMillis: 0 is out of range; it must be an integer from 1 to 86400000"
[ "$bad_status" = 2 ] || fail "bad config exited with $bad_status"
[ "$(cat "$work/err.txt")" = "$expected" ] || fail "bad config message: $(cat "$work/err.txt")"
pass "a bad config exits 2 with one line naming file, key, value and rule"

missing_status=0; java -jar "$jar" -conf "$work/none.json" 2> "$work/err.txt" || missing_status=$?
[ "$missing_status" = 2 ] && [ "$(cat "$work/err.txt")" = "ssehub: invalid configuration: $work/none.json: file not found" ] \
  || fail "missing config: exit $missing_status, $(cat "$work/err.txt")"
pass "a missing config file exits 2 and says so"

# Overrides from the environment and system properties: the same jar and file, another port and retry.
free_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SSEHUB_HTTP_PORT=$free_port java -Dssehub.sse.retryMillis=750 -jar "$jar" "$work/config.json" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.1; done
grep -q "listening on http://127.0.0.1:$free_port/ (config: $work/config.json with environment variable SSEHUB_HTTP_PORT, system property ssehub.sse.retryMillis," "$work/server.log" \
  || fail "overrides not applied or not named in the startup line"
[ "$(curl -sN --max-time 1 "http://127.0.0.1:$free_port/sse?topics=x" | head -n 1)" = "retry: 750" ] || fail "retry override"
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=
pass "SSEHUB_HTTP_PORT and -Dssehub.sse.retryMillis override the file, and the startup line names them"

env_status=0; SSEHUB_HTTP_PORT=eighty java -jar "$jar" "$work/config.json" 2> "$work/err.txt" || env_status=$?
[ "$env_status" = 2 ] && [ "$(cat "$work/err.txt")" = 'ssehub: invalid configuration: environment variable SSEHUB_HTTP_PORT: http.port: "eighty" is not a number' ] \
  || fail "bad override: exit $env_status, $(cat "$work/err.txt")"
pass "a bad override exits 2 and names the variable, the key and the rule"

java -jar "$jar" --help > "$work/help.txt" || fail "--help did not exit 0"
grep -q "^Usage: java -jar ssehub.jar" "$work/help.txt" || fail "--help printed no usage"
pass "--help prints usage and exits 0"

echo "smoke: all $checks checks of the jar succeeded"
