# Sourced by bench/run.sh and bench/independent.sh: installs, starts and stops the servers under test (ssehub,
# nginx + nchan, Pushpin), each on free ports of 127.0.0.1.
# The caller sets: work (a temporary directory), jar (ssehub's jar), pushpin_caps ("off" or "debian").
# BENCH_THREADS (default 1) is the number of threads that serve clients in ssehub and nginx: ssehub's event loops
# (http.instances) and nginx's worker processes; Pushpin runs as packaged (its processes are fixed).
# start_SERVER sets: server_pid (the process to stop; it stops its children), server_pids (the processes whose CPU
# time and RSS make up the server, measured as their sum), origin_pid (Pushpin's origin, stopped with it), port,
# sub_url (the SSE URL of topic/channel "bench") and pub_args (the load tool's options that publish "{seq} {ts}"
# events to it: --publish-url URL --body TEMPLATE --content-type TYPE).
# The caller stops the server with stop_server (and should trap EXIT to do so).

. bench/hub.sh
bench_threads=${BENCH_THREADS:-1}
case $bench_threads in [1-9]) ;; *) echo "bench: BENCH_THREADS must be 1-9" >&2; exit 2 ;; esac

# ensure_installed SERVER...: installs nginx, libnginx-mod-nchan (nchan) and pushpin, condure, zurl (pushpin) when
# missing (Debian); other names need nothing.
ensure_installed() {
  local need=() server
  for server in "$@"; do
    case $server in
      nchan) [ -f /usr/lib/nginx/modules/ngx_nchan_module.so ] || need+=(nginx libnginx-mod-nchan) ;;
      # Pushpin's runner starts condure and zurl; the package depends on both (condure or mongrel2: name it to get
      # condure).
      pushpin) command -v pushpin > /dev/null && command -v condure > /dev/null && command -v zurl > /dev/null ||
        need+=(nginx pushpin condure zurl) ;;
    esac
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "bench: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" > /dev/null
  fi
}

server_pid=
server_pids=()
origin_pid=
stop_pid() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
stop_server() {
  if [ -n "$server_pid" ]; then
    stop_pid "$server_pid"
    # Children left behind (their parent killed hard) go too.
    for pid in "${server_pids[@]}"; do kill -0 "$pid" 2>/dev/null && stop_pid "$pid"; done
    server_pid=
    server_pids=()
  fi
  if [ -n "$origin_pid" ]; then
    stop_pid "$origin_pid"
    origin_pid=
  fi
}

