#!/usr/bin/env bash
# Account enumeration by timing: the password sign-in form answering a known address (wrong password) and an
# unknown one, N attempts each, alternating, timed by curl on loopback. Prints min / median / max per kind and
# whether the distributions overlap. Each attempt comes from its own X-Forwarded-For address (the app trusts the
# loopback proxy) so sign-in backoff never answers instead of the password check. Needs: dotnet, curl.
#   bench/signin-timing.sh            # N=30
#   N=100 bench/signin-timing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5184}"; N="${N:-30}"
WORK="$(mktemp -d /tmp/masthead-signin.XXXXXX)"; APP_PID=""
stop() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap stop EXIT INT TERM

echo "== publishing Masthead (Release) to $WORK/app"
dotnet publish src/Masthead -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
# Development: the documented demo accounts exist (pro@demo.masthead.local is the known address).
ASPNETCORE_ENVIRONMENT=Development Demo__Enabled=true Storage__DataDirectory="$WORK/data" Accounts__IpPermitLimit=100000 \
  Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$PORT" Site__BaseUrl="http://127.0.0.1:$PORT" \
  dotnet "$WORK/app/Masthead.dll" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done

JAR="$WORK/cookies.txt"
token=$(curl -fs -c "$JAR" "http://127.0.0.1:$PORT/account/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
attempt() { # $1 = email, $2 = n (picks the forwarded source address)
  curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" -H "X-Forwarded-For: 127.1.$(( $2 / 250 )).$(( $2 % 250 + 1 ))" \
    "http://127.0.0.1:$PORT/account/signin?handler=Password" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Email=$1" --data-urlencode "Password=not-the-password"
}
for i in 1 2 3; do attempt pro@demo.masthead.local "$i" >/dev/null; attempt nobody@example.test "$i" >/dev/null; done # warm-up
: >"$WORK/known"; : >"$WORK/unknown"
for i in $(seq 1 "$N"); do
  attempt pro@demo.masthead.local $(( 2 * i + 10 )) >>"$WORK/known"
  attempt "nobody-$i@example.test" $(( 2 * i + 11 )) >>"$WORK/unknown"
done
stats() { sort -g "$1" | awk '{ v[NR] = $1 * 1000 } END { printf "min %.1f ms, median %.1f ms, max %.1f ms", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); N=$N per kind"
echo "known address, wrong password:   $(stats "$WORK/known")"
echo "unknown address:                 $(stats "$WORK/unknown")"
kmin=$(sort -g "$WORK/known" | head -1); kmax=$(sort -g "$WORK/known" | tail -1)
umin=$(sort -g "$WORK/unknown" | head -1); umax=$(sort -g "$WORK/unknown" | tail -1)
awk -v a="$kmin" -v b="$kmax" -v c="$umin" -v d="$umax" 'BEGIN { print (c <= b && a <= d) ? "distributions overlap" : "distributions do NOT overlap" }'
