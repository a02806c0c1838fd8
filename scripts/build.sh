#!/usr/bin/env bash
# Release build: the server, the size-optimised WASM bundle (profile wasm-release, wasm-opt),
# and the service worker with the precache list of exactly this build.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-opt from npm's binaryen (pinned in package.json): Debian 12's binaryen 108 predates the
# reference-types tables that wasm-bindgen emits and produces a WASM that fails to start.
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-opt --version | grep -q 'version 1[3-9][0-9]' || { echo "wasm-opt from node_modules missing: run scripts/install.sh" >&2; exit 1; }
echo "building onedoor (release)…"
# --split: pages in lazy_pages.rs become WASM chunks of their own, out of the first load.
# Extra arguments go to cargo-leptos: the test command passes --frontend-only (site only).
cargo leptos build --release --split "$@"
# cargo-leptos writes the site to the workspace's site-root (target/site, even when
# CARGO_TARGET_DIR puts the server binary elsewhere) unless LEPTOS_SITE_ROOT says otherwise.
site="${LEPTOS_SITE_ROOT:-target/site}"
node scripts/build_sw.mjs "$site"
# Brotli 11 and gzip -9 twins of every file, served by the static file layer: after the
# service worker, which is served precompressed too.
node scripts/precompress.mjs "$site"
