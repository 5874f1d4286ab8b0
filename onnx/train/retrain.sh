#!/usr/bin/env bash
# Retrain both taggers on a generated corpus and print one before/after table — the one command.
#
#   bash onnx/train/retrain.sh GOLD_DIR --version X.Y.Z [--epochs N] [--deploy] [retrain.py/train.py flags…]
#
# GOLD_DIR is a `python -m cvgen generate` folder (with splits.json). Featurizes it through the
# cvshield CLI (`cvgen dataset`), trains the parser and the anonymizer with the active versions'
# architecture, and writes onnx/models/<name>/X.Y.Z/ (or --models-dir DIR's); the table (span F1 on
# the validation and leave-templates-out test splits, `eval parse` / `eval anonymize` on both real
# corpora, before and after) goes to stdout and into each new card.md and metrics.json.
# registry.json changes only with --deploy. Details: onnx/train/README.md, retrain.py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -x "$here/.venv/bin/python" ] || bash "$here/setup.sh"
export PYTHONHASHSEED=0
exec "$here/.venv/bin/python" "$here/retrain.py" "$@"
