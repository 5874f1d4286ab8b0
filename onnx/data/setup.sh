#!/usr/bin/env bash
# Install what the synthetic CV pipeline needs: a Python venv with the pinned packages, and the
# Debian document producers (LibreOffice Writer, Chromium) and fonts, only if they are missing.
# Usage: bash onnx/data/setup.sh [--producers]   (then: onnx/data/.venv/bin/python -m cvgen ...)
# --producers also installs the third-party CV producers (setup-producers.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

need_apt=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
[ -d /usr/share/fonts/truetype/liberation ] || need_apt+=(fonts-liberation)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # LibreOffice Writer without the GUI is enough; fall back to the full package name on older releases
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" \
    || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
         "${need_apt[@]/libreoffice-writer-nogui/libreoffice-writer}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
if [ "${1:-}" = "--producers" ]; then
  bash "$here/setup-producers.sh"
fi
echo "setup: ok ($(.venv/bin/python --version), $(command -v soffice || command -v libreoffice), $(command -v chromium || command -v chromium-browser))"
