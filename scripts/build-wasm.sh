#!/usr/bin/env bash
# Build the wasm package in pkg/: an optimised wasm module plus the
# wasm-bindgen JS glue and TypeScript types (--target web, which serves
# browsers directly, Node through pkg/node.js and workers through pkg/worker.js).
#
# The simd128 target feature comes from .cargo/config.toml, so the tests and
# this build compile the same code; an outer RUSTFLAGS would override that
# file, so the feature is appended to it here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ -n "${RUSTFLAGS:-}" ]]; then
    export RUSTFLAGS="$RUSTFLAGS -C target-feature=+simd128"
fi

# The crate's version and where cargo puts its output (CARGO_TARGET_DIR may move it).
read -r crate_version target_dir < <(cargo metadata --no-deps --format-version 1 | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        const m = JSON.parse(s); console.log(m.packages[0].version, m.target_directory); });')

# The wasm-release profile (Cargo.toml) optimises for size; its output keeps the name section,
# which scripts/check-size.sh reads for the breakdown by crate.
# No default features: the evaluation code (feature `eval`) is for the CLI and the tests.
cargo build --lib --no-default-features --profile wasm-release --target wasm32-unknown-unknown
wasm-bindgen --target web --remove-name-section \
    --out-dir pkg --out-name cvshield \
    "$target_dir/wasm32-unknown-unknown/wasm-release/cvshield.wasm"

# No wasm-opt: the budget is on the gzipped size, and binaryen 132 (npm) makes this module smaller
# raw but larger gzipped: -Oz 11 % smaller raw, 2 % larger gzipped; -Os (after the NNEF op-set
# trim) 7.65 → 6.95 MB raw but 3.010 → 3.083 MB gzipped, in 7 minutes.

# The profile's TypeScript types (generated and committed by the parser as
# schema/profile.d.ts) are imported by cvshield.d.ts.
cp schema/profile.d.ts pkg/profile.d.ts

# The npm package must carry the crate's version.
pkg_version="$(node -p 'require("./pkg/package.json").version')"
if [[ "$crate_version" != "$pkg_version" ]]; then
    echo "build-wasm: pkg/package.json has version $pkg_version but Cargo.toml has $crate_version" >&2
    exit 1
fi

raw=$(stat -c %s pkg/cvshield_bg.wasm)
gz=$(gzip -9 -c pkg/cvshield_bg.wasm | wc -c)
echo "build-wasm: pkg/cvshield_bg.wasm is $raw bytes, $gz bytes gzipped (budget: 3 MiB = 3145728 bytes gzipped, models included; scripts/check-size.sh)"
