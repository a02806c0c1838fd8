#!/usr/bin/env bash
# Installs what building and serving need and is missing, builds in release mode, and serves
# onedoor on an embedded SQLite database with demo data. Settings: flags or ONEDOOR_* variables
# (see .env.sample). Prints how long each part took before the server starts.
set -euo pipefail
cd "$(dirname "$0")/.."
began=$SECONDS
./scripts/install.sh
build_began=$SECONDS
./scripts/build.sh
mmss() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
echo "release build took $(mmss $((SECONDS - build_began))); $(mmss $((SECONDS - began))) in all before serving"
export ONEDOOR_DATABASE_URL="${ONEDOOR_DATABASE_URL:-sqlite://data/onedoor.db}"
export ONEDOOR_LISTEN="${ONEDOOR_LISTEN:-127.0.0.1:3000}"
export ONEDOOR_DEMO_DATA="${ONEDOOR_DEMO_DATA:-true}"
exec target/release/onedoor "$@"
