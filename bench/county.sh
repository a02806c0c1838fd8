#!/usr/bin/env bash
# The county-scale benchmark (issue 21): 50,000 households and 200,000 cases, the supervision
# pages timed as the county supervisor, and their queries' plans; on SQLite and on a throwaway
# PostgreSQL (Debian's packages), release build.
#   bench/county.sh [--quick] [--households N] [--cases N] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ONEDOOR_TEST_POSTGRES_URL:-}" ]; then
  eval "$(./scripts/pg_throwaway.sh start)"
  trap './scripts/pg_throwaway.sh stop' EXIT
fi
cargo run --release --locked -p server-bench --bin county -- "$@"
