#!/usr/bin/env bash
# Measures the bot's start-up time (process start → /healthz answers) and its
# idle memory (VmRSS after 10 s idle) on SQLite and on PostgreSQL, against the
# fake Bot API server on loopback. Usage: scripts/startup-rss.sh [postgres-admin-url]
set -euo pipefail
cd "$(dirname "$0")/.."
admin=${1:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/crmbot" . && go build -o "$work/fakeapi" ./cmd/fakebotapi
"$work/fakeapi" -addr 127.0.0.1:18181 >"$work/fake.log" 2>&1 &
until curl -sf -o /dev/null "http://127.0.0.1:18181/_test/stats"; do sleep 0.05; done
db=crmbot_startup_$$
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
trap 'kill $(jobs -p) 2>/dev/null || true; psql "$admin" -qc "DROP DATABASE IF EXISTS $db" >/dev/null; rm -rf "$work"' EXIT
for kind in sqlite postgres; do
  url=""
  [ "$kind" = postgres ] && url="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
  (cd "$work" && exec env TELEGRAM_BOT_TOKEN=123456789:TEST-fake-bot-api-token TELEGRAM_API_URL=http://127.0.0.1:18181 \
    DATABASE_URL="$url" OWNER_TELEGRAM_IDS=1 LISTEN_ADDR=127.0.0.1:18180 ./crmbot >"bot-$kind.log" 2>&1) &
  pid=$!
  start=$(date +%s%N)
  until curl -sf -o /dev/null http://127.0.0.1:18180/healthz; do sleep 0.005; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf '%-8s ready in %4d ms (%s), idle RSS %.1f MB\n' "$kind" "$ready" \
    "$(grep -o 'startup=[^ ]*' "$work/bot-$kind.log")" "$(echo "$rss/1024" | bc -l)"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
