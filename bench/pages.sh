#!/usr/bin/env bash
# Page throughput: Masthead serving an anonymous article vs nginx serving the same bytes as a static
# file, same machine, same run, loopback only. Prints req/s for each (median of RUNS) and the ratio.
# Needs: dotnet, wrk, nginx (apt-get install -y wrk nginx). Everything lives under a temp folder and
# both servers are stopped on exit, whatever happens.
#   bench/pages.sh                     # defaults: wrk -t2 -c64 -d15s, 3 runs each
#   ARTICLE=/articles/some-slug bench/pages.sh
# Then, in the same run, the signed-in PRO view of a PRO article (PRO_ARTICLE) against nginx serving the bytes
# that reader got: first with no shared cache (Site:ShareSignedInViews=false, every view rendered for its
# reader: DESIGN.md's bar), then as the product runs by default (PRO members share one cached view). That phase
# restarts the app in Development, where the documented demo PRO member exists (pro@demo.masthead.local);
# PRO=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT="${APP_PORT:-5181}"
NGINX_PORT="${NGINX_PORT:-5182}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
ARTICLE="${ARTICLE:-/articles/red-sea-war-risk-premiums}"
PRO_ARTICLE="${PRO_ARTICLE:-/articles/memo-gulf-maritime-signals}"
PRO="${PRO:-1}"
KESTREL_PORT="${KESTREL_PORT:-5183}"
WORK="$(mktemp -d /tmp/masthead-bench.XXXXXX)"
chmod 755 "$WORK" # nginx workers run as an unprivileged user when started by root
APP_PID=""; NGINX_PID=""; KESTREL_PID=""

stop() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  [ -n "$KESTREL_PID" ] && kill "$KESTREL_PID" 2>/dev/null && wait "$KESTREL_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT INT TERM

for tool in wrk nginx dotnet curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk nginx)" >&2; exit 1; }
done

echo "== publishing Masthead (Release) to $WORK/app"
dotnet publish src/Masthead -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
dotnet publish bench/Masthead.KestrelBaseline -c Release -o "$WORK/kestrel" --nologo -v quiet >/dev/null

start_app() { # $1 = environment, $2 = whether signed-in readers of one tier share cached views (default true)
  echo "== starting Masthead on 127.0.0.1:$APP_PORT ($1, demo content on, SQLite, shared signed-in views: ${2:-true})"
  # Production refuses the pickup folder unless told; this run sends no mail worth a relay.
  Site__ShareSignedInViews="${2:-true}" ASPNETCORE_ENVIRONMENT="$1" Demo__Enabled=true Storage__DataDirectory="$WORK/data-$1" \
    Mail__AllowPickupInProduction=true \
    Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" Site__BaseUrl="http://127.0.0.1:$APP_PORT" \
    dotnet "$WORK/app/Masthead.dll" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do
    curl -fs "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
    sleep 1
  done
}
start_app Production

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
    location = /pro { try_files /pro.html =404; }
    location / { try_files /article.html =404; }
  }
}
CONF
echo "== starting nginx on 127.0.0.1:$NGINX_PORT"
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
sleep 1
curl -fs "http://127.0.0.1:$NGINX_PORT/" -o /dev/null

