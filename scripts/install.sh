#!/usr/bin/env bash
# Installs whatever onedoor needs and is missing. Idempotent: a second run only checks.
#   scripts/install.sh          what building and serving need (the README's first command)
#   scripts/install.sh --test   and what the tests need too (the README's second command):
#                               Chromium with a CJK font, PostgreSQL, cargo-nextest, schemathesis
# One line per step, with the time each step took.
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
CARGO_LEPTOS_VERSION=0.3.10
SCHEMATHESIS_VERSION=4.32.5
if $for_tests; then STEPS=7; else STEPS=4; fi
n=0
began=$SECONDS
step() { n=$((n + 1)); step_began=$SECONDS; printf '[%s/%s] %s' "$n" "$STEPS" "$1"; }
# Ends the current line with the step's time (nothing for a step that only checked).
done_step() {
  local took=$((SECONDS - step_began))
  if [ "$took" -gt 0 ]; then printf ' (%dm%02ds)\n' $((took / 60)) $((took % 60)); else printf '\n'; fi
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if $for_tests; then
  apt_missing=()
  command -v chromium >/dev/null || apt_missing+=(chromium)
  command -v curl >/dev/null || apt_missing+=(curl)
  # Debian's Chromium has no CJK font: without it Chinese renders as boxes in screenshots and PDFs.
  # (No `grep -q` after a pipe here: with pipefail, fc-list's SIGPIPE would count as missing.)
  [ -n "$(fc-list 2>/dev/null | grep 'Noto Sans CJK')" ] || apt_missing+=(fonts-noto-cjk)
  { command -v initdb >/dev/null || [ -x /usr/lib/postgresql/*/bin/initdb ] 2>/dev/null; } || apt_missing+=(postgresql)
  # The crash and network drills read the server's SQLite database with its command-line client
  # (PostgreSQL's, psql, comes with postgresql).
  command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
  if [ ${#apt_missing[@]} -gt 0 ]; then
    step "installing Debian packages: ${apt_missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  else
    step "Debian packages present (chromium, postgresql, sqlite3, fonts-noto-cjk)"
  fi
  done_step
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Rust target wasm32-unknown-unknown present"
else
  step "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1
fi
done_step

if wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  step "wasm-bindgen ${WASM_BINDGEN_VERSION} present"
else
  step "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (a few minutes, once)"
  cargo install --quiet "wasm-bindgen-cli@${WASM_BINDGEN_VERSION}"
fi
done_step

if cargo leptos --version 2>/dev/null | grep -q "${CARGO_LEPTOS_VERSION}"; then
  step "cargo-leptos ${CARGO_LEPTOS_VERSION} present"
else
  step "installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 10 minutes on 2 cores, once)"
  # cargo-leptos's own release profile asks for fat LTO in one codegen unit, which made this the
  # longest step of a first run by far (about 20 minutes on 2 cores); a build tool gains nothing
  # measurable from it.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --quiet --locked "cargo-leptos@${CARGO_LEPTOS_VERSION}" --features no_downloads
fi
done_step

if [ -d node_modules/@playwright/test ] && [ -d node_modules/workbox-build ] && [ -d node_modules/binaryen ] \
   && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  step "npm packages present"
else
  step "installing npm packages (workbox-build, binaryen, the Playwright runner)"
  # `npm install` rather than `npm ci`: npm 11 writes rollup's optional per-platform packages
  # into the lock without versions and `npm ci` then refuses the lock it wrote itself.
  npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
done_step

if $for_tests; then
  if command -v cargo-nextest >/dev/null; then
    step "cargo-nextest present"
  else
    step "installing cargo-nextest"
    cargo install --quiet --locked cargo-nextest
  fi
  done_step

  if .tools/venv/bin/schemathesis --version 2>/dev/null | grep -q "${SCHEMATHESIS_VERSION}"; then
    step "schemathesis ${SCHEMATHESIS_VERSION} present"
  else
    step "installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into .tools/venv (API fuzzing)"
    python3 -m venv .tools/venv
    .tools/venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION}"
  fi
  done_step
fi

took=$((SECONDS - began))
[ "$took" -gt 0 ] && printf 'installing took %dm%02ds\n' $((took / 60)) $((took % 60))
exit 0
