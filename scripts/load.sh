#!/usr/bin/env bash
# Bounded load test of the edge worker on loopback: the wrangler bundle runs in
# workerd (through Miniflare) on 127.0.0.1 and tests/js/load.mjs sends mixed
# documents from tests/fixtures to /extract, /parse and /anonymize.
#
#   scripts/load.sh                         4 rounds of 2,000 requests at 50 concurrent, cache off
#   scripts/load.sh --rounds 1 --requests 500 --concurrency 10 --cache on
#   scripts/load.sh --keep-alive on --concurrency 150   shows the connection-reset race (see load.mjs)
#
# Prints errors, latency p50/p90/p99 per round and overall, and at the end of
# each round the isolate's JS heap after a full GC, its wasm memory and workerd's
# RSS (see load.mjs for what each tells); writes target/reports/reliability-load.json;
# exits 1 on any error (a non-200 status or a failed connection) or when the
# live memory (JS heap, wasm) still grows over the second half of the rounds. The recorded run is
# committed as tests/js/load-results.json (cp target/reports/reliability-load.json there).
# Needs pkg/ (bash scripts/build-wasm.sh) and node_modules (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
[ -f pkg/cvshield_bg.wasm ] || { echo "load: build pkg/ first: bash scripts/build-wasm.sh" >&2; exit 2; }
[ -d node_modules/miniflare ] || npm ci --no-audit --no-fund --loglevel=error
exec node tests/js/load.mjs --requests 2000 --concurrency 50 --rounds 4 "$@"
