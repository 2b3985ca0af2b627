#!/usr/bin/env bash
# Page throughput: Masthead serving an anonymous article vs nginx serving the same bytes as a static
# file, same machine, same run, loopback only. Prints req/s for each (median of RUNS) and the ratio.
# Needs: dotnet, wrk, nginx (apt-get install -y wrk nginx). Everything lives under a temp folder and
# both servers are stopped on exit, whatever happens.
#   bench/pages.sh                     # defaults: wrk -t2 -c64 -d15s, 3 runs each
#   ARTICLE=/articles/some-slug bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT="${APP_PORT:-5181}"
NGINX_PORT="${NGINX_PORT:-5182}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
ARTICLE="${ARTICLE:-/articles/red-sea-war-risk-premiums}"
WORK="$(mktemp -d /tmp/masthead-bench.XXXXXX)"
chmod 755 "$WORK" # nginx workers run as an unprivileged user when started by root
APP_PID=""; NGINX_PID=""

stop() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT INT TERM

for tool in wrk nginx dotnet curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk nginx)" >&2; exit 1; }
done

echo "== publishing Masthead (Release) to $WORK/app"
dotnet publish src/Masthead -c Release -o "$WORK/app" --nologo -v quiet >/dev/null

echo "== starting Masthead on 127.0.0.1:$APP_PORT (Production, demo content on, SQLite)"
ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true Storage__DataDirectory="$WORK/data" \
  Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
  dotnet "$WORK/app/Masthead.dll" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT$ARTICLE")
if [ "$status" != 200 ]; then
  echo "!! $ARTICLE answered $status; measuring the home page / instead" >&2
  ARTICLE=/
fi
mkdir -p "$WORK/www"
curl -fs "http://127.0.0.1:$APP_PORT$ARTICLE" -o "$WORK/www/article.html"
BYTES=$(wc -c <"$WORK/www/article.html")

cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { try_files /article.html =404; }
  }
}
CONF
echo "== starting nginx on 127.0.0.1:$NGINX_PORT"
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
sleep 1
curl -fs "http://127.0.0.1:$NGINX_PORT/" -o /dev/null

# Warm both up (JIT, caches), then alternate so drift on a shared machine hits both alike.
wrk -t2 -c64 -d3s "http://127.0.0.1:$APP_PORT$ARTICLE" >/dev/null
wrk -t2 -c64 -d3s "http://127.0.0.1:$NGINX_PORT/" >/dev/null
rps() { wrk -t2 -c64 -d"$DURATION" "$1" | awk '/Requests\/sec/ { print $2 }'; }
app=(); static=()
for i in $(seq 1 "$RUNS"); do
  app+=("$(rps "http://127.0.0.1:$APP_PORT$ARTICLE")")
  static+=("$(rps "http://127.0.0.1:$NGINX_PORT/")")
  echo "run $i: masthead ${app[-1]} req/s, nginx ${static[-1]} req/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
APP_MEDIAN=$(median "${app[@]}"); NGINX_MEDIAN=$(median "${static[@]}")

echo
echo "page:       $ARTICLE ($BYTES bytes)"
echo "machine:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "masthead:   $APP_MEDIAN req/s (median of $RUNS, wrk -t2 -c64 -d$DURATION)"
echo "nginx:      $NGINX_MEDIAN req/s"
echo "ratio:      $(awk -v a="$APP_MEDIAN" -v n="$NGINX_MEDIAN" 'BEGIN { printf "%.2f", a / n }') x nginx (target for the anonymous article: >= 0.70)"