rps() { wrk -t2 -c64 -d"$DURATION" "${@:2}" "$1" | awk '/Requests\/sec/ { print $2 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# measure NAME APP_URL NGINX_URL [wrk header args]: warm both up (the JIT's tiered compilation needs several
# seconds of traffic before a rendered page runs optimised code), then alternate runs so drift on a shared
# machine hits both alike. Sets APP_MEDIAN and NGINX_MEDIAN.
WARMUP="${WARMUP:-10s}"
measure() {
  local name="$1" app_url="$2" nginx_url="$3"; shift 3
  wrk -t2 -c64 -d"$WARMUP" "$@" "$app_url" >/dev/null
  wrk -t2 -c64 -d3s "$nginx_url" >/dev/null
  local app=() static=()
  for i in $(seq 1 "$RUNS"); do
    app+=("$(rps "$app_url" "$@")")
    static+=("$(rps "$nginx_url")")
    echo "$name run $i: masthead ${app[-1]} req/s, nginx ${static[-1]} req/s"
  done
  APP_MEDIAN=$(median "${app[@]}"); NGINX_MEDIAN=$(median "${static[@]}")
}
ratio() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.2f", a / n }'; }

measure anonymous "http://127.0.0.1:$APP_PORT$ARTICLE" "http://127.0.0.1:$NGINX_PORT/"
ANON_APP=$APP_MEDIAN; ANON_NGINX=$NGINX_MEDIAN

# The floor: Kestrel alone, no middleware, returning the same bytes from memory (bench/Masthead.KestrelBaseline).
# Not a target; it says how much of the gap to nginx is the server and how much is Masthead's pipeline.
dotnet "$WORK/kestrel/Masthead.KestrelBaseline.dll" "$WORK/www/article.html" "$KESTREL_PORT" >"$WORK/kestrel.log" 2>&1 &
KESTREL_PID=$!
for _ in $(seq 1 30); do curl -fs "http://127.0.0.1:$KESTREL_PORT/" -o /dev/null && break; sleep 1; done
measure kestrel "http://127.0.0.1:$KESTREL_PORT/" "http://127.0.0.1:$NGINX_PORT/"
BARE_APP=$APP_MEDIAN; BARE_NGINX=$NGINX_MEDIAN
kill "$KESTREL_PID"; wait "$KESTREL_PID" 2>/dev/null || true; KESTREL_PID=""

# The signed-in PRO view, twice: as DESIGN.md's bar defines it (no shared cache: every view rendered for its
# reader), then as the product runs by default (PRO members share one cached view of the article).
measure_pro() { # $1 = name, $2 = share signed-in views
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  start_app Development "$2"
  # Sign in as the demo PRO member through the real password form (antiforgery token and cookie from the page).
  JAR="$WORK/cookies.txt"; rm -f "$JAR"
  token=$(curl -fs -c "$JAR" "http://127.0.0.1:$APP_PORT/account/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -b "$JAR" -c "$JAR" -o /dev/null "http://127.0.0.1:$APP_PORT/account/signin?handler=Password" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=pro@demo.masthead.local" \
    --data-urlencode "Password=masthead-demo-pro"
  # Netscape jar format; HttpOnly cookies are written as comments starting "#HttpOnly_".
  COOKIE=$(awk 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s=%s; ", $6, $7 }' "$JAR")
  curl -fs -H "Cookie: $COOKIE" "http://127.0.0.1:$APP_PORT$PRO_ARTICLE" -o "$WORK/www/pro.html"
  if ! grep -q 'paywalled-content' "$WORK/www/pro.html" || grep -q 'Start with 1-week free trial' "$WORK/www/pro.html"; then
    echo "!! the PRO member did not get the full article; not measuring the PRO page" >&2
    return 1
  fi
  PRO_BYTES=$(wc -c <"$WORK/www/pro.html")
  measure "$1" "http://127.0.0.1:$APP_PORT$PRO_ARTICLE" "http://127.0.0.1:$NGINX_PORT/pro" -H "Cookie: $COOKIE"
}
if [ "$PRO" = 1 ]; then
  # A rendered page tiers up over tens of seconds of traffic; warm longer than the cached anonymous page needs.
  WARMUP="${PRO_WARMUP:-30s}"
  if measure_pro pro false; then PRO_APP=$APP_MEDIAN; PRO_NGINX=$NGINX_MEDIAN; fi
  if measure_pro pro-shared true; then SHARED_APP=$APP_MEDIAN; SHARED_NGINX=$NGINX_MEDIAN; fi
fi

echo
echo "machine:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk -t2 -c64 -d$DURATION, median of $RUNS"
echo "anonymous:  $ARTICLE ($BYTES bytes), output cache"
echo "  masthead  $ANON_APP req/s, nginx $ANON_NGINX req/s, ratio $(ratio "$ANON_APP" "$ANON_NGINX") x nginx (target >= 0.70)"
echo "  bare Kestrel, same bytes from memory, no middleware: $BARE_APP req/s, nginx $BARE_NGINX req/s, ratio $(ratio "$BARE_APP" "$BARE_NGINX") x nginx (a reference, not a target)"
if [ -n "${PRO_APP:-}" ]; then
  echo "signed-in PRO: $PRO_ARTICLE ($PRO_BYTES bytes), Development environment"
  echo "  no shared cache (rendered per request): masthead $PRO_APP req/s, nginx $PRO_NGINX req/s (same bytes), ratio $(ratio "$PRO_APP" "$PRO_NGINX") x nginx (target >= 0.30)"
fi
if [ -n "${SHARED_APP:-}" ]; then
  echo "  shared view of the PRO tier (the default): masthead $SHARED_APP req/s, nginx $SHARED_NGINX req/s, ratio $(ratio "$SHARED_APP" "$SHARED_NGINX") x nginx (not a DESIGN.md bar)"
fi
