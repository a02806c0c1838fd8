#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite, from Debian's packages: initdb in a temporary
# directory, a free port, no durability (it is thrown away).
#   eval "$(scripts/pg_throwaway.sh start)"   # exports ONEDOOR_TEST_POSTGRES_URL
#   scripts/pg_throwaway.sh stop
# When ONEDOOR_TEST_POSTGRES_URL is already set, `start` leaves it alone (and `stop` then stops
# nothing). `start` also exports ONEDOOR_PG_THROWAWAY_DIR, so that `stop` in the same shell
# stops that server and no other: several builders on one machine each have their own. Without
# it, `stop` stops the one started last.
set -euo pipefail
STATE="${TMPDIR:-/tmp}/onedoor-pg-throwaway.state"

pg_bin() {
  if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] || { echo "PostgreSQL is not installed (scripts/install.sh installs it)" >&2; exit 1; }
  echo "$dir"
}

# PostgreSQL refuses to run as root: run it as the `postgres` account Debian's package made.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

case "${1:-}" in
  start)
    if [ -n "${ONEDOOR_TEST_POSTGRES_URL:-}" ]; then
      echo "export ONEDOOR_TEST_POSTGRES_URL='$ONEDOOR_TEST_POSTGRES_URL'"
      echo "export ONEDOOR_PG_THROWAWAY_DIR=none"; exit 0
    fi
    bin=$(pg_bin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/onedoor-pg-XXXXXX")
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(free_port)
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    printf '%s %s %s\n' "$bin" "$dir" "$port" > "$STATE"
    echo "$bin" > "$dir/bin"
    echo "throwaway PostgreSQL on port $port ($dir)" >&2
    echo "export ONEDOOR_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$port/postgres'"
    echo "export ONEDOOR_PG_THROWAWAY_DIR='$dir'"
    ;;
  stop)
    case "${ONEDOOR_PG_THROWAWAY_DIR:-}" in
      none) exit 0 ;;
      "") [ -f "$STATE" ] || exit 0; read -r bin dir _ < "$STATE" ;;
      *) dir=$ONEDOOR_PG_THROWAWAY_DIR; [ -d "$dir" ] || exit 0; bin=$(cat "$dir/bin") ;;
    esac
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    # The state file names the server started last: forget it only if it was this one.
    if [ -f "$STATE" ] && [ "$(cut -d' ' -f2 "$STATE")" = "$dir" ]; then rm -f "$STATE"; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
