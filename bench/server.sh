#!/usr/bin/env bash
# The server benchmark on SQLite and on a throwaway PostgreSQL (Debian's packages), release build.
#   bench/server.sh [--quick] [--json FILE]   (small counts; the figures also written as data)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ONEDOOR_TEST_POSTGRES_URL:-}" ]; then
  eval "$(./scripts/pg_throwaway.sh start)"
  trap './scripts/pg_throwaway.sh stop' EXIT
fi
cargo run --release --locked -p server-bench -- "$@"
