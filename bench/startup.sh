#!/usr/bin/env bash
# Start-up time and memory of the published Release build, loopback only. For each environment (Development with
# the demo newsroom, then Production with Site:BaseUrl set and demo content on), it creates a database once (the
# first start: migrations and seeding, timed apart), then restarts RUNS times on that existing database and prints
# per run and as medians:
#   start   ms from launching `dotnet Masthead.dll` to the first 200 on / (a curl loop polling every 10 ms)
#   cpu     ms of CPU (user + system, all threads) the process had used at that moment: a figure a busy machine
#           disturbs far less than wall time
#   rss     resident memory (MB) right after that first page, then after a walk of PAGES (about 20 reader pages)
# then the wall time of a CLI verb (`admin list`, RUNS times) on the same database, and the same start-to-first-
# response figure for a bare ASP.NET Core app (bench/Masthead.KestrelBaseline) as the floor.
#   bench/startup.sh                       # publishes to a temp folder; RUNS=5
#   APP=/tmp/pub bench/startup.sh          # measure an existing publish folder (e.g. of another commit)
#   ENVIRONMENTS=Production RUNS=9 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
PORT="${PORT:-5191}"
ENVIRONMENTS="${ENVIRONMENTS:-Development Production}"
PAGES="${PAGES:-/ /articles/red-sea-war-risk-premiums /articles/memo-gulf-maritime-signals /articles/abu-dhabi-deep-tech-fund
  /sections/security /sections/energy /sections/markets /tags/gulf /tags/oil-gas /authors/nadia-haddad /search?q=gas
  /feed.xml /atom.xml /sections/energy/feed.xml /sitemap.xml /news-sitemap.xml /robots.txt /pricing /briefings
  /briefings/daily-briefing /account/signin /account/signup}"
WORK="$(mktemp -d /tmp/masthead-startup.XXXXXX)"
APP_PID=""
TICKS=$(getconf CLK_TCK)

stop() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT INT TERM

for tool in dotnet curl awk; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done

if [ -z "${APP:-}" ]; then
  echo "== publishing Masthead (Release) to $WORK/app"
  dotnet publish src/Masthead -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
  APP="$WORK/app"
fi
dotnet publish bench/Masthead.KestrelBaseline -c Release -o "$WORK/kestrel" --nologo -v quiet >/dev/null
echo '<!doctype html><title>ok</title>' >"$WORK/page.html"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ms() { awk -v t="$TICKS" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# wait_ok URL PID: polls until URL answers 200 (at most 120 s); fails if the process dies.
wait_ok() {
  for _ in $(seq 1 12000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "the process exited:" >&2; cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.01
  done
  echo "no 200 from $1 within 120 s" >&2; exit 1
}

# start ENV DATA: launches the app, waits for the first page; sets APP_PID, START_MS, CPU_MS, RSS_START.
start() {
  local t0; t0=$(now_ms)
  ASPNETCORE_ENVIRONMENT="$1" Storage__DataDirectory="$2" Demo__Enabled=true Mail__AllowPickupInProduction=true Site__BaseUrl="http://127.0.0.1:$PORT" \
    Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    dotnet "$APP/Masthead.dll" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  wait_ok "http://127.0.0.1:$PORT/" "$APP_PID"
  START_MS=$(( $(now_ms) - t0 )); CPU_MS=$(cpu_ms "$APP_PID"); RSS_START=$(rss_mb "$APP_PID")
}

stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

walk() {
  for page in $PAGES; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$page")
    [ "$code" = 200 ] || echo "   ! $page answered $code" >&2
  done
}

echo "== machine: $(nproc) cores, load average $(load) before the runs"
for env in $ENVIRONMENTS; do
  data="$WORK/data-$env"
  start "$env" "$data"
  echo "$env first start (creates the database, seeds): ${START_MS} ms, cpu ${CPU_MS} ms"
  stop_app
  starts=(); cpus=(); rss1=(); rss2=()
  for i in $(seq 1 "$RUNS"); do
    start "$env" "$data"
    walk
    rss_walk=$(rss_mb "$APP_PID")
    stop_app
    starts+=("$START_MS"); cpus+=("$CPU_MS"); rss1+=("$RSS_START"); rss2+=("$rss_walk")
    echo "$env restart $i: start ${START_MS} ms, cpu ${CPU_MS} ms, rss ${RSS_START} MB after start, ${rss_walk} MB after the walk (load $(load))"
  done
  echo "$env median of $RUNS: start $(median "${starts[@]}") ms, cpu $(median "${cpus[@]}") ms, rss $(median "${rss1[@]}") MB after start, $(median "${rss2[@]}") MB after the walk"

  clis=()
  for i in $(seq 1 "$RUNS"); do
    t0=$(now_ms)
    ASPNETCORE_ENVIRONMENT="$env" Storage__DataDirectory="$data" Logging__LogLevel__Default=Warning \
      dotnet "$APP/Masthead.dll" admin list >"$WORK/cli.log" 2>&1 || { cat "$WORK/cli.log" >&2; exit 1; }
    clis+=("$(( $(now_ms) - t0 ))")
  done
  echo "$env admin list: ${clis[*]} ms; median $(median "${clis[@]}") ms"
done

bare=()
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms)
  dotnet "$WORK/kestrel/Masthead.KestrelBaseline.dll" "$WORK/page.html" "$PORT" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  wait_ok "http://127.0.0.1:$PORT/" "$APP_PID"
  bare+=("$(( $(now_ms) - t0 ))")
  stop_app
done
echo "bare ASP.NET Core (Masthead.KestrelBaseline): ${bare[*]} ms; median $(median "${bare[@]}") ms"
echo "== load average after the runs: $(load)"
