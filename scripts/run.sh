#!/usr/bin/env bash
# THE main job: build the wasm package and serve, on 127.0.0.1, the page
# (www/, extraction in a Web Worker) and the edge worker (www/worker/, through
# wrangler dev). Ctrl-C stops both.
#
#   bash scripts/run.sh            serve until interrupted
#   bash scripts/run.sh --check    start both, check each answers, stop
#
# Ports: CVSHIELD_PAGE_PORT (default 8080), CVSHIELD_WORKER_PORT (default 8787).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# No telemetry, and no fetch of Cloudflare's Request.cf sample: stay local.
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

PAGE_PORT="${CVSHIELD_PAGE_PORT:-8080}"
WORKER_PORT="${CVSHIELD_WORKER_PORT:-8787}"
PAGE_URL="http://127.0.0.1:$PAGE_PORT/"
WORKER_URL="http://127.0.0.1:$WORKER_PORT/"
CHECK=false
[[ "${1:-}" == "--check" ]] && CHECK=true

bash scripts/setup.sh
bash scripts/build-wasm.sh

pids=()
stop() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

node scripts/serve.mjs --port "$PAGE_PORT" &
pids+=($!)
node_modules/.bin/wrangler dev --config www/worker/wrangler.toml \
    --ip 127.0.0.1 --port "$WORKER_PORT" --show-interactive-dev-session=false &
pids+=($!)

# wait_for URL: until it answers (wrangler needs a few seconds to bundle).
wait_for() {
    local tries=0
    until curl -fs -o /dev/null "$1"; do
        tries=$((tries + 1))
        if ((tries > 120)); then
            echo "run: $1 did not come up" >&2
            return 1
        fi
        sleep 0.5
    done
}
wait_for "$PAGE_URL"
wait_for "${WORKER_URL}health"

echo
echo "run: page   $PAGE_URL  (choose or drop a CV; it is read in your browser)"
echo "run: worker ${WORKER_URL}docs  (API docs; e.g. curl --data-binary @cv.pdf ${WORKER_URL}extract)"

if $CHECK; then
    curl -fsS "${WORKER_URL}health"
    echo
    for route in extract parse "anonymize?level=thorough"; do
        code=$(curl -sS -o /dev/null -w '%{http_code}' --data-binary @tests/fixtures/wasm/hello.txt "${WORKER_URL}$route")
        echo "run: POST /$route of a text file answered $code"
        [[ "$code" == 200 ]]
    done
    code=$(curl -sS -o /dev/null -w '%{http_code}' "${WORKER_URL}openapi.json")
    echo "run: GET /openapi.json answered $code"
    [[ "$code" == 200 ]]
    exit
fi
echo "run: Ctrl-C to stop"
wait -n "${pids[@]}"
