#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests and benchmarks, on 127.0.0.1 only,
# and prints the URL to use as TEST_DATABASE_URL. Needs Debian's `postgresql` package.
#   usage: scripts/test-postgres.sh start|stop   (PGPORT and PGDATA_DIR override the defaults)
set -euo pipefail
port="${PGPORT:-54329}"
dir="${PGDATA_DIR:-/tmp/valuta-test-postgres}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir" && chown postgres "$dir" 2>/dev/null || true
      as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      # Durable like production (fsync and synchronous_commit stay on); sized for a 2-core machine.
      cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
CONF
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
