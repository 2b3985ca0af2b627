#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests and prints the connection string
# to export as MASTHEAD_TEST_POSTGRES. Usage: scripts/postgres.sh start|stop [port]
set -euo pipefail
PORT="${2:-55432}"
PGDATA="${PGDATA_DIR:-/tmp/masthead-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      install -d -m 700 "$PGDATA"
      [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
      as_postgres "$BIN/initdb -D $PGDATA -A trust -E UTF8 --no-locale" >/dev/null
    fi
    if ! as_postgres "$BIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl -D $PGDATA -w -l $PGDATA/server.log -o \"-c listen_addresses=127.0.0.1 -p $PORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
    fi
    as_postgres "$BIN/psql -h 127.0.0.1 -p $PORT -d postgres -tAc \"SELECT 1 FROM pg_roles WHERE rolname='masthead'\"" | grep -q 1 \
      || as_postgres "$BIN/psql -h 127.0.0.1 -p $PORT -d postgres -c \"CREATE ROLE masthead LOGIN CREATEDB PASSWORD 'masthead'\"" >/dev/null
    echo "Host=127.0.0.1;Port=$PORT;Username=masthead;Password=masthead;Database=postgres"
    ;;
  stop)
    as_postgres "$BIN/pg_ctl -D $PGDATA -m fast stop" >/dev/null 2>&1 || true
    ;;
esac
