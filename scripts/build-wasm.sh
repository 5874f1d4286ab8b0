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
cargo build --lib --profile wasm-release --target wasm32-unknown-unknown
wasm-bindgen --target web --remove-name-section \
    --out-dir pkg --out-name cvshield \
    "$target_dir/wasm32-unknown-unknown/wasm-release/cvshield.wasm"

# Binaryen's size optimiser (npm package `binaryen`, pinned in package.json and installed by
# scripts/setup.sh; Debian's wasm-opt is too old for this module). The features are rustc's for
# wasm32 plus simd128; the JS glue stays valid since exports and imports keep their names.
wasm_opt=node_modules/.bin/wasm-opt
if [[ ! -x "$wasm_opt" ]]; then
    echo "build-wasm: $wasm_opt is missing; run scripts/setup.sh" >&2
    exit 1
fi
"$wasm_opt" -Oz --enable-simd --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o pkg/cvshield_bg.wasm pkg/cvshield_bg.wasm

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
echo "build-wasm: pkg/cvshield_bg.wasm is $raw bytes, $gz bytes gzipped (budget: 3 MB gzipped with models)"
