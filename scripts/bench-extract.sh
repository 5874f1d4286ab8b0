#!/usr/bin/env bash
# Benchmark cvshield's wasm PDF extraction against pdf.js (pdfjs-dist 5.6.205)
# on the corpus and fixture PDFs. Builds pkg/ first if it is missing.
#   scripts/bench-extract.sh [--check]    BENCH_REPS=15 BENCH_WARMUP=3
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f pkg/cvshield_bg.wasm ]; then
  bash scripts/build-wasm.sh
fi
(cd bench && npm ci --no-audit --no-fund --loglevel=error)
node bench/extract-vs-pdfjs.mjs "$@"