# start_ssehub [GENERATOR_TOPIC GENERATOR_INTERVAL]: ssehub on a free port, history off the hot path of no test.
start_ssehub() {
  local generators='[]'
  [ $# -eq 2 ] && generators="[{\"topic\":\"$1\",\"intervalMillis\":$2}]"
  cat > "$work/ssehub.json" <<JSON
{ "http": { "host": "127.0.0.1", "port": 0, "instances": $bench_threads }, "generators": $generators }
JSON
  start_hub "$work/ssehub.json" "$work/ssehub.log"
  server_pid=$hub_pid
  server_pids=("$hub_pid")
  port=$hub_port
  sub_url="http://127.0.0.1:$port/sse?topics=bench"
  pub_args=(--publish-url "http://127.0.0.1:$port/publish" --body 'topic=bench&data={seq}+{ts}'
    --content-type application/x-www-form-urlencoded)
}

# burst_args: the load tool's options for its burst (--warmup-burst) on topic/channel "warmup" instead of "bench":
# pub_args with each --publish-url and --body renamed and the topic replaced. Call after a start_SERVER.
set_burst_args() {
  local i
  burst_args=()
  for ((i = 0; i < ${#pub_args[@]}; i += 2)); do
    case ${pub_args[i]} in
      --publish-url|--body) burst_args+=("--burst-${pub_args[i]#--}" "${pub_args[i + 1]//bench/warmup}") ;;
    esac
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_nchan() {
  local prefix=$work/nchan
  rm -rf "$prefix" && mkdir -p "$prefix"
  port=$(free_port)
  sed "s|@PREFIX@|$prefix|g; s|@PORT@|$port|g; s|@WORKERS@|$bench_threads|g" bench/nchan/nginx.conf.template \
    > "$prefix/nginx.conf"
  nginx -p "$prefix" -c nginx.conf > "$prefix/out.log" 2>&1 &
  local master=$!
  for _ in $(seq 1 50); do
    [ "$(pgrep -c -P "$master" nginx)" = "$bench_threads" ] && break
    sleep 0.1
  done
  server_pid=$master
  # The workers do the work; the master only waits.
  mapfile -t server_pids < <(pgrep -P "$master" nginx)
  sub_url="http://127.0.0.1:$port/sub?id=bench"
  pub_args=(--publish-url "http://127.0.0.1:$port/pub?id=bench" --body '{seq} {ts}' --content-type text/plain)
}

# start_pushpin: Pushpin (config bench/pushpin/pushpin.conf.template) in front of an nginx origin
# (bench/pushpin/origin.conf.template) that holds every subscription as a stream of its channel; three free ports.
# The server is the runner and the four services it starts (condure, zurl, pushpin-proxy, pushpin-handler).
# A port found free can be taken before Pushpin binds it (after E's 10,000 connections, say): up to 3 attempts.
start_pushpin() {
  local attempt
  for attempt in 1 2 3; do
    try_start_pushpin && return 0
    stop_server
    echo "bench: Pushpin did not start (attempt $attempt of 3)" >&2
  done
  return 1
}
try_start_pushpin() {
  local prefix=$work/pushpin origin_port control_port
  rm -rf "$prefix" && mkdir -p "$prefix/origin"
  port=$(free_port); origin_port=$(free_port); control_port=$(free_port)
  sed "s|@PREFIX@|$prefix/origin|g; s|@PORT@|$origin_port|g" bench/pushpin/origin.conf.template \
    > "$prefix/origin/nginx.conf"
  sed "s|@PREFIX@|$prefix|g; s|@PORT@|$port|g; s|@CONTROL_PORT@|$control_port|g" bench/pushpin/pushpin.conf.template \
    > "$prefix/pushpin.conf"
  if [ "$pushpin_caps" = debian ]; then
    grep -E '^message_(rate|hwm)=' /usr/share/pushpin/pushpin.conf.condure >> "$prefix/pushpin.conf"
  fi
  echo "* 127.0.0.1:$origin_port" > "$prefix/routes"
  nginx -p "$prefix/origin" -c nginx.conf > "$prefix/origin/out.log" 2>&1 &
  origin_pid=$!
  pushpin --config "$prefix/pushpin.conf" > "$prefix/out.log" 2>&1 &
  server_pid=$!
  sub_url="http://127.0.0.1:$port/sub?id=bench"
  # Ready when a subscription is answered with 200 (curl leaves the open stream after 0.5 s) and a publish too.
  local ready=
  for _ in $(seq 1 30); do
    if [ "$(curl -s -m 0.5 -o /dev/null -w '%{http_code}' "$sub_url")" = 200 ] && [ "$(curl -s -m 1 -o /dev/null \
      -w '%{http_code}' -d '{"items":[]}' "http://127.0.0.1:$control_port/publish/")" = 200 ]; then
      ready=yes
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  mapfile -t server_pids < <(echo "$server_pid"; pgrep -P "$server_pid")
  if [ -z "$ready" ] || [ ${#server_pids[@]} -ne 5 ]; then
    cat "$prefix/out.log" "$prefix"/log/*.log "$prefix/origin/error.log" >&2 || true
    echo "bench: Pushpin not ready (processes: ${server_pids[*]})" >&2
    return 1
  fi
  # The SSE frame is the item's http-stream content; the load tool fills in {seq} and {ts} ("\n" is JSON's newline).
  pub_args=(--publish-url "http://127.0.0.1:$control_port/publish/" --content-type application/json
    --body '{"items":[{"channel":"bench","formats":{"http-stream":{"content":"data: {seq} {ts}\n\n"}}}]}')
}
