# Sourced by the nginx checks: installs nginx when missing (Debian); run_nginx WORK SITE_CONF PORT starts it (one
# worker, in the foreground, every file under WORK) with the server block(s) of SITE_CONF, sets nginx_pid, and waits
# (bounded) until PORT answers.
if ! command -v nginx > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nginx > /dev/null
fi

run_nginx() {
  local work=$1 site=$2 port=$3
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  include $site;
}
CONF
  nginx -p "$work" -c "$work/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
}
