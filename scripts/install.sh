#!/usr/bin/env bash
# Installs whatever onedoor's build and tests need and is missing. Idempotent: a second run
# only checks. One line of progress per step.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
CARGO_LEPTOS_VERSION=0.3.10
STEPS=7
SCHEMATHESIS_VERSION=4.32.5
step() { printf '[%s/%s] %s\n' "$1" "$STEPS" "$2"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v curl >/dev/null || apt_missing+=(curl)
# Debian's Chromium has no CJK font: without it Chinese renders as boxes in screenshots and PDFs.
# (No `grep -q` after a pipe here: with pipefail, fc-list's SIGPIPE would count as missing.)
[ -n "$(fc-list 2>/dev/null | grep 'Noto Sans CJK')" ] || apt_missing+=(fonts-noto-cjk)
{ command -v initdb >/dev/null || [ -x /usr/lib/postgresql/*/bin/initdb ] 2>/dev/null; } || apt_missing+=(postgresql)
if [ ${#apt_missing[@]} -gt 0 ]; then
  step 1 "installing Debian packages: ${apt_missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
else
  step 1 "Debian packages present (chromium, postgresql, fonts-noto-cjk)"
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step 2 "Rust target wasm32-unknown-unknown present"
else
  step 2 "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  step 3 "wasm-bindgen ${WASM_BINDGEN_VERSION} present"
else
  step 3 "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (a few minutes, once)"
  cargo install --quiet "wasm-bindgen-cli@${WASM_BINDGEN_VERSION}"
fi

if cargo leptos --version 2>/dev/null | grep -q "${CARGO_LEPTOS_VERSION}"; then
  step 4 "cargo-leptos ${CARGO_LEPTOS_VERSION} present"
else
  step 4 "installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 20 minutes on 2 cores, once)"
  cargo install --quiet --locked "cargo-leptos@${CARGO_LEPTOS_VERSION}" --features no_downloads
fi

if command -v cargo-nextest >/dev/null; then
  step 5 "cargo-nextest present"
else
  step 5 "installing cargo-nextest"
  cargo install --quiet --locked cargo-nextest
fi

if [ -d node_modules/@playwright/test ] && [ -d node_modules/workbox-build ] && [ -d node_modules/binaryen ] \
   && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  step 6 "npm packages present"
else
  step 6 "installing npm packages (Playwright runner, workbox-build, binaryen)"
  # `npm install` rather than `npm ci`: npm 11 writes rollup's optional per-platform packages
  # into the lock without versions and `npm ci` then refuses the lock it wrote itself.
  npm install --no-audit --no-fund --loglevel=error
fi

if .tools/venv/bin/schemathesis --version 2>/dev/null | grep -q "${SCHEMATHESIS_VERSION}"; then
  step 7 "schemathesis ${SCHEMATHESIS_VERSION} present"
else
  step 7 "installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into .tools/venv (API fuzzing)"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION}"
fi
