#!/usr/bin/env bash
# No request that /api/openapi.json allows makes the server answer 5xx: schemathesis (from
# PyPI, in .tools/venv, installed by scripts/install.sh) generates requests from the document,
# valid and invalid, signed in as the demo helper, against the real server on a fresh SQLite
# database with demo data. Usage: scripts/api_fuzz.sh [SERVER_BINARY] (default: the debug build).
# ONEDOOR_FUZZ_USER=admin signs in as the demo admin instead (password, then the demo's second
# factor from `onedoor demo-totp`), so that the admin pages are reached past their gate;
# ONEDOOR_FUZZ_PATHS=REGEX fuzzes only the paths it matches (e.g. '^/admin').
# ONEDOOR_FUZZ_VENV: another checkout's .tools/venv.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/debug/onedoor}
EXAMPLES=${ONEDOOR_FUZZ_EXAMPLES:-40}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ONEDOOR_DATABASE_URL="sqlite://$work/fuzz.db" ONEDOOR_LISTEN="127.0.0.1:$port" ONEDOOR_DEMO_DATA=true \
  ONEDOOR_SMS_OUTBOX="$work/sms.log" ONEDOOR_ATTACHMENT_DIR="$work/attachments" ONEDOOR_LOG=warn \
  "$BIN" serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
user=${ONEDOOR_FUZZ_USER:-helper}
first_cookie() { tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1; }
cookie=$(curl -fsS -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"username\":\"$user\",\"password\":\"onedoor-demo\"}" "$base/api/auth/login" | first_cookie)
[ -n "$cookie" ] || { echo "could not sign in as the demo $user"; exit 1; }
if [ "$user" != helper ]; then
  # A second factor: the pending sign-in's cookie and the demo secret's current code.
  code=$(ONEDOOR_DATABASE_URL="sqlite://$work/fuzz.db" "$BIN" demo-totp)
  cookie=$(curl -fsS -D - -o /dev/null -H 'content-type: application/json' -H "Cookie: $cookie" \
    -d "{\"code\":\"$code\"}" "$base/api/auth/totp" | first_cookie)
  [ -n "$cookie" ] || { echo "the demo $user's second factor was refused"; exit 1; }
fi
only=()
[ -n "${ONEDOOR_FUZZ_PATHS:-}" ] && only=(--include-path-regex "$ONEDOOR_FUZZ_PATHS")
# Signing out would end the session the rest of the run uses; it is tested on its own.
status=0
"${ONEDOOR_FUZZ_VENV:-.tools/venv}"/bin/schemathesis run "$base/api/openapi.json" \
  --checks not_a_server_error --max-examples "$EXAMPLES" --seed 1 \
  --exclude-path /api/auth/logout "${only[@]}" -H "Cookie: $cookie" --warnings off || status=$?
if grep -q " ERROR " "$work/server.log"; then
  echo "server log errors:"; grep " ERROR " "$work/server.log" | head -20
fi
exit $status
