#!/usr/bin/env bash
# Load and size figures for the closing notes. Run through `./dev bench` (which puts the
# tools on PATH). Everything runs on 127.0.0.1; each wrk run is bounded in time.
#   DURATION=10s CONNECTIONS=32 ./dev bench
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$HOME/.cache/career-connects/target}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-3297}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

echo "== release build"
cargo leptos build --release 2>&1 | tail -1
BIN="$TARGET/release/server"
PKG="$ROOT/target/site/pkg"

echo "== release wasm size"
node -e '
const fs = require("fs"), zlib = require("zlib");
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  const gz = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f.split("/").pop()}: raw ${(b.length/1024).toFixed(0)} KiB, gzip ${(gz/1024).toFixed(0)} KiB, brotli ${(br/1024).toFixed(0)} KiB`);
}' "$PKG"/career-connects.wasm "$PKG"/career-connects.js "$PKG"/career-connects.css

echo "== cargo bench (directory index)"
cargo bench -p server --bench directory 2>/dev/null | grep '^directory'

echo "== cargo bench (matching: suggestions and the batch proposal)"
cargo bench -p app --bench matching 2>/dev/null | grep '^matching'

start_server() { # $1 = number of demo profiles, seeded first by a separate process
  local dir; dir=$(mktemp -d)
  local t0; t0=$(date +%s)
  APP_LOG__FILTER=warn "$BIN" --database-url "surrealkv://$dir/db" seed -n "$1" | tail -1
  echo "($(( $(date +%s) - t0 ))s with process start and migrations)"
  APP_DATABASE__URL="surrealkv://$dir/db" APP_SITE__ROOT="$ROOT/target/site" APP_LOG__FILTER=warn \
    APP_ENVIRONMENT=production APP_AUTH__PUBLIC_URL=https://connects.example.org "$BIN" serve --listen "127.0.0.1:$PORT" >/dev/null 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server did not start"; return 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
trap stop_server EXIT

if [ -z "${QUICK:-}" ]; then # QUICK=1 skips the 100,000-profile memory run (~2 min)
  echo "== memory with 100,000 profiles"
  start_server 100000
  curl -fsS "http://127.0.0.1:$PORT/healthz"; echo
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/volunteers?q=librarian"
  grep -E 'VmRSS|VmHWM' "/proc/$SERVER_PID/status"
  stop_server
fi

echo "== throughput with 10,000 profiles (wrk -t1 -c$CONNECTIONS -d$DURATION)"
start_server 10000
for path in "/guidelines" "/signin" "/volunteers" "/volunteers?role=academic-librarian&mode=video" "/volunteers?q=records" "/volunteers?page=40"; do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"
  printf '%-52s ' "$path"
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" \
    | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%8s req/s  p50 %s  p99 %s\n", rps, p50, p99}'
done
stop_server
