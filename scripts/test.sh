#!/usr/bin/env bash
# Every test: formatting, clippy (warnings are errors) for the server and the WASM build, all
# Rust tests (the server's on SQLite and PostgreSQL), and the Playwright suite against a release build in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
# One-shot builds gain nothing from incremental caches, which only cost disk.
export CARGO_INCREMENTAL=0
# With ONEDOOR_FREE_DISK=1 (CI) each stage's build products go once it is done: a small disk filled up.
free_disk() {
  df -h . | awk 'NR==2 {print "   (disk: " $4 " free)"}'
  if [ "${ONEDOOR_FREE_DISK:-}" = 1 ]; then rm -rf "$@"; fi
}
echo "== cargo fmt"
cargo fmt --all --check
echo "== clippy (server, domain, app/ssr)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== clippy (app/hydrate for wasm32)"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings
free_disk target/wasm32-unknown-unknown
echo "== Rust tests (integration suite on SQLite and on a throwaway PostgreSQL)"
eval "$(./scripts/pg_throwaway.sh start)"
trap './scripts/pg_throwaway.sh stop' EXIT
export ONEDOOR_REQUIRE_POSTGRES=1
cargo nextest run --workspace --locked --no-fail-fast
echo "== API fuzzing (schemathesis: no request the OpenAPI document allows gets a 5xx)"
cargo build -p server --bin onedoor --locked
./scripts/api_fuzz.sh target/debug/onedoor
free_disk target/debug
echo "== release build"
./scripts/build.sh
echo "== browser tests (Playwright, Chromium)"
npx playwright test --config end2end/playwright.config.ts
echo "== bundle budget"
node bench/bundle_size.mjs
# What a first visit to / really fetches, on the wire (README "Bundle budget"): 340 KiB until
# the main WASM's data section and shell shrink; the aim is 200.
node bench/first_load.mjs --budget 340
free_disk
