#!/usr/bin/env bash
# Install whatever the build and tests need and is missing, and nothing else.
#
# Idempotent and quick when everything is present: each step checks first and
# says what it found. Assumes a Debian machine with rustup, cargo, Node 20, npm
# and python3, run as root with apt reachable (the project's machines and CI).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'setup: %s\n' "$*"; }

# --- Rust target -----------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rust target wasm32-unknown-unknown: present"
else
    say "rust target wasm32-unknown-unknown: adding"
    rustup target add wasm32-unknown-unknown
fi

# --- wasm-bindgen CLI: must match the library version in Cargo.lock ---------
# The CLI and the `wasm-bindgen` crate share a schema version; a mismatch
# fails at bindgen time, so the lock file is the single source of truth.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ -z "$WB_VERSION" ]]; then
    say "cannot find the wasm-bindgen version in Cargo.lock" >&2
    exit 1
fi
have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
have_runner="$(command -v wasm-bindgen-test-runner || true)"
if [[ "$have_wb" == "wasm-bindgen $WB_VERSION" && -n "$have_runner" ]]; then
    say "wasm-bindgen-cli $WB_VERSION: present"
else
    say "wasm-bindgen-cli $WB_VERSION: installing (found '${have_wb:-none}'; takes a few minutes)"
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- Debian packages ---------------------------------------------------------
# chromium + chromium-driver: headless browser for the wasm-bindgen tests and
# the page tests; poppler-utils: pdftotext, the reference for comparison scripts,
# and pdftoppm, which renders scanned PDF pages for OCR; tesseract-ocr and its
# language packs: native OCR of scans (the languages the parser reads).
apt_missing=()
[[ -x /usr/bin/chromium ]] || apt_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_missing+=(chromium-driver)
command -v pdftotext >/dev/null 2>&1 || apt_missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || apt_missing+=(tesseract-ocr)
for lang in eng deu fra spa por ita; do
    [[ -f "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ]] || apt_missing+=("tesseract-ocr-$lang")
done
if ((${#apt_missing[@]} == 0)); then
    say "apt packages chromium, chromium-driver, poppler-utils, tesseract-ocr (eng deu fra spa por ita): present"
else
    say "apt packages: installing ${apt_missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi

# --- npm packages (wrangler/miniflare for the worker, playwright-core for the page) ---
# `npm ci` installs exactly the lock file; a stamp of the lock's hash inside
# node_modules says whether the installed tree still matches it.
export WRANGLER_SEND_METRICS=false
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.cvshield-lock.sha256
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_hash" ]]; then
    say "npm packages: present"
else
    say "npm packages: installing with npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_hash" >"$stamp"
fi

say "done"
