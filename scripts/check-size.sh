#!/usr/bin/env bash
# Fail when the published wasm module (pkg/cvshield_bg.wasm, embedded models included) is over its
# gzip budget, and print where the bytes go, by crate.
#
#   bash scripts/check-size.sh            # after scripts/build-wasm.sh
#
# Budget: 3 MB gzipped (3,000,000 bytes), the Cloudflare Workers free-plan script limit, so the
# worker in www/ deploys on it; CVSHIELD_WASM_GZ_BUDGET overrides it (bytes). The breakdown reads
# the cargo output, which keeps the name section that the published module drops.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

budget="${CVSHIELD_WASM_GZ_BUDGET:-3000000}"
module=pkg/cvshield_bg.wasm
target_dir="$(cargo metadata --no-deps --format-version 1 | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')"
named="$target_dir/wasm32-unknown-unknown/wasm-release/cvshield.wasm"

if [[ ! -f "$module" ]]; then
    echo "check-size: $module is missing; run scripts/build-wasm.sh first" >&2
    exit 1
fi

raw=$(stat -c %s "$module")
gz=$(gzip -9 -c "$module" | wc -c)
if [[ -f "$named" ]]; then
    node scripts/wasm-breakdown.mjs "$named" 25
else
    echo "check-size: no $named for the breakdown by crate"
fi
echo "check-size: $module is $raw bytes, $gz bytes gzipped; budget $budget bytes gzipped"
if ((gz > budget)); then
    echo "check-size: FAIL: $((gz - budget)) bytes gzipped over budget" >&2
    exit 1
fi
echo "check-size: ok, $((budget - gz)) bytes gzipped to spare"
