#!/usr/bin/env bash
# Measures what one subscriber receives from a 1 ms time generator: events per second over a fixed window.
# Usage: bench/generator-rate.sh [SECONDS]   (default 10; needs target/ssehub.jar, curl and python3)
# Traffic stays on 127.0.0.1; the run is bounded by SECONDS plus startup.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/config.json" <<JSON
{ "http": { "host": "127.0.0.1", "port": 0 },
  "generators": [ { "topic": "fast", "intervalMillis": 1 } ] }
JSON
. bench/hub.sh
start_hub "$work/config.json" "$work/server.log"
pid=$hub_pid
port=$hub_port
# Skip the first second (JIT warm-up), then count for the window.
curl -sN --max-time "$((seconds + 1))" "http://127.0.0.1:$port/sse?topics=fast" > "$work/stream.txt" || true
python3 - "$work/stream.txt" "$seconds" <<'PY'
import re, sys
times = re.findall(r'data: (\d\d):(\d\d):(\d\d\.\d{6})\n', open(sys.argv[1]).read())
secs = [int(h) * 3600 + int(m) * 60 + float(s) for h, m, s in times]
window = int(sys.argv[2])
start = secs[0] + 1.0
counted = [t for t in secs if start <= t < start + window]
span = counted[-1] - counted[0]
gaps = [b - a for a, b in zip(counted, counted[1:])]
print(f"events received: {len(counted)} over {span:.3f} s of generator time  "
      f"rate: {(len(counted) - 1) / span:.0f}/s  max gap: {max(gaps) * 1000:.1f} ms")
PY
