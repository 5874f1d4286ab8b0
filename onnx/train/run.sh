#!/usr/bin/env bash
# Train, export (float + int8 ONNX), evaluate and document cvshield's taggers — the one command.
#
#   bash onnx/train/run.sh [parser|anonymizer|all] [extra train.py flags…]
#
# Reads $CVSHIELD_DATASET (default ../data-full/datasets/v2 beside the repo: parser.{train,validation,test}.jsonl
# and anonymizer.*.jsonl from `python -m cvgen dataset`, features by the Rust featurizer) and
# $CVSHIELD_EXTRACTED (default ../data-full/extracted.jsonl beside the repo: `cvshield extract --json` output,
# for the committed eval and validation samples). Writes onnx/models/<name>/<version>/{model.int8.onnx,
# model.float.onnx, spec.json, metrics.json, card.md, eval-sample.jsonl.gz, validation-sample.jsonl.gz}.
# Seeds are fixed.
# Then `cvshield models deploy <name>@<version>` (checks, re-evaluates, updates onnx/registry.json;
# the next build embeds it) and run
# `cargo test --test integration model_int8::`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
which="${1:-all}"
shift || true
[ -x "$here/.venv/bin/python" ] || bash "$here/setup.sh"
data="${CVSHIELD_DATASET:-$here/../../../data-full/datasets/v2}"
extracted="${CVSHIELD_EXTRACTED:-$here/../../../data-full/extracted.jsonl}"
case "$which" in
  all) models=(parser anonymizer) ;;
  parser|anonymizer) models=("$which") ;;
  *) echo "usage: bash onnx/train/run.sh [parser|anonymizer|all] [train.py flags]" >&2; exit 2 ;;
esac
export PYTHONHASHSEED=0
for m in "${models[@]}"; do
  "$here/.venv/bin/python" "$here/train.py" "$m" --data "$data" --extracted "$extracted" \
    --out "$here/../models" "$@"
done
