#!/usr/bin/env bash
# Create onnx/train/.venv with the pinned training packages (JAX CPU, optax, onnx, onnxruntime).
# Usage: bash onnx/train/setup.sh      (run.sh calls it when the venv is missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
echo "setup: ok ($(.venv/bin/python --version))"
