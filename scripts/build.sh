#!/usr/bin/env bash
# Release build: the server, the size-optimised WASM bundle (profile wasm-release, wasm-opt),
# and the service worker with the precache list of exactly this build.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building onedoor (release)…"
cargo leptos build --release
node scripts/build_sw.mjs target/site
