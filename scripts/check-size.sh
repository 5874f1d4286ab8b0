#!/usr/bin/env bash
# Fail when the published wasm module (pkg/cvshield_bg.wasm, embedded models included) is over its
# gzip budget, and print where the bytes go, by crate.
#
#   bash scripts/check-size.sh            # after scripts/build-wasm.sh
#   bash scripts/check-size.sh --warn-only   # print and record, but exit 0 when over budget
#
# Writes target/reports/size.json ({raw, gzip, budget, topCrates: [{name, bytes}]}) for the
# performance report (scripts/report.sh).
#
# Budget: 3 MiB gzipped (3,145,728 bytes), the Cloudflare Workers free-plan limit on a worker's
# gzipped size ("Your Worker exceeded the size limit of 3 MiB"), so the worker in www/ deploys on
# the free plan; its JS glue (~7 KB gzipped) counts too, so keep some room. CVSHIELD_WASM_GZ_BUDGET
# overrides it (bytes). Exit 1 when over: scripts/test.sh fails CI on it. The breakdown reads the
# cargo output, which keeps the name section that the published module drops.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

budget="${CVSHIELD_WASM_GZ_BUDGET:-3145728}"
warn_only=0
[[ "${1:-}" == --warn-only ]] && warn_only=1
module=pkg/cvshield_bg.wasm
target_dir="$(cargo metadata --no-deps --format-version 1 | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')"
named="$target_dir/wasm32-unknown-unknown/wasm-release/cvshield.wasm"

if [[ ! -f "$module" ]]; then
    echo "check-size: $module is missing; run scripts/build-wasm.sh first" >&2
    exit 1
fi

raw=$(stat -c %s "$module")
gz=$(gzip -9 -c "$module" | wc -c)
mkdir -p "$target_dir/reports"
if [[ -f "$named" ]]; then
    node scripts/wasm-breakdown.mjs "$named" 25 | tee "$target_dir/reports/size-breakdown.txt"
else
    echo "check-size: no $named for the breakdown by crate"
fi
echo "check-size: $module is $raw bytes, $gz bytes gzipped; budget $budget bytes gzipped"
# The report's figures: the crate rows of the breakdown ("<bytes> <crate>" lines, largest first).
node -e '
    const fs = require("fs");
    const [raw, gz, budget, file, out] = process.argv.slice(1);
    const rows = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n") : [];
    const topCrates = rows.map((l) => l.trim().match(/^([0-9]+)\s+[0-9.]+%\s+([A-Za-z_][A-Za-z0-9_]*)$/))
        .filter(Boolean).map((m) => ({ name: m[2], bytes: Number(m[1]) }));
    fs.writeFileSync(out, JSON.stringify({ raw: +raw, gzip: +gz, budget: +budget, topCrates }, null, 1) + "\n");
' "$raw" "$gz" "$budget" "$target_dir/reports/size-breakdown.txt" "$target_dir/reports/size.json"
if ((gz > budget)); then
    echo "check-size: FAIL: $module is $gz bytes gzipped, $((gz - budget)) bytes over the $budget-byte budget" >&2
    echo "check-size: the breakdown above (and $target_dir/reports/size-breakdown.txt) shows where the bytes go" >&2
    ((warn_only)) && { echo "check-size: --warn-only: not failing the run" >&2; exit 0; }
    exit 1
fi
echo "check-size: ok, $((budget - gz)) bytes gzipped to spare"
