#!/usr/bin/env bash
# Writes what `cvshield parse` and `cvshield anonymize --format json` (all three levels) give on
# both real-world sets and the synthetic fixtures, one file per input and command, into OUT_DIR.
# Two snapshots (before and after a change) compare with `diff -r`: a refactor that keeps
# behaviour leaves them byte-identical.
#
#   bash scripts/snapshot-outputs.sh OUT_DIR [CVSHIELD_BINARY]
#
# The corpus is $CVSHIELD_CORPUS_ROOT (default: ../shared/corpus beside the repo).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: snapshot-outputs.sh OUT_DIR [CVSHIELD_BINARY]}"
bin="${2:-$ROOT/target/debug/cvshield}"
corpus="${CVSHIELD_CORPUS_ROOT:-$ROOT/../shared/corpus}"
mkdir -p "$out"
inputs=()
for dir in "$corpus/realworld" "$corpus/realworld-2" "$ROOT/tests/fixtures/synthetic-test"; do
    [[ -d "$dir" ]] || { echo "snapshot: missing $dir" >&2; exit 2; }
    while IFS= read -r f; do inputs+=("$f"); done < <(find "$dir" -type f ! -name '*.json' ! -name 'README.md' | sort)
done
n=0
for f in "${inputs[@]}"; do
    name="$(basename "$(dirname "$f")")__$(basename "$f")"
    # Errors are part of the behaviour too: keep the exit status and standard error.
    { "$bin" parse "$f" > "$out/$name.parse.json" 2> "$out/$name.parse.err"; echo "exit $?" >> "$out/$name.parse.err"; } || true
    for level in basic moderate thorough; do
        { "$bin" anonymize --format json --level "$level" "$f" > "$out/$name.$level.json" 2> "$out/$name.$level.err"; echo "exit $?" >> "$out/$name.$level.err"; } || true
    done
    n=$((n + 1))
done
echo "snapshot: $n inputs × 4 outputs in $out"
