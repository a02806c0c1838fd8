#!/usr/bin/env bash
# Installs what is missing, builds in release mode, and serves onedoor on an embedded SQLite
# database with demo data. Settings: flags or ONEDOOR_* variables (see .env.sample).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
./scripts/build.sh
export ONEDOOR_DATABASE_URL="${ONEDOOR_DATABASE_URL:-sqlite://data/onedoor.db}"
export ONEDOOR_LISTEN="${ONEDOOR_LISTEN:-127.0.0.1:3000}"
export ONEDOOR_DEMO_DATA="${ONEDOOR_DEMO_DATA:-true}"
exec target/release/onedoor "$@"
