#!/usr/bin/env bash
# The performance report in one command: runs every benchmark and writes
# target/reports/index.html (self-contained: inline SVG, no external requests)
# and target/reports/report.json.
#
#   bash scripts/report.sh [--quick]       (--quick: fewer runs, for a smoke check)
#
# Steps: benchmark PDFs (bench/make-docs.mjs) → native criterion stages
# (benches/stages.rs) → native scaling and peak heap (benches/scaling.rs) →
# wasm beside pdf.js and Presidio, wasm memory (bench/peers.mjs) → the page
# (bench/report.mjs), which also shows target/reports/size.json (the wasm size
# check) and target/reports/reliability-*.json when they exist.
# Builds pkg/ if it is missing (scripts/build-wasm.sh) and makes the Presidio
# venv if it is missing (bench/presidio/setup.sh, needs PyPI once; the report
# says so if that fails). Set NO_PRESIDIO=1 to skip Presidio.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
[[ "${1:-}" == "--quick" ]] && quick=(--quick)
# BENCH_MAX_PAGES=10: scaling only up to that many pages (a quicker run; growth is linear since
# perf2, but the 100-page document still takes seconds per stage in wasm).
maxp=()
[[ -n "${BENCH_MAX_PAGES:-}" ]] && maxp=(--max-pages "$BENCH_MAX_PAGES")

# Thin-local LTO and parallel codegen for the bench binaries: a fat-LTO link of
# tract takes minutes on every edit; the shipped release profile (fat LTO, one
# codegen unit) is a few per cent faster, so these figures lean pessimistic.
export CARGO_PROFILE_BENCH_LTO="${CARGO_PROFILE_BENCH_LTO:-false}"
export CARGO_PROFILE_BENCH_CODEGEN_UNITS="${CARGO_PROFILE_BENCH_CODEGEN_UNITS:-16}"
# BENCH_PROFILE=dev: reuse the dependencies `cargo test` already built (dev profile, opt-level 2) and
# build only cvshield at opt-level 3 — minutes instead of a release build of tract; figures lean slower.
export BENCH_PROFILE="${BENCH_PROFILE:-bench}"
profile="$BENCH_PROFILE"
[[ "$profile" == dev ]] && export CARGO_PROFILE_DEV_OPT_LEVEL=3

mkdir -p target/reports
node bench/make-docs.mjs > /dev/null
[[ -d bench/node_modules/pdfjs-dist ]] || (cd bench && npm ci --no-audit --no-fund --loglevel=error)
[[ -f pkg/cvshield_bg.wasm ]] || bash scripts/build-wasm.sh

presidio=()
if [[ -n "${NO_PRESIDIO:-}" ]]; then
  presidio=(--no-presidio)
elif [[ ! -x bench/presidio/.venv/bin/python ]]; then
  bash bench/presidio/setup.sh || echo "report: Presidio could not be set up; the report will say so" >&2
fi

cargo bench --profile "$profile" --bench stages -- "${quick[@]}"
cargo bench --profile "$profile" --bench scaling -- "${quick[@]}" "${maxp[@]}"
node --expose-gc bench/peers.mjs "${quick[@]}" "${maxp[@]}" "${presidio[@]}"
node bench/report.mjs
echo "report: open target/reports/index.html"
