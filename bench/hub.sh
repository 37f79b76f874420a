# Sourced by the bench scripts: starts target/ssehub.jar on a config (whose http.port may be 0) and waits for its
# startup line. Sets hub_pid and hub_port; the caller stops it (kill "$hub_pid").

# The JVM flags README.md's run command sets (the collector bench/gc.sh chose, and the young generation's size);
# SSEHUB_JAVA_OPTS replaces them (set it empty for the JVM's defaults).
export SSEHUB_JAVA_OPTS=${SSEHUB_JAVA_OPTS--XX:+UseSerialGC -Xmn16m}

start_hub() {
  local config=$1 log=$2
  # shellcheck disable=SC2086
  java ${SSEHUB_JAVA_OPTS:-} -jar "${jar:-target/ssehub.jar}" "$config" > "$log" 2>&1 &
  hub_pid=$!
  hub_port=
  for _ in $(seq 1 100); do
    hub_port=$(sed -n 's|.*listening on http://[^ ]*:\([0-9]*\)/ (config: .*|\1|p' "$log")
    [ -n "$hub_port" ] && return 0
    kill -0 "$hub_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  echo "the hub did not start" >&2
  return 1
}
