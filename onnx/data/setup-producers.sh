#!/usr/bin/env bash
# Install the third-party CV producers `cvgen generate --real` renders through, pinned: TeX Live
# (moderncv and the other CV classes, pdfTeX and XeLaTeX, fonts), pandoc, poppler (the text
# layer the gold labels are read back from), rendercv + typst (PyPI, requirements-producers.txt)
# and the JSON Resume themes (npm, jsonresume/package.json + package-lock.json).
# Usage: bash onnx/data/setup-producers.sh   (or: bash onnx/data/setup.sh --producers)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

need_apt=()
kpsewhich moderncv.cls >/dev/null 2>&1 || need_apt+=(texlive-latex-extra)
kpsewhich fontawesome5.sty >/dev/null 2>&1 || need_apt+=(texlive-fonts-extra)
# With --no-install-recommends these come with nothing above: europasscv needs soul, and
# hyperref's links under XeLaTeX the ZapfDingbats metrics.
kpsewhich soul.sty >/dev/null 2>&1 || need_apt+=(texlive-plain-generic)
kpsewhich pzdr.tfm >/dev/null 2>&1 || need_apt+=(texlive-fonts-recommended)
command -v xelatex >/dev/null 2>&1 || need_apt+=(texlive-xetex)
command -v pandoc >/dev/null 2>&1 || need_apt+=(pandoc)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need_apt+=(fonts-dejavu-core fonts-dejavu-extra)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-producers: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-producers.txt
(cd jsonresume && npm ci --no-audit --no-fund --silent)
echo "setup-producers: ok ($(pdflatex --version | head -1); $(pandoc --version | head -1); rendercv $(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("rendercv"))'))"
